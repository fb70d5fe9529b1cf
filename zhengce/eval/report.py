"""Print eval results as rich tables (per seed, then overall) or JSON."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.table import Table

from zhengce.eval.metrics import Metric


def _cell(metric: Metric) -> tuple[str, str, str]:
    value = (
        f"{metric.value:.4f}"
        if isinstance(metric.value, float) and not metric.value.is_integer()
        else f"{metric.value:g}"
    )
    if metric.hits is not None and metric.total is not None:
        value += f" ({metric.hits:g}/{metric.total:g})"
    target = (
        ""
        if metric.target is None
        else ("≤ " if metric.lower_is_better else "≥ ") + f"{metric.target:g}"
    )
    verdict = {True: "[green]ok[/green]", False: "[red]below[/red]", None: ""}[metric.passed()]
    return value, target, verdict


def _table(title: str, metrics: list[Metric], details: bool) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False)
    for column in ("metric", "value", "target", ""):
        table.add_column(column)
    if details:
        table.add_column("detail", overflow="fold", max_width=60)
    for metric in metrics:
        row = [metric.name, *_cell(metric)]
        if details:
            row.append(metric.detail)
        table.add_row(*row)
    return table


def print_tables(
    per_seed: dict[str, list[Metric]], total: list[Metric], failures: list[str]
) -> None:
    console = Console(width=140, highlight=False)
    for name, metrics in per_seed.items():
        console.print(_table(f"seed {name}", metrics, details=True))
        console.print()
    console.print(_table("overall", total, details=False))
    for failure in failures:
        console.print(f"[red]below threshold:[/red] {failure}")


def print_json(per_seed: dict[str, list[Metric]], total: list[Metric], failures: list[str]) -> None:
    def rows(metrics: list[Metric]) -> list[dict[str, object]]:
        return [
            {
                "name": m.name,
                "value": m.value,
                "target": m.target,
                "hits": m.hits,
                "total": m.total,
                "passed": m.passed(),
                "detail": m.detail,
            }
            for m in metrics
        ]

    out = {
        "seeds": {k: rows(v) for k, v in per_seed.items()},
        "overall": rows(total),
        "failures": failures,
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
