"""Encoding detection: every encoding round trip, BOMs, replacements, refusals."""

from __future__ import annotations

import codecs
import contextlib
import random
from pathlib import Path

import pytest

from zhengce.ingest.decode import (
    NotText,
    common_characters,
    decode_bytes,
    dictionary_word_share,
    plausible_share,
)

DATA = Path(__file__).parent / "data"


def _texts(name: str) -> list[str]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


SIMPLIFIED = _texts("simplified.txt")
TRADITIONAL = _texts("traditional.txt")
# (encoding used to write the bytes, name the detector must report)
SIMPLIFIED_ENCODINGS = [
    ("utf-8", "utf-8"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),  # GBK is a subset of GB18030
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
]
TRADITIONAL_ENCODINGS = [*SIMPLIFIED_ENCODINGS, ("cp950", "big5"), ("big5", "big5")]


def _cases(texts: list[str], encodings: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [(text, enc, name) for text in texts for enc, name in encodings]


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    _cases(SIMPLIFIED, SIMPLIFIED_ENCODINGS) + _cases(TRADITIONAL, TRADITIONAL_ENCODINGS),
)
def test_round_trip(text: str, encoding: str, expected: str) -> None:
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.name == expected
    assert decoded.reason
    assert 0.5 <= decoded.confidence <= 1.0
    assert not decoded.replaced_count


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
@pytest.mark.parametrize("text", [SIMPLIFIED[0], TRADITIONAL[5], "ascii only\n"])
def test_bom_decides_and_is_not_part_of_the_text(
    bom: bytes, codec: str, name: str, text: str
) -> None:
    decoded = decode_bytes(bom + text.encode(codec))
    assert decoded.text == text
    assert not decoded.text.startswith("\ufeff")
    assert decoded.name == name
    assert decoded.bom == name
    assert decoded.as_metadata()["bom"] == name
    assert "byte-order mark" in decoded.reason


def test_metadata_shape() -> None:
    info = decode_bytes(SIMPLIFIED[3].encode("gb18030")).as_metadata()
    assert set(info) == {"name", "reason", "confidence"}
    assert info["name"] == "gb18030"


def test_ascii_is_read_as_utf8_with_full_confidence() -> None:
    decoded = decode_bytes(b"Plain ASCII text.\n")
    assert (decoded.name, decoded.confidence) == ("utf-8", 1.0)


def test_short_gb_text_that_is_valid_utf8_by_chance() -> None:
    data = "通知".encode("gb18030")  # CD A8 D6 AA: two valid 2-byte UTF-8 sequences
    data.decode("utf-8")  # the premise of the test
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.name) == ("通知", "gb18030")
    assert decoded.confidence < 1.0


def test_utf16_with_ascii_without_bom() -> None:
    text = "Report 2024: 会议强调，要推动区域协调发展。\n"
    for codec in ("utf-16-le", "utf-16-be"):
        decoded = decode_bytes(text.encode(codec))
        assert (decoded.text, decoded.name) == (text, codec)
        assert "NUL" in decoded.reason


def test_invalid_bytes_are_replaced_and_recorded_with_offsets() -> None:
    good = SIMPLIFIED[7].encode("utf-8")
    data = good[:30] + b"\xff" + good[30:] + b"\xe4\xbd"  # a stray byte and a cut character
    decoded = decode_bytes(data)
    assert decoded.name == "utf-8"
    assert decoded.text.count("\ufffd") == 2
    assert decoded.replaced_count == 3
    offsets = [item["offset"] for item in decoded.replacements]
    assert offsets == [30, len(good) + 1]
    assert decoded.replacements[0]["bytes"] == "ff"
    info = decoded.as_metadata()
    assert info["replacements"] == decoded.replacements
    assert info["replaced_count"] == 3
    assert "invalid" in decoded.reason


def test_replacement_offsets_count_the_bom() -> None:
    data = codecs.BOM_UTF8 + "会议".encode() + b"\xff" + "召开".encode()
    decoded = decode_bytes(data)
    assert decoded.replacements == [{"offset": 3 + 6, "bytes": "ff"}]


def test_gb18030_with_an_invalid_byte() -> None:
    text = SIMPLIFIED[8]
    cut = len(text[:20].encode("gb18030"))  # a character boundary
    data = text[:20].encode("gb18030") + b"\x80" + text[20:].encode("gb18030")
    decoded = decode_bytes(data)
    assert decoded.name == "gb18030"
    assert decoded.replaced_count == 1
    assert decoded.replacements[0]["offset"] == cut
    assert decoded.text.replace("\ufffd", "") == SIMPLIFIED[8]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG image"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), "ELF executable"),
        (bytes(range(32)) * 20, "binary file"),
        (b"\x00" * 100, "binary file"),
        (random.Random(7).randbytes(4000), "binary file"),
        (bytes(b | 0x80 for b in random.Random(3).randbytes(3000)), "undecodable"),
        ("政策を推進する会議が開かれた。".encode("shift_jis") * 3, "undecodable"),
        (b"caf\xe9 au lait, cr\xe8me br\xfbl\xe9e\n" * 3, "undecodable"),
    ],
)
def test_refusals(data: bytes, message: str) -> None:
    with pytest.raises(NotText, match=message) as caught:
        decode_bytes(data)
    assert "\n" not in str(caught.value)


def test_declared_charset_is_believed_when_clean() -> None:
    text = "会议召开"  # too short for detection to be sure on its own
    decoded = decode_bytes(text.encode("gbk"), declared="gb18030")
    assert (decoded.text, decoded.name) == (text, "gb18030")
    assert "declared" in decoded.reason


def test_utf8_beats_a_wrong_declaration() -> None:
    text = SIMPLIFIED[6]
    decoded = decode_bytes(text.encode("utf-8"), declared="gb18030")
    assert (decoded.text, decoded.name) == (text, "utf-8")
    assert "declares gb18030" in decoded.reason


def test_common_characters_come_from_both_standards() -> None:
    common = common_characters()
    assert {"的", "发", "展", "發", "國", "，", "。"} <= common
    assert "い" not in common  # kana: what Big5 bytes become in GB2312
    assert plausible_share("推动区域协调发展") == 1.0
    assert plausible_share("崩笆跋办いΣ") < 0.8


def test_dictionary_words_separate_real_text_from_lookalikes() -> None:
    # Big5 推動區域 read as GB18030 is 崩笆跋办: common characters, but no words.
    assert dictionary_word_share("推動區域") == 1.0
    assert dictionary_word_share("崩笆跋办") == 0.0


def _window_accuracy(texts: list[str], codec: str, width: int, trials: int = 200) -> float:
    rng = random.Random(width)
    good = 0
    long_enough = [text for text in texts if len(text) >= width]
    for _ in range(trials):
        text = rng.choice(long_enough)
        start = rng.randrange(len(text) - width + 1)
        window = text[start : start + width]
        with contextlib.suppress(NotText):
            good += decode_bytes(window.encode(codec)).text == window
    return good / trials


@pytest.mark.parametrize(
    ("texts", "codec", "width", "minimum"),
    [
        (SIMPLIFIED, "gb18030", 2, 0.95),
        (SIMPLIFIED, "gb18030", 4, 0.99),
        (TRADITIONAL, "cp950", 2, 0.9),
        (TRADITIONAL, "cp950", 4, 0.97),
        (TRADITIONAL, "gb18030", 4, 0.99),
        (SIMPLIFIED, "utf-16-le", 6, 0.98),
        (TRADITIONAL, "cp950", 10, 1.0),
        (SIMPLIFIED, "gb18030", 10, 1.0),
    ],
)
def test_accuracy_on_short_windows(
    texts: list[str], codec: str, width: int, minimum: float
) -> None:
    """Short snippets are the hard case: GB18030 decodes almost any Big5 bytes."""
    assert _window_accuracy(texts, codec, width) >= minimum


def test_large_file_is_judged_on_a_prefix_and_decoded_in_full() -> None:
    from zhengce.ingest.decode import TRIAL_BYTES

    text = "\n".join(TRADITIONAL) + "\n"
    body = text.encode("cp950")
    leads, offset = set(), 0
    for char in text:
        size = len(char.encode("cp950"))
        if size == 2:
            leads.add(offset)
        offset += size
    # Pad with ASCII so that the prefix ends on the first byte of a two-byte character.
    pad = next(k for k in range(len(body)) if (TRIAL_BYTES - 1 - k) % len(body) in leads)
    data = b"x" * pad + body * (TRIAL_BYTES // len(body) + 3)
    damaged = data + b"\xff" + "結束".encode("cp950")
    decoded = decode_bytes(damaged)
    assert decoded.name == "big5"
    assert decoded.text.endswith("\ufffd結束")
    assert decoded.replacements == [{"offset": len(data), "bytes": "ff"}]
