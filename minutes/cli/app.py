"""The typer app, the error guard and the pieces every command module shares.

Command modules (`extract_cmd`, `roster_cmd`, `tracker_cmd`, `report_cmd`, ...)
import `app` and `guard` from here and register their commands; `main` imports
them all. Heavy libraries are imported inside command bodies, never here, so
`minutes --help` and `minutes extract` start fast.
"""
from __future__ import annotations

import functools
import importlib
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from minutes.errors import MinutesError

app = typer.Typer(
    name="minutes",
    help="把会议纪要变成可跟踪的行动项清单 / Turn Chinese meeting minutes into a tracked action list.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Modules that register commands on `app` (or sub-apps) when imported.
COMMAND_MODULES = [
    "minutes.cli.extract_cmd",
    "minutes.cli.deadline_cmd",
    "minutes.cli.eval_cmd",
    "minutes.cli.roster_cmd",
    "minutes.cli.tracker_cmd",
    "minutes.cli.report_cmd",
    "minutes.cli.web_cmd",
]


def fail(message: str, code: int = 2) -> "typer.Exit":
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"minutes: error: {message}", err=True)
    return typer.Exit(code)


def guard(func):
    """Turn library errors into one stderr line and exit 2 (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except MinutesError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper


def db_path(db: Optional[Path]) -> Path:
    """--db, else $MINUTES_DB, else ./minutes.db."""
    if db is not None:
        return db
    env = os.environ.get("MINUTES_DB")
    return Path(env) if env else Path("minutes.db")


def register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real import error inside the module
                raise


def main() -> None:
    register_all()
    try:
        app()
    except MinutesError as exc:  # safety net; commands use @guard
        typer.echo(f"minutes: error: {exc}", err=True)
        sys.exit(2)

