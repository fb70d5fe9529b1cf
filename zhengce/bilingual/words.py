"""Word-level bridges between a Chinese text and its English translation.

English words are compared by a crude key (lower case, plural and possessive off, first six
letters), so that revitalize / revitalization / revitalizing meet without a stemmer.  Chinese
text is turned into the set of English keys it could show up as: the renderings of lexicon and
glossary words it contains, the pinyin of people's names and places, and its numbers and dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zhengce.lexicon import load_table, parse_table

KEY_LETTERS = 6
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "into",
        "its",
        "it",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "this",
        "that",
        "these",
        "those",
        "their",
        "there",
        "which",
        "who",
        "whom",
        "will",
        "shall",
        "should",
        "must",
        "can",
        "may",
        "also",
        "than",
        "such",
        "so",
        "not",
        "no",
        "all",
        "more",
        "most",
        "very",
        "well",
        "both",
        "each",
        "other",
    }
)
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+(?:\.\d+)?")
CHINESE_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(年|月|日|%|％)?")


def word_key(word: str) -> str:
    """The comparison key of one English word: new -> new, securities -> securi."""
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    return word[:KEY_LETTERS]


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return word_key(self.text)

    @property
    def is_content(self) -> bool:
        return self.text.lower() not in STOPWORDS

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def english_keys(text: str) -> list[str]:
    """Content keys of an English paragraph, with name and number keys for its anchors."""
    found: list[str] = []
    words = tokens(text)
    for index, token in enumerate(words):
        if token.text[0].isdigit():
            found.append("num:" + token.text)
            continue
        if not token.is_content:
            continue
        key = token.key
        if token.text[:3].lower() in MONTHS and token.is_capitalized and index + 1 < len(words):
            following = words[index + 1].text
            if following.isdigit():  # April 23, Sept. 7
                found.append(f"month:{MONTHS[token.text[:3].lower()]}")
                continue
        found.append(key)
        if token.is_capitalized:
            found.append("name:" + token.text.lower())
            if index + 1 < len(words) and words[index + 1].is_capitalized:
                found.append("name:" + token.text.lower() + words[index + 1].text.lower())
    return found


@dataclass(frozen=True, slots=True)
class Rendering:
    """One English rendering of a Chinese word, as keys of its content words."""

    text: str
    keys: tuple[str, ...]


def rendering(text: str) -> Rendering:
    if text == "-":  # the word needs no English word
        return Rendering("", ())
    return Rendering(text, tuple(t.key for t in tokens(text) if t.is_content))


@dataclass(frozen=True, slots=True)
class Dictionary:
    """Chinese words with their English renderings: general lexicon plus glossary."""

    entries: dict[str, tuple[Rendering, ...]]
    pattern: re.Pattern[str]

    def scan(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Dictionary words in `text`, longest first at each place, left to right."""
        for match in self.pattern.finditer(text):
            yield match.start(), match.end(), match.group()

    def segment(self, term: str) -> list[tuple[str, tuple[Rendering, ...]]]:
        """Split a term into dictionary words (longest match); unknown characters stand alone."""
        pieces: list[tuple[str, tuple[Rendering, ...]]] = []
        cursor = 0
        for start, end, word in self.scan(term):
            if start > cursor:
                pieces.append((term[cursor:start], ()))
            pieces.append((word, self.entries[word]))
            cursor = end
        if cursor < len(term):
            pieces.append((term[cursor:], ()))
        return pieces


def build_dictionary(rows: Iterable[tuple[str, str]]) -> Dictionary:
    entries: dict[str, list[Rendering]] = {}
    for zh, en in rows:
        for option in en.split("|"):
            entries.setdefault(zh, []).append(rendering(option.strip()))
    words = sorted(entries, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words) or r"(?!)")
    return Dictionary({k: tuple(v) for k, v in entries.items()}, pattern)


def glossary_rows(path: Path | None = None) -> tuple[dict[str, str], ...]:
    """The built-in glossary table, plus the rows of a user glossary file if given."""
    rows = load_table("glossary")
    if path is not None and path.exists():
        rows = rows + parse_table(path.read_text("utf-8"), str(path))
    return rows


@cache
def dictionary(user_glossary: Path | None = None) -> Dictionary:
    pairs = [(r["term_zh"], r["term_en"]) for r in load_table("bilingual_lexicon")]
    pairs += [(r["term_zh"], r["term_en"]) for r in glossary_rows(user_glossary)]
    return build_dictionary(pairs)


@cache
def lexicon_dictionary() -> Dictionary:
    """The general word lexicon alone, without the glossary's renderings of whole terms."""
    return build_dictionary((r["term_zh"], r["term_en"]) for r in load_table("bilingual_lexicon"))


@cache
def place_names() -> frozenset[str]:
    return frozenset(row["name"] for row in load_table("places"))


def pinyin_name(name: str) -> str:
    """A Chinese personal name as official English writes it: 蔡奇 -> Cai Qi (usual reading)."""
    return name_spellings(name)[0]


@cache
def name_spellings(name: str, most: int = 8) -> tuple[str, ...]:
    """Every spelling of a name over the characters' readings: 郑栅洁 -> ..., Zheng Shanjie, ...

    Surname first, given name joined and capitalized.  Name characters often take a reading
    other than the everyday one (栅 is shān in names, zhà in 栅栏), so all are kept.
    """
    from itertools import islice, product

    from pypinyin import Style, lazy_pinyin, pinyin

    usual = lazy_pinyin(name)
    readings = pinyin(name, style=Style.NORMAL, heteronym=True)
    surname_length = 2 if len(name) == 4 else 1
    spellings: list[str] = []
    for syllables in [usual, *islice(product(*readings), most)]:
        surname = "".join(syllables[:surname_length]).capitalize()
        given = "".join(syllables[surname_length:]).capitalize()
        spelled = f"{surname} {given}".strip()
        if spelled not in spellings:
            spellings.append(spelled)
    return tuple(spellings)


def pinyin_place(name: str) -> str:
    """A place name in pinyin, syllables joined: 重庆 -> Chongqing."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name)).capitalize()


def chinese_keys(text: str, names: Iterable[str] = ()) -> set[str]:
    """English keys a translation of `text` may contain (see the module docstring)."""
    found: set[str] = set()
    for _start, _end, word in dictionary().scan(text):
        for option in dictionary().entries[word]:
            found.update(option.keys)
            if option.text[:1].isupper():
                found.add("name:" + "".join(t.text.lower() for t in tokens(option.text)[:2]))
                found.add("name:" + tokens(option.text)[0].text.lower())
    for name in names:
        if name not in text:
            continue
        for spelled in name_spellings(name):
            surname, _, given = spelled.partition(" ")
            found.update({"name:" + surname.lower(), "name:" + (surname + given).lower()})
            found.update({word_key(surname), word_key(given)})
    for place in place_names():
        if place in text:
            spelled = pinyin_place(place).lower()
            found.update({"name:" + spelled, word_key(spelled)})
    for match in CHINESE_NUMBER.finditer(text):
        number, unit = match.groups()
        found.add(f"month:{int(float(number))}" if unit == "月" else "num:" + number)
    return found
