"""`zhengce eval`: measure a reading of each seed against its gold file.

Each check module contributes `Metric`s for one seed; the runner prints a table
per seed and an overall table, and exits non-zero when a metric falls below a
threshold the user asked for (`--strict` asks for every target the issues set).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from zhengce.eval.metrics import Check, Metric, SeedCase, coverage, ratio

__all__ = ["Check", "Metric", "SeedCase", "coverage", "ratio", "run_eval"]


def checks() -> list[Check]:
    from zhengce.eval import bilingual, content, normalization, people, reading

    return [normalization.check, reading.check, people.check, content.check, bilingual.check]


def load_cases(gold_dir: Path) -> list[SeedCase]:
    from zhengce.pipeline import process_source

    seeds_dir = gold_dir.parent / "seeds"
    cases = []
    for gold_path in sorted((gold_dir / "seeds").glob("*.json")):
        name = gold_path.stem
        seed_path = seeds_dir / f"{name}.txt"
        doc = process_source(str(seed_path))[0]
        original_path = seeds_dir / "originals" / f"{name.split('_')[0]}_original.txt"
        original = None
        if original_path.exists():
            lines = original_path.read_text("utf-8").splitlines(keepends=True)
            original = "".join(line for line in lines if not line.startswith("# source:"))
        gold = json.loads(gold_path.read_text("utf-8"))
        cases.append(SeedCase(name, gold, doc, seed_path, original))
    return cases


def overall(per_seed: dict[str, list[Metric]]) -> list[Metric]:
    """Micro-average ratio metrics (sum hits / sum total); mean the rest."""
    grouped: dict[str, list[Metric]] = {}
    for metrics in per_seed.values():
        for metric in metrics:
            grouped.setdefault(metric.name, []).append(metric)
    result = []
    for name, group in grouped.items():
        first = group[0]
        if all(m.hits is not None and m.total is not None for m in group):
            hits = sum(m.hits or 0 for m in group)
            total = sum(m.total or 0 for m in group)
            result.append(
                ratio(name, hits, total, first.target, lower_is_better=first.lower_is_better)
            )
        else:
            mean = sum(m.value for m in group) / len(group)
            result.append(Metric(name, mean, first.target, first.lower_is_better))
    return [_micro_f1(metric, result) for metric in result]


def _micro_f1(metric: Metric, result: list[Metric]) -> Metric:
    """An overall F1 is computed from the overall (micro) precision and recall, not averaged."""
    if not metric.name.endswith("_f1"):
        return metric
    stem = metric.name.removesuffix("_f1")
    by_name = {m.name: m for m in result}
    precision, recall = by_name.get(stem + "_precision"), by_name.get(stem + "_recall")
    if precision is None or recall is None:
        return metric
    p, r = precision.value, recall.value
    return Metric(metric.name, 2 * p * r / (p + r) if p + r else 0.0, metric.target)


def run_eval(
    gold_dir: Path,
    strict: bool = False,
    minimums: dict[str, float] | None = None,
    as_json: bool = False,
) -> int:
    from zhengce.eval.report import print_json, print_tables

    if not (gold_dir / "seeds").is_dir():
        sys.stderr.write(f"error: {gold_dir}: no seeds/ folder of gold files here\n")
        return 2
    per_seed: dict[str, list[Metric]] = {}
    for case in load_cases(gold_dir):
        per_seed[case.name] = [m for check in checks() for m in check(case)]
    if (gold_dir / "policy").is_dir():
        from zhengce.eval import policy

        for case in policy.load_policy_cases(gold_dir):
            per_seed[case.name] = policy.check(case)
    total = overall(per_seed)
    failures = failing(total, strict, minimums or {})
    if as_json:
        print_json(per_seed, total, failures)
    else:
        print_tables(per_seed, total, failures)
    return 1 if failures else 0


def failing(metrics: list[Metric], strict: bool, minimums: dict[str, float]) -> list[str]:
    failures = []
    for metric in metrics:
        goal = minimums.get(metric.name, metric.target if strict else None)
        if goal is not None and metric.passed(goal) is False:
            failures.append(
                f"{metric.name} = {metric.value:.4g}, wanted "
                f"{'<=' if metric.lower_is_better else '>='} {goal:g}"
            )
    unknown = set(minimums) - {m.name for m in metrics}
    failures += [f"{name}: no such metric" for name in sorted(unknown)]
    return failures
