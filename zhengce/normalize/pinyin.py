"""Normalization stage: pinyin (placeholder until built)."""

from __future__ import annotations

from zhengce.model import Document, Edit


def strip_pinyin_annotations(doc: Document) -> list[Edit]:
    return []
