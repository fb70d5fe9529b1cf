from __future__ import annotations

import re
import unicodedata

import opencc
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS_MD, SEEDS, seed_path
from zhengce.model import Document, rebuild_raw
from zhengce.normalize.symbols import strip_noise_symbols


def run(text: str) -> Document:
    doc = Document.from_raw(text)
    doc.apply_edits("symbols", strip_noise_symbols(doc))
    return doc


# (raw, expected): constructed sentences, one noise kind each.
CASES = [
    ("科研👩🏿\u200d🔬人员", "科研人员"),  # ZWJ sequence with skin tone
    ("一家🧑\u200d🧑\u200d🧒人", "一家人"),  # family sequence
    ("走🚶\u200d♀️\u200d➡️路", "走路"),  # sequence ending in VS16 + arrow
    ("科研👩🏿🔬人员", "科研人员"),  # the same with its joiners lost
    ("走🚶♀️➡️路", "走路"),  # gender sign inside a joiner-less sequence
    ("按*️⃣键", "按键"),  # keycap: the '*' base goes with it
    ("按#⃣键", "按键"),  # keycap without VS16
    ("第5️⃣名", "第名"),  # keycap digit inside prose is noise
    ("1️⃣ 加强领导\n2️⃣ 完善机制", "1 加强领导\n2 完善机制"),  # list numbers keep the digit
    ("国旗🇨🇳飘扬", "国旗飘扬"),  # flag
    ("英格兰🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f队", "英格兰队"),  # tags
    ("发展🈂️㊙️成就", "发展成就"),  # enclosed ideograph emoji
    ("前进⇨✢⬅️↩️方向", "前进方向"),  # pictographic arrows and dingbats
    ("古代𓀁𓀛文字", "古代文字"),  # hieroglyphs
    ("扑克🂠牌", "扑克牌"),  # playing card
    ("时间⌚⏰安排", "时间安排"),
    ("提示ℹ️信息‼️", "提示信息"),
    ("Xi said 🎉 great", "Xi said  great"),  # English too; spaces are the whitespace stage's
    ("©️公司", "©公司"),  # kept symbol loses only its emoji selector
    ("\u200d孤立的连接符", "孤立的连接符"),
    ("中文\ufe0f变体", "中文变体"),  # stray selector
]

NOISE_PIECES = ["🏿", "\ufe0f", "\u200d", "\u20e3", "👩", "🔬", "🇨", "\U000e0067", "𓀁", "⇨", "㊙"]

KEPT = [
    "■ ● № ℃ © ® ™ “” 《》 、。，；：？！",
    "♀性别♂",  # GBK symbols, not inside an emoji
    "★重点☆ → ① ※ ㈠ ❶ △ ◆ ○ ◎ □",
    "北京↔上海 ✓ ✗ ☑ ☐",
    "温度25℃，增长3.5%，价格¥10",
    "x ⇒ y ⇔ z",
    "CHONGQING, April 23 (Xinhua) -- Xi",
    "𠀀𪚥",  # CJK extension characters are text
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_removes_noise(raw: str, expected: str) -> None:
    doc = run(raw)
    assert doc.text == expected
    assert rebuild_raw(doc.text, doc.edits) == raw
    assert all(edit.reason for edit in doc.edits)


@pytest.mark.parametrize("raw", KEPT)
def test_keeps_real_symbols(raw: str) -> None:
    assert strip_noise_symbols(Document.from_raw(raw)) == []


RESIDUE = regex.compile(
    r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\ufe0f\u200d\u20e3"
    r"\p{Script=Egyptian_Hieroglyphs}\U000e0020-\U000e007f]"
)


def skeleton(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is not beside the checkout")
def test_seed_002_has_no_residue_and_loses_no_text() -> None:
    """After the stage the noisy seed lines up character for character with its original.

    The seed is traditional script and the original simplified: plain OpenCC
    t2s stands in for the script stage, so a few Han characters (mainland
    vocabulary) may still differ; every other character must match.
    """
    raw = seed_path("002").read_text("utf-8")
    doc = run(raw)
    assert RESIDUE.findall(doc.text) == []
    simplified = opencc.OpenCC("t2s").convert(doc.text)
    original = (SEEDS / "originals" / "002_original.txt").read_text("utf-8")
    original = original.split("\n", 1)[1]  # skip the "# source:" line
    got, want = skeleton(simplified), skeleton(original)
    assert len(got) == len(want)
    han = regex.compile(r"\p{Han}")
    mismatches = [(a, b) for a, b in zip(got, want, strict=True) if a != b]
    assert all(han.match(a) and han.match(b) for a, b in mismatches)
    assert len(mismatches) <= 3


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_MD.is_dir(), reason="../shared is not beside the checkout")
def test_clean_corpus_sample_is_untouched() -> None:
    for path in sorted(CORPUS_MD.glob("*.md"))[::40]:
        assert strip_noise_symbols(Document.from_raw(path.read_text("utf-8"))) == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文a1*#© \n♀★") + NOISE_PIECES), max_size=30))
def test_any_mix_is_lossless_and_leaves_no_emoji(raw: str) -> None:
    doc = run(raw)
    assert rebuild_raw(doc.text, doc.edits) == raw
    assert not regex.search(r"[\p{Emoji_Modifier}\ufe0f\u200d\u20e3]", doc.text)
