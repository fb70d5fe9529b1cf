"""Normalization stage: mojibake (placeholder until built)."""

from __future__ import annotations

from zhengce.model import Document, Edit


def repair_gbk_mojibake(doc: Document) -> list[Edit]:
    return []
