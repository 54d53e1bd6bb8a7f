"""Absolute dates and time ranges in metadata, titles and file names.

Only what a meeting header says ("2024年7月10日 14:00-16:00", "2024/7/10",
"二〇二四年七月十日", "20240710_周会.docx"); relative deadline grammar lives in
`extract.deadlines`, which needs this meeting date as its reference.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_number(s: str) -> Optional[int]:
    """二〇二四 → 2024, 十五 → 15, 二十一 → 21, digits pass through."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        if all(c in _CN_DIGITS for c in s):
            return int("".join(str(_CN_DIGITS[c]) for c in s))
        return None
    tens, _, units = s.partition("十")
    t = _CN_DIGITS.get(tens, None) if tens else 1
    u = _CN_DIGITS.get(units, None) if units else 0
    if t is None or u is None:
        return None
    return t * 10 + u


_N = r"[\d〇零○一二两三四五六七八九十]"
_YMD = re.compile(
    rf"(?<!\d)(?P<y>\d{{4}}|\d{{2}}(?=年)|{_N}{{4}}(?=年))\s*[年\-/.．]\s*(?P<m>\d{{1,2}}|{_N}{{1,3}})\s*[月\-/.．]\s*(?P<d>\d{{1,2}}|{_N}{{1,3}})(?!\d)"
)
_US = re.compile(r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>20\d{2})(?![\d/])")
_COMPACT = re.compile(r"(?<!\d)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_MD = re.compile(r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])\s*(?:[月.．/]\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]?)(?![\d.万亿千百元%kKwW])")
_EN_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_EN = re.compile(r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.I)
_EN2 = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+(?P<y>\d{4})\b", re.I)
_TIME = r"(?:[01]?\d|2[0-3])[:：][0-5]\d"
_RANGE = re.compile(rf"(?P<s>{_TIME})\s*(?:[-–—~～至到]|to)\s*(?P<e>{_TIME})")
_ONE_TIME = re.compile(rf"(?P<s>{_TIME})")
_HALF_DAY = re.compile(r"(上午|下午|晚上)\s*(\d{1,2})[点时](\d{1,2}|半)?(?:\s*[-–—~～至到]\s*(\d{1,2})(?:[点时](\d{1,2}|半)?)?)?")


def _safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_full_date(text: str) -> Optional[date]:
    """The first date with a year in `text`, or None."""
    for rx in (_YMD,):
        for m in rx.finditer(text):
            y, mo, d = _cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"])
            if y is None or mo is None or d is None:
                continue
            if y < 100:
                y += 2000
            got = _safe_date(y, mo, d)
            if got and 1990 <= got.year <= 2100:
                return got
    m = _US.search(text)  # "2/13/2025": month first, as US-style minutes write it
    if m:
        got = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if got:
            return got
    m = _COMPACT.search(text)
    if m:
        got = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if got:
            return got
    for rx in (_EN, _EN2):
        m = rx.search(text)
        if m:
            got = _safe_date(int(m["y"]), _EN_MONTHS[m["mon"][:3].lower()], int(m["d"]))
            if got:
                return got
    return None


def find_month_day(text: str) -> Optional[tuple[int, int]]:
    """A yearless "7.10" / "7月10日" in a title, as (month, day)."""
    m = _MD.search(text)
    if not m or not m["d"]:
        return None
    return int(m["m"]), int(m["d"])


def find_time_range(text: str) -> tuple[Optional[str], Optional[str]]:
    """("14:00", "16:00") from "14:00-16:00" or "下午2点-4点"; either may be None."""
    m = _RANGE.search(text)
    if m:
        return _hhmm(m["s"]), _hhmm(m["e"])
    m = _HALF_DAY.search(text)
    if m:
        pm = m[1] in ("下午", "晚上")
        def conv(h: Optional[str], mi: Optional[str]) -> Optional[str]:
            if not h:
                return None
            hour = int(h) + (12 if pm and int(h) < 12 else 0)
            minute = 30 if mi == "半" else int(mi or 0)
            return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None
        return conv(m[2], m[3]), conv(m[4], m[5])
    m = _ONE_TIME.search(text)
    if m:
        return _hhmm(m["s"]), None
    return None, None


def _hhmm(s: str) -> str:
    h, mi = re.split(r"[:：]", s)
    return f"{int(h):02d}:{int(mi):02d}"
