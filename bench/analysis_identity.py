"""Dev check: the analysis stages' output over a fixed sample, as canonical JSON.

    .venv/bin/python bench/analysis_identity.py OUT.jsonl [--inputs CACHE.pickle] [--every 10]
        [--policy] [--by-file] [--compare BASELINE.jsonl [--ignore FIELD ...]]

Reads every `--every`-th day of ../shared/corpus/cctv-news/md, every seed under
../shared/seeds and every file under samples/, normalizes them and runs `analyze`; writes
one line per document: its source and `Document.to_json(sort_keys=True)`.  Run it before
and after a change to an analysis stage and compare the two files (`cmp`, or
`--compare BASELINE` here, which names the first documents that differ): a speed-up of
segment/extract must leave every line identical.

Normalization is edited by others at the same time; `--inputs` pickles the normalized
documents on the first run and reads them back on later runs, so a difference found is
one the analysis stages made.  `--by-file` analyzes the stories of each file together with
`analyze_all` (as `process_source` does) instead of one document at a time with `analyze`.
`--policy` adds the policy corpus (../shared/corpus/policy).  `--ignore FIELD` leaves a
`Document` field out of the comparison: one a change added on purpose, which the baseline
cannot have.  Source paths are compared from their `shared/` part on, so a baseline made in
another checkout (`git archive main | tar -x -C DIR`) compares.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import re
import sys
from pathlib import Path

from corpus import CORPUS, SHARED

from zhengce.model import Document
from zhengce.pipeline import analyze, analyze_all, normalize, read_documents

ROOT = Path(__file__).resolve().parents[1]
# An absolute path up to its shared/ or samples/ part (a string starting at a quote or a tab).
CHECKOUT_PATH = re.compile(r'(?:^|(?<=["\t]))/[^"\t\n]*?/(shared|samples)/')


def sample_files(every: int, policy: bool = False) -> list[Path]:
    days = sorted(CORPUS.glob("*.md"))[::every]
    seeds = sorted(p for p in (SHARED / "seeds").rglob("*") if p.is_file())
    samples = sorted(p for p in (ROOT / "samples").rglob("*") if p.is_file())
    laws = policy_files() if policy else []
    return [*days, *seeds, *samples, *laws]


def policy_files() -> list[Path]:
    root = SHARED / "corpus" / "policy"
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != "manifest.tsv")


def normalized_documents(every: int, policy: bool = False) -> list[Document]:
    docs: list[Document] = []
    for path in sample_files(every, policy):
        try:
            docs.extend(normalize(doc) for doc in read_documents(str(path)))
        except Exception as error:  # an unreadable sample is not what this check is about
            print(f"skipped {path.name}: {error}", file=sys.stderr)
    return docs


def load_inputs(cache: Path | None, every: int, policy: bool = False) -> list[Document]:
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            docs: list[Document] = pickle.load(handle)
        return docs
    docs = normalized_documents(every, policy)
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(docs, handle)
    return docs


def _comparable(line: str, ignore: set[str]) -> str:
    """A line with checkout-specific path prefixes cut and the ignored fields left out."""
    line = CHECKOUT_PATH.sub(r"\1/", line)
    if not ignore:
        return line
    source, _, data = line.partition("\t")
    fields = {k: v for k, v in json.loads(data).items() if k not in ignore}
    return f"{source}\t{json.dumps(fields, ensure_ascii=False, sort_keys=True)}"


def compare(out: Path, baseline: Path, ignore: set[str] | None = None) -> int:
    ignore = ignore or set()
    new = [_comparable(line, ignore) for line in out.read_text("utf-8").splitlines()]
    old = [_comparable(line, ignore) for line in baseline.read_text("utf-8").splitlines()]
    differing = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    if len(new) != len(old):
        print(f"document count differs: {len(old)} -> {len(new)}")
    for i in differing[:10]:
        print(f"differs: {new[i].split(chr(9), 1)[0]}")
    print(f"{len(differing)} of {len(new)} documents differ")
    return 1 if differing or len(new) != len(old) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--inputs", type=Path, help="pickle of the normalized documents")
    parser.add_argument("--every", type=int, default=10, help="every N-th corpus day")
    parser.add_argument("--compare", type=Path, help="a baseline written by an earlier run")
    parser.add_argument("--ignore", action="append", default=[], help="a field not compared")
    parser.add_argument("--policy", action="store_true", help="add the policy corpus")
    parser.add_argument("--by-file", action="store_true", help="analyze_all per source file")
    args = parser.parse_args(argv)
    docs = load_inputs(args.inputs, args.every, args.policy)
    if args.by_file:
        for _file, stories in itertools.groupby(docs, key=lambda d: d.source.split("#")[0]):
            analyze_all(list(stories))
    else:
        for doc in docs:
            analyze(doc)
    with args.out.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(f"{doc.source}\t{doc.to_json(sort_keys=True)}\n")
    print(f"{len(docs)} documents, {sum(len(d.text) for d in docs):,} characters -> {args.out}")
    return compare(args.out, args.compare, set(args.ignore)) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
