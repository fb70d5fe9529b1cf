"""File names as they may be shown and stored: any bytes, no control characters.

A POSIX file name is bytes; Python gives it as a str where undecodable bytes are lone
surrogates (surrogateescape).  Such a str cannot be written to SQLite or a UTF-8 terminal,
and a name holding a newline or an escape sequence would split an error line or reach the
terminal raw.  `stored` keeps the name exactly but for undecodable bytes, written as `\\xNN`;
`shown` also writes control characters as escapes, for messages.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def stored(name: str) -> str:
    """The name as valid Unicode: undecodable bytes as `\\xNN` (other lone surrogates `\\udNNN`)."""
    if not _SURROGATE.search(name):
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", name)
    return raw.decode("utf-8", "backslashreplace")


def shown(name: str) -> str:
    """The name for one line of a message: stored form, control characters escaped."""
    return _CONTROL.sub(_escape_char, stored(name))


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    special = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in special:
        return special[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
