"""When a meeting ended, and so when its action list was due (the 2-hour rule).

The end is the meeting date plus its end time. Without an end time but with a
start time, the meeting is assumed to last `assumed_meeting_hours` (2 h) after
its start. With no time at all it ends at the end of its day (24:00), which
never flags an upload made on the meeting day itself. Without a meeting date
nothing can be judged and nothing is flagged.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Optional

from tracker.rules import policy

_CLOCK = re.compile(r"(\d{1,2})\s*[:：]\s*(\d{2})")


def parse_clock(text: Optional[str]) -> Optional[time]:
    match = _CLOCK.search(text or "")
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour == 24 and minute == 0:
        return time(23, 59, 59)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def meeting_end(day: Optional[str], start: Optional[str], end: Optional[str]) -> Optional[datetime]:
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError:
        return None
    if when is None:
        return None
    start_t, end_t = parse_clock(start), parse_clock(end)
    if end_t and (start_t is None or end_t >= start_t):
        return datetime.combine(when, end_t)
    if start_t:
        return datetime.combine(when, start_t) + timedelta(hours=policy().assumed_meeting_hours)
    return datetime.combine(when + timedelta(days=1), time(0, 0))


def upload_deadline(day: Optional[str], start: Optional[str], end: Optional[str]) -> Optional[datetime]:
    ended = meeting_end(day, start, end)
    return ended + timedelta(hours=policy().late_upload_hours) if ended else None


def is_late(uploaded_at: datetime, day: Optional[str], start: Optional[str], end: Optional[str]) -> bool:
    deadline = upload_deadline(day, start, end)
    return bool(deadline and uploaded_at > deadline)
