"""Speed of full normalization beside bare OpenCC t2s, measured in the same run.

    .venv/bin/python bench/normalize.py [--mb 6] [--repeat 3] [--json]

Builds at least `--mb` MB (UTF-8) of text from ../shared/corpus/cctv-news/md, one
document per story, and times (a) OpenCC t2s over the same stories (the baseline)
and (b) every normalization stage through `zhengce.pipeline.normalize`.  Machines
here are noisy, so the ratio to the baseline is the figure to compare across runs;
the best of `--repeat` runs is kept for both.  Also prints per-stage time and peak
memory (max RSS).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import opencc
from corpus import CORPUS, corpus_missing

from zhengce.model import Document
from zhengce.pipeline import normalize_stages


def load_stories(min_bytes: int) -> list[str]:
    stories: list[str] = []
    size = 0
    for path in sorted(CORPUS.glob("*.md")):
        for section in path.read_text("utf-8").split("\n### ")[1:]:
            stories.append("### " + section)
            size += len(stories[-1].encode("utf-8"))
        if size >= min_bytes:
            break
    return stories


def time_baseline(stories: list[str]) -> float:
    converter = opencc.OpenCC("t2s")
    start = time.perf_counter()
    for story in stories:
        converter.convert(story)
    return time.perf_counter() - start


def time_pipeline(stories: list[str]) -> tuple[float, dict[str, float]]:
    per_stage: dict[str, float] = {}
    stages = normalize_stages()
    start = time.perf_counter()
    for story in stories:
        doc = Document.from_raw(story)
        for name, stage in stages:
            t0 = time.perf_counter()
            doc.apply_edits(name, stage(doc))
            per_stage[name] = per_stage.get(name, 0.0) + time.perf_counter() - t0
    return time.perf_counter() - start, per_stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=6.0, help="MB of corpus text (UTF-8)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if corpus_missing():
        return 2
    stories = load_stories(int(args.mb * 1_000_000))
    chars = sum(map(len, stories))
    size_mb = sum(len(s.encode("utf-8")) for s in stories) / 1e6
    normalize_stages()  # import and build tables before timing
    time_pipeline(stories[:50])  # warm caches
    baseline = min(time_baseline(stories) for _ in range(args.repeat))
    runs = [time_pipeline(stories) for _ in range(args.repeat)]
    full, per_stage = min(runs, key=lambda run: run[0])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stage_speed = {k: chars / v for k, v in per_stage.items() if v}
    result: dict[str, object] = {
        "stories": len(stories),
        "characters": chars,
        "megabytes": round(size_mb, 2),
        "opencc_t2s_chars_per_s": chars / baseline,
        "normalize_chars_per_s": chars / full,
        "ratio_to_opencc": baseline / full,
        "per_stage_chars_per_s": stage_speed,
        "peak_rss_mb": round(peak_mb, 1),
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"text: {len(stories)} stories, {chars:,} characters, {size_mb:.1f} MB")
    print(f"best of {args.repeat} runs each")
    print(f"bare OpenCC t2s      {chars / baseline / 1e6:8.2f} M chars/s")
    print(
        f"full normalization   {chars / full / 1e6:8.2f} M chars/s"
        f"   ratio to t2s {baseline / full:.3f} (goal >= 0.167 and >= 5 M/s)"
    )
    for name, speed in stage_speed.items():
        print(f"  stage {name:<12} {speed / 1e6:8.2f} M chars/s")
    print(f"peak memory (max RSS) {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
