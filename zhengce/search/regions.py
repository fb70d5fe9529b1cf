"""Region presets: a region of national strategy and the provinces it covers
(data/region_presets.tsv), for the web search's region facet and filter."""

from __future__ import annotations

from functools import cache

from zhengce.lexicon import load_table


@cache
def region_presets() -> dict[str, tuple[str, ...]]:
    """Region name -> the provinces it covers, in file order."""
    found: dict[str, list[str]] = {}
    for row in load_table("region_presets"):
        found.setdefault(row["region"], []).append(row["province"])
    return {region: tuple(provinces) for region, provinces in found.items()}
