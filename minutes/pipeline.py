"""Read → structure → extract for one file: the library call behind `extract`, `ingest` and `eval`.

Like `minutes.cli`, this module is part of the composition root: it is the one
place outside the CLI that wires `minutes` readers to the `extract` stage.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from minutes.model import Document, Extraction

if TYPE_CHECKING:  # pragma: no cover
    from extract.roster import Roster

RosterArg = Union["Roster", str, os.PathLike, None]


def _roster(roster: RosterArg) -> "Roster":
    from extract.roster import Roster, load_roster

    if roster is None:
        return Roster(())
    if isinstance(roster, (str, os.PathLike)):
        return load_roster(roster)
    return roster


def extract_document(doc: Document, *, roster: RosterArg = None,
                     meeting_date: Optional[date] = None) -> Extraction:
    from extract.items import extract_items
    from minutes.structure import structure

    structured = structure(doc, meeting_date=meeting_date)
    return extract_items(structured, _roster(roster))


def read(path: Union[str, os.PathLike], stdin: Optional[bytes] = None) -> Document:
    from minutes import readers

    if str(path) == "-":
        return readers.read_stdin(stdin if stdin is not None else b"")
    return readers.read_path(Path(path))


def extract_file(path: Union[str, os.PathLike], *, roster: RosterArg = None,
                 meeting_date: Optional[date] = None, stdin: Optional[bytes] = None) -> Extraction:
    return extract_document(read(path, stdin), roster=roster, meeting_date=meeting_date)


def extract_path(path: Union[str, os.PathLike], *, roster: RosterArg = None,
                 meeting_date: Optional[date] = None, stdin: Optional[bytes] = None) -> dict:
    """The SPEC `minutes/v1` dict for one file (or "-" with `stdin` bytes)."""
    from minutes.jsonout import to_dict

    return to_dict(extract_file(path, roster=roster, meeting_date=meeting_date, stdin=stdin))
