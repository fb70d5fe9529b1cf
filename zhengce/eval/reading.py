"""Reading metrics: title, kind, dates, place, source, issuers, languages, blocks, outline.

Each gold field present in a seed's gold file gives one metric; an absent field gives
none.  Text is compared after folding punctuation width and white space (gold README).
"""

from __future__ import annotations

from typing import Any

from zhengce.eval.metrics import Metric, SeedCase, ratio
from zhengce.eval.textdiff import fold
from zhengce.extract.outline import numeral_value
from zhengce.model import Document


def check(case: SeedCase) -> list[Metric]:
    doc, gold = case.doc, case.gold
    metrics: list[Metric] = []
    for field, measure in _CHECKS:
        if field in gold:
            metrics.append(measure(doc, gold[field]))
    if "sections" in gold:
        metrics.append(_outline("reading.outline_sections", doc, gold["sections"], level=1))
    if "items" in gold:
        metrics.append(_outline("reading.outline_items", doc, gold["items"], level=2))
    return metrics


def _contains_all(name: str, found: str | None, wanted: list[str]) -> Metric:
    text = fold(found or "")
    missing = [w for w in wanted if fold(w) not in text]
    detail = f"missing {'、'.join(missing)} in {found!r}" if missing else ""
    return ratio(name, len(wanted) - len(missing), len(wanted), 1.0, detail=detail)


def _equal(name: str, found: Any, wanted: Any) -> Metric:
    same = _folded(found) == _folded(wanted)
    return ratio(name, int(same), 1, 1.0, detail="" if same else f"got {found!r}, want {wanted!r}")


def _folded(value: Any) -> Any:
    if isinstance(value, str):
        return fold(value)
    if isinstance(value, list):
        return [_folded(v) for v in value]
    return value


def _title(doc: Document, wanted: list[str]) -> Metric:
    return _contains_all("reading.title", doc.metadata.get("title"), wanted)


def _kind(doc: Document, wanted: str) -> Metric:
    return _equal("reading.kind", doc.metadata.get("kind"), wanted)


def _event_date(doc: Document, wanted: dict[str, Any] | None) -> Metric:
    found = doc.metadata.get("event_date")
    parts = ("year", "month", "day")
    got = {k: found.get(k) for k in parts} if isinstance(found, dict) else None
    want = {k: wanted.get(k) for k in parts} if wanted else None
    return _equal("reading.event_date", got, want)


def _published(doc: Document, wanted: str | None) -> Metric:
    return _equal("reading.published", doc.metadata.get("published"), wanted)


def _place(doc: Document, wanted: list[str]) -> Metric:
    place = doc.metadata.get("place")
    text = place.get("text") if isinstance(place, dict) else None
    return _contains_all("reading.place", text, wanted)


def _source(doc: Document, wanted: str | None) -> Metric:
    return _equal("reading.source", doc.metadata.get("source"), wanted)


def _issuers(doc: Document, wanted: list[str] | None) -> Metric:
    return _equal("reading.issuers", doc.metadata.get("issuers"), wanted)


def _languages(doc: Document, wanted: list[str]) -> Metric:
    found = sorted(doc.metadata.get("languages") or [])
    return _equal("reading.languages", found, sorted(wanted))


def _english_start(doc: Document, wanted: str) -> Metric:
    first = next((p.text for p in doc.paragraphs if p.kind == "english"), "")
    hit = fold(first).startswith(fold(wanted))
    detail = "" if hit else f"first english paragraph: {first[:60]!r}"
    return ratio("reading.english_start", int(hit), 1, 1.0, detail=detail)


def _stray(doc: Document, wanted: list[str]) -> Metric:
    stray = [fold(p.text) for p in doc.paragraphs if p.kind == "stray"]
    missing = [w for w in wanted if not any(s.startswith(fold(w)) for s in stray)]
    extra = len(stray) - (len(wanted) - len(missing))
    detail = "; ".join(
        part
        for part in (
            f"not stray: {'; '.join(m[:30] for m in missing)}" if missing else "",
            f"{extra} other stray lines" if extra > 0 else "",
        )
        if part
    )
    hits = len(wanted) - len(missing)
    return ratio("reading.stray", hits, max(len(wanted), hits + max(extra, 0)), 1.0, detail=detail)


def _captions(doc: Document, wanted: int | list[Any] | None) -> Metric:
    """Caption lines found against the gold count; a caption read as body text is a miss."""
    count = len(wanted) if isinstance(wanted, list) else int(wanted or 0)
    captions = [p for p in doc.paragraphs if p.kind == "caption"]
    same = len(captions) == count
    detail = "" if same else f"found {len(captions)}, want {count}"
    return ratio("reading.captions", int(same), 1, 1.0, detail=detail)


def _outline(name: str, doc: Document, wanted: list[dict[str, Any]], level: int) -> Metric:
    """Items of one level matched in order: number and title equal; extra or missing ones
    count against (total = the longer of the two lists)."""
    found = [item for item in doc.outline if item.level == level]
    hits = 0
    wrong = []
    for item, want in zip(found, wanted, strict=False):
        if _number(item.number) == _number(want.get("number")) and fold(item.title) == fold(
            str(want.get("title", ""))
        ):
            hits += 1
        else:
            wrong.append(f"{item.number}{item.title}≠{want.get('number')}{want.get('title')}")
    total = max(len(found), len(wanted))
    detail = f"found {len(found)}, want {len(wanted)}" + (
        "; " + "; ".join(wrong[:3]) if wrong else ""
    )
    return ratio(name, hits, total, 1.0, detail="" if hits == total else detail)


def _number(value: Any) -> int | None:
    if isinstance(value, int):
        return value
    return numeral_value(str(value)) if value is not None else None


_CHECKS: tuple[tuple[str, Any], ...] = (
    ("title_must_contain", _title),
    ("kind", _kind),
    ("event_date", _event_date),
    ("published", _published),
    ("place_must_contain", _place),
    ("source", _source),
    ("issuers", _issuers),
    ("languages", _languages),
    ("english_starts_with", _english_start),
    ("stray_lines_must_start", _stray),
    ("captions", _captions),
)
