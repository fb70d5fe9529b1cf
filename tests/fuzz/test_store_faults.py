"""Commands that only read never write; outputs never overwrite inputs; the first error is the
one reported."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from tests.fuzz.conftest import digest, error_lines, file_digest, run
from tests.fuzz.hostile import GOOD_TEXT
from zhengce.store.export import neutralise
from zhengce.store.schema import StoreError, connect

pytestmark = pytest.mark.fuzz


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kb")
    (folder / "a.txt").write_text('=HYPERLINK("x")\n' + GOOD_TEXT, "utf-8")
    (folder / "b.txt").write_text("@SUM(1)\n" + GOOD_TEXT * 2, "utf-8")
    db = folder / "kb.db"
    result = run("ingest", str(folder), "--db", str(db), "-q", "-j", "1")
    assert result.returncode == 0, result.stderr
    return db


def foreign_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (name TEXT, balance INTEGER)")
    conn.execute("INSERT INTO accounts VALUES ('a', 1)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("kind", ["foreign", "empty"])
@pytest.mark.parametrize(
    "command", [["summary"], ["search", "发展"], ["people", "王"], ["export", "-f", "jsonl"]]
)
def test_read_commands_refuse_other_files_untouched(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    db = tmp_path / "other.db"
    if kind == "foreign":
        foreign_database(db)
    else:
        db.write_bytes(b"")
    before = file_digest(db)
    result = run(*command, "--db", str(db), cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [f"error: {db}: not a zhengce database (left untouched)"]
    assert file_digest(db) == before
    assert not Path(f"{db}-wal").exists() and not (tmp_path / "export").exists()


def test_ingest_refuses_to_write_into_another_programs_database(tmp_path: Path) -> None:
    db = foreign_database(tmp_path / "other.db")
    before = file_digest(db)
    (tmp_path / "a.txt").write_text(GOOD_TEXT, "utf-8")
    result = run("ingest", str(tmp_path / "a.txt"), "--db", str(db), "-q")
    assert result.returncode == 1 and "not a zhengce database" in result.stderr
    assert file_digest(db) == before


def test_reading_does_not_migrate_or_change_the_file(kb: Path) -> None:
    before = file_digest(kb)
    for command in (
        ["summary"],
        ["search", "振兴"],
        ["export", "-f", "csv", "-t", "documents", "-o", "-"],
    ):
        assert run(*command, "--db", str(kb)).returncode == 0
    assert file_digest(kb) == before


def test_read_only_media_is_read_as_immutable(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a read-only mount even mode=ro fails for a WAL database (no -shm can be made);
    simulated by refusing the first way of opening."""
    real = sqlite3.connect
    tried: list[str] = []

    def connect_ro(target: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        tried.append(str(target))
        if "immutable" not in str(target):
            raise sqlite3.OperationalError("unable to open database file")
        return real(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", connect_ro)
    conn = connect(kb, create=False)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] >= 2
    conn.close()
    assert "immutable=1" in tried[-1]


def test_readers_cannot_write(kb: Path) -> None:
    conn = connect(kb, create=False)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM documents")
    conn.close()


def test_a_read_only_database_is_one_clear_line(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.access", lambda path, mode: False)
    with pytest.raises(StoreError, match="read-only"):
        connect(kb)


@pytest.mark.parametrize("out", ["db", "wal", "db-as-table-file"])
def test_export_never_overwrites_the_database(tmp_path: Path, kb: Path, out: str) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(kb.read_bytes())
    before = file_digest(db)
    target = {"db": str(db), "wal": f"{db}-wal", "db-as-table-file": str(db)}[out]
    if out == "wal":
        Path(target).write_bytes(b"")
    args = ["-t", "documents"] if out != "db" else []
    result = run("export", "-f", "jsonl", *args, "--db", str(db), "--out", target)
    # kb.db is not a .jsonl name: taken as the folder to write into, refused as well
    assert result.returncode == 2, result.stderr
    assert "which this command reads" in result.stderr
    assert file_digest(db) == before
    digest(db)


def test_export_named_like_the_database_through_a_link(tmp_path: Path, kb: Path) -> None:
    db = tmp_path / "kb.jsonl"  # a database whose name looks like an export file
    db.write_bytes(kb.read_bytes())
    link = tmp_path / "link.jsonl"
    link.symlink_to(db)
    before = file_digest(db)
    result = run("export", "-f", "jsonl", "-t", "documents", "--db", str(db), "--out", str(link))
    assert result.returncode == 2 and "which this command reads" in result.stderr
    assert file_digest(db) == before


def test_csv_cells_that_are_formulas_are_neutralised(kb: Path) -> None:
    result = run("export", "-f", "csv", "-t", "paragraphs", "--db", str(kb), "-o", "-")
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert '\'=HYPERLINK("x")' in cells and "'@SUM(1)" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    raw = run("export", "-f", "csv", "-t", "paragraphs", "--db", str(kb), "-o", "-", "--raw-cells")
    assert '=HYPERLINK("x")' in [c for row in csv.reader(io.StringIO(raw.stdout)) for c in row]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-2", "'-2"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("正文", "正文"),
        (-2, -2),
        ("", ""),
    ],
)
def test_neutralise(cell: object, safe: object) -> None:
    assert neutralise(cell) == safe


def test_the_first_error_is_reported_not_cannot_rollback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite rolls back by itself on a full disk; our ROLLBACK then failed with "cannot
    rollback - no transaction is active" and hid the cause."""
    from zhengce.store import writer
    from zhengce.store.loader import ingest

    (tmp_path / "a.txt").write_text(GOOD_TEXT, "utf-8")
    real = writer.insert_document

    def disk_full(
        conn: sqlite3.Connection, record: dict[str, object], file_hash: str | None
    ) -> None:
        real(conn, record, file_hash)  # type: ignore[arg-type]
        conn.execute("ROLLBACK")  # what SQLite itself does on SQLITE_FULL
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(writer, "insert_document", disk_full)
    db = tmp_path / "kb.db"
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        ingest([str(tmp_path / "a.txt")], db, jobs=1)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_disk_full_reaches_the_user_as_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import typer

    from zhengce.store import commands, loader

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(loader, "ingest", full)
    with pytest.raises(typer.Exit) as exit_info:
        commands.run_ingest(
            [str(tmp_path)], tmp_path / "kb.db", force=False, jobs=1, reindex=False, quiet=True
        )
    assert exit_info.value.exit_code == 1
    err = capsys.readouterr().err
    assert "database or disk is full" in err and "cannot rollback" not in err


@pytest.mark.parametrize(
    "command",
    [["timeline", "振兴", "--png"], ["compare", "-g", "a:kind=news", "-g", "b:kind=x", "--out"]],
)
def test_analysis_outputs_never_overwrite_the_database(
    tmp_path: Path, kb: Path, command: list[str]
) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(kb.read_bytes())
    before = file_digest(db)
    result = run(*command, str(db), "--db", str(db))
    assert result.returncode == 2, result.stderr
    assert "which this command reads" in result.stderr
    assert file_digest(db) == before
