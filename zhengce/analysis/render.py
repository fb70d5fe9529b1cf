"""A comparison as Markdown or as HTML with an inline SVG bar chart (drawn here, no library)."""

from __future__ import annotations

from html import escape

from zhengce.analysis.compare import Comparison, Side
from zhengce.formats import outputs

MEASURES_SHOWN = 20  # per side; the count of all of them is always given
TERMS_SHOWN = 30
COLOURS = ("#b22222", "#1f5fa8", "#2e8b57", "#d2691e", "#6a3d9a", "#808080")


def _themes(comparison: Comparison) -> list[str]:
    """Every theme of any side, by its largest paragraph share."""
    best: dict[str, float] = {}
    for side in comparison.sides:
        for theme, share in {**side.measure_themes, **side.paragraph_themes}.items():
            best[theme] = max(best.get(theme, 0.0), share)
    return sorted(best, key=lambda t: (-best[t], t))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _sizes(side: Side) -> str:
    return (
        f"{_count(len(side.doc_ids), 'document')} ({_span(side)}),"
        f" {_count(side.n_paragraphs, 'body paragraph')}, {_count(len(side.measures), 'measure')}"
    )


def _pct(value: float | None) -> str:
    return "" if not value else f"{value:.0%}"


def _span(side: Side) -> str:
    if side.first_date is None:
        return "no date"
    if side.first_date == side.last_date:
        return side.first_date
    return f"{side.first_date} to {side.last_date}"


def _shares_cell(side: Side, theme: str) -> str:
    paragraphs = _pct(side.paragraph_themes.get(theme)) or "–"
    return f"{paragraphs} / {_pct(side.measure_themes.get(theme)) or '–'}"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(comparison: Comparison) -> str:
    sides = comparison.sides
    out = ["# Comparison", ""]
    for side in sides:
        out.append(f"- **{_md_cell(side.label)}**: {_sizes(side)}")
    out += [
        "",
        "## Theme profiles",
        "",
        "Share of body paragraphs / of measures whose primary theme it is.",
        "",
    ]
    out.append("| theme | " + " | ".join(_md_cell(s.label) for s in sides) + " |")
    out.append("|---" * (len(sides) + 1) + "|")
    for theme in _themes(comparison):
        cells = [_shares_cell(s, theme) for s in sides]
        out.append(f"| {theme} | " + " | ".join(cells) + " |")
    out += ["", "## Measures only in each", ""]
    for side in sides:
        only = comparison.only[side.label]
        out.append(f"### {_md_cell(side.label)} ({len(only)})")
        out.append("")
        out += [
            f"- {_md_cell(m.verb + m.object)} — {_md_cell(m.text)}" for m in only[:MEASURES_SHOWN]
        ]
        if len(only) > MEASURES_SHOWN:
            out.append(f"- … and {len(only) - MEASURES_SHOWN} more")
        if not only:
            out.append("- (none)")
        out.append("")
    out += ["## Shared formulations", ""]
    shared = comparison.shared_terms
    out.append(
        ", ".join(
            f"{t} ({' / '.join(str(s.terms[t]) for s in sides)})" for t in shared[:TERMS_SHOWN]
        )
        or "(none)"
    )
    out += ["", "## Formulations new in the later one", ""]
    for label, terms in comparison.new_terms.items():
        listed = ", ".join(f"{t} (first seen {d or '?'})" for t, d in terms[:TERMS_SHOWN])
        more = f", … and {len(terms) - TERMS_SHOWN} more" if len(terms) > TERMS_SHOWN else ""
        out.append(f"- **{_md_cell(label)}**: {listed or '(none)'}{more}")
    return "\n".join(out) + "\n"


def theme_chart_svg(comparison: Comparison, width: int = 640) -> str:
    """Horizontal bars: per theme, one bar per side for its share of body paragraphs."""
    sides = comparison.sides
    themes = _themes(comparison)[:12]
    bar, gap, left, top = 12, 10, 150, 30
    height = top + len(themes) * (bar * len(sides) + gap) + 10
    scale = width - left - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        ' font-family="sans-serif" font-size="12" role="img"'
        ' aria-label="share of paragraphs per theme">'
    ]
    for i, side in enumerate(sides):
        colour = COLOURS[i % len(COLOURS)]
        x = left + i * 150
        parts.append(f'<rect x="{x}" y="5" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="14">{escape(side.label[:18])}</text>')
    y = top
    for theme in themes:
        parts.append(f'<text x="{left - 6}" y="{y + bar}" text-anchor="end">{escape(theme)}</text>')
        for i, side in enumerate(sides):
            share = side.paragraph_themes.get(theme, 0.0)
            colour = COLOURS[i % len(COLOURS)]
            parts.append(
                f'<rect x="{left}" y="{y}" width="{share * scale:.1f}" height="{bar - 2}"'
                f' fill="{colour}"><title>{escape(side.label)}: {share:.0%}</title></rect>'
            )
            parts.append(
                f'<text x="{left + share * scale + 4:.1f}" y="{y + bar - 3}"'
                f' font-size="10">{_pct(share)}</text>'
            )
            y += bar
        y += gap
    parts.append("</svg>")
    return "".join(parts)


def to_html(comparison: Comparison) -> str:
    """A standalone page: the Markdown sections as HTML, the theme chart inline."""
    sides = comparison.sides
    body = ["<h1>Comparison</h1>", "<ul>"]
    for side in sides:
        body.append(f"<li><b>{escape(side.label)}</b>: {_sizes(side)}</li>")
    body += ["</ul>", "<h2>Theme profiles</h2>", theme_chart_svg(comparison)]
    body.append("<table><tr><th>theme</th>")
    body += [f"<th>{escape(s.label)}</th>" for s in sides]
    body.append("</tr>")
    for theme in _themes(comparison):
        body.append(f"<tr><td>{escape(theme)}</td>")
        body += [f"<td>{_shares_cell(s, theme)}</td>" for s in sides]
        body.append("</tr>")
    body.append("</table><p>share of body paragraphs / of measures</p>")
    body.append("<h2>Measures only in each</h2>")
    for side in sides:
        only = comparison.only[side.label]
        body.append(f"<h3>{escape(side.label)} ({len(only)})</h3><ul>")
        body += [
            f"<li><b>{escape(m.verb + m.object)}</b> — {escape(m.text)}</li>"
            for m in only[:MEASURES_SHOWN]
        ]
        body.append("</ul>")
    body.append("<h2>Shared formulations</h2><p>")
    body.append(escape(", ".join(comparison.shared_terms[:TERMS_SHOWN]) or "(none)"))
    body.append("</p><h2>Formulations new in the later one</h2><ul>")
    for label, terms in comparison.new_terms.items():
        listed = ", ".join(f"{t} (first seen {d or '?'})" for t, d in terms[:TERMS_SHOWN])
        body.append(f"<li><b>{escape(label)}</b>: {escape(listed or '(none)')}</li>")
    body.append("</ul>")
    return (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8"><title>zhengce compare'
        "</title><style>body{font-family:sans-serif;max-width:60em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style>"
        "</head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


COMPARISON = outputs("a comparison", {"markdown": to_markdown, "html": to_html})
