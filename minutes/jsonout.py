"""The `minutes/v1` JSON object of SPEC, built from an Extraction."""
from __future__ import annotations

from datetime import date
from typing import Optional

from minutes.model import ActionItem, Deadline, Extraction, OwnerMatch

SCHEMA = "minutes/v1"


def _iso(d: Optional[date]) -> Optional[str]:
    return d.isoformat() if d else None


def owner_dict(o: OwnerMatch) -> dict:
    return {"mention": o.mention, "name": o.name, "department": o.department,
            "match": o.match, "candidates": list(o.candidates)}


def deadline_dict(d: Deadline) -> dict:
    return {"mention": d.mention, "date": _iso(d.date), "time": d.time, "vague": d.vague,
            "suggested": _iso(d.suggested)}


def item_dict(it: ActionItem) -> dict:
    return {
        "id": it.id,
        "topic": it.topic,
        "task": it.task,
        "owner": owner_dict(it.owner),
        "collaborators": [{"mention": c.mention, "name": c.name} for c in it.collaborators],
        "deadline": deadline_dict(it.deadline),
        "deliverable": it.deliverable,
        "source": {"line": it.source.line, "text": it.source.text, "locator": it.source.locator},
        "flags": list(it.flags),
    }


def to_dict(ex: Extraction) -> dict:
    doc = ex.structured.document
    m = ex.structured.meeting
    return {
        "schema": SCHEMA,
        "source": {"path": doc.path, "format": doc.format, "encoding": doc.encoding, "sha256": doc.sha256},
        "meeting": {
            "title": m.title, "date": _iso(m.date), "date_source": m.date_source,
            "start": m.start, "end": m.end, "location": m.location, "organizer": m.organizer,
            "departments": list(m.departments), "recorder": m.recorder, "attendees": list(m.attendees),
        },
        "topics": [
            {"title": t.title, "discussion": list(t.discussion), "consensus": list(t.consensus),
             "disagreements": list(t.disagreements)}
            for t in ex.structured.topics
        ],
        "action_items": [item_dict(it) for it in ex.action_items],
        "flags": list(ex.flags),
    }
