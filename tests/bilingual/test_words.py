from __future__ import annotations

import pytest

from zhengce.bilingual.words import (
    chinese_keys,
    english_keys,
    name_spellings,
    pinyin_name,
    pinyin_place,
    word_key,
)
from zhengce.lexicon import load_table

NAMES = [("蔡奇", "Cai Qi"), ("郑栅洁", "Zheng Shanjie"), ("丁薛祥", "Ding Xuexiang")]


@pytest.mark.parametrize(("name", "english"), NAMES)
def test_name_spellings_are_surname_first_given_name_joined(name: str, english: str) -> None:
    assert english in name_spellings(name)


def test_pinyin_name_takes_the_usual_reading() -> None:
    assert pinyin_name("蔡奇") == "Cai Qi"


def test_pinyin_place() -> None:
    assert pinyin_place("重庆") == "Chongqing"


@pytest.mark.parametrize(
    ("a", "b"),
    [("revitalize", "revitalization"), ("securities", "security"), ("Zone's", "zones")],
)
def test_word_key_joins_word_forms(a: str, b: str) -> None:
    assert word_key(a) == word_key(b)


def test_dates_and_names_meet() -> None:
    zh = chinese_keys("新华社重庆4月23日电 蔡奇出席。", names=["蔡奇"])
    en = set(english_keys("CHONGQING, April 23 (Xinhua) -- Cai Qi attended."))
    assert {"month:4", "num:23", "name:caiqi", "name:xinhua"} <= zh & en


@pytest.mark.parametrize("table", ["glossary", "bilingual_lexicon"])
def test_tables_load_with_notes(table: str) -> None:
    rows = load_table(table)
    assert rows and all(row["term_zh"] and row["term_en"] for row in rows)
