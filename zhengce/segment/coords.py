"""Map positions in the raw text to positions in the normalized text through the edit log.

Normalization stages that lift facts (page chrome) record spans in the coordinates of
their input; for the first stage that is the raw text.  Later stages shift those spans,
and the edit log says exactly how.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from zhengce.model import Document, Edit


def _map_through(pos: int, run: Sequence[Edit], starts: Sequence[int], *, is_end: bool) -> int:
    """Position after one stage run; a position inside a replaced span snaps to its edge."""
    shift = 0
    index = bisect_right(starts, pos)
    for edit in run[:index]:
        if is_end and edit.start == pos:
            break  # an insertion or replacement starting where a span ends is not in it
        if edit.end <= pos:
            shift += len(edit.after) - len(edit.before)
            continue
        # pos falls inside this replaced span: a start snaps to the start of the
        # replacement, an end to its end (an end at the very start stays before it).
        inside = is_end and edit.start < pos
        return edit.start + shift + (len(edit.after) if inside else 0)
    return pos + shift


def map_span(doc: Document, start: int, end: int, from_step: int = 0) -> tuple[int, int]:
    """Where raw span [start, end) (coordinates of stage run `from_step`'s input) is now."""
    by_step: dict[int, list[Edit]] = {}
    for edit in doc.edits:
        if edit.step >= from_step:
            by_step.setdefault(edit.step, []).append(edit)
    for step in sorted(by_step):
        run = sorted(by_step[step], key=lambda e: (e.start, e.end))
        starts = [e.start for e in run]
        start = _map_through(start, run, starts, is_end=False)
        end = max(start, _map_through(end, run, starts, is_end=True))
    return start, end


def lifted_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of `doc.metadata["metadata_spans"]` (raw coordinates) in the normalized text.

    Accepts {key: [start, end]} (or {key: [[start, end], ...]}) as the chrome stage
    writes it, and lists of {"start": s, "end": e} or (start, end) items.
    """
    found: Any = doc.metadata.get("metadata_spans") or []
    items: Iterable[Any] = found.values() if isinstance(found, dict) else found
    spans = []
    for item in _flatten(items):
        start, end = item
        spans.append(map_span(doc, start, end))
    return spans


def _flatten(items: Iterable[Any]) -> Iterable[tuple[int, int]]:
    for item in items:
        if isinstance(item, dict):
            item = (item.get("start"), item.get("end"))
        if isinstance(item, list | tuple) and item and isinstance(item[0], list | tuple | dict):
            yield from _flatten(item)
        elif isinstance(item, list | tuple) and len(item) >= 2:
            start, end = item[0], item[1]
            if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
                yield start, end
