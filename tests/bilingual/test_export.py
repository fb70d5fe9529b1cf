from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from tests.bilingual.samples import bilingual_document
from zhengce.bilingual.align import align
from zhengce.bilingual.export import export, to_csv, to_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_tmx_is_tmx_1_4_with_a_unit_per_pair() -> None:
    pairs = align(bilingual_document())
    root = ET.fromstring(to_tmx(pairs, "sample.txt"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    for attribute in ("creationtool", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attribute)
    units = root.findall("body/tu")
    assert len(units) == len(pairs)
    for unit, pair in zip(units, pairs, strict=True):
        variants = {v.get(XML_LANG): v.findtext("seg") for v in unit.findall("tuv")}
        assert variants == {"zh-CN": pair.zh_text, "en": pair.en_text}
        children = [child.tag for child in unit]
        assert children.index("tuv") > max(i for i, t in enumerate(children) if t == "prop")


def test_csv_round_trip() -> None:
    pairs = align(bilingual_document())
    rows = list(csv.DictReader(io.StringIO(to_csv(pairs))))
    assert [(r["zh"], r["en"]) for r in rows] == [(p.zh_text, p.en_text) for p in pairs]
    assert all(0 <= float(r["confidence"]) <= 1 for r in rows)


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export([], "xlsx")
