"""Dates typed on the command line: strict ISO, one clear error otherwise."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Optional

from minutes.errors import BadInput

_DUE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})(?:[ T]+(\d{1,2}:\d{2}))?\s*$")


def parse_day(text: str, option: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        pass
    match = _DUE.match(text or "")
    if match and match.group(2) is None:
        try:
            y, m, d = (int(p) for p in match.group(1).split("-"))
            return date(y, m, d)
        except ValueError:
            pass
    raise BadInput(f"invalid {option} '{text}': expected YYYY-MM-DD")


def parse_due(text: str) -> tuple[str, Optional[str]]:
    """'2024-07-15' or '2024-07-15 18:00' -> ('2024-07-15', '18:00' or None)."""
    match = _DUE.match(text or "")
    if match:
        try:
            y, m, d = (int(p) for p in match.group(1).split("-"))
            day = date(y, m, d)
            clock = None
            if match.group(2):
                hour, minute = (int(p) for p in match.group(2).split(":"))
                clock = datetime(2000, 1, 1, hour, minute).strftime("%H:%M")
            return day.isoformat(), clock
        except ValueError:
            pass
    raise BadInput(f"invalid deadline '{text}': expected YYYY-MM-DD or 'YYYY-MM-DD HH:MM'")


def parse_moment(text: str, option: str = "time") -> datetime:
    """An ISO moment as local wall-clock time (meeting times are local and naive)."""
    try:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except (ValueError, AttributeError):
        raise BadInput(f"invalid {option} '{text}': expected YYYY-MM-DDTHH:MM") from None
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment
