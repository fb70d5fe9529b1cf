"""Cascade: a provincial task takes up (承接) the central task it shares the most words with.

The score is the Dice coefficient of the two tasks' Han bigrams (title and text, generic
words removed); a provincial task links to its best central task when the score reaches
`min_score`, else stays unlinked (not every local task answers a central one).
"""

from __future__ import annotations

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


def score(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def best_links(
    central: list[dict[str, Any]], local: list[dict[str, Any]], min_score: float
) -> list[dict[str, Any]]:
    central_grams = [(t, bigrams(f"{t['title']} {t['text']}")) for t in central]
    links = []
    for task in local:
        grams = bigrams(f"{task['title']} {task['text']}")
        scored = [(score(grams, g), c["id"]) for c, g in central_grams]
        best, parent = max(scored, key=lambda s: (s[0], -s[1]))
        if best >= min_score:
            links.append({"task_id": task["id"], "parent_id": parent, "score": round(best, 3)})
    return links
