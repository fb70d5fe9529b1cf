"""Draw the tasks whose lead unit the tracker suggests (a guess) for a hand check.

    .venv/bin/python bench/tracker_suggestions.py [--seed 13] [--n 30]

Reads the 2024 government work report from ../shared at run time, drafts its 分工方案 and
prints a seeded random draw of the tasks with suggested leads: number, title, suggestion and
the words that decided it.  The judgments live in tests/tracker/handcheck_suggestions.md.
"""

from __future__ import annotations

import argparse
import random
import sys

from corpus import SHARED

from zhengce.pipeline import process_source
from zhengce.tracker.plan import plan_from_document

REPORT = SHARED / "corpus" / "policy" / "reports" / "government-work-report-2024.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--n", type=int, default=30)
    args = parser.parse_args()
    if not REPORT.exists():
        print(f"error: {REPORT}: not found (../shared beside?)", file=sys.stderr)
        return 1
    plan = plan_from_document(process_source(str(REPORT))[0])
    suggested = [t for t in plan["tasks"] if t["units_from"] == "suggested"]
    assert all(t["guess"] for t in suggested)
    drawn = sorted(random.Random(args.seed).sample(suggested, args.n), key=lambda t: t["seq"])
    print(f"{len(plan['tasks'])} tasks, {len(suggested)} with a suggested lead; drew {args.n}")
    for t in drawn:
        lead = "、".join(u["name"] for u in t["lead_units"])
        support = "、".join(u["name"] for u in t["supporting_units"])
        print(
            f"{t['seq']}\t{t['outline_path']} {t['number']}\t{t['title'][:30]}\t{lead}\t{support}"
            f"\t{'; '.join(t['unit_evidence'])}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
