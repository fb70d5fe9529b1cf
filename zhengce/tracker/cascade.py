"""Cascade: a provincial task takes up (承接) the central task it shares the most words with.

The score is the share of the provincial task's Han bigrams (title and text, generic words
removed, each weighted by how rare it is among the central tasks) that the central task also
has; a provincial task links to its best central task when the score reaches `min_score`,
else stays unlinked (not every local task answers a central one).
"""

from __future__ import annotations

import math
import re
from typing import Any

from zhengce.tracker.evidence import generic_words

HAN = re.compile(r"[\u4e00-\u9fff]+")


def bigrams(text: str) -> set[str]:
    for word in sorted(generic_words(), key=len, reverse=True):
        text = text.replace(word, " ")
    grams: set[str] = set()
    for run in HAN.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def best_links(
    central: list[dict[str, Any]], local: list[dict[str, Any]], min_score: float
) -> list[dict[str, Any]]:
    """Each local task's best central task, scored by the share of the local task's words
    (Han bigrams weighted by how rare they are among the central tasks) found in it."""
    central_grams = [(t, bigrams(f"{t['title']} {t['text']}")) for t in central]
    df: dict[str, int] = {}
    for _task, grams in central_grams:
        for gram in grams:
            df[gram] = df.get(gram, 0) + 1
    n = len(central_grams)

    def weight(gram: str) -> float:
        # a bigram in every central task says nothing; one found in none is the local task's own
        return math.log((n + 1) / (df.get(gram, 0) + 0.5))

    links = []
    for task in local:
        grams = bigrams(f"{task['title']} {task['text']}")
        total = sum(weight(g) for g in grams)
        if total <= 0:
            continue
        scored = [(sum(weight(g) for g in grams & cg) / total, c["id"]) for c, cg in central_grams]
        best, parent = max(scored, key=lambda s: (s[0], -s[1]))
        if best >= min_score:
            links.append({"task_id": task["id"], "parent_id": parent, "score": round(best, 3)})
    return links
