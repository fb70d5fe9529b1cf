"""Participants over the 新闻联播 corpus: counts, and a seeded sample to judge by hand.

    .venv/bin/python bench/participants_stats.py [--every 1] [--json]
    .venv/bin/python bench/participants_stats.py --handcheck 20 --seed 2024

Reads ../shared/corpus/cctv-news/md, one Document per story (zhengce.segment.stories),
runs the whole pipeline (normalize + analyze) and counts stories with participants,
distinct people, distinct positions (with their level from data/positions.tsv), roles,
people kept out as staff, and paragraphs with a speaker; `--every N` reads every N-th day
file only.  Also times the participants and speakers stages alone.

`--handcheck N` instead picks N stories whose title contains 座谈会 or 会议 by a seeded
random choice and prints each story's text beside what was found, for a person to judge
(tests/extract/handcheck_participants.md holds such a judgement).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from corpus import CORPUS

from zhengce.extract.participants import find_participants
from zhengce.extract.participants.lexicon import lexicon
from zhengce.extract.speakers import attribute_speakers
from zhengce.model import Document
from zhengce.pipeline import analyze_stages, normalize
from zhengce.segment.stories import split_stories

OWN_STAGES = {"participants", "speakers"}
MEETING_WORDS = ("座谈会", "会议")


@dataclass
class Tally:
    stories: int = 0
    characters: int = 0
    with_participants: int = 0
    mentions: int = 0
    people: set[str] = field(default_factory=set)
    positions: Counter[str] = field(default_factory=Counter)
    levels: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    staff: Counter[str] = field(default_factory=Counter)
    spoken_paragraphs: int = 0
    own_seconds: float = 0.0

    def add(self, doc: Document) -> None:
        lex = lexicon()
        self.stories += 1
        self.characters += len(doc.text)
        self.with_participants += bool(doc.participants)
        for person in doc.participants:
            self.mentions += 1
            self.people.add(person.name)
            self.roles[person.role] += 1
            for post in person.positions:
                if post not in self.positions:
                    self.levels[lex.level(post)] += 1
                self.positions[post] += 1
        for person in doc.not_participants:
            self.staff[person.role] += 1
        self.spoken_paragraphs += sum(1 for p in doc.paragraphs if p.speaker)

    def summary(self) -> dict[str, object]:
        return {
            "stories": self.stories,
            "stories_with_participants": self.with_participants,
            "participants (story, person)": self.mentions,
            "distinct_people": len(self.people),
            "distinct_positions": len(self.positions),
            "new positions by level": dict(self.levels.most_common()),
            "roles": dict(self.roles.most_common()),
            "not_participants by role": dict(self.staff.most_common()),
            "paragraphs_with_speaker": self.spoken_paragraphs,
            "top_positions": [f"{p} ×{n}" for p, n in self.positions.most_common(12)],
            "participants+speakers chars/s": round(self.characters / self.own_seconds)
            if self.own_seconds
            else None,
        }


def read(doc: Document) -> float:
    """Run the pipeline over one story; return the seconds spent in our two stages."""
    normalize(doc)
    own = 0.0
    for name, stage in analyze_stages():
        started = time.perf_counter()
        stage(doc)
        if name in OWN_STAGES:
            own += time.perf_counter() - started
    if not any(name in OWN_STAGES for name, _ in analyze_stages()):
        started = time.perf_counter()
        find_participants(doc)
        attribute_speakers(doc)
        own += time.perf_counter() - started
    return own


def day_files(every: int) -> list[Path]:
    return sorted(CORPUS.glob("*.md"))[::every]


def stories_of(path: Path) -> list[Document]:
    return split_stories(path.read_text("utf-8"), path.name) or []


def title_of(doc: Document) -> str:
    first = doc.raw_text.split("\n", 1)[0]
    return first.removeprefix("### ").strip()


def statistics(every: int) -> dict[str, object]:
    tally = Tally()
    started = time.perf_counter()
    for path in day_files(every):
        for doc in stories_of(path):
            tally.own_seconds += read(doc)
            tally.add(doc)
    result = tally.summary()
    result["day_files"] = len(day_files(every))
    result["seconds_total"] = round(time.perf_counter() - started, 1)
    return result


def handcheck(count: int, seed: int) -> None:
    """Print a seeded sample of meeting stories with what was found, to judge by hand."""
    candidates = [
        (path, number)
        for path in day_files(1)
        for number, doc in enumerate(stories_of(path))
        if any(word in title_of(doc) for word in MEETING_WORDS)
    ]
    chosen = sorted(random.Random(seed).sample(candidates, count))
    print(f"# {count} of {len(candidates)} meeting stories, seed {seed}\n")
    for path, number in chosen:
        doc = stories_of(path)[number]
        read(doc)
        print(f"## {path.stem} #{number + 1} {title_of(doc)}\n")
        for paragraph in doc.paragraphs:
            if paragraph.kind == "body":
                mark = f"[{paragraph.speaker}] " if paragraph.speaker else ""
                print(f"> {mark}{paragraph.text}")
        print()
        for person in doc.participants:
            print(f"- {person.name} | {'、'.join(person.positions)} | {person.role}")
        for person in doc.not_participants:
            print(f"- NOT {person.name} | {person.role}")
        print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=1, help="read every N-th day file")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--handcheck", type=int, default=0, help="sample N meeting stories")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the sample")
    args = parser.parse_args()
    if args.handcheck:
        handcheck(args.handcheck, args.seed)
        return 0
    result = statistics(max(1, args.every))
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
