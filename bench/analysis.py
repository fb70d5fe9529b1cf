"""Speed of the analysis stages (segment + extract) beside bare rjieba, measured in the same run.

    .venv/bin/python bench/analysis.py [--days 200] [--repeat 3] [--json]

Reads the first `--days` days of ../shared/corpus/cctv-news/md, one document per story,
normalizes them (not timed), then times (a) bare rjieba segmentation of the same
normalized text (the baseline), (b) every analysis stage through
`zhengce.pipeline.analyze_stages`, run as `analyze_all` runs them (stage by stage over the
stories of one file, as `process_source` does), and (c) `analyze` one document at a time.
All in CPU time (the machines are shared).  The ratio to the baseline is the figure to
compare across runs; the best of `--repeat` runs is kept.  As in an ingest worker, only one
file's documents are alive at a time (each file's normalized stories are unpickled just
before they are analyzed, untimed), so the garbage collector sees what it would see there.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import sys
import time

import rjieba
from corpus import CORPUS, corpus_missing

from zhengce.model import Document
from zhengce.pipeline import analyze, analyze_stages, normalize, read_documents


def load_documents(days: int) -> list[Document]:
    files = sorted(CORPUS.glob("*.md"))[:days]
    return [normalize(doc) for path in files for doc in read_documents(str(path))]


def time_baseline(texts: list[str]) -> float:
    jieba = rjieba.Jieba()
    jieba.cut("预热")  # load the dictionary outside the timing
    start = time.process_time()
    for text in texts:
        jieba.cut(text)
    return time.process_time() - start


def freeze_by_file(docs: list[Document]) -> list[bytes]:
    """The documents of each file, pickled: analysis fills documents in place, so every run
    starts from fresh copies."""
    groups = itertools.groupby(docs, key=lambda doc: doc.source.split("#")[0])
    return [pickle.dumps(list(stories)) for _file, stories in groups]


def time_analysis(files: list[bytes]) -> tuple[float, dict[str, float]]:
    """CPU time of analyze_all over the stories of each file, in total and per stage."""
    stages = analyze_stages()
    per_stage = dict.fromkeys((name for name, _stage in stages), 0.0)
    clock = time.process_time
    for frozen in files:
        stories: list[Document] = pickle.loads(frozen)
        for name, stage in stages:
            t0 = clock()
            for doc in stories:
                stage(doc)
            per_stage[name] += clock() - t0
    return sum(per_stage.values()), per_stage


def time_per_document(files: list[bytes]) -> float:
    seconds = 0.0
    for frozen in files:
        stories: list[Document] = pickle.loads(frozen)
        start = time.process_time()
        for doc in stories:
            analyze(doc)
        seconds += time.process_time() - start
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=200, help="corpus days to read")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if corpus_missing():
        return 2
    docs = load_documents(args.days)
    texts = [doc.text for doc in docs]
    chars = sum(map(len, texts))
    files = freeze_by_file(docs)
    del docs
    time_analysis(files[:5])  # import and build tables before timing
    baseline = min(time_baseline(texts) for _ in range(args.repeat))
    full, per_stage = min((time_analysis(files) for _ in range(args.repeat)), key=lambda r: r[0])
    one_by_one = min(time_per_document(files) for _ in range(args.repeat))
    stage_speed = {k: chars / v if v else float("inf") for k, v in per_stage.items()}
    result: dict[str, object] = {
        "documents": len(texts),
        "characters": chars,
        "rjieba_chars_per_s": chars / baseline,
        "analyze_chars_per_s": chars / full,
        "analyze_one_by_one_chars_per_s": chars / one_by_one,
        "ratio_to_rjieba": baseline / full,
        "per_stage_chars_per_s": stage_speed,
        "per_stage_cpu_s": per_stage,
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"text: {len(texts)} documents, {chars:,} characters (normalized), CPU time")
    print(f"best of {args.repeat} runs each")
    print(f"bare rjieba cut      {chars / baseline / 1e6:8.2f} M chars/s")
    print(
        f"analyze_all by file  {chars / full / 1e6:8.2f} M chars/s"
        f"   ratio to rjieba {baseline / full:.3f}   {full:.2f} s"
    )
    print(
        f"analyze one by one   {chars / one_by_one / 1e6:8.2f} M chars/s"
        f"   ratio to rjieba {baseline / one_by_one:.3f}   {one_by_one:.2f} s"
    )
    for name, speed in stage_speed.items():
        print(f"  stage {name:<13} {speed / 1e6:8.2f} M chars/s   {per_stage[name]:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
