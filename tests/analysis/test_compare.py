from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhengce.analysis import AnalysisError
from zhengce.analysis.compare import Measure, compare, parse_group, similar
from zhengce.cli import app
from zhengce.store.schema import connect
from zhengce.store.sqlite import SQLiteStore

runner = CliRunner()
NORTH = "东北:place=黑龙江"
RIVER = "长江:place=江西,from=2023-06,to=2023"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("东北:place=黑龙江", ("东北", {"place": "黑龙江"})),
        (
            "A: from=2023-1-5 , to=2023年6月 ,kind=meeting_report",
            ("A", {"from": "2023-01-05", "to": "2023-06", "kind": "meeting_report"}),
        ),
    ],
)
def test_parse_group(spec: str, expected: tuple[str, dict[str, str]]) -> None:
    assert parse_group(spec) == expected


@pytest.mark.parametrize(
    "spec",
    [":place=X", "A:", "A:place", "A:colour=red", "A:from=yesterday", "A:to=2023-13", "A:kind="],
)
def test_malformed_groups(spec: str) -> None:
    with pytest.raises(AnalysisError):
        parse_group(spec)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("加强", "生态环境保护"), ("加强", "长江生态环境保护"), True),  # 5 of 7 bigrams
        (("推进", "“三水统筹”"), ("推进", "三水统筹"), True),  # punctuation does not count
        (("加强", "生态环境保护"), ("推进", "生态环境保护"), False),  # another verb
        (("推进", "乡村振兴"), ("推进", "黑土地保护工程"), False),
    ],
)
def test_measure_similarity(a: tuple[str, str], b: tuple[str, str], same: bool) -> None:
    assert similar(Measure(*a, text=""), Measure(*b, text="")) is same


def test_groups_compared(db: Path) -> None:
    conn = connect(db, create=False)
    result = compare(SQLiteStore(conn), [RIVER, NORTH])  # given late first: sides go by date
    conn.close()
    north, river = result.sides
    assert (north.label, len(north.doc_ids), river.label, len(river.doc_ids)) == (
        "东北",
        2,
        "长江",
        1,
    )
    assert river.paragraph_themes == {"ecology": 1.0}
    assert north.paragraph_themes["reform_market"] == 0.25
    assert result.shared_terms == ["新质生产力"]
    assert [t for t, _ in result.new_terms["长江"]] == [
        "三水统筹",
        "战略性新兴产业",
        "生态优先、绿色发展",
    ]
    only_river = {m.verb + m.object for m in result.only["长江"]}
    assert "培育战略性新兴产业" in only_river
    assert "加强长江生态环境保护" not in only_river  # matches 加强生态环境保护 in 东北


def test_markdown_sections(db: Path) -> None:
    result = runner.invoke(app, ["compare", "--db", str(db), "-g", NORTH, "-g", RIVER])
    assert result.exit_code == 0, result.output
    for section in (
        "## Theme profiles",
        "## Measures only in each",
        "## Shared formulations",
        "## Formulations new in the later one",
        "| ecology |",
    ):
        assert section in result.stdout


def test_documents_by_prefix_to_html(db: Path, tmp_path: Path) -> None:
    conn = connect(db, create=False)
    ids = [row[0] for row in conn.execute("SELECT id FROM documents ORDER BY date")]
    conn.close()
    page = tmp_path / "c.html"
    args = ["compare", ids[0][:6], ids[2], "--db", str(db), "-f", "html", "-o", str(page)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "Measures only in each" in html and "省委召开座谈会" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["abcd"], "at least two"),
        (["zzzz9", "abcd"], "no document id starts with"),
        (["ab", "-g", NORTH], "neither a document id"),
        (["-g", "A:place=火星", "-g", NORTH], "no documents match"),
        (["-g", "A:colour=red", "-g", NORTH], "unknown key"),
        (["-g", NORTH, "-g", RIVER, "-f", "pdf"], "unknown format"),
    ],
)
def test_malformed_input_exits_2_in_one_line(db: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["compare", "--db", str(db), *args])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert message in result.output and result.output.count("\n") == 1


def test_several_places_and_region_presets_in_a_group(db: Path) -> None:
    assert parse_group("东北:place=黑龙江,place=吉林") == ("东北", {"place": "黑龙江、吉林"})
    conn = connect(db, create=False)
    try:
        store = SQLiteStore(conn)
        both = compare(store, ["A:place=黑龙江,place=江西", NORTH]).sides
        preset = compare(store, ["东北:place=东北", RIVER]).sides
        middle = compare(store, ["长江经济带:place=长江经济带", NORTH]).sides
    finally:
        conn.close()
    assert sorted(len(side.doc_ids) for side in both) == [2, 3]  # any of the places, not the last
    assert {side.label: len(side.doc_ids) for side in preset}["东北"] == 2
    assert {side.label: len(side.doc_ids) for side in middle}["长江经济带"] == 1  # 江西 only
