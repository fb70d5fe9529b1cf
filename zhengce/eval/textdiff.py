"""Character-level comparison used by eval and by the variant tests."""

from __future__ import annotations

import difflib
import unicodedata

import regex

_WHITESPACE = regex.compile(r"\s+")


def fold(text: str) -> str:
    """Fold punctuation width (NFKC) and drop white space, as the gold README asks."""
    folded: str = _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))
    return folded


def char_errors(expected: str, actual: str, context: int = 0) -> tuple[int, list[tuple[str, str]]]:
    """Count character errors (substitutions, insertions, deletions) and list the differing runs.

    Uses difflib's matching blocks rather than a full Levenshtein table: on texts of
    tens of thousands of characters that is fast and, for the sparse differences
    normalization leaves, gives the same count.  Each listed run carries `context`
    characters either side, to show where it is.
    """
    matcher = difflib.SequenceMatcher(None, expected, actual, autojunk=False)
    errors = 0
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        errors += max(i2 - i1, j2 - j1)
        runs.append(
            (
                expected[max(0, i1 - context) : i2 + context],
                actual[max(0, j1 - context) : j2 + context],
            )
        )
    return errors, runs
