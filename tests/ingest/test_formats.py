"""HTML, DOCX and PDF readers, and sniffing a file's kind from its bytes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from tests.conftest import CORPUS_HTML
from tests.ingest.pdf_builder import build_pdf
from zhengce.ingest import read_source
from zhengce.ingest.decode import NotText
from zhengce.ingest.formats import (
    labelled_facts,
    looks_like_html,
    read_docx,
    read_html,
    read_pdf,
    sniff_bytes,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CJK = re.compile(r"[\u4e00-\u9fff]")

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试页面</title></head>
<body><div class="nav">首页 &gt; 新闻</div>
<div class="article"><h1>全市防汛工作会议召开</h1>
<p>5月6日，全市防汛工作会议召开。会议分析了今年汛期   气候趋势。</p>
<p>会议要求，各地要修订完善应急预案，<br>组织开展应急演练，落实巡查值守责任，确保安全度汛。</p>
<p>会议强调，要提前预置抢险物资和队伍，确保险情发生时拉得出、用得上。</p>
</div><div class="footer">版权所有：某市人民政府</div></body></html>"""


# --- HTML -----------------------------------------------------------------------
def test_html_main_text_keeps_paragraphs_as_lines() -> None:
    extracted = read_html(PAGE)
    lines = extracted.text.split("\n")
    assert extracted.format == "html"
    assert any(line.startswith("5月6日") for line in lines)
    assert any(line.startswith("会议强调") for line in lines)
    assert all(line == line.strip() and "  " not in line for line in lines)
    assert "版权所有" not in extracted.text


def test_html_sample_page_drops_chrome_and_keeps_its_facts() -> None:
    doc = read_source(str(SAMPLES / "web_page_chrome.html"))
    assert doc.metadata["format"] == "html"
    for chrome in ("当前位置", "主办单位", "承办单位", "版权所有", "分享到", "相关阅读"):
        assert chrome not in doc.raw_text
    assert doc.raw_text.startswith("6月17日")
    assert doc.raw_text.count("\n") == 3  # four paragraphs, one per line
    assert doc.metadata["title"] == "全市数字经济发展大会召开"
    assert doc.metadata["published"] == "2024-06-18 10:30"
    assert doc.metadata["source"] == "青禾日报"
    assert doc.metadata["author"] == "郑凯"
    assert doc.metadata["encoding"]["name"] == "utf-8"


@pytest.mark.parametrize(
    ("line", "facts"),
    [
        (
            "發佈時間:2024-04-24 09:13:41 | 來源:新華網 | 作者: | 責任編輯:某",
            {"published": "2024-04-24 09:13:41", "source": "新華網"},
        ),
        ("2018-02-07 来源:国务院办公厅", {"source": "国务院办公厅"}),
        (
            "发布日期：2023年9月8日　来源：市发展改革委　作者：王五",
            {"published": "2023-09-08", "source": "市发展改革委", "author": "王五"},
        ),
        ("会议强调，要推动发展。", {}),
    ],
)
def test_labelled_facts(line: str, facts: dict[str, str]) -> None:
    assert labelled_facts(line) == facts


def test_gbk_page_declaring_its_charset(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="gb2312"')
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gbk"))
    doc = read_source(str(path))
    assert doc.metadata["encoding"]["name"] == "gb18030"
    assert "declared" in doc.metadata["encoding"]["reason"]
    assert "全市防汛工作会议召开" in doc.metadata["title"] + doc.raw_text


def test_page_without_text_is_refused() -> None:
    with pytest.raises(NotText, match="without main text"):
        read_html("<html><body><div></div></body></html>")


# --- DOCX -----------------------------------------------------------------------
def _docx_bytes() -> bytes:
    document = docx.Document()
    document.core_properties.title = "实施意见"
    document.core_properties.author = "市政府办公室"
    document.add_paragraph("关于加快推进县域商业体系建设的实施意见")
    document.add_paragraph("一、总体要求")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "任务"
    table.cell(0, 1).text = "牵头单位"
    table.cell(1, 0).text = "完善物流网络"
    table.cell(1, 1).text = "市商务局"
    document.add_paragraph("二、保障措施")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_order() -> None:
    extracted = read_docx(_docx_bytes())
    assert extracted.text.split("\n") == [
        "关于加快推进县域商业体系建设的实施意见",
        "一、总体要求",
        "任务\t牵头单位",
        "完善物流网络\t市商务局",
        "二、保障措施",
    ]
    assert extracted.metadata["title"] == "实施意见"
    assert extracted.metadata["author"] == "市政府办公室"


def test_docx_through_read_source_and_by_sniffing(tmp_path: Path) -> None:
    for name in ("opinion.docx", "opinion.bin"):
        path = tmp_path / name
        path.write_bytes(_docx_bytes())
        doc = read_source(str(path))
        assert doc.metadata["format"] == "docx"
        assert doc.raw_text.startswith("关于加快推进")


def test_damaged_docx_is_refused() -> None:
    with pytest.raises(NotText, match=r"not a readable \.docx"):
        read_docx(b"PK\x03\x04 not really a zip")


# --- PDF ------------------------------------------------------------------------
def test_pdf_text_layer_page_by_page() -> None:
    data = build_pdf(
        [["关于加快推进县域商业体系建设的实施意见", "一、总体要求"], ["（一）加强组织领导"]]
    )
    extracted = read_pdf(data)
    assert (
        extracted.text == "关于加快推进县域商业体系建设的实施意见\n一、总体要求\n（一）加强组织领导"
    )
    assert extracted.metadata["pages"] == 2
    second = extracted.metadata["page_starts"][1]
    assert extracted.text[second:] == "（一）加强组织领导"


def test_pdf_without_text_layer() -> None:
    with pytest.raises(NotText, match=r"no text layer \(scanned PDF\?\)"):
        read_pdf(build_pdf([[], []]))


def test_broken_pdf() -> None:
    with pytest.raises(NotText, match="not a readable PDF"):
        read_pdf(b"%PDF-1.4\nthis is not a pdf body")


# --- sniffing -------------------------------------------------------------------
def test_sniff_bytes() -> None:
    assert sniff_bytes(build_pdf([["x"]])) == "pdf"
    assert sniff_bytes(_docx_bytes()) == "docx"
    assert sniff_bytes("会议".encode()) is None


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        (PAGE, True),
        ("<!-- saved page -->\n<html><body><p>正文</p></body></html>", True),
        ("<div><p>一</p><p>二</p><p>三</p><br><a href=x>四</a></div>", True),
        ("会议强调，要推动区域协调发展。", False),
        ("数量 <5 且 >3 的情况", False),
    ],
)
def test_looks_like_html(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


def test_html_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "saved_page"
    path.write_text(PAGE, "utf-8")
    assert read_source(str(path)).metadata["format"] == "html"


# --- the 62 CCTV story pages ----------------------------------------------------
@pytest.mark.corpus
def test_cctv_pages_give_a_chinese_body_and_a_date(shared: Path) -> None:
    pages = sorted(CORPUS_HTML.glob("*.shtml"))
    assert len(pages) >= 60
    for page in pages:
        doc = read_source(str(page))
        assert len(CJK.findall(doc.raw_text)) >= 40, page.name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}( [\d:]+)?", doc.metadata["published"]), page.name
        assert doc.metadata["title"], page.name
        assert doc.metadata["encoding"]["name"] == "utf-8", page.name
