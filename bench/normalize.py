"""Speed of full normalization beside bare OpenCC t2s, measured in the same run.

    .venv/bin/python bench/normalize.py [--mb 6] [--chars 2000000] [--repeat 3]
                                        [--no-process] [--json]

Three inputs, each timed beside OpenCC t2s over the same text, back to back (A B A B ...),
the best of `--repeat` runs kept for each side; the machine here is shared, so the ratio
to the baseline is the figure to compare across runs:

1. **stories**: at least `--mb` MB (UTF-8) of ../shared/corpus/cctv-news/md day files,
   read as ingest reads them (`pipeline.read_documents`: one document per story, Markdown
   metadata set, so the markup stage runs), normalized in this process.
2. **traditional**: the story texts of the same days joined into one text of about
   `--chars` characters and turned into traditional by OpenCC s2t;
3. **taiwan**: the same text turned into Taiwan traditional with Taiwan vocabulary by
   OpenCC s2twp (支持→支援, 软件→軟體), as tests/normalize/variants.py makes it.

Inputs 2 and 3 are timed in this process (with per-stage time) and, unless
`--no-process`, also process against process as a user runs them: `zhengce normalize
FILE` against a Python process that converts FILE with OpenCC t2s, both writing to
/dev/null, with each child's peak memory (max RSS) from the operating system.
Nothing is written outside a temporary folder; the corpus is read at run time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import opencc
from corpus import CORPUS, corpus_missing

from zhengce.model import Document
from zhengce.pipeline import normalize_stages, read_documents

GOAL_RATIO = 1 / 6
GOAL_STORIES_CHARS_PER_S = 5e6

OPENCC_PROCESS = (
    "import sys, opencc\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "sys.stdout.write(opencc.OpenCC('t2s').convert(text))\n"
)


def day_files(min_bytes: int) -> list[Path]:
    chosen: list[Path] = []
    size = 0
    for path in sorted(CORPUS.glob("*.md")):
        chosen.append(path)
        size += path.stat().st_size
        if size >= min_bytes:
            break
    return chosen


def load_stories(days: list[Path]) -> list[Document]:
    """The documents ingest makes of the day files (one per story, format markdown)."""
    return [doc for day in days for doc in read_documents(str(day))]


def joined_text(stories: list[Document], chars: int) -> str:
    """Story texts joined by blank lines up to about `chars` characters (no day heading)."""
    parts: list[str] = []
    size = 0
    for doc in stories:
        parts.append(doc.raw_text.strip())
        size += len(parts[-1]) + 2
        if size >= chars:
            break
    return "\n\n".join(parts) + "\n"


def run_stages(docs: list[Document], per_stage: dict[str, float]) -> None:
    stages = normalize_stages()
    for doc in docs:
        for name, stage in stages:
            t0 = time.perf_counter()
            doc.apply_edits(name, stage(doc))
            per_stage[name] = per_stage.get(name, 0.0) + time.perf_counter() - t0


def fresh(docs: list[Document]) -> list[Document]:
    return [Document.from_raw(d.raw_text, d.source, d.metadata) for d in docs]


def best_pair(
    repeat: int, baseline: Callable[[], float], measured: Callable[[], float]
) -> tuple[float, float]:
    """Min of `repeat` runs of each, run in turn (B A B A ...)."""
    base: list[float] = []
    ours: list[float] = []
    for _ in range(repeat):
        base.append(baseline())
        ours.append(measured())
    return min(base), min(ours)


def in_process(docs: list[Document], repeat: int) -> tuple[float, float, dict[str, float]]:
    """(OpenCC t2s seconds, normalization seconds, per-stage seconds of the best run)."""
    converter = opencc.OpenCC("t2s")
    texts = [d.raw_text for d in docs]
    runs: list[tuple[float, dict[str, float]]] = []

    def baseline() -> float:
        start = time.perf_counter()
        for text in texts:
            converter.convert(text)
        return time.perf_counter() - start

    def measured() -> float:
        batch = fresh(docs)
        per_stage: dict[str, float] = {}
        start = time.perf_counter()
        run_stages(batch, per_stage)
        elapsed = time.perf_counter() - start
        runs.append((elapsed, per_stage))
        return elapsed

    base, ours = best_pair(repeat, baseline, measured)
    per_stage = min(runs, key=lambda run: run[0])[1]
    return base, ours, per_stage


# Runs one command with its output to /dev/null and prints its wall seconds and peak
# memory.  A small launcher, because a child forked from this (large) process would count
# the parent's pages in its own peak.
LAUNCHER = (
    "import os, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "with open(os.devnull, 'wb') as sink:\n"
    "    done = subprocess.run(sys.argv[1:], stdout=sink, stderr=subprocess.PIPE)\n"
    "elapsed = time.perf_counter() - start\n"
    "if done.returncode:\n"
    "    sys.exit(f'exit {done.returncode}: {done.stderr.decode(errors=\"replace\").strip()}')\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(elapsed, peak)\n"
)


def timed_process(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak memory MB) of one child process writing to /dev/null."""
    # As a user runs them: compiled modules cached (a session that sets
    # PYTHONDONTWRITEBYTECODE would make every run compile the whole package again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode != 0:
        raise SystemExit(f"error: {' '.join(command)}: {done.stderr.strip()}")
    elapsed, peak = done.stdout.split()
    return float(elapsed), float(peak)


def process_pair(path: Path, repeat: int) -> dict[str, float]:
    zhengce = [str(Path(sys.executable).with_name("zhengce")), "normalize", str(path)]
    baseline = [sys.executable, "-c", OPENCC_PROCESS, str(path)]
    timed_process(zhengce)  # warm the OS file cache and the OpenCC config file
    base: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    for _ in range(repeat):
        base.append(timed_process(baseline))
        ours.append(timed_process(zhengce))
    return {
        "opencc_t2s_process_s": min(t for t, _ in base),
        "normalize_process_s": min(t for t, _ in ours),
        "ratio_to_opencc": min(t for t, _ in base) / min(t for t, _ in ours),
        "opencc_peak_mb": max(m for _, m in base),
        "normalize_peak_mb": max(m for _, m in ours),
    }


def measure(name: str, docs: list[Document], repeat: int) -> dict[str, object]:
    chars = sum(len(d.raw_text) for d in docs)
    base, ours, per_stage = in_process(docs, repeat)
    return {
        "input": name,
        "documents": len(docs),
        "characters": chars,
        "opencc_t2s_chars_per_s": chars / base,
        "normalize_chars_per_s": chars / ours,
        "ratio_to_opencc": base / ours,
        "per_stage_chars_per_s": {k: chars / v for k, v in per_stage.items() if v},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mb", type=float, default=6.0, help="MB of corpus day files (UTF-8)")
    parser.add_argument(
        "--chars", type=int, default=2_000_000, help="characters of the traditional inputs"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-process", action="store_true", help="skip process-vs-process")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if corpus_missing():
        return 2
    stories = load_stories(day_files(int(args.mb * 1_000_000)))
    plain = joined_text(stories, args.chars)
    variants = {
        "traditional": opencc.OpenCC("s2t").convert(plain),
        "taiwan": opencc.OpenCC("s2twp").convert(plain),
    }
    normalize_stages()  # import and build tables before timing
    run_stages(fresh(stories[:50]), {})
    run_stages([Document.from_raw(variants["taiwan"][:20_000])], {})  # script tables too
    results = [measure("stories", stories, args.repeat)]
    with tempfile.TemporaryDirectory(prefix="zhengce-bench-") as folder:
        for name, text in variants.items():
            result = measure(name, [Document.from_raw(text, name)], args.repeat)
            if not args.no_process:
                path = Path(folder) / f"{name}.txt"
                path.write_text(text, "utf-8")
                result["process"] = process_pair(path, args.repeat)
            results.append(result)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps({"results": results, "bench_peak_rss_mb": round(peak_mb, 1)}, indent=1))
        return 0
    print(f"best of {args.repeat} runs each, baseline and ours in turn")
    for result in results:
        report(result)
    print(f"peak memory of this (in-process) run: {peak_mb:.0f} MB")
    return 0


def report(result: dict[str, object]) -> None:
    chars = result["characters"]
    print(f"\n{result['input']}: {result['documents']} documents, {chars:,} characters")
    speed = result["normalize_chars_per_s"]
    base = result["opencc_t2s_chars_per_s"]
    assert isinstance(speed, float) and isinstance(base, float)
    goal = " and >= 5 M/s" if result["input"] == "stories" else ""
    print(f"  in process: bare OpenCC t2s {base / 1e6:8.2f} M chars/s")
    print(
        f"              normalization {speed / 1e6:8.2f} M chars/s"
        f"   ratio to t2s {speed / base:.3f} (goal >= {GOAL_RATIO:.3f}{goal})"
    )
    stages = result["per_stage_chars_per_s"]
    assert isinstance(stages, dict)
    for name, stage_speed in stages.items():
        print(f"    stage {name:<12} {stage_speed / 1e6:8.2f} M chars/s")
    process = result.get("process")
    if isinstance(process, dict):
        print(
            f"  process:    OpenCC t2s {process['opencc_t2s_process_s']:.2f} s"
            f" (peak {process['opencc_peak_mb']:.0f} MB),"
            f" zhengce normalize {process['normalize_process_s']:.2f} s"
            f" (peak {process['normalize_peak_mb']:.0f} MB),"
            f" ratio {process['ratio_to_opencc']:.3f} (goal >= {GOAL_RATIO:.3f}, peak <= 250 MB)"
        )


if __name__ == "__main__":
    sys.exit(main())
