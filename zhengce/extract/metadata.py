"""Document metadata from the segmented text (analysis stage "metadata").

Reads the paragraphs and blocks the segment stage made and fills `doc.metadata`:

    title, subtitle          headline lines (repeated headline lines are dropped)
    kind                     meeting_report | policy_document | law | news (data/doc_kinds.tsv)
    published, source,       from the page's metadata lines, else what the chrome stage lifted
    editor, author
    event_date               {year, month, day}; a part the text does not give stays None
    place                    {province, city, text} from "在黑龙江省哈尔滨市" or the dateline city
    dateline                 {agency, city, month, day, text}
    reporter, photographer   bylines and photo credits
    staff                    [{name, role, start, end}]: reporter | editor | photographer,
                             the people named who are not at the event
    issuers, doc_number      for policy documents and laws
    signed                   their signing date (成文日期), ISO, from the date line that closes
                             the text: 2024年6月24日 or 二〇二四年六月二十四日
    languages                ["zh"] plus "en" when there is an English translation

Values given when the document was made (a story's title, kind and programme date)
are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from itertools import pairwise
from typing import Any

from zhengce.dates import CHINESE_DATE, date_of_line, iso_chinese_date, iso_datetime
from zhengce.lexicon import load_table
from zhengce.model import Block, Document, Paragraph
from zhengce.segment import patterns as pat
from zhengce.segment.lines import has_han

EVENT_KINDS = ("meeting_report", "news")  # kinds that report an event with a date and place
MAX_NAME = 4  # longest Chinese personal name read from a byline without a separator
_FOLD = re.compile(r"[\s\W_]+")
_DAY = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日(?![电起])"
    r"|(?P<today>今天|今日)"
)
# Every _DAY match starts with a digit or 今; _DAY itself starts with optional parts, so `re`
# would try it at every character: searching from the first possible start finds the same.
_DAY_START = re.compile(r"[\d今]")
_UPCOMING = re.compile(r"将|明天|明日|下周|即将")  # the date is still to come
_FIRST_SENTENCE = re.compile(r"[^。！？]*")
_ISSUER_PREFIX = re.compile(r"^(?P<issuers>.+?)(?:关于|印发)")
_ISSUER_SEPARATORS = re.compile(r"[\s、，,和]+")
Rule = re.Pattern[str] | None  # a condition of data/doc_kinds.tsv; None = no condition
_PLACE_SUFFIX = r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"


def extract_metadata(doc: Document) -> None:
    meta = doc.metadata
    title, subtitle = headline(doc.paragraphs)
    _keep_or_set(meta, "title", title)
    _keep_or_set(meta, "subtitle", subtitle)
    lines = [p for p in doc.paragraphs if p.kind == "metadata"]
    for key, value in publication_facts(lines).items():
        meta[key] = value if value is not None else meta.get(key)
    if meta.get("published"):
        meta["published"] = iso_datetime(str(meta["published"])) or meta["published"]
    lead = next((p for p in doc.paragraphs if p.kind == "body"), None)
    dateline = next((b for b in doc.blocks if b.kind == "dateline"), None)
    doc_type = document_type(meta.get("title"), doc.text[:LEAD_REACH])
    kind = "policy_document" if doc_type else document_kind(doc, meta.get("title"), lead)
    _keep_or_set(meta, "kind", kind)
    meta["doc_type"] = doc_type if meta["kind"] in ("policy_document", "law") else None
    meta["dateline"] = dict(dateline.attrs, text=dateline.text) if dateline else None
    staff = find_staff(doc, lead, dateline)
    meta["staff"] = staff
    for role in ("reporter", "photographer"):
        names = _unique(s["name"] for s in staff if s["role"] == role)
        meta[role] = "、".join(names) if names else None
    editors = [s["name"] for s in staff if s["role"] == "editor"]
    if editors:
        meta["editor"] = editors[0]
    is_event = meta["kind"] in EVENT_KINDS
    meta["event_date"] = event_date(lead, dateline, meta.get("published")) if is_event else None
    meta["place"] = event_place(lead, dateline) if is_event else None
    is_document = meta["kind"] in ("policy_document", "law")
    meta["issuers"] = issuers(meta.get("title") or "") if is_document else None
    meta["doc_number"] = document_number(doc.paragraphs) if is_document else None
    meta["signed"] = signing_date(doc.paragraphs) if is_document else None
    meta["languages"] = languages(doc.paragraphs)
    if is_document:
        policy_metadata(doc)


def policy_metadata(doc: Document) -> None:
    """The facts of an official document: 文种, 文号, issuers, addressees and its dates.

    Sets doc_type, document_number (also kept as doc_number), issuers, addressees and
    dates {signed, adopted, adopted_by, effective, delivered} (ISO dates or None).
    """
    meta = doc.metadata
    lines = [p for p in doc.paragraphs if p.kind == "metadata"]
    body = [p for p in doc.paragraphs if p.kind == "body"]
    adoption = next((m for p in lines if (m := pat.ADOPTION.match(p.text))), None)
    adopted = adoption if adoption and adoption["verb"] in ("通过", "批准") else None
    meta["document_number"] = meta.get("doc_number")
    dates: dict[str, str | None] = {key: None for key in DATE_KEYS}
    dates["signed"] = meta.get("signed")
    if adopted is not None:
        dates["adopted"] = iso_datetime(adopted["date"])
        dates["adopted_by"] = adopted["by"]
    lead = body[0].text if body else ""
    meeting = _RESOLUTION_LEAD.match(lead)
    if meta.get("doc_type") == "决议" and meeting and not dates["adopted_by"]:
        dates["adopted_by"] = meeting["meeting"]
    dates["effective"] = effective_date(body)
    subtitle = meta.get("subtitle") or ""
    delivered = _DELIVERED.search(subtitle)
    if delivered:
        dates["delivered"] = iso_datetime(delivered["date"])
    meta["dates"] = dates
    # A report delivered or a law adopted at a session is dated by that day (the store's
    # document date): its event is the session, as a meeting report's is the meeting.
    when = dates["delivered"] or dates["adopted"]
    if when and not meta.get("event_date") and not dates["signed"]:
        year, month, day = (int(part) for part in when.split("-"))
        meta["event_date"] = {"year": year, "month": month, "day": day}
    meta["issuers"] = document_issuers(meta, dates, body) or meta.get("issuers")
    meta["addressees"] = (
        addressees(doc)
        if meta.get("document_number") or "关于" in (meta.get("title") or "")
        else None
    )


DATE_KEYS = ("signed", "adopted", "adopted_by", "effective", "delivered")
_RESOLUTION_LEAD = re.compile(
    r"^(?P<meeting>第[一二三四五六七八九十]+届全国人民代表大会(?:常务委员会)?第[一二三四五六七八九十]+次会议)"
)
# "——2024年3月5日在第十四届全国人民代表大会第二次会议上": when a report was delivered.
_DELIVERED = re.compile(
    r"(?P<date>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)在.{2,40}?(?:[会會][议議]|大[会會])上"
)
_EFFECTIVE = re.compile(
    r"本(?:法|条例|规定|办法|决定|细则|意见|通知|规则|准则)(?:自|从)"
    r"(?P<date>(?:19|20)\d\d年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)"
    r"起(?:施行|执行|实行|生效)"
)
_ON_BEHALF = re.compile(r"我代表(?P<body>[\u4e00-\u9fff]{2,12}?)[，,]?向")
_STANDING_SESSION = re.compile(
    r"(?<=常务委员会)第[一二三四五六七八九十]+次会议$|(?<=大会)第[一二三四五六七八九十]+次会议$"
)


def effective_date(body: list[Paragraph]) -> str | None:
    """本法自2022年8月1日起施行 (usually the last article)."""
    for para in reversed(body):
        found = _EFFECTIVE.search(para.text)
        if found:
            text = found["date"]
            iso = iso_datetime(text)
            if iso is None:
                chinese = CHINESE_DATE.search(text)
                iso = iso_chinese_date(chinese) if chinese else None
            return iso
    return None


def document_issuers(
    meta: dict[str, Any], dates: dict[str, str | None], body: list[Paragraph]
) -> list[str] | None:
    """Who issued it: a law's legislature (the meeting's body), a resolution's session,
    a report's speaker's body (我代表国务院); else the title's prefix."""
    by = dates.get("adopted_by")
    if by and meta.get("doc_type") == "决议":
        return [by]
    if by:
        return [_STANDING_SESSION.sub("", by)]
    for para in body[:3]:
        found = _ON_BEHALF.search(para.text)
        if found:
            return [found["body"]]
    return None


_ADDRESSEE_SPLIT = re.compile(r"[，,]|(?<=[局部委院办])并")


def addressees(doc: Document) -> list[str] | None:
    """The 主送机关: the short line ending in ：after the 文号 (各省、自治区、直辖市人民政府，
    国务院各部委、各直属机构：), split at the commas between bodies."""
    for para in doc.paragraphs:
        if para.kind != "body":
            continue
        text = para.text.strip()
        if len(text) <= MAX_ADDRESSEE and text.endswith(("：", ":")) and "。" not in text:
            parts = _ADDRESSEE_SPLIT.split(text[:-1])
            found = [part.strip() for part in parts if part.strip()]
            if found and not text.startswith("各位"):
                return found
        return None
    return None


MAX_ADDRESSEE = 90


def _keep_or_set(meta: dict[str, Any], key: str, value: Any) -> None:
    if meta.get(key) is None:
        meta[key] = value


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


def _fold(text: str) -> str:
    return _FOLD.sub("", text)


# Title ---------------------------------------------------------------------------------


def headline(paragraphs: list[Paragraph]) -> tuple[str | None, str | None]:
    """Title and subtitle from the headline lines, each repeated line kept once.

    Pages print the headline twice (page title, then the article's own headline in
    two or three lines); a line already contained in an earlier one adds nothing.
    """
    head = []
    for para in paragraphs:
        if para.kind == "body":
            break
        head.append(para)
    titles = [p for p in head if p.kind == "title"]
    subtitles = [p for p in head if p.kind == "subtitle"]
    byline = next(
        (
            i
            for i, p in enumerate(titles)
            if i and (_SPEAKER_POSITION.match(p.text) or _DELIVERED_LINE.match(p.text))
        ),
        None,
    )
    if byline is not None:
        # 国务院总理 / 李　强, or "1957年6月26日在…会议上" / 周恩来 under a report's title: the
        # speaker and the delivery, not the title.
        subtitles += [p for p in titles[byline:] if _DELIVERED_LINE.match(p.text)]
        titles = titles[:byline]
    return _join_distinct(p.text for p in titles), _join_distinct(p.text for p in subtitles)


_DELIVERED_LINE = re.compile(
    r"^[—－-]{0,2}\s*(?:19|20)\d\d年\d{1,2}月\d{1,2}日在.{2,40}?(?:[会會][议議]|大[会會])上$"
)
# A headline line that is only a speaker's position (国务院总理, 全国人大常委会委员长) opens the
# byline of a report: it and the name lines after it are not the title.
_SPEAKER_POSITION = re.compile(
    r"^[\u4e00-\u9fff]{0,12}(?:总理|副总理|主席|委员长|主任|部长|省长|市长|书记)[\s\u3000]*$"
)


def _join_distinct(texts: Any) -> str | None:
    """Join headline lines, dropping a run of lines that repeats an earlier line.

    "A B" followed by "A" and "B" (the page title, then the article's headline split
    over two lines) is the headline "A B"; "A" followed by "B" that happens to occur
    inside A stays two lines.
    """
    lines = [text.strip() for text in texts if _fold(text)]
    folded = [_fold(text) for text in lines]
    kept: list[str] = []
    index = 0
    while index < len(lines):
        repeat = _repeat_length(folded, index, [_fold(k) for k in kept])
        if repeat:
            index += repeat
            continue
        kept.append(lines[index])
        index += 1
    if not kept:
        return None
    joined = kept[0]
    for text in kept[1:]:
        joined += text if joined.endswith(("：", ":")) else " " + text
    return joined


def _repeat_length(folded: list[str], index: int, earlier: list[str]) -> int:
    """How many lines from `index` on spell out one earlier line exactly (0 if none)."""
    for line in earlier:
        spelled = ""
        for count, piece in enumerate(folded[index:], 1):
            spelled += piece
            if spelled == line:
                return count
            if not line.startswith(spelled):
                break
    return 0


# Publication lines ----------------------------------------------------------------------


def publication_facts(lines: list[Paragraph]) -> dict[str, str | None]:
    facts: dict[str, str | None] = {"published": None, "source": None, "author": None}
    for para in lines:
        text = para.text
        stamp = pat.DATETIME.search(text)
        if stamp and facts["published"] is None:
            facts["published"] = iso_datetime(stamp.group(0))
        labelled = pat.SOURCE_LABEL.search(text)
        bare = pat.SOURCE_AND_DATE.match(text)
        if facts["source"] is None and (labelled or bare):
            facts["source"] = (
                labelled.group("source") if labelled else bare and bare.group("source")
            )
        author = pat.AUTHOR.search(text)
        if author and facts["author"] is None:
            facts["author"] = author.group("name")[:MAX_NAME]
    return facts


# Kind -----------------------------------------------------------------------------------


@cache
def _kind_rules() -> tuple[tuple[str, Rule, Rule, Rule], ...]:
    def compiled(cell: str) -> Rule:
        return re.compile(cell) if cell else None

    return tuple(
        (row["kind"], compiled(row["title"]), compiled(row["lead"]), compiled(row["body"]))
        for row in load_table("doc_kinds")
    )


def document_kind(doc: Document, title: str | None, lead: Paragraph | None) -> str:
    """The first rule of data/doc_kinds.tsv whose conditions all hold, else "news"."""
    body: str | None = None
    for kind, title_rule, lead_rule, body_rule in _kind_rules():
        if title_rule and not title_rule.search(title or ""):
            continue
        if lead_rule and not (lead and lead_rule.search(lead.text)):
            continue
        if body_rule:
            if body is None:
                body = "\n".join(p.text for p in doc.paragraphs if p.kind == "body")
            if not body_rule.search(body):
                continue
        return str(kind)
    return "news"


_SPACING = re.compile(r"[ \u3000]+")
LEAD_REACH = 1500  # characters of the text that doc_types.tsv "lead" conditions search


@cache
def _type_rules() -> tuple[tuple[str, Rule, Rule], ...]:
    def compiled(cell: str) -> Rule:
        return re.compile(cell) if cell else None

    return tuple(
        (row["doc_type"], compiled(row["title"]), compiled(row["lead"]))
        for row in load_table("doc_types")
    )


def document_type(title: str | None, lead: str) -> str | None:
    """The 文种 from data/doc_types.tsv (first row whose conditions hold), or None."""
    title = _SPACING.sub("", title or "")  # 请 示 的 通 知: spaced-out characters
    for doc_type, title_rule, lead_rule in _type_rules():
        if title_rule and not title_rule.search(title):
            continue
        if lead_rule and not lead_rule.search(lead):
            continue
        return doc_type
    return None


# People named who are not at the event ----------------------------------------------------


def find_staff(
    doc: Document, lead: Paragraph | None, dateline: Block | None
) -> list[dict[str, Any]]:
    """Reporters (bylines), editors (metadata lines) and photographers (captions)."""
    staff: list[dict[str, Any]] = []
    if lead is not None:
        window = lead.text[: (dateline.end - lead.start if dateline else 0) + 40]
        byline = pat.BYLINE.search(window)
        if byline:
            staff += _names(byline, lead.start, "reporter")
    for para in doc.paragraphs:
        if para.kind == "metadata":
            editor = pat.EDITOR.search(para.text)
            if editor:
                name = editor.group("name")[:MAX_NAME]
                start = para.start + editor.start("name")
                staff.append(_person(name, "editor", start))
        elif para.kind == "caption":
            credit = pat.CAPTION_CREDIT.search(para.text)
            if credit and credit.group("names"):
                staff += _names(credit, para.start, "photographer")
    seen: set[tuple[str, str]] = set()
    unique = []
    for person in staff:
        key = (person["name"], person["role"])
        if key not in seen:
            seen.add(key)
            unique.append(person)
    return unique


def _names(match: re.Match[str], offset: int, role: str) -> list[dict[str, Any]]:
    """People listed in a byline or credit; role words (记者, 通讯员) are not names."""
    base = offset + match.start("names")
    return [
        _person(part.group(0), role, base + part.start())
        for part in pat.BYLINE_PART.finditer(match.group("names"))
        if not part.group("role")
    ]


def _person(name: str, role: str, start: int) -> dict[str, Any]:
    return {"name": name, "role": role, "start": start, "end": start + len(name)}


# Event date ------------------------------------------------------------------------------


def _day_matches(text: str) -> Iterator[re.Match[str]]:
    """Every _DAY match, scanning from the first character one can start with."""
    first = _DAY_START.search(text)
    return _DAY.finditer(text, first.start()) if first else iter(())


def event_date(
    lead: Paragraph | None, dateline: Block | None, published: Any
) -> dict[str, int | None] | None:
    """The first date in the lead's first sentence, completed from the dateline and the
    publication date (a report says "7日下午" meaning the month it was filed in).

    A full date more than a year away from the publication date is a date the report
    recalls (1976年7月28日，唐山发生大地震…), not its event: the next date is read instead.
    """
    if lead is None:
        return None
    skip = dateline.end - lead.start if dateline else 0
    sentence = _FIRST_SENTENCE.match(lead.text, skip)
    if sentence is None:
        return None
    text, pub = sentence.group(0), _parse_day(published)
    for found in _day_matches(text):
        reading = _read_day(found, text, dateline, pub)
        if reading is not None:
            return reading
    return None


MAX_EVENT_DISTANCE = 366  # days between a report's event and its publication


def _read_day(
    found: re.Match[str], text: str, dateline: Block | None, pub: date | None
) -> dict[str, int | None] | None:
    if found["today"]:
        return {"year": pub.year, "month": pub.month, "day": pub.day} if pub else None
    day = int(found["day"])
    month = int(found["month"]) if found["month"] else None
    year = int(found["year"]) if found["year"] else None
    if year is not None and pub is not None and not _near(year, month, day, pub):
        return None
    upcoming = bool(_UPCOMING.search(text[max(0, found.start() - 8) : found.start()]))
    if month is None:
        if dateline and dateline.attrs.get("month"):
            month = _month_of_day(dateline.attrs["month"], dateline.attrs.get("day"), day, upcoming)
        elif pub is not None:
            month = _month_of_day(pub.month, pub.day, day, upcoming)
    if year is None and month is not None and pub is not None:
        year = _nearest_year(pub, month, day)
    return {"year": year, "month": month, "day": day}


def _near(year: int, month: int | None, day: int, pub: date) -> bool:
    """Whether year-month-day (month unknown: the whole year) can be the event of a report
    published on `pub`."""
    try:
        first = date(year, month or 1, day if month else 1)
        last = date(year, month or 12, day if month else 31)
    except ValueError:
        return False  # no such day (2月30日): not a date at all
    return (pub - last).days <= MAX_EVENT_DISTANCE and (first - pub).days <= MAX_EVENT_DISTANCE


def _month_of_day(month: int, filed_day: int | None, day: int, upcoming: bool) -> int:
    """The month of a bare "N日" in a report filed on month/filed_day.

    Reports tell what happened, so a day after the filing day is in the month before
    ("30日" filed on 1月2日 is 12月30日) — unless the text says it is still to come (将于).
    """
    if filed_day is None or day == filed_day:
        return month
    if upcoming and day < filed_day:
        return 1 if month == 12 else month + 1
    if not upcoming and day > filed_day:
        return 12 if month == 1 else month - 1
    return month


def _nearest_year(published: date, month: int, day: int) -> int:
    """The year that puts month/day nearest the publication date (12月30日 read on
    1月2日 is last year's; 7月1日 announced on 6月30日 is this year's)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append((abs((date(year, month, day) - published).days), year))
        except ValueError:  # 2月29日 outside a leap year, 4月31日
            continue
    return min(candidates)[1] if candidates else published.year


def _parse_day(value: Any) -> date | None:
    iso = iso_datetime(str(value)) if value else None
    if iso is None:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


# Place -----------------------------------------------------------------------------------


@cache
def _places() -> dict[str, dict[str, str]]:
    return {row["name"]: row for row in load_table("places")}


@cache
def _place_pattern() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted(_places(), key=len, reverse=True))
    one = rf"(?P<name>{names}){_PLACE_SUFFIX}"
    return re.compile(rf"在(?P<chain>(?:(?:{names}){_PLACE_SUFFIX}){{1,2}})"), re.compile(one)


def event_place(lead: Paragraph | None, dateline: Block | None) -> dict[str, str | None] | None:
    """Where the event was: "在黑龙江省哈尔滨市…" in the lead, else the dateline's city."""
    chain_pattern, name_pattern = _place_pattern()
    found = chain_pattern.search(lead.text) if lead else None
    if found:
        names = [m.group("name") for m in name_pattern.finditer(found.group("chain"))]
    elif dateline and dateline.attrs.get("city") in _places():
        names = [dateline.attrs["city"]]
    else:
        return None
    return _resolve_place(names)


def _resolve_place(names: list[str]) -> dict[str, str | None]:
    province: str | None = None
    city: str | None = None
    for name in names:
        row = _places()[name]
        if row["level"] == "city":
            city = row["full_name"]
            province = province or row["province"]
        else:
            province = row["full_name"]
            if row["level"] == "municipality":
                city = row["full_name"]
    text = province if province == city else (province or "") + (city or "")
    return {"province": province, "city": city, "text": text or None}


# Policy documents ---------------------------------------------------------------------------


@cache
def _issuing_bodies() -> tuple[str, ...]:
    return tuple(
        sorted((row["name"] for row in load_table("issuing_bodies")), key=len, reverse=True)
    )


def issuers(title: str) -> list[str] | None:
    """Issuing bodies from a title: "中共中央 国务院关于…的若干意见" -> [中共中央, 国务院]."""
    found = _ISSUER_PREFIX.match(title)
    if found is None:
        return None
    result: list[str] = []
    for piece in _ISSUER_SEPARATORS.split(found.group("issuers")):
        if piece:
            result += _split_known_bodies(piece)
    return result or None


def _split_known_bodies(piece: str) -> list[str]:
    """Split run-together names of known bodies (中共中央国务院); else keep the piece whole."""
    parts: list[str] = []
    rest = piece
    while rest:
        body = next((b for b in _issuing_bodies() if rest.startswith(b)), None)
        if body is None:
            return [piece]
        parts.append(body)
        rest = rest[len(body) :]
    return parts


def document_number(paragraphs: list[Paragraph]) -> str | None:
    """A number such as 国发〔2019〕3号 printed on its own line above the body."""
    for para in paragraphs:
        if para.kind == "body":
            break
        found = pat.DOC_NUMBER.search(para.text)
        if found:
            return found.group("number")
    return None


# A document closes with its issuer and the signing date, sometimes followed by a note such as
# （此件公开发布） or a contact line: the date is looked for among the last few paragraphs.
SIGNATURE_REACH = 4


def signing_date(paragraphs: list[Paragraph]) -> str | None:
    """ISO date of the line that is only a date near the end of a document (成文日期)."""
    chinese = [p for p in paragraphs if p.kind != "english"]
    # A document with attachments signs before them: the first date line right under a short
    # line that is only the issuer's name (国 务 院 / 2013年1月30日); an attachment's own
    # signature comes later.
    for before, para in pairwise(chinese):
        if (
            before.kind == "body"
            and len(before.text) <= MAX_SIGNATURE_NAME
            and not _PUNCTUATED.search(before.text)
        ):
            found = date_of_line(para.text)
            if found:
                return found
    for para in reversed(chinese[-SIGNATURE_REACH:]):
        found = date_of_line(para.text)
        if found:
            return found
    return None


MAX_SIGNATURE_NAME = 30
_PUNCTUATED = re.compile(r"[。，、；：！？,;:!?]")


# Languages -----------------------------------------------------------------------------------


def languages(paragraphs: list[Paragraph]) -> list[str]:
    found = []
    if any(p.kind == "body" and has_han(p.text, 200) for p in paragraphs):
        found.append("zh")
    if any(p.kind == "english" for p in paragraphs):
        found.append("en")
    return found
