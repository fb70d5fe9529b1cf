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


def convert(config: str, text: str) -> str:
    """`text` converted with `config`; NULs and lone surrogates stay as they are."""
    if UNCONVERTIBLE.search(text) is None:
        return str(converter(config).convert(text))
    parts = UNCONVERTIBLE.split(text)  # text, mark, text, mark, ..., text
    parts[::2] = [str(converter(config).convert(part)) if part else "" for part in parts[::2]]
    return "".join(parts)
