"""Reviewer operations: edit, accept, reject, add, merge, split.

Every change is written to `corrections` (who, when, item, field, old, new,
reason) in the same transaction as the change itself. A corrected field settles
its extraction flags and is protected from later re-ingests (tracker.ingest).
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional, Sequence

from minutes.errors import BadInput
from tracker import people
from tracker.dates import parse_due
from tracker.queries import VISIBLE, find_meeting, get_item
from tracker.records import Item, dumps
from tracker.rules import fields, statuses
from tracker.store import Store, now

REVIEWED = "reviewed"  # owner_match of an owner a reviewer chose


def record(store: Store, item_id: int, field: str, old, new, *, by: str, reason: Optional[str], at: str) -> None:
    store.db.execute(
        "INSERT INTO corrections (item_id, field, old, new, reason, author, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [item_id, field, None if old is None else str(old), None if new is None else str(new),
         (reason or "").strip() or None, by, at],
    )


def _due_text(date: Optional[str], time: Optional[str]) -> Optional[str]:
    return " ".join(p for p in (date, time) if p) or None


def _tracked(store: Store, item_id) -> Item:
    item = get_item(store, item_id)
    if item.review not in VISIBLE:
        raise BadInput(f"item #{item.id} was {item.review}; edit the item it became instead")
    return item


def edit_item(
    store: Store,
    item_id,
    *,
    owner: Optional[str] = None,
    due: Optional[str] = None,
    deliverable: Optional[str] = None,
    task: Optional[str] = None,
    reason: Optional[str] = None,
    by: str,
    at: Optional[datetime] = None,
) -> Item:
    """Correct fields of an item; correcting an owner teaches the roster its mention."""
    if owner is None and due is None and deliverable is None and task is None:
        raise BadInput("nothing to edit: give --owner, --due, --deliverable or --task")
    if task is not None and not task.strip():
        raise BadInput("--task must not be empty")
    due_parts = parse_due(due) if due is not None else None
    stamp = (at or now()).isoformat()
    rules = fields()
    with store.write():
        item = _tracked(store, item_id)
        sets: dict = {}
        changed: list[str] = []
        if owner is not None:
            name, department = people.resolve_owner(store, owner)
            record(store, item.id, "owner", item.owner_name or item.owner_mention, name, by=by, reason=reason, at=stamp)
            sets.update(owner_name=name, owner_department=department, owner_match=REVIEWED)
            if item.owner_match in rules.teach_alias_from:
                people.learn_alias(store, item.owner_mention, name)
            changed.append("owner")
        if due_parts is not None:
            record(store, item.id, "due", _due_text(item.due_date, item.due_time) or item.deadline_mention,
                   _due_text(*due_parts), by=by, reason=reason, at=stamp)
            sets.update(due_date=due_parts[0], due_time=due_parts[1], deadline_vague=0, deadline_suggested=None)
            changed.append("due")
        if deliverable is not None:
            value = deliverable.strip() or None
            record(store, item.id, "deliverable", item.deliverable, value, by=by, reason=reason, at=stamp)
            sets["deliverable"] = value
            if value:
                changed.append("deliverable")
        if task is not None:
            record(store, item.id, "task", item.task, task.strip(), by=by, reason=reason, at=stamp)
            sets["task"] = task.strip()
            changed.append("task")
        settled = rules.settled_flags(set(changed))
        flags = [f for f in item.flags if f not in settled]
        if deliverable is not None and not sets["deliverable"] and "missing_deliverable" not in flags:
            flags.append("missing_deliverable")
        suggestions = {k: v for k, v in item.suggestions.items() if k not in changed}
        sets.update(flags=dumps(flags), suggestions=dumps(suggestions), updated_at=stamp)
        _update(store, item.id, sets)
        return get_item(store, item.id)


def _update(store: Store, item_id: int, sets: dict) -> None:
    store.db.execute(f"UPDATE items SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                     [*sets.values(), item_id])


def _set_review(store: Store, item_id, state: str, *, by: str, reason: Optional[str], at: Optional[datetime]) -> Item:
    stamp = (at or now()).isoformat()
    with store.write():
        item = _tracked(store, item_id)
        if item.review != state:
            record(store, item.id, "review", item.review, state, by=by, reason=reason, at=stamp)
            _update(store, item.id, {"review": state, "updated_at": stamp})
        return get_item(store, item.id)


def accept_item(store: Store, item_id, *, by: str, reason: Optional[str] = None, at: Optional[datetime] = None) -> Item:
    return _set_review(store, item_id, "accepted", by=by, reason=reason, at=at)


def reject_item(store: Store, item_id, *, by: str, reason: Optional[str] = None, at: Optional[datetime] = None) -> Item:
    """Not an action item after all; kept (hidden) so a re-ingest does not bring it back."""
    return _set_review(store, item_id, "rejected", by=by, reason=reason, at=at)


def _insert(store: Store, values: dict) -> int:
    return store.db.execute(
        f"INSERT INTO items ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})", list(values.values())
    ).lastrowid


def add_item(
    store: Store,
    meeting: str,
    *,
    task: str,
    owner: Optional[str] = None,
    due: Optional[str] = None,
    deliverable: Optional[str] = None,
    reason: Optional[str] = None,
    by: str,
    at: Optional[datetime] = None,
) -> Item:
    """An item the extraction missed, added by hand to a stored meeting."""
    if not task or not task.strip():
        raise BadInput("--task must not be empty")
    due_date, due_time = parse_due(due) if due else (None, None)
    stamp = (at or now()).isoformat()
    with store.write():
        target = find_meeting(store, meeting)
        name = department = None
        if owner:
            name, department = people.resolve_owner(store, owner)
        deliverable = (deliverable or "").strip() or None
        flags = [f for f, missing in (("missing_owner", not name), ("missing_deadline", not due_date),
                                      ("missing_deliverable", not deliverable)) if missing]
        count = store.db.execute("SELECT COUNT(*) FROM items WHERE meeting_id = ? AND origin = 'manual'",
                                 [target.id]).fetchone()[0]
        item_id = _insert(store, {
            "meeting_id": target.id, "ext_id": f"m{count + 1}", "origin": "manual", "task": task.strip(),
            "owner_mention": owner.strip() if owner else None, "owner_name": name, "owner_department": department,
            "owner_match": REVIEWED if name else "none", "due_date": due_date, "due_time": due_time,
            "deliverable": deliverable, "flags": dumps(flags), "status": statuses().default, "progress": 0,
            "review": "accepted", "created_at": stamp, "updated_at": stamp, "last_progress_at": stamp,
        })
        record(store, item_id, "created", None, task.strip(), by=by, reason=reason, at=stamp)
        return get_item(store, item_id)


def merge_items(
    store: Store,
    ids: Sequence,
    *,
    task: Optional[str] = None,
    reason: Optional[str] = None,
    by: str,
    at: Optional[datetime] = None,
) -> Item:
    """Fold duplicates into the first id; it takes any owner, deadline or deliverable it lacks."""
    if len(ids) < 2:
        raise BadInput("merge needs at least two item ids")
    stamp = (at or now()).isoformat()
    with store.write():
        items = [_tracked(store, i) for i in ids]
        if len({i.id for i in items}) != len(items):
            raise BadInput("merge got the same item id twice")
        target, others = items[0], items[1:]
        sets: dict = {}
        filled: set[str] = set()
        for other in others:
            if not target.owner_name and "owner" not in filled and other.owner_name:
                sets.update(owner_name=other.owner_name, owner_department=other.owner_department,
                            owner_match=other.owner_match, owner_mention=other.owner_mention)
                record(store, target.id, "owner", target.owner_mention, other.owner_name, by=by, reason=reason, at=stamp)
                filled.add("owner")
            if not target.due_date and "due" not in filled and other.due_date:
                sets.update(due_date=other.due_date, due_time=other.due_time, deadline_vague=0,
                            deadline_mention=other.deadline_mention, deadline_suggested=None)
                record(store, target.id, "due", target.deadline_mention, _due_text(other.due_date, other.due_time),
                       by=by, reason=reason, at=stamp)
                filled.add("due")
            if not target.deliverable and "deliverable" not in filled and other.deliverable:
                sets["deliverable"] = other.deliverable
                record(store, target.id, "deliverable", None, other.deliverable, by=by, reason=reason, at=stamp)
                filled.add("deliverable")
            record(store, other.id, "merged_into", None, f"#{target.id}", by=by, reason=reason, at=stamp)
            _update(store, other.id, {"review": "merged", "merged_into": target.id, "updated_at": stamp})
        if task and task.strip():
            record(store, target.id, "task", target.task, task.strip(), by=by, reason=reason, at=stamp)
            sets["task"] = task.strip()
            filled.add("task")
        record(store, target.id, "merged", None, ", ".join(f"#{o.id}" for o in others), by=by, reason=reason, at=stamp)
        settled = fields().settled_flags(filled)
        sets.update(flags=dumps([f for f in target.flags if f not in settled]), updated_at=stamp)
        _update(store, target.id, sets)
        return get_item(store, target.id)


_COPIED = ("meeting_id", "topic", "owner_mention", "owner_name", "owner_department", "owner_match",
           "owner_candidates", "collaborators", "deadline_mention", "due_date", "due_time", "deadline_vague",
           "deadline_suggested", "deliverable", "source_line", "source_text", "status", "progress",
           "last_progress_at")


def split_item(
    store: Store,
    item_id,
    tasks: Sequence[str],
    *,
    reason: Optional[str] = None,
    by: str,
    at: Optional[datetime] = None,
) -> list[Item]:
    """Replace one item by several with the given tasks; each keeps the rest of the original."""
    tasks = [t.strip() for t in tasks if t and t.strip()]
    if len(tasks) < 2:
        raise BadInput("split needs at least two --task values")
    stamp = (at or now()).isoformat()
    with store.write():
        item = _tracked(store, item_id)
        row = dict(zip(_COPIED, store.db.execute(f"SELECT {', '.join(_COPIED)} FROM items WHERE id = ?",
                                                 [item.id]).fetchone()))
        new_ids = []
        for n, text in enumerate(tasks, 1):
            values = dict(row, ext_id=f"{item.ext_id or item.id}.{n}", origin="split", task=text,
                          flags=dumps(list(item.flags)), review="pending", split_from=item.id,
                          created_at=stamp, updated_at=stamp)
            new_id = _insert(store, values)
            record(store, new_id, "split_from", None, f"#{item.id}", by=by, reason=reason, at=stamp)
            new_ids.append(new_id)
        record(store, item.id, "split_into", None, ", ".join(f"#{i}" for i in new_ids), by=by, reason=reason, at=stamp)
        _update(store, item.id, {"review": "split", "updated_at": stamp})
        return [get_item(store, i) for i in new_ids]
