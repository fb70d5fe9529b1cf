"""Places on the news corpus: the share of stories with a place, and a seeded draw to judge.

    .venv/bin/python bench/places_news.py [--seed 20261204] [--draw 50] [--limit-days N]

Reads every day file of ../shared/corpus/cctv-news/md through the whole pipeline and counts
the stories with at least one place (`Document.places`), by how the place was found (title,
dateline, metadata).  Then draws `--draw` of the stories with a place by the seed and prints
title, places and the first words of the text, for a hand check of precision
(tests/handcheck_policy.md holds the judged draw).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from corpus import CORPUS, corpus_missing

from zhengce.pipeline import process_source


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--draw", type=int, default=50)
    parser.add_argument("--limit-days", type=int, default=0)
    args = parser.parse_args()
    if corpus_missing():
        raise SystemExit(2)
    files = sorted(CORPUS.glob("*.md"))
    if args.limit_days:
        files = files[: args.limit_days]
    stories = with_place = 0
    how: Counter[str] = Counter()
    placed = []
    for path in files:
        for doc in process_source(str(path)):
            stories += 1
            if doc.places:
                with_place += 1
                how.update({p.how for p in doc.places})
                placed.append((path.name, doc))
    print(f"stories {stories}, with a place {with_place} ({with_place / stories:.1%})")
    print("found by: " + ", ".join(f"{k} {v}" for k, v in how.most_common()))
    for name, doc in random.Random(args.seed).sample(placed, min(args.draw, len(placed))):
        places = "、".join(f"{p.name}({p.how})" for p in doc.places)
        body = next((p.text for p in doc.paragraphs if p.kind == "body"), "")
        print(f"- {name} | {doc.metadata.get('title')} | {places} | {body[:60]}")


if __name__ == "__main__":
    main()
