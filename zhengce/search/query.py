"""The search query language, parsed by us and compiled to a safe FTS5 expression.

    新质生产力 东北              both, in the same paragraph (side by side means AND)
    "高质量 发展"                a phrase: these characters in this order (spaces between
                                 Chinese characters are ignored; punctuation is)
    乡村振兴 OR 共同富裕         either
    长江 -黄河 / 长江 NOT 黄河   the first without the second
    (东北 OR 西部) 振兴          grouping

A word matches wherever its characters occur, also inside longer words.  The query is first
folded (NFKC: full-width letters, digits and brackets) and converted to simplified Chinese, so
新質生產力 finds what 新质生产力 finds.  Anything the user types becomes either a valid
expression or a `QueryError` with a plain message; FTS5 never sees the raw text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from zhengce.limits import MAX_QUERY_CHARS, MAX_QUERY_DEPTH, MAX_QUERY_TERMS
from zhengce.opencc_convert import convert
from zhengce.search.tokens import HAN_RUN, segment_words

OPEN_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』"}
# A Han run or a run of letters/digits: the pieces FTS5's unicode61 tokenizer keeps.
SEGMENT = regex.compile(r"\p{Han}+|[[\p{L}\p{N}]--\p{Han}]+", regex.V1)
SPACE_BETWEEN_HAN = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")
OPERATORS = {"AND", "OR", "NOT"}


class QueryError(ValueError):
    """A query that cannot be searched; the message says what to change."""


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Phrase | Not | And | Or


@dataclass(slots=True)
class CompiledQuery:
    fts: str  # the FTS5 MATCH expression
    highlight: list[str] = field(default_factory=list)  # pieces to mark in snippets
    text: str = ""  # the query after folding and conversion


def fold_query(text: str) -> str:
    return convert("t2s", unicodedata.normalize("NFKC", text))


def compile_query(text: str) -> CompiledQuery:
    """Parse a user query and compile it to FTS5; raise QueryError with a clear message.

    The work a query may cost is bounded (limits.py): its length, its nesting and its number
    of distinct words; a word repeated is searched once (A AND A is A, A OR A is A)."""
    most = MAX_QUERY_CHARS.get()
    if len(text) > most:
        raise QueryError(
            f"query of {len(text):,} characters, over the {most:,} limit ({MAX_QUERY_CHARS.env})"
        )
    folded = fold_query(text).strip()
    if not folded:
        raise QueryError("empty query: type the words to find")
    lexemes = _lex(folded)
    _check_bounds(lexemes)
    tree = _Parser(lexemes).parse()
    highlight: list[str] = []
    fts = _compile(tree, highlight)
    if fts is None:
        raise QueryError(
            f"nothing to search for in {text!r}: type Chinese words, letters or digits"
        )
    pieces = sorted(set(highlight), key=len, reverse=True)
    return CompiledQuery(fts=fts, highlight=pieces, text=folded)


# Lexing ------------------------------------------------------------------------------------

Lexeme = tuple[str, str]  # (kind, text): kind is one of ( ) OR AND NOT - PHRASE TERM


def _lex(text: str) -> list[Lexeme]:
    lexemes: list[Lexeme] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            lexemes.append((char, char))
            i += 1
        elif char in OPEN_QUOTES:
            close = text.find(OPEN_QUOTES[char], i + 1)
            if close < 0:
                raise QueryError(f"unbalanced quote: {char} at position {i + 1} is never closed")
            lexemes.append(("PHRASE", text[i + 1 : close]))
            i = close + 1
        elif char in "”」』":
            raise QueryError(f"unbalanced quote: {char} at position {i + 1} closes nothing")
        elif char == "-" and (i == 0 or text[i - 1].isspace() or text[i - 1] == "("):
            lexemes.append(("-", char))
            i += 1
        else:
            end = i
            while end < len(text) and not text[end].isspace() and text[end] not in '()"“「『”」』':
                end += 1
            word = text[i:end]
            lexemes.append((word, word) if word in OPERATORS else ("TERM", word))
            i = end
    return lexemes


def _check_bounds(lexemes: list[Lexeme]) -> None:
    depth = deepest = 0
    for kind, _ in lexemes:
        depth += (kind == "(") - (kind == ")")
        deepest = max(deepest, depth)
    if deepest > MAX_QUERY_DEPTH.get():
        raise QueryError(
            f"parentheses nested {deepest} deep, over the {MAX_QUERY_DEPTH.get()} limit"
            f" ({MAX_QUERY_DEPTH.env})"
        )
    words = {text for kind, text in lexemes if kind in ("PHRASE", "TERM")}
    if len(words) > MAX_QUERY_TERMS.get():
        raise QueryError(
            f"{len(words)} different words, over the {MAX_QUERY_TERMS.get()} limit"
            f" ({MAX_QUERY_TERMS.env}): search for fewer at a time"
        )


def _unique(children: list[Node]) -> list[Node]:
    """The children without repeats, in their first order (nodes are frozen: hashable)."""
    return list(dict.fromkeys(children))


# Parsing -----------------------------------------------------------------------------------


class _Parser:
    def __init__(self, lexemes: list[Lexeme]) -> None:
        self.lexemes = lexemes
        self.pos = 0

    def peek(self) -> str | None:
        return self.lexemes[self.pos][0] if self.pos < len(self.lexemes) else None

    def take(self) -> Lexeme:
        lexeme = self.lexemes[self.pos]
        self.pos += 1
        return lexeme

    def parse(self) -> Node:
        node = self.parse_or()
        if self.peek() == ")":
            raise QueryError("unbalanced parenthesis: ')' closes nothing")
        return node

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            children.append(self.parse_and())
        children = _unique(children)
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self) -> Node:
        children: list[Node] = []
        while True:
            kind = self.peek()
            if kind in (None, ")", "OR"):
                break
            if kind == "AND":
                if not children:
                    raise QueryError("AND needs something to find on both sides")
                self.take()
                if self.peek() in (None, ")", "OR", "AND"):
                    raise QueryError("AND needs something to find on both sides")
                continue
            children.append(self.parse_unary())
        if not children:
            where = self.peek()
            if where == "OR" or (self.pos > 0 and self.lexemes[self.pos - 1][0] == "OR"):
                raise QueryError("OR needs something to find on both sides")
            if where == ")":
                raise QueryError("empty parentheses: put words inside ( )")
            raise QueryError("empty query: type the words to find")
        children = _unique(children)
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self) -> Node:
        if self.peek() in ("NOT", "-"):
            operator = self.take()[1]
            if self.peek() in (None, ")", "OR", "AND", "NOT", "-"):
                raise QueryError(f"{operator} needs a word after it: the word to leave out")
            return Not(self.parse_primary())
        return self.parse_primary()

    def parse_primary(self) -> Node:
        kind, text = self.take()
        if kind == "(":
            if self.peek() is None:
                raise QueryError("unbalanced parenthesis: '(' is never closed")
            node = self.parse_or()
            if self.peek() != ")":
                raise QueryError("unbalanced parenthesis: '(' is never closed")
            self.take()
            return node
        if kind in ("PHRASE", "TERM"):
            return Phrase(text)
        raise QueryError(f"{text} cannot stand here")  # pragma: no cover - lexer/parser agree


# Compiling ---------------------------------------------------------------------------------


def _compile(node: Node, highlight: list[str]) -> str | None:
    if isinstance(node, Phrase):
        return _compile_phrase(node.text, highlight)
    if isinstance(node, Or):
        parts = [p for p in (_compile(c, highlight) for c in node.children) if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    if isinstance(node, Not):
        raise QueryError("a query cannot only leave words out (NOT / -): add a word to find")
    return _compile_and(node, highlight)


def _compile_and(node: And, highlight: list[str]) -> str | None:
    wanted: list[str] = []
    unwanted: list[str] = []
    for child in node.children:
        if isinstance(child, Not):
            part = _compile(child.child, [])  # left-out words are not highlighted
            if part is not None:
                unwanted.append(part)
        else:
            part = _compile(child, highlight)
            if part is not None:
                wanted.append(part)
    if not wanted:
        if unwanted:
            raise QueryError("a query cannot only leave words out (NOT / -): add a word to find")
        return None
    expression = wanted[0] if len(wanted) == 1 else "(" + " AND ".join(wanted) + ")"
    if unwanted:
        expression = f"({expression} NOT ({' OR '.join(unwanted)}))"
    return expression


def _compile_phrase(text: str, highlight: list[str]) -> str | None:
    text = SPACE_BETWEEN_HAN.sub("", text)
    segments = SEGMENT.findall(text)
    if not segments:
        return None
    highlight.extend(segments)
    grams, prefix = phrase_grams(segments)
    words = [piece for word in segment_words(text) for piece in SEGMENT.findall(word)]
    gram_phrase = '"' + " ".join(grams) + '"' + (" *" if prefix else "")
    return f'(words : "{" ".join(words)}" OR grams : {gram_phrase})'


def phrase_grams(segments: list[str]) -> tuple[list[str], bool]:
    """Tokens of the grams column that a phrase of these segments must match, in order.

    Returns the tokens and whether the last one is a prefix.  The text around a query may
    continue a Han run on either side, so the run's first bigram may follow a bigram of the
    text, and its last character is only a run end (the lone-character token) where the query
    itself puts something after it.
    """
    tokens: list[str] = []
    last = len(segments) - 1
    prefix = False
    for index, segment in enumerate(segments):
        if not HAN_RUN.fullmatch(segment):
            tokens.append(segment)
            continue
        tokens.extend(map(str.__add__, segment, segment[1:]))
        if index < last:
            tokens.append(segment[-1])
        elif len(segment) == 1:
            # A lone character at the end: any bigram it starts, or a run it ends.
            tokens.append(segment)
            prefix = True
    return tokens, prefix
