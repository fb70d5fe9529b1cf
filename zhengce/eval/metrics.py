"""What `zhengce eval` measures with: a metric, a seed case, and the ratio helpers.

The check modules (normalization, reading, people, content, bilingual) import these from here,
not from the package, so the runner in `zhengce/eval/__init__.py` can import the checks without
a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhengce.model import Document


@dataclass
class Metric:
    name: str
    value: float
    target: float | None = None
    lower_is_better: bool = False
    hits: float | None = None  # numerator / denominator, for micro-averaging overall
    total: float | None = None
    detail: str = ""

    def passed(self, target: float | None = None) -> bool | None:
        goal = self.target if target is None else target
        if goal is None:
            return None
        return self.value <= goal if self.lower_is_better else self.value >= goal


def ratio(
    name: str,
    hits: float,
    total: float,
    target: float | None = None,
    *,
    lower_is_better: bool = False,
    detail: str = "",
) -> Metric:
    value = hits / total if total else (0.0 if lower_is_better else 1.0)
    return Metric(name, value, target, lower_is_better, hits, total, detail)


def coverage(
    name: str, total: int, missing: list[str], target: float | None, label: str = "missing"
) -> Metric:
    """Share of `total` gold items found, naming the ones that were not."""
    detail = f"{label}: " + "、".join(missing) if missing else ""
    return ratio(name, total - len(missing), total, target, detail=detail)


@dataclass
class SeedCase:
    name: str
    gold: dict[str, Any]
    doc: Document
    seed_path: Path
    original: str | None = None  # clean original text, where one exists
    extra: dict[str, Any] = field(default_factory=dict)


Check = Callable[[SeedCase], list[Metric]]
