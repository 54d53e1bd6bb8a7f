"""Frozen rows the tracker hands to the CLI and the exporters.

Rows come out of SQLite with JSON text in list columns; `ItemReader` and
`meeting_from_row` decode them once, so nothing downstream touches raw columns.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Optional


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text, default):
    if text is None or text == "" or text == "[]" or text == "{}":  # the common case, without the parser
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


@dataclass(frozen=True)
class Item:
    id: int
    meeting_id: int
    ext_id: Optional[str]
    origin: str  # extracted | manual | split
    topic: Optional[str]
    task: str
    owner_mention: Optional[str]
    owner_name: Optional[str]
    owner_department: Optional[str]
    owner_match: Optional[str]
    owner_candidates: tuple[str, ...]
    collaborators: tuple[dict, ...]
    deadline_mention: Optional[str]
    due_date: Optional[str]
    due_time: Optional[str]
    deadline_vague: bool
    deadline_suggested: Optional[str]
    deliverable: Optional[str]
    source_line: Optional[int]
    source_text: Optional[str]
    flags: tuple[str, ...]
    status: str
    progress: int
    review: str  # pending | accepted | rejected | merged | split
    merged_into: Optional[int]
    split_from: Optional[int]
    suggestions: dict
    created_at: str
    updated_at: str
    last_progress_at: str
    # Joined from the meeting, for lists and exports.
    meeting_title: Optional[str] = None
    meeting_date: Optional[str] = None
    meeting_organizer: Optional[str] = None
    # Computed for a given day (status.tracker_flags), empty when not asked for.
    tracker_flags: tuple[str, ...] = ()

    @property
    def all_flags(self) -> tuple[str, ...]:
        return self.flags + tuple(f for f in self.tracker_flags if f not in self.flags)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["flags"] = list(self.flags)
        data["tracker_flags"] = list(self.tracker_flags)
        data["owner_candidates"] = list(self.owner_candidates)
        data["collaborators"] = list(self.collaborators)
        return data


ITEM_COLUMNS = [f for f in Item.__dataclass_fields__ if f not in (
    "meeting_title", "meeting_date", "meeting_organizer", "tracker_flags")]


_JOINED = ("meeting_title", "meeting_date", "meeting_organizer")
_FIELDS = (*ITEM_COLUMNS, *_JOINED)


class ItemReader:
    """Turns rows of one query into Items; column positions are looked up once per query.

    A to-do export reads 50,000 items, so rows are taken with one C-level
    itemgetter and Items are built without the frozen dataclass __init__ (35
    guarded setattr calls each); the result is the same immutable Item.
    """

    def __init__(self, names):
        from operator import itemgetter

        where = {name: n for n, name in enumerate(names)}
        take = [where.get(name) for name in _FIELDS]
        if None in take:
            self._take = lambda row: [None if i is None else row[i] for i in take]
        else:
            getter = itemgetter(*take)
            self._take = lambda row: list(getter(row))
        at = {name: n for n, name in enumerate(_FIELDS)}
        self._lists = [at[name] for name in ("owner_candidates", "collaborators", "flags")]
        self._suggestions, self._vague = at["suggestions"], at["deadline_vague"]
        self._state = [at[name] for name in ("status", "review", "due_date", "last_progress_at")]
        from tracker.status import flags_for

        self._flags_for = flags_for

    def __call__(self, row, today=None) -> Item:
        values = self._take(row)
        for n in self._lists:
            values[n] = tuple(loads(values[n], ()))
        values[self._suggestions] = loads(values[self._suggestions], {})
        values[self._vague] = bool(values[self._vague])
        item = object.__new__(Item)
        fields = item.__dict__
        fields.update(zip(_FIELDS, values))
        status, review, due, last = (values[n] for n in self._state)
        fields["tracker_flags"] = () if today is None else self._flags_for(status, review, due, last, today)
        return item


@dataclass(frozen=True)
class Meeting:
    id: int
    sha256: str
    title: Optional[str]
    date: Optional[str]
    start_time: Optional[str]
    end_time: Optional[str]
    organizer: Optional[str]
    departments: tuple[str, ...]
    recorder: Optional[str]
    source_path: Optional[str]
    flags: tuple[str, ...]
    uploaded_at: str
    updated_at: str

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.date, self.title) if p) or f"会议#{self.id}"


def meeting_from_row(row: dict) -> Meeting:
    return Meeting(
        id=row["id"], sha256=row["sha256"], title=row.get("title"), date=row.get("date"),
        start_time=row.get("start_time"), end_time=row.get("end_time"),
        organizer=row.get("organizer"), departments=tuple(loads(row.get("departments"), [])),
        recorder=row.get("recorder"), source_path=row.get("source_path"),
        flags=tuple(loads(row.get("flags"), [])), uploaded_at=row["uploaded_at"],
        updated_at=row["updated_at"],
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One line of an item's history: a correction or a status update."""

    at: str
    author: str
    kind: str  # correction | status
    field: str  # corrected field, or "status"
    old: Optional[str] = None
    new: Optional[str] = None
    note: Optional[str] = None  # correction reason or update note


@dataclass(frozen=True)
class ItemDetail:
    item: Item
    meeting: Meeting
    history: tuple[HistoryEntry, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PersonRow:
    name: str
    department: Optional[str]
    title: Optional[str]
    email: Optional[str]
    aliases: tuple[str, ...]  # from the roster file
    learned: tuple[str, ...]  # from reviewers' corrections
