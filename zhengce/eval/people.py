"""People metrics: participants, their roles and positions, staff kept out, speakers.

Names, roles and positions are compared after `fold` (punctuation width, white space).
Every metric carries hits/total so that the overall table micro-averages across seeds;
F1 is 2·TP / (2·TP + FP + FN), which is such a ratio too.  Where a seed has a clean
original (001, 002), the same reading of the original is scored as `people.original.*`:
the gap between the two is what the noise costs.
"""

from __future__ import annotations

from typing import Any

from zhengce.eval.metrics import Metric, SeedCase, coverage, ratio
from zhengce.eval.textdiff import fold
from zhengce.model import Document

SHOWN = 6  # names listed in a detail cell


def check(case: SeedCase) -> list[Metric]:
    metrics = score(case.doc, case.gold, "people")
    if case.original is not None and case.gold.get("participants") is not None:
        from zhengce.pipeline import process_text

        original = process_text(case.original, source=f"{case.name} (original)")
        wanted = {"participants_f1", "role_accuracy", "position_accuracy"}
        metrics += [
            m
            for m in score(original, case.gold, "people.original")
            if m.name.split(".")[-1] in wanted
        ]
    return metrics


def score(doc: Document, gold: dict[str, Any], prefix: str) -> list[Metric]:
    """People metrics of one reading against one gold file."""
    metrics: list[Metric] = []
    if gold.get("participants") is not None:
        metrics += participant_metrics(doc, gold["participants"], prefix)
    if gold.get("not_participants") is not None:
        metrics += staff_metrics(doc, gold["not_participants"], prefix)
    if gold.get("speakers_with_attributed_paragraphs") is not None:
        metrics.append(speaker_metric(doc, gold["speakers_with_attributed_paragraphs"], prefix))
    return metrics


def participant_metrics(doc: Document, gold: list[dict[str, Any]], prefix: str) -> list[Metric]:
    found = {fold(p.name): p for p in doc.participants}
    wanted = {fold(g["name"]): g for g in gold}
    matched = [name for name in wanted if name in found]
    extra = [name for name in found if name not in wanted]
    missing = [name for name in wanted if name not in found]
    tp, fp, fn = len(matched), len(extra), len(missing)
    names_detail = "; ".join(
        part
        for part in (
            "extra: " + "、".join(extra[:SHOWN]) if extra else "",
            "missing: " + "、".join(missing[:SHOWN]) if missing else "",
        )
        if part
    )
    wrong_roles = [
        f"{name} {found[name].role}≠{wanted[name]['role']}"
        for name in matched
        if found[name].role != wanted[name]["role"]
    ]
    wrong_posts = [
        f"{name} {'、'.join(found[name].positions) or '∅'}≠"
        f"{'、'.join(wanted[name].get('positions') or []) or '∅'}"
        for name in matched
        if [fold(p) for p in found[name].positions]
        != [fold(p) for p in wanted[name].get("positions") or []]
    ]
    return [
        ratio(f"{prefix}.participants_precision", tp, tp + fp, detail=names_detail),
        ratio(f"{prefix}.participants_recall", tp, tp + fn, detail=names_detail),
        ratio(f"{prefix}.participants_f1", 2 * tp, 2 * tp + fp + fn, 0.98, detail=names_detail),
        ratio(
            f"{prefix}.role_accuracy",
            tp - len(wrong_roles),
            tp,
            0.95,
            detail="; ".join(wrong_roles[:SHOWN]),
        ),
        ratio(
            f"{prefix}.position_accuracy",
            tp - len(wrong_posts),
            tp,
            detail="; ".join(wrong_posts[:SHOWN]),
        ),
    ]


def staff_metrics(doc: Document, gold: list[dict[str, Any]], prefix: str) -> list[Metric]:
    """Reporters, editors, photographers: never participants, and found as what they are."""
    participants = {fold(p.name) for p in doc.participants}
    kept_out = {(fold(p.name), p.role) for p in doc.not_participants}
    wrongly_in = [g["name"] for g in gold if fold(g["name"]) in participants]
    not_found = [
        f"{g['name']} ({g['role']})" for g in gold if (fold(g["name"]), g["role"]) not in kept_out
    ]
    return [
        ratio(
            f"{prefix}.not_participants_listed",
            len(wrongly_in),
            len(gold),
            0.0,
            lower_is_better=True,
            detail="、".join(wrongly_in),
        ),
        coverage(f"{prefix}.not_participants_found", len(gold), not_found, 1.0),
    ]


def speaker_metric(doc: Document, gold: list[str], prefix: str) -> Metric:
    """Every gold speaker is the speaker of at least one body paragraph."""
    speakers = {fold(p.speaker) for p in doc.paragraphs if p.kind == "body" and p.speaker}
    missing = [name for name in gold if fold(name) not in speakers]
    return coverage(f"{prefix}.speakers_attributed", len(gold), missing, 1.0)
