"""One exception family; only the CLI turns it into a stderr line and exit 2."""
from __future__ import annotations


class MinutesError(Exception):
    """Base class: the message is the one line a user sees."""

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class BadInput(MinutesError):
    """A file or argument the tool cannot read (missing, corrupt, wrong type)."""


class UnsupportedFormat(BadInput):
    """An extension or container the readers do not handle."""


class RosterError(BadInput):
    """A roster with missing columns, duplicate names or unreadable rows."""


class DataFileError(MinutesError):
    """A bundled rule-data file is malformed (names file and key)."""


class TrackerError(MinutesError):
    """The tracker database is unusable or a request names a missing row."""


class NotFound(TrackerError):
    """An item, meeting or person id that does not exist."""
