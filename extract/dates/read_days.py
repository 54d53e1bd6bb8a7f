"""Readers for expressions that name a day: full, month/day and lunar dates, 15号,
weekdays, 明天, 第三天, durations (3天内, 3个工作日内) and ago (3天前)."""
from __future__ import annotations

import math
from datetime import date, timedelta

from extract.dates import calendar_math as cm
from extract.dates import festivals as fest
from extract.dates.numerals import amount, to_int, year_value
from extract.dates.reading import clause_starts, hit, month_shift, place, quantity_follows, year_of
from extract.dates.vocab import date_words
from extract.dates.workdays import add_workdays

MAX_COUNT = 1000  # 9999个工作日 is a typo or a quantity, not a deadline


def read_iso(m, ref):
    month, day = m.group("m") or m.group("m2"), m.group("d") or m.group("d2")
    found = cm.safe_date(int(m.group("y")), int(month), int(day))
    return hit(m, "absolute", date=found) if found else None


def read_mdy(m, ref):
    a = int(m.group("a"))
    b, year = int(m.group("b") or m.group("b2")), year_value(m.group("y") or m.group("y2"))
    month, day = (b, a) if a > 12 else (a, b)  # 15/7/2024 can only be day-first
    found = cm.safe_date(year, month, day)
    return hit(m, "absolute", date=found) if found else None


def read_ymd(m, ref):
    month, day = to_int(m.group("m")), to_int(m.group("d"))
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if not m.group("suf") and quantity_follows(m.string, m.end()):
        return None
    if cm.safe_date(2024, month, day) is None:  # 2/30 in any year
        return None
    return hit(m, "absolute", date=place(m, ref, lambda y: cm.safe_date(y, month, day)))


def read_lunar(m, ref):
    """农历八月十五 / 正月初八 / 腊月18 / 大年初十; a match with no lunar sign (农历, 正 / 冬 /
    腊月, 初X / 廿X) is vetoed so the Gregorian rules read it."""
    words = date_words()
    raw_month, raw_day = m.group("m"), m.group("d")
    signed = (m.group("nl") or m.group("nl2") or m.group("big") or raw_month in words.lunar_months
              or raw_day.startswith(words.lunar_day_prefixes))
    if not signed or not m.group("suf") and quantity_follows(m.string, m.end()):
        return None  # 8月初10天内 counts days
    month = 1 if m.group("big") else words.lunar_months.get(raw_month) or to_int(raw_month)
    day = to_int(raw_day.lstrip("初").strip())
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= 30:
        return None
    year, named = year_of(m, ref)
    if named:
        return hit(m, "absolute", date=None if year is None else fest.lunar_date(year, month, day))
    return hit(m, "absolute", date=None if ref is None else fest.next_lunar(ref, month, day))


def read_month_weekday(m, ref):
    """6月第3个星期日 / 8月的第一个周二 / 9月最后一个周五."""
    month = to_int(m.group("m"))
    n = -1 if m.group("last") else to_int(m.group("nth"))
    if month is None or not 1 <= month <= 12 or not n:
        return None
    weekday = date_words().weekday_names[m.group("n")]
    # a fifth Monday the month lacks that year leaves the date None (place builds per year)
    return hit(m, "absolute", date=place(m, ref, lambda y: cm.nth_weekday(y, month, weekday, n)))


def read_month_dot_day(m, ref):
    month, day = int(m.group("m")), int(m.group("d"))
    if cm.safe_date(2024, month, day) is None or quantity_follows(m.string, m.end()):
        return None
    found = place(m, ref, lambda y: cm.safe_date(y, month, day))
    # 7/20 could be a fraction and 5.3 a decimal; 5/24 hardly: a slash with a day past 12 is a date
    fraction_like = not (m.group("sep") == "/" and day > 12)
    return hit(m, "absolute", date=found, weak=fraction_like and not m.group("suf"))


def read_day(m, ref):
    day = to_int(m.group("d"))
    if day is None or not 1 <= day <= 31:
        return None
    if ref is None:
        return hit(m, "day", day=day)
    return hit(m, "day", date=cm.day_on_or_after(ref, day), day=day)


def read_weekday(m, ref):
    words = date_words()
    name, shift = m.group("n"), m.group("sh")
    if name.isdigit() and not shift and m.group("pre") in ("周", "週"):
        return None  # 每周1次
    weeks = words.shifts[shift] if shift else None
    if name in words.week_parts:
        weekday, vague = words.week_parts[name]
    else:
        weekday, vague = words.weekday_names[name], False
    if ref is None:
        return hit(m, "period" if vague else "weekday", vague=vague)
    if weeks is None:
        day = cm.next_weekday(ref, weekday)
    else:
        day = cm.weekday_in_week(ref, weeks, weekday)
    if vague:
        return hit(m, "period", vague=True, suggested=day)
    return hit(m, "weekday", date=day)


def read_relative_day(m, ref):
    days, time = date_words().relative_days[m.group("w")]
    return hit(m, "relative", date=None if ref is None else ref + timedelta(days=days), time=time)


def read_rel_month_day(m, ref):
    """下个月15号 / 本月十日 / 去年本月十日."""
    day = to_int(m.group("d"))
    if day is None or not 1 <= day <= 31:
        return None
    if ref is None:
        return hit(m, "relative")
    year, named = year_of(m, ref)
    year, month = cm.shift_month(year if named else ref.year, ref.month, month_shift(m))
    found = cm.safe_date(year, month, day)
    return hit(m, "relative", date=found) if found else None


def read_ordinal_day(m, ref):
    """第三天: the meeting day is the first, so ref + 2. Weak: in a sentence 第3天 is
    mostly a step of a plan, a deadline only with a marker."""
    n = to_int(m.group("n"))
    if n is None or not 1 <= n <= MAX_COUNT:
        return None
    return hit(m, "relative", date=None if ref is None else ref + timedelta(days=n - 1), weak=True)


def _duration_date(ref: date, unit_kind: str, count: float) -> date:
    if unit_kind == "workdays":
        return add_workdays(ref, math.ceil(count))
    if unit_kind == "months":
        whole = int(count)
        day = cm.add_months(ref, whole)
        return day + timedelta(days=round((count - whole) * 30))
    if unit_kind == "hours":
        return ref + timedelta(days=int(count // 24))
    return ref + timedelta(days=math.ceil(count))


def read_duration(m, ref):
    words = date_words()
    unit, suf, lead = m.group("unit"), m.group("suf"), m.group("lead")
    count = amount(m.group("n"))
    if count is None or count <= 0 or count > MAX_COUNT:
        return None
    if lead in words.clause_start_leads and not clause_starts(m.string, m.start()):
        return None  # 超过3天 / 经过3天: 过 belongs to the word before
    anchored = lead in words.anchoring_leads
    kind, per = words.duration_units[unit]
    if kind != "workdays":
        if unit == "月" and not m.group("ge") and count != 0.5:
            return None  # 3月内 is March, not three months
        if unit == "年" and count > 10:
            return None  # 2024年内 is a year, not 2024 years
        if not suf and not anchored:
            return None  # 3天 alone is an amount of effort, not a deadline
        if unit == "日" and not suf:
            return None
    if m.group("half") or m.group("half2"):
        if count != int(count):
            return None  # 半个半月
        count += 0.5  # 两个半月, 一天半
    if count == 0.5 and unit in words.duration_half:
        kind, value = words.duration_half[unit]
        count, per = float(value), 1
    total = count * per
    within = suf in words.within or kind == "workdays" or lead in words.marking_leads
    if ref is None:
        return hit(m, "duration", marked=within)
    return hit(m, "duration", date=_duration_date(ref, kind, total), marked=within)


def read_ago(m, ref):
    unit = m.group("unit")
    count = amount(m.group("n"))
    if count is None or count <= 0 or unit == "月" and not m.group("ge") or unit == "年" and count > 30:
        return None
    kind, per = date_words().duration_units[unit]
    if unit == "日" or kind == "workdays":
        return None  # 15日前 is "by the 15th"
    if ref is None:
        return hit(m, "relative")
    if kind == "months":
        day = cm.add_months(ref, -int(count * per))
    elif kind == "hours":
        day = ref - timedelta(days=int(count // 24))
    else:
        day = ref - timedelta(days=math.ceil(count * per))
    return hit(m, "relative", date=day)
