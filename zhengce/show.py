"""`zhengce show`: a readable summary of one document, or its reading as JSON."""

from __future__ import annotations

from typing import Any

from rich.console import Console
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
        "document_number": meta.get("document_number"),
        "participants": [
            {"name": p.name, "positions": p.positions, "role": p.role, "span": [p.start, p.end]}
            for p in doc.participants
        ],
        "not_participants": [
            {"name": p.name, "role": p.role, "span": [p.start, p.end]} for p in doc.not_participants
        ],
        "paragraphs": [
            {
                "text": p.text,
                "kind": p.kind,
                "speaker": p.speaker,
                "span": [p.start, p.end],
                "themes": p.themes,
                "primary_theme": p.primary_theme,
                "theme_evidence": p.theme_evidence,
            }
            for p in doc.paragraphs
        ],
        "outline": [
            {"level": o.level, "number": o.number, "title": o.title, "span": [o.start, o.end]}
            for o in doc.outline
        ],
        "measures": [
            {
                "text": m.text,
                "verb": m.verb,
                "object": m.object,
                "strength": m.strength,
                "modal": m.modal,
                "actors": m.actors,
                "region": m.region,
                "themes": m.themes,
                "primary_theme": m.primary_theme,
                "paragraph": m.paragraph,
                "span": [m.start, m.end],
            }
            for m in doc.measures
        ],
        "targets": [
            {
                "text": t.text,
                "year": t.year,
                "quantity": t.quantity,
                "note": t.note,
                "span": [t.start, t.end],
            }
            for t in doc.targets
        ],
        "responsible_units": [
            {"name": u.name, "role": u.role, "measures": u.measures, "span": [u.start, u.end]}
            for u in doc.responsible_units
        ],
        "formulations": [
            {"term": f.term, "known": f.known, "how": f.how, "span": [f.start, f.end]}
            for f in doc.formulations
        ],
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


def _date_text(date: object) -> str:
    if not isinstance(date, dict):
        return "—"
    parts = [date.get("year"), date.get("month"), date.get("day")]
    return "-".join(
        "????" if i == 0 and v is None else "??" if v is None else f"{v:02d}"
        for i, v in enumerate(parts)
    )


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
        ("edits", f"{len(doc.edits)} ({len(data['guesses'])} guesses, {len(data['flags'])} flags)"),
    ]:
        if value:
            facts.add_row(label, str(value))
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
