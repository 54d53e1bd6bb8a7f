"""Per-owner to-do lists of open items, and writing them as md / csv / ics / xlsx.

Open means a status that is not closed and an item not rejected, merged or
split. Items with no single owner go to a list of their own (未指定负责人),
so a reviewer sees what nobody owns yet.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

from minutes.errors import BadInput, NotFound
from tracker import people
from tracker.queries import ITEM_SELECT, fetch_items
from tracker.records import Item
from tracker.rules import labels, statuses
from tracker.store import Store

FORMATS = ("md", "ics", "xlsx", "csv")


@dataclass(frozen=True)
class OwnerTodo:
    owner: Optional[str]  # None: items nobody owns yet
    department: Optional[str]
    items: tuple[Item, ...]  # by due date (undated last), then id

    @property
    def label(self) -> str:
        return self.owner or labels().headings["no_owner"]

    def by_due_date(self) -> list[tuple[Optional[str], list[Item]]]:
        return [(due, list(group)) for due, group in itertools.groupby(self.items, key=lambda i: i.due_date)]

    def count(self, flag: str) -> int:
        return sum(1 for i in self.items if flag in i.tracker_flags)


def todo_lists(store: Store, *, owner: Optional[str] = None, today: Optional[date] = None) -> list[OwnerTodo]:
    """One OwnerTodo per owner with open items (just `owner` when given)."""
    today = today or date.today()
    open_names = statuses().open_names
    sql = (ITEM_SELECT + " WHERE i.review IN ('pending', 'accepted') AND i.status IN "
           f"({', '.join('?' * len(open_names))})")
    params: list = list(open_names)
    department = None
    if owner is not None:
        found = people.person_by_name_or_alias(store, owner)
        name = found[0] if found else owner.strip()
        department = found[1] if found else None
        sql += " AND i.owner_name = ?"
        params.append(name)
    # SQLite sorts (owner, then due date with undated last, time, id) faster than Python would.
    sql += (" ORDER BY i.owner_name IS NULL, i.owner_name, i.due_date IS NULL, i.due_date, "
            "COALESCE(i.due_time, '99:99'), i.id")
    items = fetch_items(store, sql, params, today)
    if owner is not None:
        if not items and not found:
            raise NotFound(f"nobody called '{owner}' in the roster or among item owners")
        return [OwnerTodo(name, department or next((i.owner_department for i in items), None), tuple(items))]
    return [
        OwnerTodo(name, next((i.owner_department for i in group if i.owner_department), None), tuple(group))
        for name, group in ((n, list(g)) for n, g in itertools.groupby(items, key=lambda i: i.owner_name))
    ]


def file_name(todo: OwnerTodo, fmt: str) -> str:
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", todo.label).strip("._") or "owner"
    return f"{safe}.{fmt}"


def render_text(todos: list[OwnerTodo], fmt: str, today: date, *, store: Store | None = None) -> str:
    """md / csv / ics as one text (several owners concatenated; csv with one header)."""
    from tracker import todo_render

    if fmt == "md":
        return "\n".join(todo_render.markdown(t, today) for t in todos)
    if fmt == "csv":
        return todo_render.csv_text([i for t in todos for i in t.items])
    if fmt == "ics":
        from tracker.export_ics import calendar_bytes

        return calendar_bytes([i for t in todos for i in t.items], store.instance_id,
                              name="待办事项").decode("utf-8")
    raise BadInput(f"--format {fmt} writes files: give --out DIR")


def write_files(store: Store, todos: list[OwnerTodo], fmt: str, out_dir: Path, today: date) -> list[Path]:
    """One file per owner in `out_dir`; returns the paths written."""
    if fmt not in FORMATS:
        raise BadInput(f"unknown format '{fmt}' (expected {'|'.join(FORMATS)})")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"cannot create output folder: {exc.strerror}", path=str(out_dir)) from None
    written = []
    for todo in todos:
        path = out_dir / file_name(todo, fmt)
        if fmt == "xlsx":
            from tracker.export_xlsx import write_workbook

            write_workbook(todo, path)
        elif fmt == "ics":
            from tracker.export_ics import calendar_bytes

            path.write_bytes(calendar_bytes(todo.items, store.instance_id, name=f"{todo.label} 待办"))
        else:
            encoding = "utf-8-sig" if fmt == "csv" else "utf-8"  # the BOM lets Excel read Chinese CSV
            path.write_text(render_text([todo], fmt, today, store=store), encoding=encoding)
        written.append(path)
    return written
