"""The one document model that flows through every stage.

A `Document` keeps the raw text exactly as decoded, the normalized text, and the
ordered log of `Edit`s that turned one into the other.  `rebuild_raw` undoes the
log, which is how the project proves that normalization loses nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Generic, TypeVar


@dataclass(frozen=True, slots=True)
class Edit:
    """One replacement made by a normalization stage.

    `start`/`end` index the text as it was when the stage ran (its input);
    `step` is the position of that stage run in the pipeline, so edits of one
    run can be undone together.  `confidence` < 1 marks a guess.
    """

    start: int
    end: int
    before: str
    after: str
    stage: str
    reason: str
    confidence: float = 1.0
    step: int = 0

    @property
    def is_guess(self) -> bool:
        return self.confidence < 1.0

    def character_runs(self) -> list[Edit]:
        """This edit as its runs of changed characters, for display (`normalize --diff`).

        A stage may record one edit over a stretch whose characters change one for one
        (script: a line's t2s conversion, unchanged characters between included); this
        gives the runs that differ.  Any other edit is returned as it is.
        """
        if len(self.before) != len(self.after) or len(self.before) < 2:
            return [self]
        runs: list[Edit] = []
        run_start = -1
        for i, (old, new) in enumerate(zip(self.before, self.after, strict=True)):
            if old != new and run_start < 0:
                run_start = i
            elif old == new and run_start >= 0:
                runs.append(self._part(run_start, i))
                run_start = -1
        if run_start >= 0:
            runs.append(self._part(run_start, len(self.before)))
        return runs

    def _part(self, lo: int, hi: int) -> Edit:
        return Edit(
            self.start + lo,
            self.start + hi,
            self.before[lo:hi],
            self.after[lo:hi],
            self.stage,
            self.reason,
            self.confidence,
            self.step,
        )


@dataclass(slots=True)
class Block:
    """A span of the normalized text with a kind (title, body, caption, english, ...)."""

    kind: str
    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Paragraph:
    """A block of the normalized text with its kind and, for body text, who said it."""

    text: str
    start: int
    end: int
    kind: str = "body"  # body | title | subtitle | metadata | dateline | caption | english | stray
    speaker: str | None = None
    speaker_evidence: str = ""  # the words that decided the speaker (习近平强调, 他指出, ...)
    themes: list[str] = field(default_factory=list)  # theme ids (DESIGN.md), strongest first
    primary_theme: str | None = None
    theme_evidence: dict[str, list[str]] = field(default_factory=dict)  # theme -> words that scored


@dataclass(slots=True)
class Participant:
    """A person named in the text, with positions in the order given and a role.

    Participants have roles chair | host | guest | speaker | attendee | accompanying |
    written_statement (host and guest: the two sides of a 会见 or 会谈);
    people named but not present (reporter, editor, photographer) use the same type and live
    in `Document.not_participants`.  `start`/`end` point at the name in the normalized text.
    """

    name: str
    positions: list[str]
    role: str
    start: int
    end: int
    evidence: str = ""


@dataclass(slots=True)
class OutlineItem:
    """A heading or numbered item of the document's outline.

    `level` is the depth in this document (1 = top); `kind` names the marker family
    (part 编 | chapter 章 | section 节 | article 条 | item 一、 | subitem （一） | point 1. |
    subpoint （1） | heading, for Markdown/docx headings); `path` is the outline path of the
    item itself, outermost first ("三、（四）", "第三章 第十二条").
    """

    level: int  # 1 = 一、 / 第一章, 2 = （一） / 第一条, 3 = 1. , 4 = （1）
    number: str
    title: str
    start: int
    end: int
    kind: str = ""
    path: str = ""


@dataclass(slots=True)
class Measure:
    """One actionable clause of a directive paragraph (加快…, 要…, 支持…, 严禁…).

    `strength` is a level from data/strength.tsv (prohibit, must, should, encourage, may,
    explore) decided by `modal` ("" when the clause is a bare imperative).  `actors` are the
    bodies the clause charges, `region` a place named in it (or the document's region, then
    `region_source` is "document").  `paragraph` indexes `Document.paragraphs`.
    """

    text: str
    start: int
    end: int
    verb: str
    object: str
    strength: str
    modal: str = ""
    actors: list[str] = field(default_factory=list)
    region: str | None = None
    region_source: str = ""  # clause | document | ""
    paragraph: int = -1
    themes: list[str] = field(default_factory=list)
    primary_theme: str | None = None
    theme_evidence: dict[str, list[str]] = field(default_factory=dict)
    outline_path: str = ""  # the innermost outline item holding the measure ("三、（四）")


@dataclass(slots=True)
class Target:
    """A dated or quantified goal (到2020年…, 争取再用10年左右时间…, 力争…达到30%).

    `metric`, `comparator` (以上 | 左右 | 以内 | 不低于 | 不超过 | 达到 | ...), `value` and `unit`
    are the goal as fields ("城镇新增就业1200万人以上" -> 城镇新增就业, 以上, 1200, 万人);
    `year_inferred` marks a year that is not written but derived (a plan period's end).
    """

    text: str
    start: int
    end: int
    year: int | None = None
    quantity: str | None = None
    note: str = ""  # how the year was resolved (stated, relative to ..., plan period)
    metric: str | None = None
    comparator: str | None = None
    value: float | None = None
    unit: str | None = None
    year_inferred: bool = False
    outline_path: str = ""


@dataclass(slots=True)
class Duty:
    """What the text charges one responsible unit with: a clause and its span."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class ResponsibleUnit:
    """A body the text charges with work, with the measures (indices into doc.measures)."""

    name: str
    start: int
    end: int
    measures: list[int] = field(default_factory=list)
    role: str = "charged"  # charged | main_responsibility | lead
    evidence: str = ""
    canonical: str = ""  # the body's standard name from data/unit_aliases.tsv ("" = as written)
    duties: list[Duty] = field(default_factory=list)


@dataclass(slots=True)
class Place:
    """A province or region a document concerns, and where the text says so.

    `kind` is province | region | city; `how` is title | dateline | scope | text | metadata.
    `start`/`end` point at the words that named it (-1 when it came from metadata).
    """

    name: str
    kind: str
    start: int
    end: int
    how: str


@dataclass(slots=True)
class FormulationMention:
    """An official formulation (提法) in the text: from the lexicon or discovered."""

    term: str
    start: int
    end: int
    known: bool
    how: str  # lexicon | quoted | number_slogan


@dataclass(slots=True)
class AlignedPair:
    """Chinese paragraphs (indices into doc.paragraphs) and the English ones that render them."""

    zh: list[int]
    en: list[int]
    zh_text: str
    en_text: str
    confidence: float
    in_order: bool = True

    def to_dict(self) -> dict[str, object]:
        return {"zh": self.zh_text, "en": self.en_text, "confidence": round(self.confidence, 3)}


@dataclass(slots=True)
class TermPair:
    """A Chinese term and the English the aligned text renders it with (a glossary candidate).

    `how` is table | lexicon | quote; `doc` the document's source; `zh_paragraph` and
    `en_paragraph` (indices into doc.paragraphs) are the evidence; `count` how many aligned
    pairs gave this rendering.
    """

    term_zh: str
    term_en: str
    how: str
    score: float
    doc: str
    zh_paragraph: int
    en_paragraph: int
    count: int = 1

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(slots=True)
class Document:
    source: str
    raw_text: str
    text: str = ""
    edits: list[Edit] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    not_participants: list[Participant] = field(default_factory=list)
    outline: list[OutlineItem] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    responsible_units: list[ResponsibleUnit] = field(default_factory=list)
    formulations: list[FormulationMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    aligned_pairs: list[AlignedPair] = field(default_factory=list)  # English ↔ Chinese paragraphs
    term_candidates: list[TermPair] = field(default_factory=list)  # from the aligned pairs
    steps_run: int = 0

    @classmethod
    def from_raw(
        cls, raw_text: str, source: str = "-", metadata: dict[str, Any] | None = None
    ) -> Document:
        # Metadata is a dict, not keyword arguments: a page's own "source" key must not
        # collide with the `source` (file name) parameter.
        return cls(source=source, raw_text=raw_text, text=raw_text, metadata=dict(metadata or {}))

    @property
    def id(self) -> str:
        """Content hash of the raw text: the same text read twice is the same document."""
        return hashlib.blake2b(
            self.raw_text.encode("utf-8", "surrogatepass"), digest_size=8
        ).hexdigest()

    def apply_edits(self, stage: str, edits: list[Edit]) -> None:
        """Apply one stage run's edits (input coordinates, sorted, non-overlapping)."""
        step = self.steps_run
        self.steps_run += 1
        if not edits:
            return
        edits = sorted(edits, key=lambda e: (e.start, e.end))
        pieces: list[str] = []
        cursor = 0
        stamped: list[Edit] = []
        for edit in edits:
            if edit.start < cursor:
                raise ValueError(f"{stage}: overlapping edits at {edit.start}")
            if self.text[edit.start : edit.end] != edit.before:
                raise ValueError(f"{stage}: edit at {edit.start} does not match the text")
            pieces.append(self.text[cursor : edit.start])
            pieces.append(edit.after)
            cursor = edit.end
            stamped.append(
                Edit(
                    edit.start,
                    edit.end,
                    edit.before,
                    edit.after,
                    stage,
                    edit.reason,
                    edit.confidence,
                    step,
                )
            )
        pieces.append(self.text[cursor:])
        self.text = "".join(pieces)
        self.edits.extend(stamped)

    def guesses(self) -> list[Edit]:
        return [e for e in self.edits if e.is_guess]

    # JSON round trip -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["id"] = self.id
        return data

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        names = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        for name, item_type in _LIST_FIELDS.items():
            kwargs[name] = [_from_fields(item_type, item) for item in data.get(name, [])]
        return cls(**kwargs)

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


def _from_fields(item_type: Any, item: dict[str, Any]) -> Any:
    """One fact from its dict; nested fact lists (a unit's duties) are rebuilt too."""
    if item_type is ResponsibleUnit and item.get("duties"):
        item = {**item, "duties": [Duty(**duty) for duty in item["duties"]]}
    return item_type(**item)


_LIST_FIELDS: dict[str, Any] = {
    "edits": Edit,
    "blocks": Block,
    "paragraphs": Paragraph,
    "participants": Participant,
    "not_participants": Participant,
    "outline": OutlineItem,
    "measures": Measure,
    "targets": Target,
    "responsible_units": ResponsibleUnit,
    "formulations": FormulationMention,
    "places": Place,
    "aligned_pairs": AlignedPair,
    "term_candidates": TermPair,
}


# Stage contracts -----------------------------------------------------------------------------
#
# A normalization stage returns the edits it would make (the pipeline applies and records
# them); an analysis stage fills the document's blocks and facts.  Each is registered, in
# zhengce/normalize/__init__.py and zhengce/extract/__init__.py, as a `Stage` naming the
# fields of `Document` it reads and writes: "paragraphs" is the field, "paragraphs.speaker" one
# attribute of its items written by a later stage.  tests/test_stages.py checks that every
# read is written by an earlier stage (or is an input) and that a stage changes nothing else.

NormalizeStage = Callable[[Document], list[Edit]]
AnalyzeStage = Callable[[Document], None]
StageRun = TypeVar("StageRun", NormalizeStage, AnalyzeStage)

# What a document has before any stage runs: ingest gives its source, raw text (the text is
# the raw text until normalization edits it) and file-level metadata (format, encoding, url).
INPUT_FIELDS = ("source", "raw_text", "text", "metadata")


@dataclass(frozen=True, slots=True)
class Stage(Generic[StageRun]):
    """One registered stage: its name, its function, and the Document fields it reads/writes."""

    name: str
    run: StageRun
    reads: tuple[str, ...]
    writes: tuple[str, ...]


def rebuild_raw(text: str, edits: list[Edit]) -> str:
    """Undo an edit log: the normalized text plus its edits gives back the raw text."""
    by_step: dict[int, list[Edit]] = {}
    for edit in edits:
        by_step.setdefault(edit.step, []).append(edit)
    for step in sorted(by_step, reverse=True):
        run = sorted(by_step[step], key=lambda e: e.start)
        # Output position of each edit = input start + growth from the edits before it.
        shift = 0
        placed: list[tuple[int, Edit]] = []
        for edit in run:
            placed.append((edit.start + shift, edit))
            shift += len(edit.after) - len(edit.before)
        pieces: list[str] = []
        cursor = 0
        for out_start, edit in placed:
            pieces.append(text[cursor:out_start])
            pieces.append(edit.before)
            cursor = out_start + len(edit.after)
        pieces.append(text[cursor:])
        text = "".join(pieces)
    return text
