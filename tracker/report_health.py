"""Execution health of a quarter's action items, and the quality of the minutes that created them.

The cohort is every tracked item (review pending or accepted) of the meetings
held in the quarter. Each item's status is taken as it stood on the report day
(`as_of`), replayed from its status updates, so a report for a past day does not
see later work. Definitions (all per item, cancelled items left out of rates):
- done: a completed status (ics COMPLETED in statuses.yaml); closed on the day
  of the update that completed it;
- overdue: it missed its due date (done after it, or still open after it);
- escalated: it was, or is, overdue by `escalate_days` (policy.yaml) or more;
- on-time rate: done by the due date / items whose outcome is known (done with a
  due date, or open past it);
- days to close: meeting day to closing day.
Minutes quality counts the owner and deadline flags the extraction raised. A
reviewer's later correction settles those flags on the item, so the corrections
table is read back to see what the minutes said in the first place.
"""
from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, NamedTuple, Optional

from tracker.lateness import upload_deadline
from tracker.quarters import Quarter
from tracker.records import loads
from tracker.rules import policy, statuses
from tracker.store import Store

NO_DEPARTMENT = "（未指定部门）"
NO_OWNER = "（未指定负责人）"
NO_RECORDER = "（未注明记录人）"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Execution:
    """Counts for one department, one owner, or everyone."""

    name: str
    created: int = 0
    done: int = 0
    cancelled: int = 0
    open: int = 0
    overdue: int = 0  # missed the due date (done late, or still open after it)
    open_overdue: int = 0  # still open after the due date on the report day
    escalated: int = 0
    on_time: int = 0
    decided: int = 0  # outcome known: done with a due date, or open past it
    no_due_date: int = 0
    median_days_to_close: Optional[float] = None

    @property
    def on_time_rate(self) -> Optional[float]:
        return self.on_time / self.decided if self.decided else None


@dataclass(frozen=True)
class Quality:
    """How well one recorder's (or one organising department's) minutes state owners and deadlines."""

    name: str
    meetings: int = 0
    items: int = 0
    vague_owner: int = 0
    vague_deadline: int = 0
    late_uploads: int = 0

    @property
    def vague_owner_share(self) -> Optional[float]:
        return self.vague_owner / self.items if self.items else None

    @property
    def vague_deadline_share(self) -> Optional[float]:
        return self.vague_deadline / self.items if self.items else None

    @property
    def late_share(self) -> Optional[float]:
        return self.late_uploads / self.meetings if self.meetings else None


@dataclass(frozen=True)
class LateUpload:
    meeting_id: int
    title: Optional[str]
    date: str
    recorder: Optional[str]
    organizer: Optional[str]
    uploaded_at: str
    hours_late: Optional[float]


@dataclass(frozen=True)
class Health:
    total: Execution
    by_department: tuple[Execution, ...]
    by_owner: tuple[Execution, ...]
    quality_total: Quality
    by_recorder: tuple[Quality, ...]
    by_organizer: tuple[Quality, ...]
    late_uploads: tuple[LateUpload, ...]


@dataclass(frozen=True)
class _Outcome:
    department: str
    owner: str
    state: str  # done | cancelled | open
    due: Optional[date]
    closed: Optional[date]
    opened: Optional[date]


def _day(text: Optional[str]) -> Optional[date]:
    if not text or not _ISO_DAY.match(text):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def organising_department(organizer: Optional[str], departments: list) -> str:
    """As tracker.remind: the organizer, else the first listed department."""
    listed = [d for d in departments if isinstance(d, str) and d]
    return organizer or (listed[0] if listed else NO_DEPARTMENT)


def _state_of(name: str) -> str:
    status = statuses().by_name.get(name)
    if status is None or not status.closed:
        return "open"
    return "done" if status.ics.upper() == "COMPLETED" else "cancelled"


def _status_history(store: Store, quarter: Quarter) -> dict[int, list[tuple[str, str]]]:
    """item id -> [(at, status)] in order, for the quarter's items."""
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for item_id, at, status in store.db.execute(
            "SELECT u.item_id, u.at, u.status FROM status_updates u JOIN items i ON i.id = u.item_id "
            "JOIN meetings m ON m.id = i.meeting_id WHERE m.date BETWEEN ? AND ? ORDER BY u.item_id, u.at, u.id",
            [quarter.start.isoformat(), quarter.end.isoformat()]):
        out[item_id].append((at, status))
    return out


def _status_on(current: str, updated_at: str, history: list[tuple[str, str]],
               as_of: date) -> tuple[str, Optional[date]]:
    """(status on `as_of`, the day it was completed when done)."""
    if not history:  # set without an update (imported data): trust the row
        return current, (_day(updated_at) if _state_of(current) == "done" else None)
    cutoff = as_of.isoformat() + "T99"  # every moment of the report day
    status, completed = statuses().default, None
    for at, name in history:
        if at > cutoff:
            break
        if _state_of(name) == "done" and _state_of(status) != "done":
            completed = _day(at)
        status = name
    return status, (completed if _state_of(status) == "done" else None)


class _ItemRow(NamedTuple):
    id: int
    status: str
    updated_at: str
    due_date: Optional[str]
    owner_name: Optional[str]
    owner_department: Optional[str]
    flags: str
    meeting_date: str
    recorder: Optional[str]
    organizer: Optional[str]
    departments: str


def _outcomes(store: Store, quarter: Quarter, as_of: date) -> tuple[list[_Outcome], list[_ItemRow]]:
    history = _status_history(store, quarter)
    outcomes, rows = [], []
    for row in store.db.execute(
            "SELECT i.id, i.status, i.updated_at, i.due_date, i.owner_name, i.owner_department, i.flags, "
            "m.date, m.recorder, m.organizer, m.departments FROM items i "
            "JOIN meetings m ON m.id = i.meeting_id WHERE m.date BETWEEN ? AND ? "
            "AND i.review IN ('pending', 'accepted') ORDER BY i.id",
            [quarter.start.isoformat(), quarter.end.isoformat()]):
        row = _ItemRow(*row)
        status, closed = _status_on(row.status, row.updated_at, history.get(row.id, []), as_of)
        outcomes.append(_Outcome(
            department=row.owner_department or NO_DEPARTMENT, owner=row.owner_name or NO_OWNER,
            state=_state_of(status), due=_day(row.due_date), closed=closed, opened=_day(row.meeting_date),
        ))
        rows.append(row)
    return outcomes, rows


def execution(name: str, outcomes: Iterable[_Outcome], as_of: date) -> Execution:
    escalate = policy().escalate_days
    counts = defaultdict(int)
    durations = []
    for o in outcomes:
        counts["created"] += 1
        counts[o.state] += 1
        if o.state == "cancelled":
            continue
        if o.state == "done" and o.closed and o.opened:
            durations.append(max(0, (o.closed - o.opened).days))
        if o.due is None:
            counts["no_due_date"] += 1
            continue
        end = o.closed if o.state == "done" else as_of
        if end is None:  # done, but no day recorded: its outcome is unknown
            continue
        late = (end - o.due).days
        if o.state == "done" or late > 0:
            counts["decided"] += 1
        if late > 0:
            counts["overdue"] += 1
            counts["open_overdue"] += o.state == "open"
        elif o.state == "done":
            counts["on_time"] += 1
        if late > 0 and late >= escalate:
            counts["escalated"] += 1
    return Execution(name=name, median_days_to_close=statistics.median(durations) if durations else None,
                     **{k: counts[k] for k in ("created", "done", "cancelled", "open", "overdue", "open_overdue",
                                                "escalated", "on_time", "decided", "no_due_date")})


def _by(key, outcomes: list[_Outcome], as_of: date) -> tuple[Execution, ...]:
    groups: dict[str, list[_Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[key(o)].append(o)
    rows = [execution(name, items, as_of) for name, items in groups.items()]
    return tuple(sorted(rows, key=lambda e: (-e.created, e.name)))


def _first_corrections(store: Store, quarter: Quarter) -> dict[tuple[int, str], Optional[str]]:
    """(item id, 'owner'|'due') -> the value before the first correction."""
    out: dict[tuple[int, str], Optional[str]] = {}
    for item_id, field, old in store.db.execute(
            "SELECT c.item_id, c.field, c.old FROM corrections c JOIN items i ON i.id = c.item_id "
            "JOIN meetings m ON m.id = i.meeting_id WHERE m.date BETWEEN ? AND ? AND c.field IN ('owner', 'due') "
            "ORDER BY c.id", [quarter.start.isoformat(), quarter.end.isoformat()]):
        out.setdefault((item_id, field), old)
    return out


def _vague_mention(text: Optional[str], departments: frozenset) -> bool:
    """Did a corrected owner read as a department or a group of people in the minutes?"""
    if not text:
        return False
    text = text.strip()
    if text in departments:
        return True
    try:
        from extract.owner_rules import collectives, departments as team_words
    except ImportError:  # the extraction package is optional for reports
        return False
    if text.casefold() in collectives():
        return True
    split = team_words().split(text)
    return bool(split and split[0] in team_words().stems)


def _original_flags(row: _ItemRow, corrected: dict, roster: frozenset, departments: frozenset) -> set[str]:
    item_id, flags = row.id, set(loads(row.flags, []))
    owner_old = corrected.get((item_id, "owner"), "")
    if owner_old != "" and owner_old not in roster and _vague_mention(owner_old, departments):
        flags.add("vague_owner")
    due_old = corrected.get((item_id, "due"), "")
    if due_old and not _ISO_DAY.match(due_old):  # a deadline in words the extraction could not date
        flags.add("vague_deadline")
    return flags


def _quality(store: Store, quarter: Quarter, rows: list[_ItemRow]) -> tuple[Quality, tuple, tuple, tuple]:
    db = store.db
    corrected = _first_corrections(store, quarter)
    roster = frozenset(r[0] for r in db.execute("SELECT name FROM people"))
    departments = frozenset(r[0] for r in db.execute("SELECT DISTINCT department FROM people WHERE department <> ''"))
    per: dict[str, dict[str, dict]] = {"recorder": defaultdict(lambda: defaultdict(int)),
                                       "organizer": defaultdict(lambda: defaultdict(int))}
    total = defaultdict(int)
    late = []
    for mid, title, day, start, end, recorder, organizer, listed, flags, uploaded in db.execute(
            "SELECT id, title, date, start_time, end_time, recorder, organizer, departments, flags, uploaded_at "
            "FROM meetings WHERE date BETWEEN ? AND ? ORDER BY date, id",
            [quarter.start.isoformat(), quarter.end.isoformat()]):
        is_late = "late_upload" in loads(flags, [])
        keys = {"recorder": recorder or NO_RECORDER, "organizer": organising_department(organizer, loads(listed, []))}
        for kind, key in keys.items():
            per[kind][key]["meetings"] += 1
            per[kind][key]["late_uploads"] += is_late
        total["meetings"] += 1
        total["late_uploads"] += is_late
        if is_late:
            due = upload_deadline(day, start, end)
            try:
                hours = round((datetime.fromisoformat(uploaded) - due).total_seconds() / 3600, 1) if due else None
            except ValueError:
                hours = None
            late.append(LateUpload(mid, title, day, recorder, keys["organizer"], uploaded, hours))
    for row in rows:
        flags = _original_flags(row, corrected, roster, departments)
        keys = {"recorder": row.recorder or NO_RECORDER,
                "organizer": organising_department(row.organizer, loads(row.departments, []))}
        for bucket in (*(per[k][v] for k, v in keys.items()), total):
            bucket["items"] += 1
            bucket["vague_owner"] += "vague_owner" in flags
            bucket["vague_deadline"] += "vague_deadline" in flags

    def table(groups: dict) -> tuple[Quality, ...]:
        out = [Quality(name=name, **counts) for name, counts in groups.items()]
        return tuple(sorted(out, key=lambda q: (-q.items, -q.meetings, q.name)))

    return Quality(name="合计", **total), table(per["recorder"]), table(per["organizer"]), tuple(late)


def health(store: Store, quarter: Quarter, as_of: date) -> Health:
    outcomes, rows = _outcomes(store, quarter, as_of)
    quality_total, by_recorder, by_organizer, late = _quality(store, quarter, rows)
    return Health(
        total=execution("合计", outcomes, as_of),
        by_department=_by(lambda o: o.department, outcomes, as_of),
        by_owner=_by(lambda o: o.owner, outcomes, as_of),
        quality_total=quality_total, by_recorder=by_recorder, by_organizer=by_organizer, late_uploads=late,
    )
