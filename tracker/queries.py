"""Reading items and meetings back: lookups, filtered lists and an item's history."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from minutes.errors import BadInput, NotFound
from tracker import people
from tracker.records import HistoryEntry, Item, ItemDetail, ItemReader, Meeting, meeting_from_row
from tracker.rules import statuses
from tracker.status import with_tracker_flags
from tracker.store import Store

ITEM_SELECT = (
    "SELECT i.*, m.title AS meeting_title, m.date AS meeting_date, m.organizer AS meeting_organizer "
    "FROM items i JOIN meetings m ON m.id = i.meeting_id"
)
VISIBLE = ("pending", "accepted")  # rejected, merged and split items are history only
REVIEW_STATES = ("pending", "accepted", "rejected", "merged", "split")
NEEDS_FIX = "needs_fix"  # ItemFilter.flag: any extraction flag left to fix


def _one_id(value, kind: str) -> int:
    try:
        return int(str(value).strip().lstrip("#"))
    except ValueError:
        raise BadInput(f"invalid {kind} id '{value}': expected a number") from None


def fetch_items(store: Store, sql: str, params=(), today: Optional[date] = None) -> list[Item]:
    """Items for a query over ITEM_SELECT (tracker flags computed when `today` is given)."""
    import gc

    # Reading tens of thousands of rows creates no reference cycles; pausing the
    # cycle collector meanwhile saves it from rescanning them again and again.
    paused = gc.isenabled()
    gc.disable()
    try:
        cursor = store.db.conn.execute(sql, list(params))
        read = ItemReader([d[0] for d in cursor.description])
        return [read(row, today) for row in cursor]
    finally:
        if paused:
            gc.enable()


def get_item(store: Store, item_id) -> Item:
    item_id = _one_id(item_id, "item")
    items = fetch_items(store, ITEM_SELECT + " WHERE i.id = ?", [item_id])
    if not items:
        raise NotFound(f"no item #{item_id}")
    return items[0]


def get_meeting(store: Store, meeting_id: int) -> Meeting:
    rows = list(store.db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id]))
    if not rows:
        raise NotFound(f"no meeting #{meeting_id}")
    return meeting_from_row(rows[0])


def find_meeting(store: Store, ref: str) -> Meeting:
    """A meeting by id, or by a title (exact, else a unique substring)."""
    ref = str(ref).strip()
    if ref.lstrip("#").isdigit():
        return get_meeting(store, int(ref.lstrip("#")))
    rows = list(store.db.query("SELECT * FROM meetings WHERE title = ? ORDER BY date DESC", [ref]))
    if not rows:
        rows = list(store.db.query("SELECT * FROM meetings WHERE instr(title, ?) > 0 ORDER BY date DESC", [ref]))
    if not rows:
        raise NotFound(f"no meeting matches '{ref}'")
    if len(rows) > 1:
        labels = "; ".join(f"#{r['id']} {r['date'] or ''} {r['title']}" for r in rows[:5])
        raise BadInput(f"'{ref}' matches {len(rows)} meetings ({labels}); give the meeting id")
    return meeting_from_row(rows[0])


def list_meetings(store: Store) -> list[Meeting]:
    return [meeting_from_row(r) for r in store.db.query("SELECT * FROM meetings ORDER BY date, id")]


def items_of_meeting(store: Store, meeting_id: int, *, visible_only: bool = True) -> list[Item]:
    sql = ITEM_SELECT + " WHERE i.meeting_id = ?"
    if visible_only:
        sql += " AND i.review IN ('pending', 'accepted')"
    return fetch_items(store, sql + " ORDER BY i.id", [meeting_id])


@dataclass(frozen=True)
class ItemFilter:
    owner: Optional[str] = None
    department: Optional[str] = None
    meeting: Optional[str] = None
    status: Optional[str] = None  # a status or alias, or "open" / "closed"
    flag: Optional[str] = None  # an extraction or tracker flag, or "needs_fix": any extraction flag
    due_before: Optional[date] = None  # inclusive
    due_after: Optional[date] = None  # inclusive
    review: str = "visible"  # visible | all | one of REVIEW_STATES


def list_items(store: Store, filters: ItemFilter = ItemFilter(), today: Optional[date] = None, *,
               limit: Optional[int] = None, offset: int = 0) -> list[Item]:
    """Items matching every given filter, with tracker flags computed for `today`.

    `limit`/`offset` page through the result in id order (in SQL unless a flag
    filter, computed per item, has to look at every row first).
    """
    where, params = _where(store, filters)
    per_item = None if filters.flag == NEEDS_FIX else filters.flag  # needs_fix is tested in SQL
    sql = ITEM_SELECT + where + " ORDER BY i.id"
    if limit is not None and not per_item:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    items = fetch_items(store, sql, params, today or date.today())
    if per_item:
        wanted = per_item.strip()
        items = [i for i in items if wanted in i.all_flags]
        if limit is not None:
            items = items[offset:offset + limit]
    return items


def count_items(store: Store, filters: ItemFilter = ItemFilter(), today: Optional[date] = None) -> int:
    if filters.flag and filters.flag != NEEDS_FIX:  # a per-item flag: computed, so counted in Python
        return len(list_items(store, filters, today))
    where, params = _where(store, filters)
    return store.db.execute("SELECT COUNT(*) FROM items i" + where, params).fetchone()[0]


def _where(store: Store, filters: ItemFilter) -> tuple[str, list]:
    where, params = [], []
    if filters.flag == NEEDS_FIX:
        where.append("i.flags != '[]'")
    if filters.owner:
        found = people.person_by_name_or_alias(store, filters.owner)
        where.append("i.owner_name = ?")
        params.append(found[0] if found else filters.owner.strip())
    if filters.department:
        where.append("i.owner_department = ?")
        params.append(filters.department.strip())
    if filters.meeting:
        where.append("i.meeting_id = ?")
        params.append(find_meeting(store, filters.meeting).id)
    if filters.status:
        names = _status_names(filters.status)
        where.append(f"i.status IN ({', '.join('?' * len(names))})")
        params.extend(names)
    if filters.due_before:
        where.append("i.due_date IS NOT NULL AND i.due_date <= ?")
        params.append(filters.due_before.isoformat())
    if filters.due_after:
        where.append("i.due_date IS NOT NULL AND i.due_date >= ?")
        params.append(filters.due_after.isoformat())
    if filters.review == "visible":
        where.append("i.review IN ('pending', 'accepted')")
    elif filters.review != "all":
        if filters.review not in REVIEW_STATES:
            raise BadInput(f"unknown review state '{filters.review}' (expected {'|'.join(REVIEW_STATES)}|all)")
        where.append("i.review = ?")
        params.append(filters.review)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _status_names(text: str) -> list[str]:
    table = statuses()
    if text.strip().casefold() in ("open", "未关闭"):
        return list(table.open_names)
    if text.strip().casefold() in ("closed", "已关闭"):
        return [s.name for s in table.by_name.values() if s.closed]
    name = table.resolve(text)
    if name is None:
        raise BadInput(f"invalid status '{text}' (expected {'|'.join(table.by_name)}|open|closed)")
    return [name]


def history(store: Store, item_id: int) -> tuple[HistoryEntry, ...]:
    entries = [
        HistoryEntry(at=r["at"], author=r["author"], kind="correction", field=r["field"],
                     old=r["old"], new=r["new"], note=r["reason"])
        for r in store.db.query("SELECT * FROM corrections WHERE item_id = ? ORDER BY id", [item_id])
    ]
    entries += [
        HistoryEntry(at=r["at"], author=r["author"], kind="status", field="status",
                     new=f"{r['status']} {r['progress']}%", note=r["note"])
        for r in store.db.query("SELECT * FROM status_updates WHERE item_id = ? ORDER BY id", [item_id])
    ]
    return tuple(sorted(entries, key=lambda e: e.at))


def item_detail(store: Store, item_id, today: Optional[date] = None) -> ItemDetail:
    item = with_tracker_flags([get_item(store, item_id)], today or date.today())[0]
    return ItemDetail(item=item, meeting=get_meeting(store, item.meeting_id), history=history(store, item.id))
