"""Places: the provinces and regions a document or story concerns (analysis stage "places").

Read from where a text says what it is about, not from every place it mentions:
- the title's prefix: "黑龙江：…", "黑龙江哈尔滨：…" (news), "山东省优化营商环境条例" (a provincial
  regulation or document is titled with its province);
- the dateline city (新华社哈尔滨9月9日电 -> 黑龙江省) and the event place the metadata stage read
  (在黑龙江省哈尔滨市召开…);
- a law's own scope clause: "本法所称黑土地，是指黑龙江省、吉林省…的相关区域" / "适用于…".
A region preset named in a title prefix (东北：…) is a place of kind region.  Names are the
full names of data/places.tsv (黑龙江省); region presets come from data/regions.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from zhengce.lexicon import load_table
from zhengce.model import Document, Place

Add = Callable[[str, str, int, int, str], None]
PROVINCE_LEVELS = ("province", "municipality", "autonomous_region", "sar")
TITLE_PREFIX = re.compile(r"^(?P<head>[\u4e00-\u9fff]{2,12})[：:]")
SCOPE = re.compile(
    r"(?:本(?:法|条例|规定|办法)所称[^，。]{1,20}，是指|适用于)(?P<list>[^。；]{2,120})"
)


@cache
def _places() -> dict[str, dict[str, str]]:
    return {row["name"]: row for row in load_table("places")}


@cache
def regions() -> dict[str, list[str]]:
    """Region preset -> its provinces' short names (data/regions.tsv)."""
    return {row["name"]: row["provinces"].split("、") for row in load_table("regions")}


@cache
def _name_pattern() -> re.Pattern[str]:
    names = sorted(_places(), key=len, reverse=True)
    suffix = r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
    return re.compile(rf"(?P<name>{'|'.join(names)}){suffix}")


def full_name(short: str) -> str:
    row = _places().get(short)
    return row["full_name"] if row else short


def province_of(short: str) -> str | None:
    """The full name of the province a place (province or city, short name) lies in."""
    row = _places().get(short)
    if row is None:
        return None
    return row["full_name"] if row["level"] in PROVINCE_LEVELS else row["province"]


def expand_place(term: str) -> list[str]:
    """Place filter terms for one term: a region preset gives its provinces' short names."""
    term = term.strip()
    if term in regions():
        return list(regions()[term])
    return [term] if term else []


def find_places(doc: Document) -> None:
    """Analysis stage: fill doc.places (and a place for a document that has no event place)."""
    found: list[Place] = []
    seen: set[str] = set()

    def add(name: str, kind: str, start: int, end: int, how: str) -> None:
        if name not in seen:
            seen.add(name)
            found.append(Place(name, kind, start, end, how))

    title_para = next((p for p in doc.paragraphs if p.kind == "title"), None)
    title = doc.metadata.get("title") or ""
    same = title_para is not None and title.startswith(title_para.text)
    offset = title_para.start if title_para is not None and same else -1
    _title_places(title, offset, add)
    dateline = doc.metadata.get("dateline")
    block = next((b for b in doc.blocks if b.kind == "dateline"), None)
    if isinstance(dateline, dict) and dateline.get("city") and block is not None:
        province = province_of(str(dateline["city"]))
        if province:
            add(province, "province", block.start, block.end, "dateline")
    place = doc.metadata.get("place")
    if isinstance(place, dict) and place.get("province"):
        add(str(place["province"]), "province", -1, -1, "metadata")
    if doc.metadata.get("kind") in ("policy_document", "law"):
        _scope_places(doc, add)
    doc.places = found
    if not doc.metadata.get("place") and found:
        provinces = [p.name for p in found if p.kind == "province"]
        if provinces:
            doc.metadata["place"] = {
                "province": provinces[0] if len(provinces) == 1 else None,
                "city": None,
                "text": "、".join(provinces),
            }


def _title_places(title: str, offset: int, add: Add) -> None:
    """A title's prefix "黑龙江：…" / "东北：…", or a title opening with a province's full name."""
    prefix = TITLE_PREFIX.match(title)
    head = prefix.group("head") if prefix else ""

    def at(i: int, j: int) -> tuple[int, int]:
        return (offset + i, offset + j) if offset >= 0 else (-1, -1)

    if head in regions():
        add(head, "region", *at(0, len(head)), "title")
        return
    name = _name_pattern().match(head) if head else None
    if name is not None:
        province = province_of(name.group("name"))
        if province:
            add(province, "province", *at(0, name.end()), "title")
            return
    opening = _name_pattern().match(title)
    if opening is not None and opening.group(0) != opening.group("name"):
        # 山东省优化营商环境条例: a full name (with 省/市/自治区) opening the title
        province = province_of(opening.group("name"))
        if province:
            add(province, "province", *at(0, opening.end()), "title")


def _scope_places(doc: Document, add: Add) -> None:
    """Provinces a law's scope clause lists (本法所称黑土地，是指黑龙江省、吉林省…)."""
    for para in doc.paragraphs:
        if para.kind != "body" or ("所称" not in para.text and "适用于" not in para.text):
            continue
        for scope in SCOPE.finditer(para.text):
            for name in _name_pattern().finditer(scope.group("list")):
                province = province_of(name.group("name"))
                if province and _places()[name.group("name")]["level"] in PROVINCE_LEVELS:
                    start = para.start + scope.start("list") + name.start()
                    add(province, "province", start, start + len(name.group()), "scope")
