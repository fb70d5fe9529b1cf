"""Write aligned pairs as TMX 1.4 (translation memory exchange) or CSV.

TMX: one <tu> per aligned pair with a zh-CN and an en <tuv>; the pair's confidence is kept as
a <prop type="x-confidence">, its paragraph numbers as x-zh-paragraphs / x-en-paragraphs.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

from zhengce import __version__
from zhengce.model import AlignedPair
from zhengce.names import shown

FORMATS = ("tmx", "csv")
# Characters XML 1.0 cannot hold at all, not even as references: as \xNN or \uNNNN.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    def escaped(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return NOT_XML.sub(escaped, text)


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
            ("x-source", shown(source)),  # a file name may hold control characters
        ):
            if value:
                ET.SubElement(unit, "prop", type=kind).text = value
        for lang, text in (("zh-CN", pair.zh_text), ("en", pair.en_text)):
            variant = ET.SubElement(unit, "tuv", {"xml:lang": lang})
            ET.SubElement(variant, "seg").text = xml_safe(text)
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
