"""Hostile inputs, generated (never copied): each kind of file the issue found breaking ingest.

`make_hostile(folder)` writes them and returns {name: expected words of its one error line}.
Each is built to be small on disk however much it claims to hold.
"""

from __future__ import annotations

import io
import os
import socket
import zipfile
from pathlib import Path

GOOD_TEXT = "国务院召开常务会议，研究部署推动东北全面振兴。会议指出，要坚持高质量发展。\n"


def _docx_bomb(path: Path, expands_to: int) -> None:
    """A .docx whose document.xml expands to `expands_to` bytes of one repeated element."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"<w:p/>" * (1 << 16)
            written = 0
            while written < expands_to:
                member.write(block)
                written += len(block)
    path.write_bytes(buffer.getvalue())


def _minimal_pdf() -> bytes:
    """A one-page PDF without a text layer (its syntax is what must not be stored as text)."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
        b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
        b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n160\n%%EOF\n"
    )


def make_hostile(folder: Path, *, big_bytes: int = 2 << 20) -> dict[str, str]:
    """Write the hostile files into `folder`; return name -> a word its error line must hold.

    `big_bytes` is the size of the oversized file: run with ZHENGCE_MAX_BYTES below it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}

    def add(name: str, data: bytes, word: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = word

    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    expected[fifo.name] = "FIFO"
    sock = folder / "socket.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    server.close()  # the socket file stays
    expected[sock.name] = "socket"
    (folder / "zero.txt").symlink_to("/dev/zero")
    expected["zero.txt"] = "device"
    with (folder / "huge.txt").open("wb") as stream:
        stream.truncate(big_bytes)  # sparse: claims the size without using the disk
    expected["huge.txt"] = "limit"
    _docx_bomb(folder / "bomb.docx", 300 << 20)
    expected["bomb.docx"] = "expands"
    add("scan.txt", _minimal_pdf(), "text layer")
    add("empty.txt", b"", "empty")
    add("binary.txt", bytes(range(256)) * 64, "binary")
    add("truncated.docx", b"PK\x03\x04" + bytes(200), "docx")
    add("broken.pdf", b"%PDF-1.7\n" + bytes(300), "PDF")
    add("blank.html", b"<html><body><script>x()</script></body></html>", "HTML")
    add("copy-of-empty.txt", b"", "empty")
    add("copy-of-binary.txt", bytes(range(256)) * 64, "binary")
    add("newline\nname.txt", b"", "empty")
    add("escape\x1b[31mred.txt", b"", "empty")
    add(os.fsdecode(b"latin-\xe9t\xe9.txt"), b"", "empty")
    add("nul.txt", b"\x00" * 5000, "binary")
    _docx_bomb(folder / "ratio.docx", 60 << 20)  # under the size limit, not the ratio
    expected["ratio.docx"] = "times"
    (folder / "loop.txt").symlink_to("loop.txt")
    expected["loop.txt"] = "symbolic links"
    add("deep-empty.html", b"<div>" * 300 + b"</div>" * 300, "HTML")
    return expected


def make_deep_html(path: Path, depth: int = 300) -> None:
    """A page whose only text sits `depth` elements deep."""
    body = "<div>" * depth + "<p>" + GOOD_TEXT * 3 + "</p>" + "</div>" * depth
    path.write_text(f"<html><head><title>深</title></head><body>{body}</body></html>", "utf-8")
