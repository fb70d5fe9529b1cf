"""Regexes that find any word of a word list fast with Python's `re`.

The analysis stages look up lexicons of hundreds of words (verbs, theme words, formulations,
name blacklists).  A flat alternation makes `re` try each word at each position; these build
a trie-shaped pattern (`alternation`), and two faster forms that match exactly the same:
`scanner` for `search`/`finditer` over long text, `guarded` for patterns tried at one place.
"""

from __future__ import annotations

import re
from typing import Any


def alternation(words: list[str]) -> str:
    """A regex matching any of `words`, longest first, as a trie (生态(?:环境|系统)?).

    Python's `re` tries the branches of a flat alternation one by one at every position; a
    trie shares the prefixes, so a lexicon of hundreds of words scans several times faster.
    """
    return _emit(_trie(words))


SCAN_GROUP = 48  # first characters per lookahead group in a scanner (measured best: 32-96)


def scanner(words: list[str]) -> str:
    """A regex finding exactly what `alternation(words)` finds, faster over long text.

    `re` tries every branch of the trie's top level at each position whose character starts
    some word, and most such positions match nothing (in news prose a quarter of the
    characters start some theme word; a theme word starts at one in fifty).  Two cheap
    tests cut the work: a lookahead for a possible
    first and second character, then lookaheads that pick one group of top-level branches.
    Both test only what every match must satisfy, so the matches are the same.
    """
    trie = _trie(words)
    if not words or "" in trie or any(len(word) < 2 for word in words):
        return alternation(words)  # a one-character word: the first-character test is all
    heads = sorted(char for char in trie if char)
    seconds = sorted({word[1] for word in words})
    groups = []
    for i in range(0, len(heads), SCAN_GROUP):
        part = heads[i : i + SCAN_GROUP]
        branches = "|".join(re.escape(char) + _emit(trie[char]) for char in part)
        groups.append(f"(?={_char_class(part)})(?:{branches})")
    return f"(?={_char_class(heads)}{_char_class(seconds)})(?:{'|'.join(groups)})"


def guarded(words: list[str]) -> str:
    """`alternation(words)` behind a lookahead for the words' first characters.

    For patterns tried at one place (`match`, or a part after other parts): `re` walks every
    top-level branch of a trie before it fails, and one character-class test rules out most
    places at once.  Not for `search`: a pattern that starts with a plain character or class
    lets `re` skip ahead to candidates, and a lookahead in front would stop that.
    """
    return f"(?={_char_class(sorted({word[0] for word in words}))})(?:{alternation(words)})"


def _trie(words: list[str]) -> dict[str, dict[str, Any]]:
    """Nested dicts by character; the key "" marks where a word ends."""
    trie: dict[str, dict[str, Any]] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(re.escape(char) for char in chars) + "]"


def _emit(node: dict[str, dict[str, Any]]) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if ends_here else group
