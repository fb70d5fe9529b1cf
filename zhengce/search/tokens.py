"""How text becomes index tokens, for paragraphs and for queries alike.

Two columns, both plain space-separated tokens that FTS5's unicode61 tokenizer splits again
(it keeps a run of Han characters, letters or digits as one token and drops punctuation):

- `words`: rjieba words, with the policy terms of `data/policy_terms.tsv` added to its
  dictionary so 新质生产力 or 全国统一大市场 stay one token.  Ranking weighs this column most: a
  paragraph that uses the query as a word ranks above one that only contains its characters.
- `grams`: every Han run as overlapping bigrams, then its last character alone
  (新质生产力 -> 新质 质生 生产 产力 力).  A query of two or more characters is a phrase of its
  bigrams, which matches exactly where the query occurs as a substring, whatever rjieba made of
  the surrounding text (生产力 inside 新质生产力, 统一大市场 inside 全国统一大市场).  A query of
  one character is the prefix query 力*: every occurrence of a character starts a bigram or
  ends a run, so that finds them all.  Letters and digits pass through unchanged.

Why not FTS5's trigram tokenizer: it cannot match one- or two-character queries, and two
characters is the commonest length of a Chinese word (改革, 生态, 扶贫).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata as package_metadata
from typing import TYPE_CHECKING

import regex

from zhengce.lexicon import load_table

if TYPE_CHECKING:
    import rjieba

# Bump whenever index_words or index_grams change: stored indexes are rebuilt when it differs.
TOKENIZER_REVISION = 1

# Frequency given to policy terms in rjieba's dictionary: high enough that the term wins over
# its parts wherever the exact characters occur, which is the only place it can apply.
POLICY_TERM_FREQ = 100_000

HAN_RUN = regex.compile(r"\p{Han}+")
GRAM = regex.compile(
    r"\p{Han}(?:\p{Han}|(?!\p{Han}))|(?<![[\p{L}\p{N}]--\p{Han}])[[\p{L}\p{N}]--\p{Han}]+",
    regex.V1,
)


@cache
def segmenter() -> rjieba.Jieba:
    import rjieba

    jieba = rjieba.Jieba()
    for term in policy_terms():
        jieba.add_word(term, POLICY_TERM_FREQ, None)
    return jieba


@cache
def policy_terms() -> tuple[str, ...]:
    return tuple(row["term"] for row in load_table("policy_terms"))


@cache
def tokenizer_version() -> str:
    """Changes when the tokens for the same text could change: revision, rjieba, lexicon."""
    digest = hashlib.blake2b(digest_size=6)
    digest.update(str(TOKENIZER_REVISION).encode())
    digest.update(package_metadata.version("rjieba").encode())
    digest.update("\n".join(policy_terms()).encode("utf-8"))
    return digest.hexdigest()


def segment_words(text: str) -> list[str]:
    """rjieba words with the policy lexicon; punctuation and spaces are their own tokens."""
    return segmenter().cut(text)


def index_words(text: str) -> str:
    return " ".join(segment_words(text))


def index_grams(text: str) -> str:
    # One overlapped findall in C: at each Han character, it and the next (or it alone at the
    # end of a run); letter/digit runs whole.  No per-character Python loop.
    grams: list[str] = GRAM.findall(text, overlapped=True)
    return " ".join(grams)


def paragraph_tokens(text: str) -> tuple[str, str]:
    """The (words, grams) column values of one paragraph."""
    return index_words(text), index_grams(text)
