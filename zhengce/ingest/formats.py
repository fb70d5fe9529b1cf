"""File formats: HTML (main text and metadata via trafilatura), DOCX, PDF, sniffing.

Each reader returns the text that becomes the document's raw text, plus the
metadata the format itself states.  Problems are raised as `NotText` with a
one-line message; the caller adds the file name.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from zhengce.ingest.decode import NotText
from zhengce.limits import MAX_HTML_DEPTH, MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
TEXT_SUFFIXES = (".txt", ".md", ".text")

# The libraries below log recoverable oddities of a file on the root logger;
# the CLI reports problems itself, one line per file.
for _name in ("trafilatura", "htmldate", "courlan", "pypdf", "docx"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass(slots=True)
class Extracted:
    text: str
    format: str
    metadata: dict[str, Any] = field(default_factory=dict)


# --- sniffing -----------------------------------------------------------------
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|br|a|table|td|tr|li|ul|h[1-6]|script|style)\b[^>]*>", re.IGNORECASE
)
SNIFF_CHARS = 4096


def sniff_bytes(data: bytes) -> str | None:
    """'pdf' or 'docx' from the magic number, else None (text or HTML)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return "docx"
    return None


def looks_like_html(text: str) -> bool:
    """HTML if it starts like a page, or its first 4 KB is dense with common tags."""
    head = text[:SNIFF_CHARS]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 5


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


# --- HTML ---------------------------------------------------------------------
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
# Labels pages declare -> the codec that reads them (supersets, as browsers do).
DECLARED_CHARSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5",
    "big5-hkscs": "big5",
    "cp950": "big5",
    "utf-8": "utf-8",
    "utf8": "utf-8",
}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag (normalized), if it is one we read."""
    match = _CHARSET.search(data[:SNIFF_CHARS])
    if not match:
        return None
    return DECLARED_CHARSETS.get(match.group(1).decode("ascii", "replace").lower())


_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


# An element start or end tag (comments, doctype and processing instructions are not).
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)\b[^>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def flatten_deep_html(page: str, most: int) -> tuple[str, int]:
    """The page with the tags nested deeper than `most` removed (their text kept), and the
    deepest nesting found.  lxml, under trafilatura, gives up on trees deeper than 255 levels
    and the page would read as empty; the text inside deep tags is what matters."""
    depth = deepest = 0
    kept: list[tuple[int, int]] = []  # spans of tags to drop
    stack: list[bool] = []  # for each open element: whether its tags are dropped
    for match in _TAG.finditer(page):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            if stack:
                depth -= 1
                if stack.pop():
                    kept.append(match.span())
            continue
        depth += 1
        deepest = max(deepest, depth)
        drop = depth > most
        stack.append(drop)
        if drop:
            kept.append(match.span())
    if deepest <= most:
        return page, deepest
    pieces, position = [], 0
    for start, end in kept:
        pieces.append(page[position:start])
        position = end
    pieces.append(page[position:])
    return "".join(pieces), deepest


def read_html(page: str) -> Extracted:
    """Main text (one paragraph per line) and the page's title, date, author, site."""
    import trafilatura

    page, depth = flatten_deep_html(page, MAX_HTML_DEPTH.get())
    flattened = depth > MAX_HTML_DEPTH.get()

    page_text = trafilatura.html2txt(page)
    if not page_text.strip():
        # Not a word on the page: no extractor can find main text, and trying would load
        # trafilatura's extractors (~40 MB per worker) for nothing.
        raise NotText("HTML page without main text")
    result: Any = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        deduplicate=False,
    )
    text = _tidy_lines(result.text if result is not None and result.text else "")
    if not text:
        # Short pages fall below trafilatura's precision thresholds: ask for recall.
        result = trafilatura.bare_extraction(page, with_metadata=True, favor_recall=True)
        text = _tidy_lines(result.text if result is not None and result.text else "")
    if not text:
        raise NotText("HTML page without main text")
    metadata: dict[str, Any] = {}
    if flattened:  # said, not hidden: the page's deepest tags were read as plain text
        metadata["html_flattened"] = {"depth": depth, "limit": MAX_HTML_DEPTH.get()}
    for ours, theirs in (
        ("title", "title"),
        ("published", "date"),
        ("author", "author"),
        ("source", "sitename"),
    ):
        value = getattr(result, theirs, None)
        if isinstance(value, str) and value.strip():
            metadata[ours] = value.strip()
    # The page's own "发布时间：… 来源：… 作者：…" line is usually chrome that
    # trafilatura drops with the rest; its facts are kept here.
    for key, value in labelled_facts(page_text).items():
        if key == "published" or key not in metadata:
            metadata[key] = value
    return Extracted(text, "html", metadata)


_VALUE = r"[^\s|｜【\[]{1,40}?"
_VALUE_END = r"(?=\s|$|[|｜【\[]|作者|来源|來源|发布|發佈|發布|责任编辑|責任編輯)"
_LABELLED = {
    "published": re.compile(
        r"(?:发布时间|发布日期|發佈時間|發布時間|發佈日期|發布日期)\s*[:：]\s*"
        r"(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)"
    ),
    "source": re.compile(r"(?:来源|來源)[ \t　]*[:：][ \t　]*(" + _VALUE + r")" + _VALUE_END),
    "author": re.compile(r"作者[ \t　]*[:：][ \t　]*(" + _VALUE + r")" + _VALUE_END),
}
_DATE_PARTS = re.compile(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D*?(?:\s*(\d{1,2}:\d{2}(?::\d{2})?))?$")


def labelled_facts(page_text: str) -> dict[str, str]:
    """Publication time, source and author from labelled lines of a page's whole text."""
    facts: dict[str, str] = {}
    for key, pattern in _LABELLED.items():
        match = pattern.search(page_text)
        if match:
            facts[key] = match.group(1).strip()
    if "published" in facts:
        parts = _DATE_PARTS.match(facts["published"])
        if parts:
            year, month, day, time = parts.groups()
            iso = f"{year}-{int(month):02d}-{int(day):02d}"
            facts["published"] = f"{iso} {time}" if time else iso
    return facts


def _tidy_lines(text: str) -> str:
    """One paragraph per line.  HTML does not distinguish runs of white space, so
    collapsing them (and dropping blank lines) loses nothing the page said."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --- DOCX ---------------------------------------------------------------------
def read_docx(data: bytes) -> Extracted:
    """Paragraphs and table rows in document order; table cells joined by tabs."""
    import docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_unzipped_size(data)
    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise NotText(f"not a readable .docx file ({type(exc).__name__})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_rows(block))
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise NotText("no text in the .docx file")
    core = document.core_properties
    metadata: dict[str, Any] = {}
    if core.title:
        metadata["title"] = core.title
    if core.author:
        metadata["author"] = core.author
    if core.created:
        metadata["published"] = core.created.date().isoformat()
    return Extracted(text, "docx", metadata)


def _check_unzipped_size(data: bytes) -> None:
    """Refuse a zip that would expand past the limits before anything is decompressed.

    The sizes come from the zip's directory; zipfile never returns more bytes than a member
    declares (and checks its CRC), so a lying directory cannot get past this either.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise NotText(f"not a readable .docx file ({type(exc).__name__})") from None
    most, ratio = MAX_UNZIPPED_BYTES.get(), MAX_ZIP_RATIO.get()
    if total > most:
        raise NotText(
            f".docx expands to {total / 2**20:.0f} MB, over the {most / 2**20:.0f} MB limit"
            f" ({MAX_UNZIPPED_BYTES.env})"
        )
    if total > ratio * max(len(data), 1) and total > 2**20:
        raise NotText(
            f".docx expands {total / max(len(data), 1):.0f} times its size, over the {ratio}"
            f" times limit ({MAX_ZIP_RATIO.env}): a zip bomb?"
        )


def _table_rows(table: Any) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split("\n"))
            # A merged cell is returned once per grid column it spans.
            if not cells or cells[-1] != text:
                cells.append(text)
        rows.append("\t".join(cells))
    return rows


# --- PDF ----------------------------------------------------------------------
def read_pdf(data: bytes) -> Extracted:
    """The text layer, page by page, one line per line; page starts go to metadata."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise NotText("encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except NotText:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise NotText(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise NotText("PDF without pages")
    if not any(page.strip() for page in pages):
        raise NotText("no text layer (scanned PDF?)")
    texts = [page.strip("\n") for page in pages]
    starts, position = [], 0
    for page_text in texts:
        starts.append(position)
        position += len(page_text) + 1
    metadata: dict[str, Any] = {"pages": len(pages), "page_starts": starts}
    metadata.update(_pdf_info(reader))
    return Extracted("\n".join(texts), "pdf", metadata)


def _pdf_info(reader: Any) -> dict[str, str]:
    """Title, author and creation date from the document information, when sound."""
    found: dict[str, str] = {}
    try:
        info = reader.metadata
        if info is None:
            return found
        if info.title:
            found["title"] = str(info.title)
        if info.author:
            found["author"] = str(info.author)
        if info.creation_date:
            found["published"] = info.creation_date.date().isoformat()
    except (ValueError, TypeError, KeyError):
        pass  # a malformed date or dictionary: the text is still good
    return found
