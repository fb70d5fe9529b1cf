"""zhengce (政策): read Chinese government policy texts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from os import PathLike

    from zhengce.api import KnowledgeBase

__version__ = "0.1.0"


def open(path: str | PathLike[str]) -> KnowledgeBase:
    """Open a zhengce database for reading: documents, paragraphs, people, search."""
    from zhengce.api import open_knowledge_base

    return open_knowledge_base(path)
