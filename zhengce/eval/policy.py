"""Policy-document metrics: a reading of `../corpus/policy/<file>` against `gold/policy/*.json`.

Every field the gold gives is measured both ways where it can be: recall (the share of
gold items found) and precision (the share of what was read that the gold confirms), so a
reading that lists everything cannot score well.  Text is compared after folding (gold
README).  Gold lists are read at run time; nothing of them is written into code.

Matching rules, stated once:
- a heading matches when level, number and title are equal (folded);
- a target matches a gold target when one's text contains the other's `must_contain`
  and the year agrees where the gold gives one;
- a unit matches when its name, as written or canonical, equals the gold name;
- a duty is found when a unit of that name holds a duty whose text contains `must_contain`;
- a sampled measure is found when a measure of the paragraph (for a law's article: of the
  article's paragraphs) contains `must_contain` (or, when `must_contain` runs across a clause
  break, its longest clause);
  its strength and actor are then compared (actor null = no actor read);
- a formulation is found as its term or as the words of a variant where one was read;
- a `not_measures` sentence is read as a measure when a measure's text and the sentence
  overlap by containment (either way).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from zhengce.eval.content import theme_accuracy
from zhengce.eval.metrics import Metric, SeedCase, coverage, ratio
from zhengce.eval.textdiff import fold
from zhengce.model import Document, Measure, Paragraph

DATE_FIELDS = ("signed", "adopted", "adopted_by", "effective", "delivered")


def load_policy_cases(gold_dir: Path) -> list[SeedCase]:
    """One case per `gold/policy/*.json`; the document is read from `../corpus/policy/`."""
    from zhengce.pipeline import process_source

    corpus = gold_dir.parent / "corpus" / "policy"
    cases = []
    for gold_path in sorted((gold_dir / "policy").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        path = corpus / gold["file"]
        doc = process_source(str(path))[0]
        cases.append(SeedCase(f"policy/{gold_path.stem}", gold, doc, path))
    return cases


def check(case: SeedCase) -> list[Metric]:
    gold, doc = case.gold, case.doc
    meta = doc.metadata
    metrics: list[Metric] = []
    if "doc_type" in gold:
        metrics.append(_equal("policy.doc_type", meta.get("doc_type"), gold["doc_type"]))
    if gold.get("title_must_contain"):
        title = fold(meta.get("title") or "")
        wanted = gold["title_must_contain"]
        missing = [w for w in wanted if fold(w) not in title]
        metrics.append(coverage("policy.title", len(wanted), missing, 1.0))
    if "document_number" in gold:
        metrics.append(
            _equal("policy.document_number", meta.get("document_number"), gold["document_number"])
        )
    for name in ("issuers", "addressees"):
        if name in gold:
            metrics += _sets(f"policy.{name}", meta.get(name) or [], gold[name] or [], 1.0)
    if gold.get("dates"):
        metrics.append(_dates(meta.get("dates") or {}, gold["dates"]))
    if "places" in gold:
        found = [p.name for p in doc.places]
        metrics += _sets("policy.places", found, gold["places"] or [], 1.0)
    if "outline" in gold:
        metrics += _outline(doc, gold["outline"] or [])
    if gold.get("articles") is not None:
        articles = sum(1 for o in doc.outline if o.kind == "article")
        metrics.append(_equal("policy.articles", articles, gold["articles"]))
    if "targets" in gold:
        metrics += _targets(doc, gold["targets"] or [])
    if "responsible_units" in gold:
        metrics += _units(doc, gold["responsible_units"] or [])
    if gold.get("unit_duties"):
        metrics.append(_duties(doc, gold["unit_duties"]))
    if gold.get("measures_sample"):
        metrics += _measures(doc, gold["measures_sample"])
    if gold.get("not_measures"):
        metrics.append(_not_measures(doc, gold["not_measures"]))
    if gold.get("paragraph_themes"):
        metrics.append(_renamed(theme_accuracy(doc, gold["paragraph_themes"]), 0.8))
    if gold.get("formulations"):
        metrics.append(_formulations(doc, gold["formulations"]))
    return metrics


def _renamed(metric: Metric, target: float) -> Metric:
    metric.name = "policy." + metric.name.split(".", 1)[1]
    metric.target = target
    return metric


def _equal(name: str, found: Any, wanted: Any) -> Metric:
    def norm(value: Any) -> Any:
        return fold(value) if isinstance(value, str) else value

    same = norm(found) == norm(wanted)
    return ratio(name, int(same), 1, 1.0, detail="" if same else f"got {found!r}, want {wanted!r}")


def _sets(name: str, found: list[str], wanted: list[str], target: float | None) -> list[Metric]:
    """Precision and recall of a list of names (folded, order ignored)."""
    got = {fold(x): x for x in found}
    want = {fold(x): x for x in wanted}
    missing = [want[k] for k in want if k not in got]
    extra = [got[k] for k in got if k not in want]
    hits = len(set(got) & set(want))
    return [
        ratio(f"{name}_recall", hits, len(want), target, detail=_names("missing", missing)),
        ratio(f"{name}_precision", hits, len(got), target, detail=_names("extra", extra)),
    ]


def _names(label: str, names: list[str]) -> str:
    return f"{label}: " + "、".join(n[:20] for n in names[:12]) if names else ""


def _f1(name: str, precision: Metric, recall: Metric, target: float) -> Metric:
    p, r = precision.value, recall.value
    value = 2 * p * r / (p + r) if p + r else 0.0
    return Metric(name, value, target)


def _dates(found: dict[str, Any], wanted: dict[str, Any]) -> Metric:
    wrong = [
        f"{key}: got {found.get(key)!r}, want {wanted.get(key)!r}"
        for key in DATE_FIELDS
        if fold(str(found.get(key) or "")) != fold(str(wanted.get(key) or ""))
    ]
    return ratio(
        "policy.dates",
        len(DATE_FIELDS) - len(wrong),
        len(DATE_FIELDS),
        1.0,
        detail="; ".join(wrong),
    )


def _outline(doc: Document, wanted: list[dict[str, Any]]) -> list[Metric]:
    """Headings (not articles): precision, recall and F1 of (level, number, title)."""
    found = [o for o in doc.outline if o.kind != "article"]
    got = [(o.level, fold(o.number), fold(o.title)) for o in found]
    want = [(w["level"], fold(str(w["number"])), fold(str(w["title"]))) for w in wanted]
    pool = list(want)
    hits = 0
    extra = []
    for key in got:
        if key in pool:
            pool.remove(key)
            hits += 1
        else:
            extra.append(f"{key[1]}{key[2]}")
    missing = [f"{k[1]}{k[2]}" for k in pool]
    recall = ratio(
        "policy.outline_recall", hits, len(want), None, detail=_names("missing", missing)
    )
    precision = ratio(
        "policy.outline_precision", hits, len(got), None, detail=_names("extra", extra)
    )
    return [recall, precision, _f1("policy.outline_f1", precision, recall, 0.98)]


def _targets(doc: Document, wanted: list[dict[str, Any]]) -> list[Metric]:
    def matches(text: str, year: int | None, item: dict[str, Any]) -> bool:
        want = fold(item["must_contain"])
        folded = fold(text)
        gold_year = item.get("year")
        return (want in folded or (len(folded) >= 6 and folded in want)) and (
            gold_year is None or year == gold_year
        )

    missing = [
        item["must_contain"]
        for item in wanted
        if not any(matches(t.text, t.year, item) for t in doc.targets)
    ]
    extra = [t.text for t in doc.targets if not any(matches(t.text, t.year, w) for w in wanted)]
    found_ok = len(doc.targets) - len(extra)
    return [
        coverage("policy.target_recall", len(wanted), missing, 0.95),
        ratio(
            "policy.target_precision",
            found_ok,
            len(doc.targets),
            0.9,
            detail=_names("extra", extra),
        ),
    ]


def _unit_names(doc: Document) -> set[str]:
    names = set()
    for unit in doc.responsible_units:
        names.add(fold(unit.name))
        if unit.canonical:
            names.add(fold(unit.canonical))
    return names


def _units(doc: Document, wanted: list[str]) -> list[Metric]:
    found = list(dict.fromkeys(u.name for u in doc.responsible_units))
    recall, precision = _sets("policy.units", found, wanted, None)
    return [recall, precision, _f1("policy.units_f1", precision, recall, 0.9)]


def _duties(doc: Document, wanted: list[dict[str, Any]]) -> Metric:
    missing = []
    for item in wanted:
        unit, want = fold(item["unit"]), fold(item["must_contain"])
        if not any(
            unit in (fold(u.name), fold(u.canonical))
            and any(want in fold(d.text) for d in u.duties)
            for u in doc.responsible_units
        ):
            missing.append(f"{item['unit']}:{item['must_contain'][:12]}")
    return coverage("policy.duties_found", len(wanted), missing, 0.9)


_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零\d]+条")


def _paragraph(doc: Document, starts: str) -> tuple[list[int], Paragraph] | None:
    """The gold paragraph: the body paragraph it starts, and for a law's article (第六条…)
    the paragraphs of the article after it too (an article's 款 are paragraphs of their own)."""
    want = fold(starts)
    for index, para in enumerate(doc.paragraphs):
        if para.kind == "body" and fold(para.text).startswith(want):
            indices = [index]
            if _ARTICLE.match(fold(para.text)):
                for later in range(index + 1, len(doc.paragraphs)):
                    nxt = doc.paragraphs[later]
                    if nxt.kind != "body" or _ARTICLE.match(fold(nxt.text)):
                        break
                    indices.append(later)
            return indices, para
    return None


def _measures(doc: Document, sample: list[dict[str, Any]]) -> list[Metric]:
    total = found = strength_ok = actor_ok = 0
    read = read_ok = 0
    missing: list[str] = []
    wrong: list[str] = []
    for item in sample:
        hit = _paragraph(doc, item["paragraph_starts"])
        gold = item["measures"]
        total += len(gold)
        if hit is None:
            missing += [f"no paragraph {item['paragraph_starts']}"]
            continue
        indices, _para = hit
        mine = [m for m in doc.measures if m.paragraph in indices]
        read += len(mine)
        read_ok += sum(1 for m in mine if any(_holds(m, g) for g in gold))
        for want in gold:
            measure = next((m for m in mine if _holds(m, want)), None)
            if measure is None:
                missing.append(want["must_contain"][:14])
                continue
            found += 1
            if measure.strength == want["strength"]:
                strength_ok += 1
            else:
                wrong.append(f"{want['must_contain'][:10]}:{measure.strength}≠{want['strength']}")
            if _actor_ok(measure, want.get("actor")):
                actor_ok += 1
            else:
                wrong.append(f"{want['must_contain'][:10]}:{measure.actors}≠{want.get('actor')}")
    return [
        ratio("policy.measures_found", found, total, 0.9, detail=_names("missing", missing)),
        ratio("policy.measures_precision", read_ok, read, None),
        ratio("policy.measure_strength", strength_ok, found, 0.9, detail="; ".join(wrong[:8])),
        ratio("policy.measure_actor", actor_ok, found, 0.85),
    ]


_PARTS = re.compile(r"[，,、；;]")


def _holds(measure: Measure, want: dict[str, Any]) -> bool:
    """The measure holds the gold words, or, where the gold words run across a clause break
    to say which clause is meant ("创新工程，完善产业生态"), their longest clause."""
    text, must = fold(measure.text), fold(want["must_contain"])
    if must in text:
        return True
    parts = sorted(_PARTS.split(must), key=len)
    return len(parts) > 1 and len(parts[-1]) >= 4 and parts[-1] in text


def _actor_ok(measure: Measure, actor: str | None) -> bool:
    if actor is None:
        return not measure.actors
    return fold(actor) in {fold(a) for a in measure.actors}


def _not_measures(doc: Document, sentences: list[str]) -> Metric:
    read = []
    for sentence in sentences:
        want = fold(sentence)
        for measure in doc.measures:
            text = fold(measure.text)
            if want in text or (len(text) >= 4 and text in want):
                read.append(sentence[:16])
                break
    return ratio(
        "policy.not_measures_read",
        len(read),
        len(sentences),
        0.0,
        lower_is_better=True,
        detail=_names("read as measures", read),
    )


def _formulations(doc: Document, wanted: list[str]) -> Metric:
    """A gold formulation is found as its lexicon term or as written where a variant of the
    term was found (千村示范、万村整治 read as the term 千万工程)."""
    found = {fold(f.term) for f in doc.formulations}
    found |= {fold(doc.text[f.start : f.end]) for f in doc.formulations}
    missing = [term for term in wanted if fold(term) not in found]
    return coverage("policy.formulation_recall", len(wanted), missing, 0.95)
