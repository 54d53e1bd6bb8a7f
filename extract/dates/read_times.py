"""Readers for times of day: 18:00, 下午3点半, 下班, 今晚8点."""
from __future__ import annotations

from datetime import timedelta
from typing import Optional

from extract.dates.numerals import to_int
from extract.dates.reading import hit
from extract.dates.vocab import date_words


def clock_time(hour: int, minute: int, period: Optional[str], ampm: Optional[str],
               spoken: bool = False) -> Optional[str]:
    """24-hour HH:MM from an hour and the morning/afternoon words around it.
    `spoken`: the 3点 form, where a bare small hour means the afternoon; 03:45 is
    already a 24-hour time."""
    if ampm:
        ampm = ampm.lower().replace(".", "")
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif period == "pm" and hour < 12:
        hour += 12
    elif period == "noon" and hour <= 2:
        hour += 12
    elif period == "night" and 6 <= hour <= 11:
        hour += 12  # 半夜11点 is 23:00; 夜里2点 stays 02:00
    elif period == "night" and hour == 12:
        hour = 24 if minute == 0 else 0  # 夜里12点: midnight, the end of that day
    elif period is None and spoken and 0 < hour < date_words().bare_pm_below:
        hour += 12  # 2点前 in a working day is 14:00
    if hour == 24 and minute == 0:
        return "23:59"  # 24点前: the end of that day
    if not 0 <= hour <= 23 or not 0 <= minute <= 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def read_clock(m, ref):
    words = date_words()
    hour = to_int(m.group("h"))
    groups = m.groupdict()
    if groups.get("half"):
        minute = 30
    elif groups.get("quarter"):  # 1刻 = a quarter of an hour
        minute = 15 * to_int(groups["quarter"])
    else:
        minute = to_int((groups.get("mm") or "0").lstrip("零") or "0")
    if hour is None or minute is None:
        return None
    per = m.group("per")
    days = None
    if per in words.relative_days:  # 今晚8点: the word gives the day and the half
        days, word_time = words.relative_days[per]
        period = "pm" if word_time and word_time >= "12:00" else "am"
    else:
        period = words.clock_periods.get(per) if per else None
    time = clock_time(hour, minute, period, groups.get("ap"), spoken=":" not in m.group(0))
    if time is None:
        return None
    if days is not None:
        return hit(m, "relative", date=None if ref is None else ref + timedelta(days=days), time=time)
    return hit(m, "time", date=ref, time=time, weak=True)


def read_time_word(m, ref):
    return hit(m, "time", date=ref, time=date_words().times_of_day[m.group("w")], weak=True)
