"""Readers for spans and named days: month/quarter/year ends and periods,
festivals, 节前 / 节后 and vague words."""
from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from extract.dates import calendar_math as cm
from extract.dates import festivals as fest
from extract.dates.numerals import to_int
from extract.dates.reading import (hit, marker_is_word, month_part_day, month_shift, place, quantity_follows,
                                   year_of, year_shift_at)
from extract.dates.vocab import date_words, festival_vocab, vague_terms

_SPACES = re.compile(r"\s+")


def read_month_part(m, ref):
    month = to_int(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    part = m.group("part")
    day = place(m, ref, lambda y: month_part_day(y, month, part))
    if part in date_words().month_spans:  # 5月下旬: ten days, no day named
        return hit(m, "period", vague=True, suggested=day, marked=True)
    return hit(m, "absolute", date=day)


def read_month_period(m, ref):
    month = to_int(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    if quantity_follows(m.string, m.end()) and not m.group("fen"):
        return None
    named = bool(m.group("y") or m.group("yr"))
    weak = not (m.group("fen") or m.group("suf") or named)
    end = place(m, ref, lambda y: cm.month_end(y, month))
    return hit(m, "period", vague=True, suggested=end, weak=weak, marked=bool(m.group("suf")))


def read_rel_month_part(m, ref):
    if ref is None:
        return hit(m, "relative")
    year, month = cm.shift_month(ref.year, ref.month, month_shift(m))
    day = month_part_day(year, month, m.group("part"))
    if m.group("part") in date_words().month_spans:
        return hit(m, "period", vague=True, suggested=day, marked=True)
    return hit(m, "relative", date=day)


def read_rel_month_period(m, ref):
    if not m.group("sh") and not m.group("suf"):
        return None  # a bare 月
    shift = month_shift(m)
    end = None
    if ref is not None:
        end = cm.month_end(*cm.shift_month(ref.year, ref.month, shift))
    return hit(m, "period", vague=True, suggested=end, marked=bool(m.group("suf")),
               weak=_looks_back(m, shift) and not m.group("suf"))


def _looks_back(m, shift: int) -> bool:
    """上个月 / 同月 name a period already past or named before: no deadline by themselves."""
    return shift < 0 or m.group("sh") in date_words().anaphoric_shifts


def read_week_period(m, ref):
    words = date_words()
    if not m.group("sh") and not m.group("suf"):
        return None
    weeks = words.shifts[m.group("sh")] if m.group("sh") else 0
    friday = None if ref is None else cm.weekday_in_week(ref, weeks, words.week_suggest_weekday)
    return hit(m, "period", vague=True, suggested=friday, marked=bool(m.group("suf")),
               weak=_looks_back(m, weeks) and not m.group("suf"))


def read_quarter(m, ref):
    words = date_words()
    groups = m.groupdict()
    if groups.get("q"):
        quarter = int(groups["q"])
    elif groups.get("qc"):
        quarter = to_int(groups["qc"])
    else:
        quarter = None
    part = groups.get("part")
    ends = part in words.quarter_end_words
    named_year = bool(groups.get("y") or groups.get("yr"))
    if quarter is None and not groups.get("sh") and not part:
        return None  # 季度 alone: 每季度, 季度总结
    if ref is None and (not named_year or quarter is None):
        return hit(m, "relative" if ends else "period", vague=not ends)
    if quarter is None:
        shift = words.shifts[groups["sh"]] if groups.get("sh") else 0
        year, quarter = cm.shift_quarter(ref.year, cm.quarter_of(ref), shift)
        end = cm.quarter_end(year, quarter)
    else:
        end = place(m, ref, lambda y: cm.quarter_end(y, quarter))
    if ends:
        return hit(m, "relative", date=end)
    weak = (bool(groups.get("q")) and not named_year or groups.get("sh") in words.anaphoric_shifts) and not part
    return hit(m, "period", vague=True, suggested=end, weak=weak, marked=bool(part))


def read_year_part(m, ref):
    year, named = year_of(m, ref)
    if not named:
        year = None if ref is None else ref.year
    if year is None:
        return hit(m, "relative")
    month, day = date_words().year_parts[m.group("part")]
    return hit(m, "relative", date=cm.safe_date(year, month, day))


def read_year_period(m, ref):
    words = date_words()
    year, named = year_of(m, ref)
    if m.group("y2"):
        year, named = int(m.group("y2")), True
    elif m.group("yr2"):
        year, named = (None if ref is None else ref.year + words.year_shifts[m.group("yr2") + "年"]), True
    if not named:
        year = None if ref is None else ref.year
    key = m.group("half") or m.group("suf")
    written = m.group("y") or ""
    if key in words.within and len(written) == 2 and written.isdigit():
        return None  # 25年内: within 25 years more often than within 2025
    month, day = words.year_periods[key]
    end = None if year is None else cm.safe_date(year, month, day)
    if m.group("part"):
        return hit(m, "relative", date=end)
    return hit(m, "period", vague=True, suggested=end, marked=key in words.within,
               weak=key in words.year_periods_weak)


def read_year_alone(m, ref):
    """明年 / 今年 named alone: a span, vague, its last day suggested. Weak, so 明年预算
    is no deadline, and never a past year (去年 is narrative)."""
    shift = year_shift_at(m.string, m.start(), m.group("yr"))
    if shift is None or shift < 0:
        return None
    end = None if ref is None else cm.safe_date(ref.year + shift, 12, 31)
    return hit(m, "period", vague=True, suggested=end, weak=True)


def read_festival(m, ref):
    """国庆 / 国庆后 / 2025年春节 / Mid-Autumn Festival; 618大促 and 春节期间 name an
    event or a span, so they count only with a marker (weak)."""
    vocab = festival_vocab()
    festival = vocab.by_name.get(m.group("name")) or _latin_festivals()[_SPACES.sub(" ", m.group("name").lower())]
    groups = m.groupdict()
    weak = bool(groups.get("event"))
    after = bool(groups.get("after"))
    year, named = year_of(m, ref)
    if named:  # 2025年春节, 去年元旦, 零六年端午: that year's
        day = None if year is None else fest.occurrence(festival, year)
        if day and after:
            day = fest.first_workday_after(day)
        return hit(m, "festival", date=day, weak=weak)
    if ref is None:
        return hit(m, "festival", weak=weak)
    if after:
        return _after(m, fest.after_holiday(festival, ref), weak=weak)
    return hit(m, "festival", date=fest.next_on_or_after(festival, ref), weak=weak)


def _after(m, day, *, weak: bool = False, marked: bool = False):
    """国庆后 / 节后: a start, so vague with that day suggested; 节后第一个工作日 names the day."""
    rest = m.string[m.end():m.end() + 8].lstrip()
    if any(rest.startswith(w) for w in festival_vocab().first_workday):
        return hit(m, "festival", date=day, weak=weak, marked=marked)
    return hit(m, "festival", vague=True, suggested=day, weak=weak, marked=marked)


@lru_cache(maxsize=None)
def _latin_festivals() -> dict:
    return {name.lower(): festival for name, festival in festival_vocab().by_name.items() if name.isascii()}


def read_holiday(m, ref):
    if m.group("ba") == "前" and marker_is_word(m.string, m.end()):
        return None
    after = m.group("ba") in date_words().after
    if ref is None:
        return hit(m, "festival", marked=not after)
    if after:
        return _after(m, fest.after_next_public_holiday(ref))
    return hit(m, "festival", date=fest.next_public_holiday(ref), marked=True)


@lru_cache(maxsize=None)
def _latin_terms() -> dict:
    return {word.lower(): term for word, term in vague_terms().items() if word.isascii()}


def read_vague(m, ref):
    word = m.group("w")
    terms = vague_terms()
    term = terms.get(word) or _latin_terms()[_SPACES.sub(" ", word.lower())]
    text = m.string
    if m.start() > 0 and text[m.start() - 1] in term.not_after:
        return None
    if m.end() < len(text) and text[m.end()] in term.not_before:
        return None
    suggested = None
    if term.suggested_days is not None and ref is not None:
        suggested = ref + timedelta(days=term.suggested_days)
    return hit(m, "vague", vague=True, suggested=suggested, weak=term.weak)
