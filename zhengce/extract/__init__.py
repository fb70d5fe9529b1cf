"""Analysis stages after normalization, in the order they run.

Each is `Document -> None` and fills blocks/paragraphs/facts on the document.
"""

from __future__ import annotations

from zhengce.pipeline import AnalyzeStage

STAGES: list[tuple[str, AnalyzeStage]] = []
