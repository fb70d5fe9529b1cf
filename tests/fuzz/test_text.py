"""Hostile text and names: any Unicode (surrogates included) is lossless and never crashes a
stage; degenerate input is bounded; names are shown and exported safely; files are read by
what their bytes are."""

from __future__ import annotations

import os
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from tests.conftest import seed_path
from tests.fuzz.conftest import error_lines, run
from tests.fuzz.hostile import GOOD_TEXT, make_deep_html, make_hostile
from zhengce.ingest import IngestError, read_source
from zhengce.model import Document, rebuild_raw
from zhengce.names import shown, stored
from zhengce.pipeline import analyze, normalize

pytestmark = pytest.mark.fuzz

# All of Unicode: every category, surrogates (Cs) included, which st.text() never draws;
# mixed with traditional Chinese runs so that the script stage (OpenCC) meets them.
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())
TRADITIONAL = st.sampled_from(["國家發展", "改革委員會", "東北振興", "機製", "高品質", "習近平"])
ANY_TEXT = st.lists(
    st.one_of(
        ANY_CHARACTER, TRADITIONAL, st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
    ),
    max_size=40,
).map("".join)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_every_stage_is_lossless_for_all_of_unicode(raw: str) -> None:
    doc = normalize(Document.from_raw(raw))
    assert rebuild_raw(doc.text, doc.edits) == raw
    analyze(doc)  # no stage may crash either
    assert all(doc.text[p.start : p.end] == p.text for p in doc.paragraphs)


def test_the_strategy_draws_surrogates() -> None:
    found = find(ANY_TEXT, lambda text: any(0xD800 <= ord(c) <= 0xDFFF for c in text))
    assert found


def test_lone_surrogate_in_traditional_text_is_kept() -> None:
    raw = "國家發展\ud800改革委員會\udfff"
    doc = normalize(Document.from_raw(raw))
    assert "\ud800" in doc.text and "\udfff" in doc.text and "国家发展" in doc.text
    assert rebuild_raw(doc.text, doc.edits) == raw


def test_degenerate_script_input_is_linear_enough() -> None:
    """6 KB of 鍥藉 (mojibake of 国家) took 35 s in the script stage (issue 15); linear time
    is the speed branch's rewrite of normalize/script.py."""
    timings = {}
    for size in (500, 1000):
        started = time.perf_counter()
        normalize(Document.from_raw("鍥藉" * (size // 2)))
        timings[size] = time.perf_counter() - started
    if timings[1000] > 4 * timings[500] + 0.5:
        pytest.xfail(f"script stage not linear: {timings} (6 KB measured 26 s before merge)")
    started = time.perf_counter()
    normalize(Document.from_raw("鍥藉" * 1000))  # 6 KB
    assert time.perf_counter() - started < 10


def test_pdf_renamed_txt_is_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(make_hostile.__globals__["_minimal_pdf"]())
    with pytest.raises(IngestError, match="text layer"):
        read_source(str(path))  # read as the PDF it is, not stored as "%PDF-1.4 ..."


def test_deep_html_keeps_its_text(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    make_deep_html(path, depth=400)
    doc = read_source(str(path))
    assert "东北全面振兴" in doc.raw_text
    assert doc.metadata["html_flattened"]["depth"] == 403  # html, body, 400 div, p


def test_normalize_dev_zero_is_refused_at_once() -> None:
    started = time.perf_counter()
    result = run("normalize", "/dev/zero", timeout=30)
    assert result.returncode == 1 and len(error_lines(result.stderr)) == 1
    assert time.perf_counter() - started < 20


def test_stdin_over_the_limit_is_refused_while_reading() -> None:
    import subprocess

    from tests.fuzz.conftest import ZHENGCE

    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [*ZHENGCE, "normalize", "-"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "ZHENGCE_MAX_BYTES": str(1 << 20)},
        )
    assert result.returncode == 1 and "limit" in result.stderr


@pytest.mark.parametrize(
    "name", ["new\nline.txt", "esc\x1b[2Jape.txt", os.fsdecode(b"bytes-\xff.txt"), "bidi\u202e.txt"]
)
def test_names_are_shown_on_one_safe_line(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    result = run("normalize", str(tmp_path / name))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert shown(str(tmp_path / name)) in lines[0]


def test_shown_and_stored_names() -> None:
    assert stored(os.fsdecode(b"a\xffb")) == "a\\xffb"
    assert shown("a\nb\x1bc\x7f") == "a\\nb\\x1bc\\x7f"
    assert shown("正常的名字.txt") == "正常的名字.txt"
    assert stored("\ud800") == "\\ud800"


def test_tmx_is_well_formed_whatever_the_source_name(shared: Path, tmp_path: Path) -> None:
    name = tmp_path / "seed\x01\x1b.txt"
    shutil.copy(seed_path("001"), name)
    out = tmp_path / "out.tmx"
    result = run("align", str(name), "-f", "tmx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    ET.parse(out)  # raises on a control character


def test_align_refuses_to_overwrite_its_input(shared: Path, tmp_path: Path) -> None:
    name = tmp_path / "seed.txt"
    shutil.copy(seed_path("001"), name)
    before = name.read_bytes()
    result = run("align", str(name), "-f", "tmx", "--out", str(name))
    assert result.returncode == 2 and name.read_bytes() == before


def test_docx_bomb_is_refused_with_little_memory(tmp_path: Path) -> None:
    import resource

    make_hostile(tmp_path / "h")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for bomb in ("bomb.docx", "ratio.docx"):
        with pytest.raises(IngestError, match="expands"):
            read_source(str(tmp_path / "h" / bomb))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 50


def test_good_text_still_reads() -> None:
    doc = normalize(Document.from_raw(GOOD_TEXT))
    assert doc.text == GOOD_TEXT
