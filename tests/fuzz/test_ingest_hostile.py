"""Ingest of good files mixed with every hostile kind: each hostile file is one line, the good
ones are stored exactly as a clean run stores them, the database is intact, time and memory
stay bounded."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.fuzz.conftest import ZHENGCE, digest, error_lines, run
from tests.fuzz.hostile import GOOD_TEXT, make_deep_html, make_hostile
from zhengce.names import shown

pytestmark = pytest.mark.fuzz
LIMITS = {"ZHENGCE_MAX_BYTES": str(1 << 20)}


def good_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(3):
        path = folder / f"good-{n}.txt"
        path.write_text(f"第{n}号\n" + GOOD_TEXT * (n + 1), "utf-8")
        paths.append(path)
    deep = folder / "deep.html"
    make_deep_html(deep)
    paths.append(deep)
    odd = folder / os.fsdecode(b"good-\xff\xfe.txt")  # a name that is not UTF-8
    odd.write_text("第九号\n" + GOOD_TEXT, "utf-8")
    paths.append(odd)
    return paths


def test_hostile_files_fail_alone_one_line_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good = good_files(folder)
    hostile = make_hostile(folder)
    clean = run("ingest", *map(str, good), "--db", str(tmp_path / "clean.db"), "-q", "-j", "1")
    assert clean.returncode == 0, clean.stderr
    started = time.perf_counter()
    mixed = run("ingest", str(folder), "--db", str(tmp_path / "mixed.db"), "-q", env=LIMITS)
    seconds = time.perf_counter() - started
    assert mixed.returncode == 1, mixed.stderr
    assert "Traceback" not in mixed.stderr and "internal error" not in mixed.stderr
    lines = error_lines(mixed.stderr)
    assert len(lines) == len(hostile), "\n".join(lines)
    for name, word in hostile.items():
        mine = [line for line in lines if shown(str(folder / name)) + ":" in line]
        assert len(mine) == 1, (name, lines)
        assert word.lower() in mine[0].lower(), mine[0]
    assert f"{len(good)} read" in mixed.stderr.replace("\n", " ")
    # The good files are stored exactly as a run without hostile files stores them.
    assert digest(tmp_path / "mixed.db") == digest(tmp_path / "clean.db")
    assert seconds < 120
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 1500, f"a process of the run peaked at {peak_mb:.0f} MB"


def test_non_utf8_name_is_stored_displayably(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good_files(folder)
    result = run("ingest", str(folder), "--db", str(tmp_path / "kb.db"), "-q", "-j", "1")
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(tmp_path / "kb.db")
    sources = {row[0] for row in conn.execute("SELECT path FROM sources")}
    assert str(folder / "good-\\xff\\xfe.txt") in sources


def test_copies_of_a_failing_file_are_failures(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(b"")
    result = run("ingest", str(tmp_path), "--db", str(tmp_path / "kb.db"), "-q")
    assert result.returncode == 1
    assert len(error_lines(result.stderr)) == 3
    assert "3 failed" in result.stderr and "0 unchanged" in result.stderr


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/null"])
def test_special_files_are_refused_without_reading(tmp_path: Path, special: str) -> None:
    target = tmp_path / "pipe.txt"
    if special == "fifo":
        os.mkfifo(target)
    else:
        target = Path(special)
    for command in (["normalize"], ["ingest", "--db", str(tmp_path / "kb.db"), "-q"]):
        result = run(*command, str(target), timeout=30)
        assert result.returncode == 1
        assert len(error_lines(result.stderr)) == 1, result.stderr
        assert "not a regular file" in result.stderr


def test_time_limit_stops_a_slow_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever stage is slow: the file over ZHENGCE_FILE_SECONDS fails with its name."""
    import zhengce.pipeline
    from zhengce.store.loader import ingest

    real = zhengce.pipeline.process_source

    def slow_for_one(name: str) -> object:
        if name.endswith("slow.txt"):
            while True:  # a stage that never finishes
                time.sleep(0.01)
        return real(name)

    (tmp_path / "slow.txt").write_text(GOOD_TEXT + "慢", "utf-8")
    (tmp_path / "good.txt").write_text(GOOD_TEXT, "utf-8")
    real(str(tmp_path / "good.txt"))  # lexicons and dictionaries loaded outside the limit
    monkeypatch.setattr(zhengce.pipeline, "process_source", slow_for_one)
    monkeypatch.setenv("ZHENGCE_FILE_SECONDS", "3")
    started = time.perf_counter()
    stats = ingest([str(tmp_path)], tmp_path / "kb.db", jobs=1)
    assert time.perf_counter() - started < 30
    assert [name for name, _ in stats.failures] == [str(tmp_path / "slow.txt")]
    assert "ZHENGCE_FILE_SECONDS" in stats.failures[0][1]
    assert stats.documents_stored == 1


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(tmp_path: Path, how: signal.Signals) -> None:
    for n in range(40):
        (tmp_path / f"f{n}.txt").write_text(f"第{n}号\n" + GOOD_TEXT * 200, "utf-8")
    parent = subprocess.Popen(
        [*ZHENGCE, "ingest", str(tmp_path), "--db", str(tmp_path / "kb.db"), "-q", "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            # spawn: the pool's workers are the parent's children (resource tracker aside)
            workers = [pid for pid in _children(parent.pid) if "spawn_main" in _cmdline(pid)]
            time.sleep(0.1)
        assert workers, "the pool never started"
        parent.send_signal(how)
        parent.wait(30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(map(_alive, workers)):
            time.sleep(0.1)
        assert not any(map(_alive, workers)), "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
    if (tmp_path / "kb.db").exists():
        digest(tmp_path / "kb.db")  # whatever was stored is whole


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM sources").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_says_interrupted_and_keeps_the_database(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(300):
        (folder / f"f{n}.txt").write_text(f"第{n}号\n" + GOOD_TEXT * 100, "utf-8")
    db = tmp_path / "kb.db"
    parent = subprocess.Popen(
        [*ZHENGCE, "ingest", str(folder), "--db", str(db), "-q", "-j", jobs],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and _stored(db) < 3 and parent.poll() is None:
        time.sleep(0.05)
    parent.send_signal(signal.SIGINT)  # what Ctrl-C sends
    _, stderr = parent.communicate(timeout=60)
    assert parent.returncode == 130, stderr
    assert "interrupted" in stderr and "cannot rollback" not in stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1
    digest(db)
    stored = _stored(db)
    assert 0 < stored < 300
    again = run("ingest", str(folder), "--db", str(db), "-q")
    assert again.returncode == 0, again.stderr
    assert f"{stored} unchanged" in again.stderr
    digest(db)


def test_jobs_are_capped_at_the_cores() -> None:
    from zhengce.limits import worker_count

    cores = len(os.sched_getaffinity(0))
    assert worker_count(40) == min(40, cores)
    assert worker_count(None) == cores
    assert worker_count(1) == 1
