from __future__ import annotations

import json
import random
import re
import time
import unicodedata
from collections import Counter
from typing import Any

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import pinyin

from tests.conftest import CORPUS_MD, GOLD, seed_path
from zhengce.model import Document, rebuild_raw
from zhengce.normalize.mojibake import repair_gbk_mojibake
from zhengce.pipeline import normalize

# --- the damage, simulated on bytes ------------------------------------------


def lenient_gbk_decode(data: bytes) -> str:
    """Decode GBK as a forgiving legacy decoder does (code page 936).

    A well-formed pair decodes (user-defined codes to private use); a lead byte
    followed by a byte that cannot be a trail becomes "?" and takes that byte
    with it, which is how the "(" of the spliced annotation vanished in seed 003.
    """
    out: list[str] = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
        elif 0x81 <= byte <= 0xFE and i + 1 < len(data):
            trail = data[i + 1]
            if 0x40 <= trail <= 0x7E or 0x80 <= trail <= 0xFE:
                out.append(data[i : i + 2].decode("gb18030"))
            else:
                out.append("?")
            i += 2
        else:
            out.append("?")
            i += 1
    return "".join(out)


def misalign(text: str, index: int, syllable: str) -> str:
    """Splice "(syllable)" between the two GBK bytes of text[index] and decode again."""
    lead_trail = text[index].encode("gbk")
    assert len(lead_trail) == 2
    data = (
        text[:index].encode("gbk")
        + lead_trail[:1]
        + f"({syllable})".encode("gbk")
        + lead_trail[1:]
        + text[index + 1 :].encode("gbk")
    )
    return lenient_gbk_decode(data)


def lost_in_damage(text: str, index: int) -> int | None:
    """Index of the ASCII character a shifted run swallows, if any.

    After a character whose trail byte is >= 0x80 the decoder stays one byte
    out of step until an ASCII byte: a character's ASCII trail re-synchronizes
    it; an ASCII character 0x40-0x7E is absorbed into a pair and comes back on
    re-alignment; any other ASCII character is lost in a "?".
    """
    if text[index].encode("gbk")[1] < 0x80:
        return None
    for position in range(index + 1, len(text)):
        encoded = text[position].encode("gbk")
        if len(encoded) == 2:
            if encoded[1] < 0x80:
                return None
            continue
        return None if 0x40 <= encoded[0] <= 0x7E else position
    return None


def repair(raw: str) -> Document:
    doc = Document.from_raw(raw)
    doc.apply_edits("mojibake", repair_gbk_mojibake(doc))
    assert rebuild_raw(doc.text, doc.edits) == raw
    return doc


def test_simulation_reproduces_the_mechanism() -> None:
    # 東 is 0x96 0x7C: the lead byte turns into "?" with the "(", the trail is "|".
    assert misalign("東北", 0, "xùn") == "?xùn)|北"
    assert lost_in_damage("中國,好", 0) == 2  # 國 ends >= 0x80, then "," is lost


# --- golden cases (clean text, damaged character, spliced syllable) ----------

REPAIRED = [
    ("堅持綠色發展理念", 2, "mǎ"),  # 綠 = BE 47: trail shows as "G"
    ("推進鄉村全面振興", 2, "xiāng"),
    ("擴大高水平對外開放", 0, "kuò"),  # damage at the start of the text
    ("統籌發展和安全", 0, "tǒng"),
    ("促進區域協調發展", 2, "yù"),
    ("產業結構優化升級", 0, "shēng"),
    ("推進黃河流域生態保護", 2, "huáng"),
    ("加強生態環境保護,推動綠色發展", 3, "tài"),
    ("深化經濟體制改革", 3, "fēi"),  # 濟 = 9D FA: a shifted run up to 體's ASCII trail
    ("完善社會保障體系", 2, "qiū"),
    ("國務院辦公廳印發通知", 4, "tīng"),
    ("推進中國式現代化,建設美麗中國", 2, "zhōng"),
    ("糧食產量連續9年穩定", 1, "shí"),
    ("全面推進鄉村振興2025年", 6, "zhèn"),
    ("推进乡村全面振兴", 2, "xiāng"),  # simplified text: a shifted run to the end
    ("坚持绿色发展理念", 2, "lǜ"),
]


@pytest.mark.parametrize(("clean", "index", "syllable"), REPAIRED)
def test_repairs_misaligned_character(clean: str, index: int, syllable: str) -> None:
    raw = misalign(clean, index, syllable)
    assert raw != clean
    doc = repair(raw)
    lost = lost_in_damage(clean, index)
    expected = clean if lost is None else clean[:lost] + clean[lost + 1 :]
    assert doc.text == expected
    (edit,) = doc.edits
    assert edit.is_guess
    assert 0 < edit.confidence < 1
    assert clean[index] in edit.reason  # the reason lists the candidates considered


def test_lost_ascii_byte_is_flagged_not_invented() -> None:
    clean = "深化经济体制改革,激发市场活力"
    doc = repair(misalign(clean, 3, "jì"))
    assert doc.text == "深化经济体制改革激发市场活力"
    (flag,) = doc.metadata["flags"]
    assert flag["stage"] == "mojibake"
    assert "lost" in flag["reason"]


@pytest.mark.parametrize(
    "raw",
    [
        "堅持?mǎ)G色發展",  # "?" as such
        "堅持\ufffdmǎ)G色發展",  # U+FFFD from a Unicode-aware decoder
        "堅持?(mǎ)G色發展",  # the decoder kept the bracket
        "堅持?（mǎ）G色發展",  # full-width brackets
        "堅持?ma3)G色發展",  # tone number
    ],
)
def test_mark_variants(raw: str) -> None:
    assert repair(raw).text == "堅持綠色發展"


def test_unclear_candidates_are_flagged_and_left_alone() -> None:
    raw = misalign("加快構建新發展格局", 4, "lǐ")  # 新, 月 and 下 all read well here
    doc = repair(raw)
    assert doc.text == raw
    assert doc.edits == []
    (flag,) = doc.metadata["flags"]
    assert set(flag) == {"stage", "start", "end", "text", "reason"}
    assert flag["text"] == raw[flag["start"] : flag["end"]]
    assert "新" in flag["reason"]


@pytest.mark.parametrize(
    "raw",
    [
        "Is it right?yes)|no",
        "What?(no)|",
        "Really?a)b",
        "| a | b |\n|---|---|\n| ? | x |",
        "https://example.cn/search?q=1|2&x=(a)|",
        "Press ? (help) | Quit",
        "你好?我很好|不错",
        "真的吗?(ma)好的,我知道",
        "问题?答案|结论",
        "A?b)c 中文",
        "",
        "?",
        "?a)",
    ],
)
def test_does_not_fire_on_ordinary_text(raw: str) -> None:
    doc = repair(raw)
    assert doc.edits == []
    assert "flags" not in doc.metadata


def test_a_run_ending_in_the_next_mark_is_repaired_once() -> None:
    # The "?" that ends the first shifted run also starts a second mark.
    raw = misalign("推进乡村全面振兴", 2, "xiāng") + "mǎ)G色"
    assert raw.count("?") == 2
    doc = repair(raw)
    assert doc.text.startswith("推进乡村全面振兴")
    assert len(doc.edits) == 1


def test_lossless_with_the_pinyin_stage() -> None:
    raw = "本(běn)報?xùn)|北" + misalign("推進鄉村全面振興", 2, "xiāng")
    doc = normalize(Document.from_raw(raw), only={"pinyin", "mojibake"})
    assert rebuild_raw(doc.text, doc.edits) == raw


pieces = st.sampled_from(
    [
        *"推動東北振興鄉村堅持綠色發展",
        "(dòng)",
        "?xùn)|",
        "?(mǎ)G",
        "\ufffdlǐ)",
        "?",
        "|",
        ")",
        "a",
        "掳",
        "瞪鐣",
        ",",
        "\n",
        "（dōng）",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(pieces, max_size=40).map("".join))
def test_lossless_for_noisy_text(raw: str) -> None:
    doc = normalize(Document.from_raw(raw), only={"pinyin", "mojibake"})
    assert rebuild_raw(doc.text, doc.edits) == raw


# --- seed 003, read at run time ----------------------------------------------


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_seed_003_reads_as_gold_after_pinyin_and_mojibake(shared: object) -> None:
    raw = seed_path("003").read_text(encoding="utf-8")
    doc = normalize(Document.from_raw(raw), only={"pinyin", "mojibake"})
    repairs = [edit for edit in doc.edits if edit.stage == "mojibake"]
    assert len(repairs) == 1
    assert repairs[0].is_guess
    assert "candidates" in repairs[0].reason
    assert "flags" not in doc.metadata
    simplified = _fold(opencc.OpenCC("t2s").convert(doc.text))
    gold = json.loads(next(GOLD.glob("003_*.json")).read_text(encoding="utf-8"))
    for correct, _noisy in gold["must_read"]:
        assert _fold(correct) in simplified
    assert rebuild_raw(doc.text, doc.edits) == raw


# --- the corpus: no false detections, and repairs of generated damage --------


@pytest.mark.corpus
def test_no_detections_on_the_corpus(shared: object) -> None:
    detections: list[Any] = []
    characters = 0
    elapsed = 0.0
    for path in sorted(CORPUS_MD.glob("*.md")):
        doc = Document.from_raw(path.read_text(encoding="utf-8"))
        characters += len(doc.text)
        start = time.perf_counter()
        detections += repair_gbk_mojibake(doc)
        elapsed += time.perf_counter() - start
        detections += doc.metadata.get("flags", [])
    assert detections == []
    assert characters / elapsed > 10e6, f"{characters / elapsed / 1e6:.1f} M characters/s"


def _corpus_sentences(rng: random.Random, days: int) -> list[str]:
    sentences: list[str] = []
    for path in rng.sample(sorted(CORPUS_MD.glob("*.md")), days):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                sentences += re.findall(r"[^。！？]{8,60}[。！？]", line)
    rng.shuffle(sentences)
    return sentences


@pytest.mark.corpus
def test_repairs_generated_damage(shared: object) -> None:
    """Damage one character of traditional corpus sentences and count restorations.

    "local": the damaged character's trail byte is ASCII (only "|"-like debris);
    "shifted": it is not, and the decoder runs out of step for a while.  The
    spliced syllable is the reading of another character of the sentence, so
    it is noise, as in seed 003.
    """
    rng = random.Random(20240603)
    s2t = opencc.OpenCC("s2t")
    outcomes: dict[str, Counter[str]] = {"local": Counter(), "shifted": Counter()}
    for sentence in _corpus_sentences(rng, 150)[:400]:
        clean = s2t.convert(sentence)
        try:
            clean.encode("gbk")
        except UnicodeEncodeError:
            continue
        han = [i for i, char in enumerate(clean) if "\u4e00" <= char <= "\u9fff"]
        index = rng.choice(han)
        syllable = pinyin(clean[rng.choice(han)])[0][0]
        lost = lost_in_damage(clean, index)
        expected = clean if lost is None else clean[:lost] + clean[lost + 1 :]
        doc = repair(misalign(clean, index, syllable))
        kind = "local" if clean[index].encode("gbk")[1] < 0x80 else "shifted"
        if doc.text == expected:
            outcome = "restored"
        elif doc.edits:
            outcome = "wrong"
        elif doc.metadata.get("flags"):
            outcome = "flagged"
        else:
            outcome = "missed"
        outcomes[kind][outcome] += 1
    for kind, counts in outcomes.items():
        total = sum(counts.values())
        print(f"{kind}: {dict(counts)} accuracy {counts['restored'] / total:.3f}")
    local, shifted = outcomes["local"], outcomes["shifted"]
    assert local["restored"] / sum(local.values()) >= 0.75
    assert shifted["restored"] / sum(shifted.values()) >= 0.55
    for counts in outcomes.values():
        assert counts["wrong"] / sum(counts.values()) <= 0.06  # a wrong repair is rare
