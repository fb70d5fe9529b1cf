"""Normalization stages, in the order they run (see DESIGN.md, "Normalization stages").

Each stage is `Document -> list[Edit]` (`zhengce.model.NormalizeStage`), registered with the
fields it reads and writes; `zhengce.pipeline.normalize` applies and records its edits, so
every stage writes `text` and `edits`.  This list is the one place the order is stated.
"""

from __future__ import annotations

from functools import partial

from zhengce.model import NormalizeStage, Stage
from zhengce.normalize.chrome import lift_page_chrome
from zhengce.normalize.markup import strip_markdown_markup
from zhengce.normalize.mojibake import repair_gbk_mojibake
from zhengce.normalize.pinyin import strip_pinyin_annotations
from zhengce.normalize.punctuation import widen_ascii_punctuation
from zhengce.normalize.script import convert_to_mainland_simplified
from zhengce.normalize.symbols import strip_noise_symbols
from zhengce.normalize.whitespace import tidy_whitespace

EDITS = ("text", "edits", "steps_run")  # the pipeline writes these for every stage

# The step each stage runs as in a full run (filled below from the list): the punctuation stage
# carries spans an earlier stage flagged into its own coordinates, and is given this mapping
# rather than reading the registry.
STEPS: dict[str, int] = {}

CONTRACTS: list[Stage[NormalizeStage]] = [
    Stage("markup", strip_markdown_markup, ("text", "metadata"), (*EDITS, "metadata")),
    Stage("chrome", lift_page_chrome, ("text", "metadata"), (*EDITS, "metadata")),
    Stage("symbols", strip_noise_symbols, ("text",), EDITS),
    Stage("pinyin", strip_pinyin_annotations, ("text",), EDITS),
    Stage("mojibake", repair_gbk_mojibake, ("text", "metadata"), (*EDITS, "metadata")),
    Stage(
        "script",
        convert_to_mainland_simplified,
        ("text", "metadata", "steps_run"),
        (*EDITS, "metadata"),
    ),
    Stage(
        "punctuation",
        partial(widen_ascii_punctuation, steps=STEPS),
        ("text", "edits", "metadata", "steps_run"),
        EDITS,
    ),
    Stage("whitespace", tidy_whitespace, ("text",), EDITS),
]

STEPS.update({stage.name: step for step, stage in enumerate(CONTRACTS)})
STAGES: list[tuple[str, NormalizeStage]] = [(stage.name, stage.run) for stage in CONTRACTS]
