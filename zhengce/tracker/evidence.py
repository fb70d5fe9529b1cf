"""Evidence found for you: later documents of the knowledge base that report progress on a
task — its lead unit or region named together with its key words — proposed with a score
and the matching paragraph span.  A person accepts or rejects each (service.decide_evidence).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from zhengce.lexicon import load_table
from zhengce.search.tokens import segment_words
from zhengce.tracker.plan import aliases_of


@cache
def generic_words() -> frozenset[str]:
    return frozenset(row["word"] for row in load_table("tracker_generic_words"))


def key_words(text: str, limit: int = 4) -> list[str]:
    """The task's own words: two or more Han characters, generic verbs left out, longest first."""
    seen: list[str] = []
    for word in segment_words(text):
        han = all("\u4e00" <= ch <= "\u9fff" for ch in word)
        if han and len(word) >= 2 and word not in generic_words() and word not in seen:
            seen.append(word)
    return sorted(seen, key=len, reverse=True)[:limit]


def find_evidence(task: dict[str, Any], kb: Any, *, limit: int = 5) -> list[dict[str, Any]]:
    """Proposals {doc_id, start, end, quote, score} from `kb` (a zhengce.api.KnowledgeBase)."""
    words = key_words(task["title"] or task["text"])
    if not words:
        return []
    # a unit as texts write it (国家发展改革委) as well as its canonical name
    subjects = [name for unit in task["lead_units"] for name in aliases_of(unit)]
    subjects += [task["region"]] if task.get("region") else []
    own_doc = (task.get("source") or {}).get("doc_id")
    since = task.get("created_on")
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for subject in subjects or [""]:
        query = " OR ".join(f'"{w}"' for w in words)
        query = f'"{subject}" ({query})' if subject else query
        for hit in kb.search(query, date_from=since, limit=20, per_document=True):
            if hit["doc_id"] == own_doc:
                continue
            paragraphs = kb.paragraphs(hit["doc_id"])
            para = next((p for p in paragraphs if p["ord"] == hit["paragraph"]), None)
            if para is None:
                continue
            text = para["text"] or ""
            matched = [w for w in words if w in text]
            score = len(matched) / len(words) + (0.5 if subject and subject in text else 0.0)
            key = (hit["doc_id"], para["start"])
            if key not in found or found[key]["score"] < score:
                found[key] = {
                    "doc_id": hit["doc_id"],
                    "start": para["start"],
                    "end": para["end"],
                    "quote": text,
                    "score": round(score, 3),
                }
    return sorted(found.values(), key=lambda f: (-f["score"], f["doc_id"], f["start"]))[:limit]
