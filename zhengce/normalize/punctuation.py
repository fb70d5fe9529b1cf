"""Normalization stage: punctuation (placeholder until built)."""

from __future__ import annotations

from zhengce.model import Document, Edit


def widen_ascii_punctuation(doc: Document) -> list[Edit]:
    return []
