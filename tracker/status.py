"""Progress updates and the tracker flags they drive (due_soon, overdue, escalate, stale).

The flags depend on the day they are computed for, so they are never stored:
`with_tracker_flags` adds them to items for a given `today`.
"""
from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Iterable, Optional

from minutes.errors import BadInput, NotFound
from tracker.records import Item
from tracker.rules import policy, statuses
from tracker.store import Store, now


def flags_for(status: str, review: str, due_date: Optional[str], last_progress_at: Optional[str],
              today: date) -> tuple[str, ...]:
    """due_soon / overdue / escalate / stale for an item's stored values on `today`."""
    if review not in ("pending", "accepted") or statuses().is_closed(status):
        return ()
    rules = policy()
    flags = []
    if due_date:
        try:
            left = (date.fromisoformat(due_date) - today).days
        except ValueError:
            left = None
        if left is not None:
            if 0 <= left <= rules.due_soon_days:
                flags.append("due_soon")
            if left < 0:
                flags.append("overdue")
                if -left >= rules.escalate_days:
                    flags.append("escalate")
    try:
        quiet = (today - datetime.fromisoformat(last_progress_at).date()).days
    except (TypeError, ValueError):
        quiet = 0
    if quiet >= rules.stale_days:
        flags.append("stale")
    return tuple(flags)


def tracker_flags(item: Item, today: date) -> tuple[str, ...]:
    return flags_for(item.status, item.review, item.due_date, item.last_progress_at, today)


def with_tracker_flags(items: Iterable[Item], today: date) -> list[Item]:
    return [dataclasses.replace(i, tracker_flags=tracker_flags(i, today)) for i in items]


def validate_progress(progress: Optional[int]) -> Optional[int]:
    if progress is not None and not 0 <= progress <= 100:
        raise BadInput(f"invalid progress {progress}: expected 0-100")
    return progress


def resolve_status(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    name = statuses().resolve(text)
    if name is None:
        raise BadInput(f"invalid status '{text}' (expected {'|'.join(statuses().by_name)})")
    return name


def update_status(
    store: Store,
    item_id: int,
    *,
    status: Optional[str] = None,
    progress: Optional[int] = None,
    note: Optional[str] = None,
    by: str,
    at: Optional[datetime] = None,
) -> Item:
    """Record a progress update; 已完成 implies 100%, 100% implies 已完成, progress starts 待开始 items."""
    from tracker.queries import get_item

    status = resolve_status(status)
    validate_progress(progress)
    if status is None and progress is None and not (note and note.strip()):
        raise BadInput("nothing to update: give --status, --progress or --note")
    stamp = (at or now()).isoformat()
    with store.write():
        item = get_item(store, item_id)
        if item.review not in ("pending", "accepted"):
            raise NotFound(f"item #{item.id} was {item.review}; it is no longer tracked")
        new_status = status or item.status
        new_progress = item.progress if progress is None else progress
        if status == "已完成" and progress is None:
            new_progress = 100
        elif status is None and progress == 100:
            new_status = "已完成"
        elif status is None and progress and item.status == statuses().default:
            new_status = "进行中"
        store.db.execute(
            "INSERT INTO status_updates (item_id, status, progress, note, author, at) VALUES (?, ?, ?, ?, ?, ?)",
            [item.id, new_status, new_progress, (note or "").strip() or None, by, stamp],
        )
        store.db.execute(
            "UPDATE items SET status = ?, progress = ?, last_progress_at = ?, updated_at = ? WHERE id = ?",
            [new_status, new_progress, stamp, stamp, item.id],
        )
        return get_item(store, item.id)
