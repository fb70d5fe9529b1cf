"""Normalization stages, in the order they run (see DESIGN.md, "Normalization stages").

Each stage is `Document -> list[Edit]`; `zhengce.pipeline.normalize` applies them.
"""

from __future__ import annotations

from zhengce.normalize.chrome import lift_page_chrome
from zhengce.normalize.markup import strip_markdown_markup
from zhengce.normalize.mojibake import repair_gbk_mojibake
from zhengce.normalize.pinyin import strip_pinyin_annotations
from zhengce.normalize.punctuation import widen_ascii_punctuation
from zhengce.normalize.script import convert_to_mainland_simplified
from zhengce.normalize.symbols import strip_noise_symbols
from zhengce.normalize.whitespace import tidy_whitespace
from zhengce.pipeline import NormalizeStage

STAGES: list[tuple[str, NormalizeStage]] = [
    ("markup", strip_markdown_markup),
    ("chrome", lift_page_chrome),
    ("symbols", strip_noise_symbols),
    ("pinyin", strip_pinyin_annotations),
    ("mojibake", repair_gbk_mojibake),
    ("script", convert_to_mainland_simplified),
    ("punctuation", widen_ascii_punctuation),
    ("whitespace", tidy_whitespace),
]
