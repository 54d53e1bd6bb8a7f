"""Dates and clock times as chat exports and transcripts print them.

Only the surface forms are recognised here ("10:32", "2024-07-10 10:32:15",
"—— 2024年7月10日 ——"); resolving dates is the structure stage's job.
"""
from __future__ import annotations

import re
from typing import Optional

TIME = r"(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?"
AMPM = r"(?:上午|下午|中午|晚上|凌晨|早上|傍晚)"
WEEKDAY = r"(?:星期|周|礼拜)[一二三四五六日天]"
RELDAY = r"(?:今天|昨天|前天)"
DATE_YMD = r"(?:\d{4}|\d{2})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?"
DATE_MD = r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}[-/]\d{1,2}"
DATE = rf"(?:{DATE_YMD}|{DATE_MD})"
# A stamp: optional day part, optional am/pm word, a clock time, optional AM/PM.
DATETIME = (
    rf"(?:(?:{DATE})(?:\s*[,，]?\s*{WEEKDAY})?\s*|(?:{RELDAY}|{WEEKDAY})\s*)?"
    rf"(?:{AMPM}\s*)?{TIME}(?:\s*[AaPp][Mm])?"
)

_TRIM = r"[\s\-—–=~·*<>《》【】\[\]()（）_]*"
_DATE_LINE = re.compile(
    rf"^{_TRIM}(?:{DATE_YMD}|\d{{1,2}}\s*月\s*\d{{1,2}}\s*[日号])(?:\s*[,，]?\s*{WEEKDAY})?"
    rf"(?:\s*(?:{AMPM}\s*)?{TIME})?{_TRIM}$"
)
_TIME_LINE = re.compile(rf"^{_TRIM}(?:(?:{RELDAY}|{WEEKDAY})\s*)?(?:{AMPM}\s*)?{TIME}{_TRIM}$")
_DATE_IN = re.compile(DATE)
_TIME_IN = re.compile(TIME)


def is_date_line(text: str) -> bool:
    """A date on its own, as chat exports print between days ("—— 2024年7月10日 ——")."""
    return bool(_DATE_LINE.match(text))


def is_time_line(text: str) -> bool:
    """A clock time on its own ("10:32", "昨天 18:05"), as WeChat prints between messages."""
    return bool(_TIME_LINE.match(text))


def split_stamp(stamp: str) -> tuple[Optional[str], Optional[str]]:
    """(date as written, time as "HH:MM[:SS]") of a stamp matched by DATETIME."""
    date = None
    m = _DATE_IN.search(stamp)
    rest = stamp
    if m:
        date = re.sub(r"\s+", "", m.group(0))
        rest = stamp[m.end():]
    t = _TIME_IN.search(rest)
    if not t:
        return date, None
    parts = t.group(0).replace("：", ":").split(":")
    hour = int(parts[0])
    after = rest[t.end():].strip().lower()
    before = rest[:t.start()]
    if (after == "pm" or re.search("下午|晚上|傍晚", before)) and hour < 12:
        hour += 12
    parts[0] = f"{hour:02d}"
    return date, ":".join(parts)
