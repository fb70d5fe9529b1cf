"""The pipeline: ingest -> normalize -> segment -> extract, one direction.

A normalization stage is a plain function `Document -> list[Edit]`: it reads
`doc.text` (and may lift facts into `doc.metadata`); the pipeline applies and
records its edits.  Analysis stages (segment, extract, bilingual) are
`Document -> None` functions that fill the document's blocks and facts.  The
stage types and contracts live with the model (`zhengce.model.Stage`); the
order is stated once, in the registries `zhengce.normalize.CONTRACTS` and
`zhengce.extract.CONTRACTS`, which never import this module.
"""

from __future__ import annotations

from zhengce.extract import CONTRACTS as ANALYZE_CONTRACTS
from zhengce.extract import STAGES as ANALYZE_STAGES
from zhengce.ingest import read_source
from zhengce.model import AnalyzeStage, Document, NormalizeStage, Stage
from zhengce.normalize import CONTRACTS as NORMALIZE_CONTRACTS
from zhengce.normalize import STAGES as NORMALIZE_STAGES
from zhengce.segment.stories import split_file


def normalize_stages() -> list[tuple[str, NormalizeStage]]:
    return NORMALIZE_STAGES


def analyze_stages() -> list[tuple[str, AnalyzeStage]]:
    return ANALYZE_STAGES


def stage_contracts() -> list[Stage[NormalizeStage] | Stage[AnalyzeStage]]:
    """Every stage in the order it runs, with the Document fields it reads and writes."""
    return [*NORMALIZE_CONTRACTS, *ANALYZE_CONTRACTS]


def normalize(doc: Document, only: set[str] | None = None) -> Document:
    """Run every normalization stage (or those named in `only`) over `doc` in place."""
    for name, stage in normalize_stages():
        if only is None or name in only:
            doc.apply_edits(name, stage(doc))
    return doc


def analyze(doc: Document) -> Document:
    for _name, stage in analyze_stages():
        stage(doc)
    return doc


def analyze_all(docs: list[Document]) -> list[Document]:
    """`analyze` over several documents, stage by stage: the same result, less CPU.

    Analysis stages read nothing but their own document, so the order of (stage, document)
    pairs does not change any result; running one stage over all the stories of a file keeps
    its patterns and tables in the CPU caches (~13% less CPU on 新闻联播 day files).
    """
    for _name, stage in analyze_stages():
        for doc in docs:
            stage(doc)
    return docs


def read_documents(name: str) -> list[Document]:
    """Read a file (or '-') into raw documents: one, or for a multi-story file one per story
    and one per part between stories (summary, footer), so that every character is kept.

    Raises zhengce.ingest.IngestError for a file that cannot be read.
    """
    doc = read_source(name)
    stories = split_file(doc.raw_text, doc.source)
    if stories is None:
        return [doc]
    for story in stories:
        # File-level facts (encoding, format) hold for every story cut from the file.
        story.metadata = {**doc.metadata, **story.metadata}
    return stories


def process_source(name: str) -> list[Document]:
    """The whole pipeline for one file: read, split, normalize, analyze."""
    return analyze_all([normalize(doc) for doc in read_documents(name)])


def process_text(raw_text: str, source: str = "-") -> Document:
    doc = Document.from_raw(raw_text, source=source)
    normalize(doc)
    analyze(doc)
    return doc
