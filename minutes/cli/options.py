"""Option parsers shared by several commands."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

DbOption = Annotated[Optional[Path], typer.Option("--db", help="Tracker database (default: $MINUTES_DB, else ./minutes.db).")]


def parse_day(value: Optional[str], option: str) -> Optional[date]:
    """YYYY-MM-DD or None; anything else is bad input (one parser for every date option)."""
    from tracker.dates import parse_day as strict

    return None if value is None else strict(value, option)
