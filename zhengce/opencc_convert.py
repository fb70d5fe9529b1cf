"""One entry point to OpenCC for the whole project.

OpenCC's C++ core reads a C string, so it stops at the first NUL: `convert("東\\x00北")`
returns only "东"; and it takes UTF-8, which a lone surrogate (U+D800-U+DFFF, as a
broken UTF-16 source decodes to) cannot be encoded in.  Every conversion goes through
`convert`, which converts around both, leaving them as they are, and converters are
built once per configuration and process.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

# What OpenCC cannot take: NUL ends its C string, a lone surrogate has no UTF-8 form.
UNCONVERTIBLE = re.compile(r"([\x00\ud800-\udfff])")


class Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def converter(config: str) -> Converter:
    """OpenCC for a built-in configuration name (t2s, hk2s, ...) or a config file path."""
    import opencc

    built: Converter = opencc.OpenCC(config)
    return built


# OpenCC holds every segment of its input as a C++ string, several times over along the
# conversion chain (about 100 bytes per character of input), so a long text is converted
# in pieces of about this many characters, cut after a line break: no dictionary key
# holds one, so no phrase is cut and the result is the same.
CHUNK = 1 << 16


def convert(config: str, text: str) -> str:
    """`text` converted with `config`; NULs and lone surrogates stay as they are."""
    if UNCONVERTIBLE.search(text) is None:
        return _convert_in_pieces(config, text)
    parts = UNCONVERTIBLE.split(text)  # text, mark, text, mark, ..., text
    parts[::2] = [_convert_in_pieces(config, part) if part else "" for part in parts[::2]]
    return "".join(parts)


def _convert_in_pieces(config: str, text: str) -> str:
    opencc = converter(config)
    if len(text) <= CHUNK:
        return str(opencc.convert(text))
    pieces: list[str] = []
    start = 0
    while start < len(text):
        if len(text) - start <= CHUNK:
            end = len(text)
        else:
            end = text.rfind("\n", start, start + CHUNK) + 1
            if end <= start:  # no line break within a piece: up to the next one, or the end
                following = text.find("\n", start + CHUNK)
                end = len(text) if following < 0 else following + 1
        pieces.append(str(opencc.convert(text[start:end])))
        start = end
    return "".join(pieces)
