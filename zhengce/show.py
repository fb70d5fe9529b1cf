"""`zhengce show`: a readable summary of one document, or its reading as JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from zhengce.model import Document


def reading(doc: Document) -> dict[str, Any]:
    """The JSON shape of a document's reading (names and text in mainland simplified)."""
    meta = doc.metadata
    place = meta.get("place")
    return {
        "doc_id": doc.id,
        "source_file": doc.source,
        "title": meta.get("title"),
        "subtitle": meta.get("subtitle"),
        "kind": meta.get("kind"),
        "event_date": meta.get("event_date"),
        "published": meta.get("published"),
        "place": place.get("text") if isinstance(place, dict) else place,
        "place_detail": place if isinstance(place, dict) else None,
        "source": meta.get("source"),
        "editor": meta.get("editor"),
        "issuers": meta.get("issuers") or [],
        "document_number": meta.get("document_number") or meta.get("doc_number"),
        "signed": meta.get("signed"),
        "doc_type": meta.get("doc_type"),
        "addressees": meta.get("addressees") or [],
        "dates": meta.get("dates"),
        "articles": meta.get("articles", 0),
        "places": [_fact(p) for p in doc.places],
        "participants": [_fact(p) for p in doc.participants],
        "not_participants": [_fact(p) for p in doc.not_participants],
        "paragraphs": [_fact(p) for p in doc.paragraphs],
        "outline": [_fact(o) for o in doc.outline],
        "measures": [_fact(m) for m in doc.measures],
        "targets": [_fact(t) for t in doc.targets],
        "responsible_units": [_fact(u) for u in doc.responsible_units],
        "formulations": [_fact(f) for f in doc.formulations],
        "guesses": [
            {
                "stage": e.stage,
                "before": e.before,
                "after": e.after,
                "reason": e.reason,
                "confidence": e.confidence,
            }
            for e in doc.guesses()
        ],
        "flags": meta.get("flags") or [],
    }


def _fact(fact: Any) -> dict[str, Any]:
    """A fact's fields, with its position in the normalized text as `span`."""
    data = asdict(fact)
    data["span"] = [data.pop("start"), data.pop("end")]
    return data


def _date_text(date: object) -> str:
    if not isinstance(date, dict):
        return "—"
    parts = [date.get("year"), date.get("month"), date.get("day")]
    return "-".join(
        "????" if i == 0 and v is None else "??" if v is None else f"{v:02d}"
        for i, v in enumerate(parts)
    )


def _dates_text(dates: object) -> str | None:
    if not isinstance(dates, dict):
        return None
    parts = [f"{key} {value}" for key, value in dates.items() if value]
    return "; ".join(parts) or None


def print_measures(doc: Document, console: Console) -> None:
    """The measures grouped by primary theme, each with strength, actors and outline path."""
    groups: dict[str, list[Any]] = {}
    for measure in doc.measures:
        groups.setdefault(measure.primary_theme or "(no theme)", []).append(measure)
    table = Table(title="measures by theme", title_justify="left")
    for column in ("theme", "strength", "actors", "where", "measure"):
        table.add_column(column)
    for theme, measures in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        for measure in measures:
            table.add_row(
                theme,
                measure.strength,
                escape("、".join(measure.actors)),
                escape(measure.outline_path),
                escape(measure.text[:60]),
            )
    console.print(table)


def print_summary(doc: Document, console: Console) -> None:
    data = reading(doc)
    console.rule(f"[bold]{data['title'] or doc.source}")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("file", doc.source)
    for label, value in [
        ("subtitle", data["subtitle"]),
        ("kind", data["kind"]),
        ("event date", _date_text(data["event_date"]) if data["event_date"] else None),
        ("published", data["published"]),
        ("place", data["place"]),
        ("source", data["source"]),
        ("editor", data["editor"]),
        ("issuers", "、".join(data["issuers"]) or None),
        ("document no.", data["document_number"]),
        ("type (文种)", data["doc_type"]),
        ("addressees", "；".join(data["addressees"]) or None),
        ("dates", _dates_text(data["dates"])),
        ("places", "、".join(p["name"] for p in data["places"]) or None),
        ("articles", data["articles"] or None),
        ("signed", data["signed"]),
        ("edits", f"{len(doc.edits)} ({len(data['guesses'])} guesses, {len(data['flags'])} flags)"),
    ]:
        if value:
            facts.add_row(label, escape(str(value)))
    console.print(facts)
    if doc.participants or doc.not_participants:
        people = Table(title="participants", title_justify="left")
        for column in ("name", "role", "positions"):
            people.add_column(column)
        for p in doc.participants:
            people.add_row(p.name, p.role, "、".join(p.positions))
        for p in doc.not_participants:
            people.add_row(f"[dim]{p.name}[/dim]", f"[dim]{p.role} (not a participant)[/dim]", "")
        console.print(people)
    if doc.outline:
        outline = Table(title="outline", title_justify="left")
        for column in ("level", "number", "title"):
            outline.add_column(column)
        for item in doc.outline:
            outline.add_row(str(item.level), item.number, item.title)
        console.print(outline)
    if doc.measures:
        print_measures(doc, console)
    if doc.paragraphs:
        paras = Table(title="paragraphs", title_justify="left")
        for column in ("#", "kind", "speaker", "starts"):
            paras.add_column(column)
        for i, para in enumerate(doc.paragraphs, 1):
            starts = para.text[:40] + ("…" if len(para.text) > 40 else "")
            paras.add_row(str(i), para.kind, para.speaker or "", starts)
        console.print(paras)
    for edit in doc.guesses():
        console.print(
            f"[yellow]guess[/yellow] {edit.stage}: {edit.before!r} → {edit.after!r} "
            f"({edit.confidence:.2f}) {edit.reason}"
        )
    for flag in data["flags"]:
        console.print(f"[yellow]flag[/yellow] {flag}")
