"""Place filters of search, compare and the API: several places, and region presets.

`--place 东北` stands for the provinces of the preset (data/regions.tsv); `--place 黑龙江、吉林`
(or 黑龙江,吉林, or place= given twice in a compare group) matches any of the places.
"""

from __future__ import annotations

import re

from zhengce.extract.places import expand_place
from zhengce.search.query import fold_query

_SEPARATORS = re.compile(r"[、,，|]")


def place_terms(value: str) -> list[str]:
    """The place names a filter value matches (any of them), presets expanded, in order."""
    folded = fold_query(value)
    terms = [t for part in _SEPARATORS.split(folded) for t in expand_place(part)]
    return list(dict.fromkeys(terms)) or [folded.strip()]
