"""One entry point to OpenCC for the whole project.

OpenCC's C++ core reads a C string, so it stops at the first NUL: `convert("東\\x00北")`
returns only "东".  Every conversion goes through `convert`, which converts around NULs,
and converters are built once per configuration and process.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol


class Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def converter(config: str) -> Converter:
    """OpenCC for a built-in configuration name (t2s, hk2s, ...) or a config file path."""
    import opencc

    built: Converter = opencc.OpenCC(config)
    return built


def convert(config: str, text: str) -> str:
    """`text` converted with `config`; NULs and everything after them survive."""
    if "\x00" in text:
        return "\x00".join(convert(config, part) for part in text.split("\x00"))
    return str(converter(config).convert(text))
