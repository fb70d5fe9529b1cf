"""Analysis across documents of a knowledge base: formulations, timelines, comparisons.

- `formulations`: every formulation with first-seen date, documents and mentions.
- `timeline`: documents mentioning a term per month (zero months included), and its chart.
- `compare`: theme profiles, measures and formulations of documents or groups side by side.
- `commands`: what `zhengce formulations|timeline|compare` print (cli.py only parses options).

All of them read the tables of schema migration 2 (filled by `zhengce ingest`).
"""

from __future__ import annotations


class AnalysisError(ValueError):
    """Input that cannot be analysed (a bad term, group or document id); one clear line."""
