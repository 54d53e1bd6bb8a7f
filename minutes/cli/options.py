"""Option parsers shared by several commands."""
from __future__ import annotations

from datetime import date
from typing import Optional

from minutes.errors import BadInput


def parse_day(value: Optional[str], option: str) -> Optional[date]:
    """YYYY-MM-DD or None; anything else is bad input."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadInput(f"{option} expects a date as YYYY-MM-DD, got {value!r}") from None
