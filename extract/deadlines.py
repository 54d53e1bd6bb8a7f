"""Deadline expressions resolved relative to the meeting date (SPEC "Resolving deadlines").

    resolve("下周五下班前", date(2024, 7, 10))  -> 2024-07-19 18:00
    find_deadline("李娜负责活动方案，下周三前发群里", ref) -> mention "下周三前", span (9, 13)

`ref` is the meeting date; None when unknown, in which case relative expressions
keep date None (vague False) and only dates that name their year resolve. The
grammar lives in extract.dates; this module is the public entry.
"""
from __future__ import annotations

import re
from functools import lru_cache
from datetime import date
from typing import Optional

from minutes.model import Deadline
from extract.dates.compose import choose, in_sentence, scan
from extract.dates.english import dateparser_hit
from extract.dates.hits import Hit

_NEEDS_DATEPARSER = re.compile(r"[A-Za-z/]")
_LIMIT = re.compile(r"(?:前|之前|以前|内|以内|为止|截止)$|^(?:by|before|within|no later than)\b", re.I)

__all__ = ["resolve", "find_deadline", "find_all", "is_limit"]


def is_limit(mention: Optional[str]) -> bool:
    """"下周三前", "3天内", "by Friday": a date the work must be done by, not one it happens on."""
    return bool(mention) and bool(_LIMIT.search(mention.strip()))


def _deadline(text: str, hit: Hit) -> Deadline:
    return Deadline(
        mention=text[hit.start:hit.end],
        date=None if hit.vague else hit.date,
        time=hit.time,
        vague=hit.vague,
        suggested=hit.suggested if hit.vague else None,
        span=(hit.start, hit.end),
    )


def resolve(text: str, ref: Optional[date]) -> Deadline:
    """Read one deadline field ("下周五下班前", "3个工作日内", "尽快", "July 15").

    Nothing recognised: Deadline(mention=text.strip() or None, date=None)."""
    hit = choose(scan(text, ref), ref)
    if hit is None and _NEEDS_DATEPARSER.search(text):
        hit = dateparser_hit(text, ref)
    if hit is None:
        return Deadline(mention=text.strip() or None, date=None, vague=False)
    return _deadline(text, hit)


def find_all(sentence: str, ref: Optional[date]) -> list[Deadline]:
    """Every deadline-like expression in a sentence, in order, with spans."""
    return [_deadline(sentence, hit) for hit in in_sentence(scan(sentence, ref))]


@lru_cache(maxsize=8192)
def find_deadline(sentence: str, ref: Optional[date]) -> Optional[Deadline]:
    """THE deadline of a sentence: the marked one (前 / 截止 / 完成 / 内 ...), else
    the last future date, else a vague word; None when it names no time.

    Cached: item assembly asks for the same clause several times (splitting, the
    item itself, a shared deadline), and a Deadline is immutable."""
    hit = choose(in_sentence(scan(sentence, ref)), ref)
    return None if hit is None else _deadline(sentence, hit)
