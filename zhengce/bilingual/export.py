"""Write aligned pairs as TMX 1.4 (translation memory exchange) or CSV.

TMX: one <tu> per aligned pair with a zh-CN and an en <tuv>; the pair's confidence is kept as
a <prop type="x-confidence">, its paragraph numbers as x-zh-paragraphs / x-en-paragraphs.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from zhengce import __version__
from zhengce.model import AlignedPair

FORMATS = ("tmx", "csv")


def to_tmx(pairs: list[AlignedPair], source: str = "") -> str:
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "zhengce",
            "creationtoolversion": __version__,
            "segtype": "paragraph",
            "o-tmf": "zhengce",
            "adminlang": "en",
            "srclang": "zh-CN",
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    for pair in pairs:
        unit = ET.SubElement(body, "tu")
        for kind, value in (
            ("x-confidence", f"{pair.confidence:.3f}"),
            ("x-zh-paragraphs", " ".join(map(str, pair.zh))),
            ("x-en-paragraphs", " ".join(map(str, pair.en))),
            ("x-source", source),
        ):
            if value:
                ET.SubElement(unit, "prop", type=kind).text = value
        for lang, text in (("zh-CN", pair.zh_text), ("en", pair.en_text)):
            variant = ET.SubElement(unit, "tuv", {"xml:lang": lang})
            ET.SubElement(variant, "seg").text = text
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def to_csv(pairs: list[AlignedPair]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["zh", "en", "confidence", "zh_paragraphs", "en_paragraphs"])
    for pair in pairs:
        writer.writerow(
            [
                pair.zh_text,
                pair.en_text,
                f"{pair.confidence:.3f}",
                " ".join(map(str, pair.zh)),
                " ".join(map(str, pair.en)),
            ]
        )
    return out.getvalue()


def export(pairs: list[AlignedPair], fmt: str, source: str = "") -> str:
    if fmt == "tmx":
        return to_tmx(pairs, source)
    if fmt == "csv":
        return to_csv(pairs)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
