"""Normalization stage: script (placeholder until built)."""

from __future__ import annotations

from zhengce.model import Document, Edit


def convert_to_mainland_simplified(doc: Document) -> list[Edit]:
    return []
