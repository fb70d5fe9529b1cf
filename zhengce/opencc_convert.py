"""One entry point to OpenCC for the whole project.

OpenCC's C++ core reads a C string, so it stops at the first NUL: `convert("東\\x00北")`
returns only "东".  It also needs UTF-8, which a lone surrogate (U+D800-U+DFFF, from
surrogateescape'd bytes or JSON "\\ud800") cannot be: it raised UnicodeEncodeError.  Every
conversion goes through `convert`, which converts around NULs and lone surrogates, keeping
them as they are, and converters are built once per configuration and process.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

# Characters OpenCC cannot take: kept as they are, the text between them converted.
UNCONVERTIBLE = re.compile("([\x00\ud800-\udfff])")


class Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def converter(config: str) -> Converter:
    """OpenCC for a built-in configuration name (t2s, hk2s, ...) or a config file path."""
    import opencc

    built: Converter = opencc.OpenCC(config)
    return built


def convert(config: str, text: str) -> str:
    """`text` converted with `config`; NULs, lone surrogates and everything after them survive
    unchanged (a surrogate has no script to convert)."""
    if UNCONVERTIBLE.search(text):
        parts = UNCONVERTIBLE.split(text)
        # Odd positions hold the separators themselves.
        return "".join(
            part if index % 2 else str(converter(config).convert(part)) if part else ""
            for index, part in enumerate(parts)
        )
    return str(converter(config).convert(text))
