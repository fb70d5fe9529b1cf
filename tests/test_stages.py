"""The house rules of the pipeline: stage contracts hold, and no module imports in a circle.

- Stage names and order are pinned (a new stage is a deliberate change to this list).
- Every field a stage reads is an input or was written by an earlier stage.
- Running a stage changes only the fields it declares it writes (checked on real documents).
- No import cycle among zhengce's modules, counting imports made inside functions.
"""

from __future__ import annotations

import ast
import copy
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from zhengce.model import INPUT_FIELDS, Document
from zhengce.pipeline import normalize, read_documents, stage_contracts

PACKAGE = Path(__file__).resolve().parents[1] / "zhengce"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"

NORMALIZE_ORDER = [
    "markup",
    "chrome",
    "symbols",
    "pinyin",
    "mojibake",
    "script",
    "punctuation",
    "whitespace",
]
ANALYZE_ORDER = [
    "segment",
    "metadata",
    "outline",
    "places",
    "participants",
    "speakers",
    "measures",
    "themes",
    "targets",
    "units",
    "formulations",
    "bilingual",
]
DOCUMENT_FIELDS = set(Document.__dataclass_fields__)


def test_stage_names_and_order_are_pinned() -> None:
    assert [s.name for s in stage_contracts()] == [*NORMALIZE_ORDER, *ANALYZE_ORDER]


def test_every_declared_field_is_a_document_field() -> None:
    for stage in stage_contracts():
        for name in (*stage.reads, *stage.writes):
            assert name.split(".")[0] in DOCUMENT_FIELDS, f"{stage.name}: no field {name!r}"


def test_every_read_is_written_by_an_earlier_stage() -> None:
    written = set(INPUT_FIELDS)
    for stage in stage_contracts():
        missing = [name for name in stage.reads if name not in written]
        assert not missing, f"stage {stage.name} reads {missing}, which no earlier stage writes"
        written.update(stage.writes)


def test_every_fact_field_has_a_writer() -> None:
    written = {name.split(".")[0] for s in stage_contracts() for name in s.writes}
    unwritten = DOCUMENT_FIELDS - written - set(INPUT_FIELDS)
    assert not unwritten, f"no stage writes {sorted(unwritten)}"


def _snapshot(doc: Document) -> dict[str, Any]:
    return {name: copy.deepcopy(getattr(doc, name)) for name in DOCUMENT_FIELDS}


def _documents() -> list[Path]:
    # Every seed (one has an English translation) and a few bundled samples.
    return [*sorted(SEEDS.glob("*.txt")), *sorted(SAMPLES.glob("*.txt"))[:4]]


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_a_stage_changes_only_what_it_declares(path: Path) -> None:
    for doc in read_documents(str(path)):
        for stage in stage_contracts():
            before = _snapshot(doc)
            if stage.name in NORMALIZE_ORDER:
                normalize(doc, only={stage.name})
            else:
                stage.run(doc)  # type: ignore[call-arg]
            after = _snapshot(doc)
            changed = {name for name in DOCUMENT_FIELDS if before[name] != after[name]}
            declared = {name.split(".")[0] for name in stage.writes}
            assert changed <= declared, f"{stage.name} also wrote {sorted(changed - declared)}"


# Import cycles ---------------------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Modules of the package `path` imports, anywhere in the file (functions included)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
    return {m for m in found if m in modules and m != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def import_graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in files}
    return {_module_name(p): _imports(p, modules) for p in files}


def test_no_import_cycle_counting_imports_inside_functions() -> None:
    assert _cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_registries_do_not_import_the_pipeline() -> None:
    graph = import_graph()
    for registry in ("zhengce.normalize", "zhengce.extract"):
        assert "zhengce.pipeline" not in graph[registry]
