"""Documents for the content-extraction tests (measures, themes, targets, units, formulations).

Until segmentation lands these tests build a Document whose body paragraphs are its non-empty
lines: a test helper, not a segmenter.  Texts are read from ../shared at run time.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import SEEDS, seed_path
from zhengce.model import Document, Paragraph

PINYIN_NOTE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)")


def doc_from_text(text: str, source: str = "-", **metadata: object) -> Document:
    """A document whose paragraphs are the text's non-empty lines, all of kind body."""
    doc = Document.from_raw(text, source=source, metadata=metadata)
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            start = offset + line.index(body)
            doc.paragraphs.append(Paragraph(body, start, start + len(body)))
        offset += len(line)
    return doc


def read_clean(name: str) -> str:
    """A clean simplified text: seeds 000/004 as given, 001/002 from originals/, 003 converted."""
    if name in {"001", "002"}:
        path = SEEDS / "originals" / f"{name}_original.txt"
        lines = path.read_text("utf-8").splitlines(keepends=True)
        return "".join(line for line in lines if not line.startswith("# source:"))
    text = seed_path(name).read_text("utf-8")
    if name == "003":
        import opencc

        text = opencc.OpenCC("t2s").convert(PINYIN_NOTE.sub("", text))
    return text


def clean_doc(name: str, **metadata: object) -> Document:
    return doc_from_text(read_clean(name), source=name, **metadata)


def seeds_available() -> bool:
    return Path(SEEDS).is_dir()
