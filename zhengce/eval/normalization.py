"""Normalization metrics: character error rate, must_read pairs, page chrome, repairs."""

from __future__ import annotations

from zhengce.eval.metrics import Metric, SeedCase, coverage, ratio
from zhengce.eval.textdiff import char_errors, fold


def body_text(case: SeedCase) -> str:
    body = [p.text for p in case.doc.paragraphs if p.kind == "body"]
    return "\n".join(body) if body else case.doc.text


def check(case: SeedCase) -> list[Metric]:
    doc, gold = case.doc, case.gold
    metrics: list[Metric] = []
    if case.original is not None:
        expected = fold(case.original)
        errors, runs = char_errors(expected, fold(doc.text))
        shown = "; ".join(f"{a or '∅'}→{b or '∅'}" for a, b in runs[:6])
        metrics.append(
            ratio("normalize.cer", errors, len(expected), 0.0, lower_is_better=True, detail=shown)
        )
    pairs = gold.get("must_read") or []
    if pairs:
        text = fold(doc.text)
        missing = [want for want, _noisy in pairs if fold(want) not in text]
        metrics.append(coverage("normalize.must_read", len(pairs), missing, 1.0))
    chrome = gold.get("boilerplate_removed") or []
    if chrome:
        body = body_text(case)
        left = [word for word in chrome if word in body]
        metrics.append(coverage("normalize.chrome_removed", len(chrome), left, 1.0, "left in body"))
    guesses = doc.guesses()
    metrics.append(
        Metric(
            "normalize.repairs_marked",
            len(guesses),
            detail="; ".join(f"{e.before}→{e.after}" for e in guesses[:4]),
        )
    )
    flags = doc.metadata.get("flags") or []
    metrics.append(Metric("normalize.flagged", len(flags)))
    return metrics
