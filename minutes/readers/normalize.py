"""One text normalisation for every reader, so later stages match one spelling.

Full-width digits and letters ("７月１５日", "ＰＲＤ") and odd spaces would
otherwise defeat every date and name pattern downstream; Chinese punctuation
(，。：；（）) is meaningful and stays.
"""
from __future__ import annotations

import re

# Full-width ASCII letters and digits to ASCII; nothing else.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
# Line-ish separators that editors do not count as lines become spaces, so line numbers match.
_SPACES = {cp: " " for cp in (0x00A0, 0x3000, 0x202F, 0x205F, 0x0B, 0x0C, 0x85, 0x2028, 0x2029, *range(0x2000, 0x200B))}
_ZERO_WIDTH = {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E)}
_TABLE = {**_FULLWIDTH, **_SPACES, **_ZERO_WIDTH}
_NEWLINES = re.compile(r"\r\n?")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR (old Mac files) to LF."""
    return _NEWLINES.sub("\n", text)


def normalize_text(text: str) -> str:
    """Spaces, zero-width characters and full-width ASCII; line breaks kept."""
    return normalize_newlines(text).translate(_TABLE)


def clean_line(text: str) -> str:
    """A normalised line without surrounding whitespace."""
    return normalize_text(text).strip()
