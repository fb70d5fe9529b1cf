"""read_source and expand_paths: every kind of bad input is one IngestError line."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from zhengce.ingest import IngestError, expand_paths, read_source
from zhengce.limits import MAX_BYTES

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# sample file -> (encoding name, format)
SAMPLE_READINGS = {
    "encoding_gb18030.txt": ("gb18030", "text"),
    "encoding_big5.txt": ("big5", "text"),
    "encoding_utf16.txt": ("utf-16-le", "text"),
    "emoji_noise.txt": ("utf-8", "text"),
    "traditional_taiwan_vocabulary.txt": ("utf-8", "text"),
    "web_page_chrome.html": ("utf-8", "html"),
}


@pytest.mark.parametrize(("name", "expected"), SAMPLE_READINGS.items())
def test_samples_are_read_as_their_encoding(name: str, expected: tuple[str, str]) -> None:
    doc = read_source(str(SAMPLES / name))
    assert (doc.metadata["encoding"]["name"], doc.metadata["format"]) == expected
    assert doc.raw_text == doc.text
    assert "\ufffd" not in doc.raw_text
    assert "\ufeff" not in doc.raw_text
    assert doc.source == str(SAMPLES / name)


def test_every_sample_is_readable_and_small() -> None:
    files = [p for p in SAMPLES.iterdir() if p.name != "README.md"]
    assert 6 <= len(files) <= 12  # a handful: `make run` stays a quick demonstration
    for path in files:
        assert path.stat().st_size < 3 * 1024, path.name
        assert read_source(str(path)).raw_text.strip()
        assert f"`{path.name}`" in (SAMPLES / "README.md").read_text("utf-8")


def test_bom_is_recorded_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "会议召开\n".encode())
    doc = read_source(str(path))
    assert doc.raw_text == "会议召开\n"
    assert doc.metadata["encoding"]["bom"] == "utf-8"


def _error(name: str) -> str:
    with pytest.raises(IngestError) as caught:
        read_source(name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert caught.value.path == name
    assert "\n" not in message
    return caught.value.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"\n \n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary file (PNG image)"),
        (b"\x7fELF\x02\x01\x01" + bytes(200), "binary file (ELF executable)"),
        (b"caf\xe9 cr\xe8me\n" * 5, "undecodable"),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ""])
def test_bad_content(tmp_path: Path, content: bytes, expected: str, suffix: str) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    assert expected in _error(str(path))


def test_broken_pdf_without_suffix_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes(b"%PDF-1.4\n%garbage")
    assert "not a readable PDF" in _error(str(path))


def test_missing_file(tmp_path: Path) -> None:
    assert _error(str(tmp_path / "nope.txt")) == "no such file or folder"


def test_folder_given_as_file(tmp_path: Path) -> None:
    assert "is a folder" in _error(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("会议", "utf-8")
    path.chmod(0)
    assert _error(str(path)) == "permission denied"


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHENGCE_MAX_BYTES", "1024")
    path = tmp_path / "big.txt"
    path.write_text("会" * 2000, "utf-8")
    assert "MB limit" in _error(str(path))


def test_default_size_limit_is_50_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZHENGCE_MAX_BYTES", raising=False)
    assert MAX_BYTES.get() == 50 * 1024 * 1024


def test_wrong_pdf_suffix_is_named(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert "not a readable PDF" in _error(str(path))


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same check as above, for runs as root (CI), where chmod does not bite."""
    path = tmp_path / "secret.txt"
    path.write_text("会议", "utf-8")

    real_open = os.open

    def refuse(name: str, flags: int, *args: int) -> int:
        if name == str(path):
            raise PermissionError(13, "Permission denied", name)
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    assert _error(str(path)) == "permission denied"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin("會議強調，要推動區域協調發展。".encode("cp950")))
    doc = read_source("-")
    assert doc.raw_text == "會議強調，要推動區域協調發展。"
    assert doc.metadata["encoding"]["name"] == "big5"
    assert doc.source == "-"


def test_stdin_html_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (SAMPLES / "web_page_chrome.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", _Stdin(page))
    assert read_source("-").metadata["format"] == "html"


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    assert _error("-") == "empty file"


# --- expand_paths ---------------------------------------------------------------
def test_expand_paths_walks_folders_sorted(tmp_path: Path) -> None:
    for name in ("b/2.txt", "b/1.md", "a.html", "c/.hidden.txt", ".git/x.txt", "README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("会议", "utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    found = list(expand_paths([str(tmp_path), "-", "missing.txt"]))
    assert found == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b" / "1.md"),
        str(tmp_path / "b" / "2.txt"),
        "-",
        "missing.txt",
    ]


def test_expand_paths_keeps_a_named_file_whatever_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text("会议", "utf-8")
    assert list(expand_paths([str(path)])) == [str(path)]
