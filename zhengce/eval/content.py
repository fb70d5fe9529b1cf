"""Policy-content metrics: formulations, paragraph themes, targets, responsible units."""

from __future__ import annotations

from typing import Any

from zhengce.eval.metrics import Metric, SeedCase, coverage, ratio
from zhengce.eval.textdiff import fold
from zhengce.model import Document


def check(case: SeedCase) -> list[Metric]:
    gold, doc = case.gold, case.doc
    metrics: list[Metric] = []
    if gold.get("formulations"):
        metrics.append(formulation_recall(doc, gold["formulations"]))
    if gold.get("paragraph_themes"):
        metrics.append(theme_accuracy(doc, gold["paragraph_themes"]))
    if gold.get("targets"):
        metrics.append(target_recall(doc, gold["targets"]))
    if gold.get("responsible_units"):
        metrics.append(unit_recall(doc, gold["responsible_units"]))
    return metrics


def formulation_recall(doc: Document, wanted: list[str]) -> Metric:
    found = {fold(f.term) for f in doc.formulations}
    missing = [term for term in wanted if fold(term) not in found]
    return coverage("content.formulation_recall", len(wanted), missing, 0.95)


def theme_accuracy(doc: Document, wanted: list[dict[str, Any]]) -> Metric:
    """A gold paragraph is matched by its first characters; any listed theme counts."""
    body = [(fold(p.text), p) for p in doc.paragraphs if p.kind == "body"]
    hits = 0
    wrong = []
    for item in wanted:
        starts = fold(item["starts"])
        para = next((p for text, p in body if text.startswith(starts)), None)
        if para is not None and para.primary_theme in item["themes"]:
            hits += 1
        else:
            got = "no paragraph" if para is None else str(para.primary_theme)
            wrong.append(f"{item['starts'][:12]}…→{got}")
    return ratio(
        "content.primary_theme_accuracy",
        hits,
        len(wanted),
        0.9,
        detail="; ".join(wrong),
    )


def target_recall(doc: Document, wanted: list[dict[str, Any]]) -> Metric:
    """Found: some target's text holds `must_contain`, with the same year where gold gives one."""
    hits = 0
    missing = []
    for item in wanted:
        want = fold(item["must_contain"])
        year = item.get("year")
        if any(want in fold(t.text) and (year is None or t.year == year) for t in doc.targets):
            hits += 1
        else:
            missing.append(item["must_contain"][:16])
    return ratio(
        "content.target_recall",
        hits,
        len(wanted),
        None,
        detail="missing: " + "、".join(missing) if missing else "",
    )


def unit_recall(doc: Document, wanted: list[str]) -> Metric:
    names = {fold(u.name) for u in doc.responsible_units}
    missing = [name for name in wanted if fold(name) not in names]
    return coverage("content.unit_recall", len(wanted), missing, None)
