"""Normalization stage: symbols (placeholder until built)."""

from __future__ import annotations

from zhengce.model import Document, Edit


def strip_noise_symbols(doc: Document) -> list[Edit]:
    return []
