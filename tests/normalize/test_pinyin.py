from __future__ import annotations

import json
import re
import time
import unicodedata

import pytest

from tests.conftest import CORPUS_MD, GOLD, seed_path
from zhengce.model import Document, rebuild_raw
from zhengce.normalize.pinyin import normalize_pinyin, readings_of, strip_pinyin_annotations
from zhengce.pipeline import normalize


def strip(raw: str) -> str:
    doc = Document.from_raw(raw)
    doc.apply_edits("pinyin", strip_pinyin_annotations(doc))
    assert rebuild_raw(doc.text, doc.edits) == raw
    return doc.text


# (raw, expected): annotations that are a reading of the character(s) before them.
REMOVED = [
    ("银行(háng)业", "银行业"),  # heteronym: 行 xíng/háng
    ("長(zhǎng)期", "長期"),  # traditional character
    ("重(chóng)新", "重新"),
    ("重(chong2)新", "重新"),  # tone number
    ("綠(lǜ)色", "綠色"),  # ü with tone mark
    ("綠(lv4)色", "綠色"),  # v for ü
    ("旅(lu:3)游", "旅游"),  # u: for ü
    ("婦女(nǚ)", "婦女"),
    ("我们的(de)", "我们的"),  # neutral tone, no mark
    ("我们的(de5)", "我们的"),  # neutral tone as 5
    ("機（jī）構", "機構"),  # full-width brackets
    ("機（jī)構", "機構"),  # mixed brackets
    ("發 (fā)展", "發展"),  # a space before the bracket goes with the annotation
    ("區域(qūyù)協調", "區域協調"),  # a word glossed as a whole
    ("協調(xié tiáo)", "協調"),  # syllables separated by a space
    ("李(Lǐ)先生", "李先生"),  # capitalised like a name
    ("會(hui4)議", "會議"),
    ("發(fa)展", "發展"),  # no tone at all
    ("處(chu\u030c)理", "處理"),  # decomposed tone mark (NFD input)
    ("長(zhǎng)江和長(cháng)城", "長江和長城"),  # two readings of one character
]

# Brackets that are not a reading of what precedes them stay untouched.
KEPT = [
    "(记者 王小明)",
    "各市(地)",
    "合作模式(PPP)",
    "国内生产总值(GDP)",
    "（一）",
    "第三条(a)项",
    "管理办法(试行)",
    "银行(yín)",  # a reading of 银, not of 行
    "中(zhōngguó)",  # two syllables for one character
    "数(CPI)",
    "第(a)款",
    "She said (hello) twice",
    "E = mc(2)",
    "沈(阳)",
]


@pytest.mark.parametrize(("raw", "expected"), REMOVED)
def test_removes_valid_readings(raw: str, expected: str) -> None:
    assert strip(raw) == expected


@pytest.mark.parametrize("raw", KEPT)
def test_keeps_brackets_that_are_not_readings(raw: str) -> None:
    assert strip(raw) == raw


def test_reason_names_the_reading() -> None:
    doc = Document.from_raw("銀行(háng)")
    (edit,) = strip_pinyin_annotations(doc)
    assert edit.before == "(háng)"
    assert "行 háng" in edit.reason
    assert edit.confidence == 1.0


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("LǛ", "lǜ"),
        ("lv4", "lü4"),
        ("lu:4", "lü4"),
        ("de5", "de"),
        ("qū yù", "qūyù"),
        ("ɡuó", "guó"),
    ],
)
def test_normalize_pinyin(written: str, folded: str) -> None:
    assert normalize_pinyin(written) == folded


def test_traditional_character_has_the_heteronyms_of_its_simplified_form() -> None:
    assert {"lǜ", "lù"} <= readings_of("綠")


def test_lossless_with_the_mojibake_stage() -> None:
    raw = "本(běn)報(bào)訊 (記者 王明) 各市(地)區域(qūyù)"
    doc = normalize(Document.from_raw(raw), only={"pinyin", "mojibake"})
    assert rebuild_raw(doc.text, doc.edits) == raw


# Seed 003 is the real case: read at run time, never copied.


def _pinyin_annotations(text: str) -> list[str]:
    """Bracketed runs of Latin letters with at least one tone mark, as the seed writes them."""
    found = re.findall(r"[(（]([^()（）]+)[)）]", text)
    return [
        inner
        for inner in found
        if re.fullmatch(r"[a-zü\u0300-\u036f]+", unicodedata.normalize("NFD", inner))
    ]


def test_seed_003_all_annotations_removed(shared: object) -> None:
    raw = seed_path("003").read_text(encoding="utf-8")
    doc = Document.from_raw(raw)
    edits = strip_pinyin_annotations(doc)
    assert len(edits) == len(_pinyin_annotations(raw)) == 416
    doc.apply_edits("pinyin", edits)
    assert _pinyin_annotations(doc.text) == []
    # Every bracket with Han inside (a reporter's name, 市(地)) is still there.
    han_inside = re.compile(r"[(（][^()（）]*[\u4e00-\u9fff][^()（）]*[)）]")
    assert han_inside.findall(doc.text) == han_inside.findall(raw)
    assert rebuild_raw(doc.text, doc.edits) == raw


def test_seed_003_kept_brackets_match_gold(shared: object) -> None:
    gold = json.loads(next(GOLD.glob("003_*.json")).read_text(encoding="utf-8"))
    text = strip(seed_path("003").read_text(encoding="utf-8"))
    for _correct, noisy in gold["must_read"]:
        if "(" in noisy and not _pinyin_annotations(noisy):
            assert noisy in text  # brackets gold says must be read as they are


@pytest.mark.corpus
def test_no_removals_on_the_corpus(shared: object) -> None:
    readings_of("中")  # load pypinyin and opencc outside the timed part
    removed = []
    characters = 0
    elapsed = 0.0
    for path in sorted(CORPUS_MD.glob("*.md")):
        doc = Document.from_raw(path.read_text(encoding="utf-8"))
        characters += len(doc.text)
        start = time.perf_counter()
        removed += strip_pinyin_annotations(doc)
        elapsed += time.perf_counter() - start
    assert removed == []
    assert characters / elapsed > 10e6, f"{characters / elapsed / 1e6:.1f} M characters/s"
