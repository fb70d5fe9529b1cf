"""Normalization stage: chrome (placeholder until built)."""

from __future__ import annotations

from zhengce.model import Document, Edit


def lift_page_chrome(doc: Document) -> list[Edit]:
    return []
