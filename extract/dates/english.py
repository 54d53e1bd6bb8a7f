"""English deadline rules (by Friday, next Wed, EOD, end of month, within 3 days).

Our own small grammar runs first because it is fast and follows the SPEC's
weekday rules; dateparser is only the fallback for a whole field we could not
read (see `dateparser_hit`).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time as dtime, timedelta
from functools import lru_cache
from typing import Optional

from extract.dates import calendar_math as cm
from extract.dates.hits import Hit, Rule, alternation, char_class, first_chars
from extract.dates.read_periods import read_festival, read_vague
from extract.dates.read_times import clock_time
from extract.dates.reading import hit, place
from extract.dates.vocab import date_words, festival_vocab, vague_terms
from extract.dates.workdays import add_workdays

L, R = r"(?<![A-Za-z])", r"(?![A-Za-z])"
_SPACES = re.compile(r"\s+")
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LETTERS = UPPER + UPPER.lower()
DIGITS = "0123456789"
_PLAUSIBLE_YEARS = 5
_ABBREVIATION = 5  # weekday names this short (fri, sat) must be written Fri / FRI


def read_weekday(m, ref):
    words = date_words()
    written = m.group("wd")
    modifier = (m.group("mod") or m.group("post") or "").lower()  # next Friday / Friday next week
    name = written.lower()
    if len(name) <= _ABBREVIATION and written[0].islower() and not modifier:
        return None  # "sat down", "the sun"
    weekday = words.en_weekdays[name]
    if ref is None:
        return hit(m, "weekday")
    if modifier == "next":
        day = cm.weekday_in_week(ref, 1, weekday)
    elif modifier == "this":
        day = cm.weekday_in_week(ref, 0, weekday)
        if day < ref:
            day = cm.next_weekday(ref, weekday)
    else:
        day = cm.next_weekday(ref, weekday)
    return hit(m, "weekday", date=day)


def read_month_day(m, ref):
    month = date_words().en_months[m.group("mon").lower()]
    day = int(m.group("d"))
    if cm.safe_date(2024, month, day) is None:
        return None
    return hit(m, "absolute", date=place(m, ref, lambda y: cm.safe_date(y, month, day)))


def read_the_day(m, ref):
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None
    return hit(m, "day", date=None if ref is None else cm.day_on_or_after(ref, day), day=day)


def read_relative(m, ref):
    days, time = date_words().en_relative_days[_SPACES.sub(" ", m.group("w").lower())]
    return hit(m, "relative", date=None if ref is None else ref + timedelta(days=days), time=time)


def _period_end(ref: date, period: str, shift: int) -> date:
    if period == "week":
        return cm.weekday_in_week(ref, shift, date_words().week_suggest_weekday)
    if period == "month":
        return cm.month_end(*cm.shift_month(ref.year, ref.month, shift))
    if period == "quarter":
        return cm.quarter_end(*cm.shift_quarter(ref.year, cm.quarter_of(ref), shift))
    return date(ref.year + shift, 12, 31)


_ABBR = {"eow": "week", "eom": "month", "eoq": "quarter", "eoy": "year"}


def read_end_of(m, ref):
    groups = {k: (v.lower() if v else v) for k, v in m.groupdict().items()}
    if groups["mon"]:  # end of May, end-May
        month = date_words().en_months[groups["mon"]]
        return hit(m, "absolute", date=place(m, ref, lambda y: cm.month_end(y, month)))
    if groups["q"] or groups["q2"]:
        quarter = int((groups["q"] or groups["q2"])[1])
        return hit(m, "relative", date=place(m, ref, lambda y: cm.quarter_end(y, quarter)))
    period = _ABBR.get(groups["abbr"] or "") or groups["what"] or groups["what2"]
    shift = 1 if groups["sh"] == "next" else 0
    return hit(m, "relative", date=None if ref is None else _period_end(ref, period, shift))


def read_period(m, ref):
    shift = 1 if m.group("sh").lower() == "next" else 0
    end = None if ref is None else _period_end(ref, m.group("p").lower(), shift)
    return hit(m, "period", vague=True, suggested=end)


_UNIT_DAYS = {"day": 1, "week": 7}


def read_duration(m, ref):
    words = date_words()
    raw = m.group("n").lower()
    count = int(raw) if raw.isdigit() else words.en_numbers.get(_SPACES.sub(" ", raw))
    business = bool(m.group("bus"))
    if not count or not (m.group("pre") or m.group("post") or business):
        return None
    unit = m.group("unit").lower().rstrip("s")
    if ref is None:
        return hit(m, "duration", marked=True)
    if business and unit == "day":
        day = add_workdays(ref, count)
    elif unit == "month":
        day = cm.add_months(ref, count)
    elif unit == "hour":
        day = ref + timedelta(days=count // 24)
    else:
        day = ref + timedelta(days=count * _UNIT_DAYS[unit])
    return hit(m, "duration", date=day, marked=(m.group("pre") or "").lower() == "within")


def read_clock(m, ref):
    time = clock_time(int(m.group("h")), int(m.group("mm") or 0), None, m.group("ap") + "m")
    return hit(m, "time", date=ref, time=time, weak=True) if time else None


_STRONG_TIME_WORDS = ("eod", "cob", "eob", "end of", "close of")


@lru_cache(maxsize=None)
def _latin_times() -> dict[str, str]:
    return {word.lower(): time for word, time in date_words().times_of_day.items() if word.isascii()}


def read_time_word(m, ref):
    word = m.group("w")
    time = _latin_times()[_SPACES.sub(" ", word.lower())]
    strong = word.lower().startswith(_STRONG_TIME_WORDS)  # EOD alone is a deadline; noon needs a day
    return hit(m, "time", date=ref, time=time, weak=not strong)


@lru_cache(maxsize=None)
def rules() -> tuple[Rule, ...]:
    w = date_words()
    weekdays = alternation(w.en_weekdays)
    months = alternation(w.en_months)
    numbers = alternation(w.en_numbers).replace(r"\ ", r"\s+")
    latin_times = alternation([k for k in w.times_of_day if k.isascii()]).replace(r"\ ", r"\s+")
    latin_vague = alternation([t for t in vague_terms() if t.isascii()]).replace(r"\ ", r"\s+")
    relative = alternation(w.en_relative_days).replace(r"\ ", r"\s+")
    year = r"(?:\s*,?\s*(?P<y>\d{4}))?(?!\d)"
    number_starts = first_chars(w.en_numbers) | set(DIGITS)
    time_words = [k.lower() for k in w.times_of_day if k.isascii()]
    vague_words = [t.lower() for t in vague_terms() if t.isascii()]
    festivals = [name.lower() for name in festival_vocab().by_name if name.isascii() and not name.isdigit()]
    festival_names = alternation(festivals).replace(r"\ ", r"\s+")

    # (name, reader, trigger groups besides a Latin letter, start chars, pattern) as in grammar.rules.
    # Letter groups: every match holds one (day/week/month/hour: y, k or h); festival
    # names are proper nouns, so they need a capital.
    table = [
        ("en_weekday", read_weekday, ("MmUuWwFfSs",), first_chars(w.en_weekdays) | set("tncf"),
         rf"{L}(?:(?P<mod>this|next|coming|following)\s+)?(?P<wd>{weekdays})\.?(?:\s+(?P<post>next|this)\s+week)?{R}"),
        ("en_month_day", read_month_day, (DIGITS,), first_chars(w.en_months),
         rf"{L}(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d){year}"),
        ("en_day_month", read_month_day, (DIGITS,), DIGITS,
         rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{months})\.?{R}{year}"),
        ("en_the_day", read_the_day, (DIGITS,), "t",
         rf"{L}the\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th){R}"),
        ("en_relative", read_relative, ("YyHhRr",), first_chars(w.en_relative_days),
         rf"{L}(?P<w>{relative}){R}"),
        ("en_end_of", read_end_of, ("EeQq",), "ewmqy",
         rf"{L}(?:end(?:\s+of\s+(?:the\s+)?|[- ](?=(?:{months})\b))(?:(?P<sh>next|this)\s+)?(?:(?P<what>week|month|quarter|year)|(?P<q>Q[1-4])|(?P<mon>{months}){year})"
         rf"|(?P<abbr>EOW|EOM|EOQ|EOY)|(?P<what2>week|month|quarter|year)[- ]end|(?P<q2>Q[1-4])\s+end){R}"),
        ("en_period", read_period, ("KkHhRr",), "tnl",
         rf"{L}(?P<sh>this|next|later\s+this)\s+(?P<p>week|month|quarter|year){R}"),
        ("en_duration", read_duration, ("YyKkHh",), number_starts | set("wia"),
         rf"{L}(?:(?P<pre>within|in|after)\s+(?:the\s+next\s+)?)?(?P<n>\d+|{numbers})\s+(?P<bus>(?:business|working|work)\s+)?"
         rf"(?P<unit>days?|weeks?|months?|hours?)(?:\s+(?P<post>from\s+now|later))?{R}"),
        ("en_clock", read_clock, (DIGITS, "Mm"), DIGITS,
         rf"(?<![\d:])(?P<h>1[0-2]|0?[1-9])(?::(?P<mm>[0-5]\d))?\s*(?P<ap>[AaPp])\.?[Mm]\.?{R}"),
        ("en_time_word", read_time_word, (), first_chars(time_words),
         rf"{L}(?P<w>{latin_times}){R}"),
        ("en_vague", read_vague, (), first_chars(vague_words),
         rf"{L}(?P<w>{latin_vague}){R}"),
        ("en_festival", read_festival, (UPPER,), first_chars(festivals),
         rf"{L}(?P<name>{festival_names}){R}"),
    ]
    return tuple(Rule(name, re.compile(rf"(?=[{char_class(starts)}]){pattern}", re.IGNORECASE), read,
                      tuple(frozenset(group) for group in (LETTERS,) + triggers))
                 for name, read, triggers, starts, pattern in table)


def dateparser_hit(text: str, ref: Optional[date]) -> Optional[Hit]:
    """Last resort for a whole English/slashed field our grammar did not read."""
    if ref is None:
        return None
    import dateparser

    settings = {"RELATIVE_BASE": datetime.combine(ref, dtime()), "PREFER_DATES_FROM": "future",
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        found = dateparser.parse(text, languages=["en", "zh"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if found is None or abs(found.year - ref.year) > _PLAUSIBLE_YEARS:
        return None  # "7/32" read as July 2032 is no deadline
    stripped = text.strip()
    start = text.index(stripped) if stripped else 0
    clock = found.strftime("%H:%M") if (found.hour, found.minute) != (0, 0) else None
    return Hit(start, start + len(stripped), "absolute", date=found.date(), time=clock)
