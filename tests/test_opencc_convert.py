from __future__ import annotations

import pytest

from zhengce.model import Document, rebuild_raw
from zhengce.opencc_convert import CHUNK, convert
from zhengce.pipeline import normalize


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        ("t2s", "東北", "东北"),
        ("t2s", "東\x00北", "东\x00北"),  # OpenCC alone stops at the NUL
        ("t2s", "\x00", "\x00"),
        ("hk2s", "鑼\x00\x00鼓", "锣\x00\x00鼓"),
    ],
)
def test_convert_keeps_nul_and_what_follows(config: str, text: str, expected: str) -> None:
    assert convert(config, text) == expected


def test_pipeline_is_lossless_around_nul() -> None:
    raw = "\U00014647\x00鑼"  # found by hypothesis: conversion used to drop text after NUL
    doc = normalize(Document.from_raw(raw))
    assert rebuild_raw(doc.text, doc.edits) == raw
    assert doc.text.endswith("锣")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東\ud800北", "东\ud800北"),  # no UTF-8 form: OpenCC alone raises UnicodeEncodeError
        ("\udfff", "\udfff"),
        ("國\udc00\x00\ud83d國", "国\udc00\x00\ud83d国"),
    ],
)
def test_convert_keeps_lone_surrogates(text: str, expected: str) -> None:
    assert convert("t2s", text) == expected


def test_traditional_text_with_a_lone_surrogate_is_converted_losslessly() -> None:
    raw = "國家發展\ud800軟體產業。" * 3
    doc = normalize(Document.from_raw(raw))
    assert rebuild_raw(doc.text, doc.edits) == raw
    assert doc.text.startswith("国家发展\ud800软件产业。")


@pytest.mark.parametrize(
    "text",
    [
        "臺灣軟體產業。\n" * 20_000,  # many lines: cut after a line break
        "網際網路" * 40_000,  # no line break: one piece
        "國" * 70_000 + "\n" + "資料庫\n" * 3,  # one long line, then short ones
    ],
)
def test_a_long_text_converted_in_pieces_equals_one_conversion(text: str) -> None:
    import opencc

    assert len(text) > CHUNK
    for config in ("t2s", "hk2s", "tw2sp"):
        assert convert(config, text) == opencc.OpenCC(config).convert(text)
