"""Analysis stages after normalization, in the order they run.

Each is `Document -> None` (`zhengce.model.AnalyzeStage`) and fills blocks, paragraphs and
facts; each is registered with the `Document` fields it reads and writes ("paragraphs.speaker":
an attribute of items another stage made).  Segment comes first (everything else reads
`doc.paragraphs`), then metadata (the kind decides whether there is an event date or an
outline), then the outline; participants and speakers follow, then the policy content:
measures, themes, targets, units, formulations; the bilingual stage aligns an English
translation last.  This list is the one place the order is stated.
"""

from __future__ import annotations

from zhengce.bilingual.stage import align_translation
from zhengce.extract.formulations import find_formulations
from zhengce.extract.measures import extract_measures
from zhengce.extract.metadata import extract_metadata
from zhengce.extract.outline import extract_outline
from zhengce.extract.participants import find_participants
from zhengce.extract.places import find_places
from zhengce.extract.speakers import attribute_speakers
from zhengce.extract.targets import find_targets
from zhengce.extract.themes import assign_themes
from zhengce.extract.units import find_units
from zhengce.model import AnalyzeStage, Stage
from zhengce.segment.blocks import segment_document

BODY = ("text", "paragraphs")

CONTRACTS: list[Stage[AnalyzeStage]] = [
    Stage("segment", segment_document, ("text", "metadata"), ("blocks", "paragraphs")),
    Stage("metadata", extract_metadata, ("blocks", *BODY, "metadata"), ("metadata",)),
    Stage("outline", extract_outline, (*BODY, "metadata"), ("outline", "metadata")),
    # title prefix, dateline, event place, a law's scope clause
    Stage("places", find_places, (*BODY, "blocks", "metadata"), ("places",)),
    # reads body paragraphs and metadata["staff"]
    Stage(
        "participants",
        find_participants,
        (*BODY, "metadata"),
        ("participants", "not_participants"),
    ),
    # reads the participants found just before
    Stage("speakers", attribute_speakers, ("paragraphs", "participants"), ("paragraphs.speaker",)),
    # body paragraphs -> actionable clauses
    Stage("measures", extract_measures, (*BODY, "metadata", "outline"), ("measures",)),
    # paragraphs and the measures just found
    Stage(
        "themes",
        assign_themes,
        (*BODY, "measures"),
        ("paragraphs.themes", "measures.themes"),
    ),
    # dated goals; reads metadata event_date / published
    Stage("targets", find_targets, (*BODY, "metadata", "outline"), ("targets",)),
    # the measures' actors and 责任主体 phrases
    Stage("units", find_units, (*BODY, "measures"), ("responsible_units",)),
    Stage("formulations", find_formulations, (*BODY, "metadata"), ("formulations",)),
    # English paragraphs <-> Chinese ones, and the term pairs they give
    Stage(
        "bilingual",
        align_translation,
        ("source", "paragraphs", "participants", "not_participants", "formulations"),
        ("aligned_pairs", "term_candidates"),
    ),
]

STAGES: list[tuple[str, AnalyzeStage]] = [(stage.name, stage.run) for stage in CONTRACTS]
