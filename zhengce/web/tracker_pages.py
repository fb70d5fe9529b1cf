"""The tracker's pages: the task board, a unit's page, a task's page and its workflow forms.

They are built on the tracker's own API (`zhengce.tracker`), which checks the user's role and
unit on every call; until that package is present these pages answer that the tracker is not
installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhengce.web.app import Context


def tasks_of_document(ctx: Context, doc_id: str) -> list[dict[str, Any]]:
    """Tasks created from sentences of this document that the user may see."""
    return []
