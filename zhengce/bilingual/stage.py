"""The bilingual analysis stage: align a document's English translation, then find term pairs.

Runs last among the analysis stages (it reads the paragraphs' kinds, the participants and the
formulations); a document without an English block gets no pairs.  The store only writes what
this stage put on the `Document`.
"""

from __future__ import annotations

from zhengce.bilingual.align import align, has_english
from zhengce.bilingual.glossary import discover
from zhengce.model import Document


def align_translation(doc: Document) -> None:
    if not has_english(doc):
        doc.aligned_pairs = []
        doc.term_candidates = []
        return
    doc.aligned_pairs = align(doc)
    doc.term_candidates = discover(doc, doc.aligned_pairs)
