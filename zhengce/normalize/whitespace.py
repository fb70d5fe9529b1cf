"""Normalization stage: whitespace (placeholder until built)."""

from __future__ import annotations

from zhengce.model import Document, Edit


def tidy_whitespace(doc: Document) -> list[Edit]:
    return []
