"""Chinese and Arabic numerals as they appear in dates and durations.

Own converter rather than cn2an: we need only small integers, the approximate
pairs people write for durations (一两天, 三五天, 3-5天), and digit-by-digit years
(二〇二四), and cn2an is slow to import and strict about the latter.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
CN_CHARS = "".join(DIGITS) + "".join(UNITS) + "廿"

_RANGE = re.compile(r"^\s*(.+?)\s*(?:-|~|～|—|–|到|至)\s*(.+?)\s*$")


# Cached: the numerals people write are a few hundred strings ("15", "十五", "二〇二四"),
# read again and again; the readers call these for every candidate they weigh.
@lru_cache(maxsize=4096)
def to_int(text: str) -> Optional[int]:
    """Read 15 / 十五 / 二十一 / 廿三 / 两千零四; None when it is not a number."""
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if any(ch not in DIGITS and ch not in UNITS and ch != "廿" for ch in text):
        return None
    if not any(ch in UNITS or ch == "廿" for ch in text):
        if len(text) == 1:
            return DIGITS[text]
        return None  # 二四 is not a number; years go through year_value
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch == "廿":
            total += 20
            current = 0
        else:
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


# Two-digit years from this one on are 19xx (89年, 05/05/71), as in POSIX strptime.
CENTURY_PIVOT = 70


def _full_year(two_digits: int) -> int:
    return two_digits + (1900 if two_digits >= CENTURY_PIVOT else 2000)


@lru_cache(maxsize=1024)
def year_value(text: str) -> Optional[int]:
    """A written year: 2024, 24 (→ 2024), 89 (→ 1989), 二〇二四, 九零, 两千零四."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        value = int(text)
        return _full_year(value) if len(text) == 2 else value
    if all(ch in DIGITS for ch in text) and len(text) in (2, 4):
        value = int("".join(str(DIGITS[ch]) for ch in text))
        return _full_year(value) if len(text) == 2 else value
    return to_int(text)


@lru_cache(maxsize=1024)
def amount(text: str) -> Optional[float]:
    """A duration count: 3, 1.5, 三, 半 (0.5), 一两 / 三五 / 3-5 (the larger end)."""
    text = text.strip()
    if text == "半":
        return 0.5
    m = _RANGE.match(text)
    if m:
        low, high = amount(m.group(1)), amount(m.group(2))
        return None if low is None or high is None else max(low, high)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if len(text) == 2 and all(ch in DIGITS for ch in text):
        first, second = DIGITS[text[0]], DIGITS[text[1]]
        if 0 < first < second:  # 一两, 两三, 三五: an approximate pair, take the larger
            return float(second)
        return None
    value = to_int(text)
    return None if value is None else float(value)
