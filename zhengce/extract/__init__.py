"""Analysis stages after normalization, in the order they run.

Each is `Document -> None` and fills blocks/paragraphs/facts on the document.  Segment
comes first (everything else reads `doc.paragraphs`), then metadata (the kind decides
whether there is an event date or an outline), then the outline; participants and
speakers follow, then the policy content: measures, themes, targets, units, formulations.
"""

from __future__ import annotations

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
from zhengce.pipeline import AnalyzeStage
from zhengce.segment.blocks import segment_document

STAGES: list[tuple[str, AnalyzeStage]] = [
    ("segment", segment_document),
    ("metadata", extract_metadata),
    ("outline", extract_outline),
    ("places", find_places),  # title prefix, dateline, event place, a law's scope clause
    ("participants", find_participants),  # reads body paragraphs and metadata["staff"]
    ("speakers", attribute_speakers),  # reads the participants found just before
    ("measures", extract_measures),  # body paragraphs -> actionable clauses
    ("themes", assign_themes),  # paragraphs and the measures just found
    ("targets", find_targets),  # dated goals; reads metadata event_date / published
    ("units", find_units),  # the measures' actors and 责任主体 phrases
    ("formulations", find_formulations),
]
