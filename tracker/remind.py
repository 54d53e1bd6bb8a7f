"""Reminders for a day: due-soon, overdue and escalation lists per owner and per
organising department.

An item overdue by 3 days escalates to the department that organised its meeting
(the meeting's organizer; else its first listed department; else the owner's own
department), which calls the 进度同步会.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from tracker.queries import ITEM_SELECT
from tracker.records import Item, ItemReader, loads
from tracker.rules import statuses
from tracker.store import Store

KINDS = ("due_soon", "overdue", "escalate", "stale")


@dataclass(frozen=True)
class Bucket:
    """One owner's or one department's items, by reminder kind."""

    name: Optional[str]
    due_soon: tuple[Item, ...] = ()
    overdue: tuple[Item, ...] = ()
    escalate: tuple[Item, ...] = ()
    stale: tuple[Item, ...] = ()

    def to_dict(self) -> dict:
        return {"name": self.name, **{k: [i.to_dict() for i in getattr(self, k)] for k in KINDS}}


@dataclass(frozen=True)
class Reminders:
    today: date
    owners: tuple[Bucket, ...] = ()
    departments: tuple[Bucket, ...] = ()
    organizers: dict = field(default_factory=dict)  # item id -> organising department

    @property
    def empty(self) -> bool:
        return not self.owners and not self.departments

    def to_dict(self) -> dict:
        return {"today": self.today.isoformat(), "owners": [b.to_dict() for b in self.owners],
                "departments": [b.to_dict() for b in self.departments]}


def organising_department(item: Item, meeting_departments: Optional[str]) -> Optional[str]:
    departments = loads(meeting_departments, [])
    return item.meeting_organizer or (departments[0] if departments else None) or item.owner_department


def _buckets(groups: dict, kinds: tuple[str, ...]) -> tuple[Bucket, ...]:
    out = []
    for name in sorted(groups, key=lambda n: (n is None, n or "")):
        lists = {k: tuple(i for i in groups[name] if k in i.tracker_flags) for k in kinds}
        if any(lists.values()):
            out.append(Bucket(name, **lists))
    return tuple(out)


def reminders(store: Store, today: date) -> Reminders:
    open_names = statuses().open_names
    sql = (ITEM_SELECT.replace("FROM items i", ", m.departments AS meeting_departments FROM items i")
           + " WHERE i.review IN ('pending', 'accepted') AND i.status IN "
           f"({', '.join('?' * len(open_names))}) ORDER BY i.due_date, i.id")
    by_owner: dict = {}
    by_department: dict = {}
    organizers = {}
    cursor = store.db.conn.execute(sql, list(open_names))
    names = [d[0] for d in cursor.description]
    read, departments_at = ItemReader(names), names.index("meeting_departments")
    for row in cursor:
        item = read(row, today)
        if not item.tracker_flags:
            continue
        department = organising_department(item, row[departments_at])
        organizers[item.id] = department
        by_owner.setdefault(item.owner_name, []).append(item)
        by_department.setdefault(department, []).append(item)
    return Reminders(
        today=today,
        owners=_buckets(by_owner, KINDS),
        departments=_buckets(by_department, ("due_soon", "overdue", "escalate")),
        organizers=organizers,
    )
