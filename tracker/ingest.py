"""Storing `minutes/v1` extractions: new meetings, edited re-uploads, late uploads.

A meeting is recognised by its content (any sha256 it was ever ingested with)
or by title + date. Re-ingesting an edited file pairs old items with new ones
(tracker.pairing); a field a reviewer corrected is never overwritten — the
fresh value is kept in the item's `suggestions`. Stored items that vanished
from the new version are deleted when nobody touched them, otherwise kept and
flagged `not_in_source`.

`ingest_files` extracts every file first (no lock held, and a bad file aborts
before anything is written), then writes them all in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from minutes.errors import BadInput
from tracker import lateness, pairing, people
from tracker.queries import items_of_meeting
from tracker.records import Item, dumps, loads
from tracker.rules import fields, policy, statuses
from tracker.store import Store, now

SCHEMA = "minutes/v1"
_STATE_COLUMNS = (  # item columns an extraction sets
    "ext_id", "topic", "task", "owner_mention", "owner_name", "owner_department", "owner_match",
    "owner_candidates", "collaborators", "deadline_mention", "due_date", "due_time", "deadline_vague",
    "deadline_suggested", "deliverable", "source_line", "source_text", "flags",
)


@dataclass(frozen=True)
class IngestResult:
    path: Optional[str]
    meeting_id: int
    title: Optional[str]
    date: Optional[str]
    action: str  # created | updated | unchanged
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    orphaned: int = 0  # kept although gone from the new version (reviewed or updated)
    flags: tuple[str, ...] = ()  # meeting flags, late_upload included
    flagged: tuple[Item, ...] = ()  # the meeting's items that need fixing


def ingest_files(
    store: Store,
    paths: Sequence[Path | str],
    *,
    roster_path: Optional[Path | str] = None,
    meeting_date=None,
    uploaded_at: Optional[datetime] = None,
    progress: Optional[Callable[[str], None]] = None,
    stdin: Optional[bytes] = None,
) -> list[IngestResult]:
    """Extract each file through `minutes.pipeline` and store them all, or nothing.

    A path "-" is pasted text, given as `stdin` bytes.
    """
    from minutes.pipeline import extract_path

    extra = []
    if roster_path is not None:
        from extract.roster import load_roster

        extra = people._people_of(load_roster(Path(roster_path)))
    roster = people.roster_for_extraction(store, extra)
    docs = []
    for path in paths:
        pasted = {"stdin": stdin or b""} if str(path) == "-" else {}
        docs.append(extract_path(Path(path), roster=roster, meeting_date=meeting_date, **pasted))
        if progress:
            progress(str(path))
    with store.write():
        if extra:
            people.upsert_people(store, extra, source=str(roster_path))
        return [ingest_extraction(store, doc, uploaded_at=uploaded_at) for doc in docs]


def ingest_extraction(store: Store, doc: dict, *, uploaded_at: Optional[datetime] = None) -> IngestResult:
    """Store one `minutes/v1` dict (in the caller's transaction, or its own)."""
    source, meeting = _validate(doc)
    stamp = uploaded_at or now()
    with store.write():
        meeting_id, current_sha = _find_meeting(store, source["sha256"], meeting)
        if meeting_id is not None and current_sha == source["sha256"]:
            return _result(store, meeting_id, source.get("path"), "unchanged")
        if meeting_id is None:
            meeting_id = _insert_meeting(store, doc, stamp)
            action = "created"
        else:
            _update_meeting(store, meeting_id, doc, stamp)
            action = "updated"
        _replace_topics(store, meeting_id, doc.get("topics") or [])
        counts = _store_items(store, meeting_id, doc.get("action_items") or [], stamp)
        store.db.execute(
            "INSERT INTO ingests (meeting_id, sha256, path, at, added, updated, removed) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [meeting_id, source["sha256"], source.get("path"), stamp.isoformat(),
             counts["added"], counts["updated"], counts["removed"]],
        )
        return _result(store, meeting_id, source.get("path"), action, **counts)


def _validate(doc: dict) -> tuple[dict, dict]:
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise BadInput(f"not a {SCHEMA} extraction")
    source, meeting = doc.get("source"), doc.get("meeting")
    if not isinstance(source, dict) or not source.get("sha256") or not isinstance(meeting, dict):
        raise BadInput(f"{SCHEMA} extraction without source.sha256 or meeting")
    items = doc.get("action_items") or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise BadInput(f"{SCHEMA} extraction with malformed action_items", path=source.get("path"))
    return source, meeting


def _find_meeting(store: Store, sha: str, meeting: dict) -> tuple[Optional[int], Optional[str]]:
    db = store.db
    row = db.execute("SELECT id, sha256 FROM meetings WHERE sha256 = ? ORDER BY id LIMIT 1", [sha]).fetchone()
    if row is None:
        row = db.execute(
            "SELECT m.id, m.sha256 FROM ingests g JOIN meetings m ON m.id = g.meeting_id "
            "WHERE g.sha256 = ? ORDER BY g.id DESC LIMIT 1", [sha]).fetchone()
    title, day = (meeting.get("title") or "").strip(), meeting.get("date")
    if row is None and title and day:
        row = db.execute(
            "SELECT id, sha256 FROM meetings WHERE title = ? AND date = ? ORDER BY id LIMIT 1", [title, day]
        ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _meeting_values(doc: dict) -> dict:
    source, meeting = doc["source"], doc["meeting"]
    return {
        "sha256": source["sha256"],
        "title": (meeting.get("title") or "").strip() or None,
        "date": meeting.get("date"),
        "date_source": meeting.get("date_source"),
        "start_time": meeting.get("start"),
        "end_time": meeting.get("end"),
        "location": meeting.get("location"),
        "organizer": meeting.get("organizer"),
        "departments": dumps(list(meeting.get("departments") or [])),
        "recorder": meeting.get("recorder"),
        "attendees": dumps(list(meeting.get("attendees") or [])),
        "source_path": source.get("path"),
        "source_format": source.get("format"),
        "source_encoding": source.get("encoding"),
    }


def _meeting_flags(doc: dict, uploaded_at: datetime) -> str:
    meeting = doc["meeting"]
    flags = [f for f in doc.get("flags") or [] if f != "late_upload"]
    if lateness.is_late(uploaded_at, meeting.get("date"), meeting.get("start"), meeting.get("end")):
        flags.append("late_upload")
    return dumps(flags)


def _insert_meeting(store: Store, doc: dict, stamp: datetime) -> int:
    values = _meeting_values(doc)
    values.update(flags=_meeting_flags(doc, stamp), uploaded_at=stamp.isoformat(), updated_at=stamp.isoformat())
    columns = ", ".join(values)
    marks = ", ".join("?" * len(values))
    return store.db.execute(f"INSERT INTO meetings ({columns}) VALUES ({marks})", list(values.values())).lastrowid


def _update_meeting(store: Store, meeting_id: int, doc: dict, stamp: datetime) -> None:
    # Lateness is judged on the first upload: a later fix does not make it late.
    first = store.db.execute("SELECT uploaded_at FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    values = _meeting_values(doc)
    values.update(flags=_meeting_flags(doc, datetime.fromisoformat(first)), updated_at=stamp.isoformat())
    sets = ", ".join(f"{k} = ?" for k in values)
    store.db.execute(f"UPDATE meetings SET {sets} WHERE id = ?", [*values.values(), meeting_id])


def _replace_topics(store: Store, meeting_id: int, topics: Iterable[dict]) -> None:
    store.db.execute("DELETE FROM topics WHERE meeting_id = ?", [meeting_id])
    rows = [
        [meeting_id, n, (t.get("title") or "").strip(), dumps(list(t.get("discussion") or [])),
         dumps(list(t.get("consensus") or [])), dumps(list(t.get("disagreements") or []))]
        for n, t in enumerate(topics, 1) if isinstance(t, dict)
    ]
    store.db.conn.executemany(
        "INSERT INTO topics (meeting_id, position, title, discussion, consensus, disagreements) "
        "VALUES (?, ?, ?, ?, ?, ?)", rows)


def item_values(action: dict) -> dict:
    """The item columns a `minutes/v1` action item sets."""
    owner = action.get("owner") or {}
    deadline = action.get("deadline") or {}
    source = action.get("source") or {}
    return {
        "ext_id": action.get("id"),
        "topic": action.get("topic"),
        "task": (action.get("task") or source.get("text") or "").strip(),
        "owner_mention": owner.get("mention"),
        "owner_name": owner.get("name"),
        "owner_department": owner.get("department"),
        "owner_match": owner.get("match"),
        "owner_candidates": dumps(list(owner.get("candidates") or [])),
        "collaborators": dumps(list(action.get("collaborators") or [])),
        "deadline_mention": deadline.get("mention"),
        "due_date": deadline.get("date"),
        "due_time": deadline.get("time"),
        "deadline_vague": 1 if deadline.get("vague") else 0,
        "deadline_suggested": deadline.get("suggested"),
        "deliverable": action.get("deliverable"),
        "source_line": source.get("line"),
        "source_text": source.get("text"),
        "flags": dumps(list(action.get("flags") or [])),
    }


def _corrected(store: Store, meeting_id: int) -> dict[int, dict[str, str]]:
    """item id -> {corrected field: the value first extracted}."""
    out: dict[int, dict[str, str]] = {}
    known = set(fields().by_name)
    for item_id, field, old in store.db.execute(
        "SELECT c.item_id, c.field, c.old FROM corrections c JOIN items i ON i.id = c.item_id "
        "WHERE i.meeting_id = ? ORDER BY c.id", [meeting_id]):
        if field in known:
            out.setdefault(item_id, {}).setdefault(field, old)
    return out


def _store_items(store: Store, meeting_id: int, actions: list[dict], stamp: datetime) -> dict:
    db = store.db
    old = [i for i in items_of_meeting(store, meeting_id, visible_only=False) if i.origin == "extracted"]
    corrected = _corrected(store, meeting_id)
    new_values = [item_values(a) for a in actions]
    old_sides = [
        pairing.Side(tuple(t for t in (i.task, corrected.get(i.id, {}).get("task")) if t), i.source_text, n)
        for n, i in enumerate(old)
    ]
    new_sides = [pairing.Side((v["task"],), v["source_text"], n) for n, v in enumerate(new_values)]
    matched = pairing.pair(old_sides, new_sides, policy().pair_threshold)
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0, "orphaned": 0}
    iso = stamp.isoformat()
    for i, j in matched.pairs:
        changed = _update_item(store, old[i], new_values[j], set(corrected.get(old[i].id, {})), iso)
        counts["updated" if changed else "unchanged"] += 1
    for j in matched.unmatched_new:
        values = dict(new_values[j], meeting_id=meeting_id, origin="extracted", status=statuses().default,
                      progress=0, review="pending", created_at=iso, updated_at=iso, last_progress_at=iso)
        db.execute(f"INSERT INTO items ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                   list(values.values()))
        counts["added"] += 1
    for i in matched.unmatched_old:
        item = old[i]
        if _touched(store, item):
            if "not_in_source" not in item.flags:
                db.execute("UPDATE items SET flags = ?, updated_at = ? WHERE id = ?",
                           [dumps([*item.flags, "not_in_source"]), iso, item.id])
            counts["orphaned"] += 1
        else:
            db.execute("DELETE FROM items WHERE id = ?", [item.id])
            counts["removed"] += 1
    return counts


def _update_item(store: Store, item: Item, fresh: dict, corrected: set[str], iso: str) -> bool:
    """Apply a fresh extraction to a stored item; corrected fields become suggestions."""
    row = store.db.execute(
        f"SELECT {', '.join(_STATE_COLUMNS)}, suggestions FROM items WHERE id = ?", [item.id]).fetchone()
    current = dict(zip(_STATE_COLUMNS, row[:-1]))
    suggestions = {}
    values = dict(fresh)
    rules = fields()
    for name in corrected:
        columns = rules.by_name[name].columns
        proposal = {c: fresh[c] for c in columns}
        if any(proposal[c] != current[c] for c in columns):
            suggestions[name] = proposal
        for c in columns:
            values[c] = current[c]
    settled = rules.settled_flags(corrected)
    values["flags"] = dumps([f for f in loads(fresh["flags"], []) if f not in settled])
    values["suggestions"] = dumps(suggestions)
    changed = any(values[c] != current[c] for c in _STATE_COLUMNS) or values["suggestions"] != row[-1]
    if changed:
        values["updated_at"] = iso
        sets = ", ".join(f"{k} = ?" for k in values)
        store.db.execute(f"UPDATE items SET {sets} WHERE id = ?", [*values.values(), item.id])
    return changed


def _touched(store: Store, item: Item) -> bool:
    """Has anyone acted on this item (reviewed, corrected, updated, merged or split it)?"""
    if item.review != "pending" or item.status != statuses().default or item.progress:
        return True
    return store.db.execute(
        "SELECT EXISTS(SELECT 1 FROM corrections WHERE item_id = :id) "
        "OR EXISTS(SELECT 1 FROM status_updates WHERE item_id = :id) "
        "OR EXISTS(SELECT 1 FROM items WHERE merged_into = :id OR split_from = :id)", {"id": item.id}
    ).fetchone()[0] == 1


def _result(store: Store, meeting_id: int, path, action: str, **counts) -> IngestResult:
    row = store.db.execute("SELECT title, date, flags FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    flagged = tuple(i for i in items_of_meeting(store, meeting_id) if i.flags)
    return IngestResult(path=path, meeting_id=meeting_id, title=row[0], date=row[1], action=action,
                        flags=tuple(loads(row[2], [])), flagged=flagged, **counts)
