"""Why each flagged field is highlighted, worded from `data/reasons.yaml`."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from minutes.errors import DataFileError

DATA = Path(__file__).parent / "data" / "reasons.yaml"


@lru_cache(maxsize=1)
def _data() -> dict:
    from minutes import yamlio

    data = yamlio.load(DATA.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("flags"), dict):
        raise DataFileError("expected 'flags' and 'meeting' mappings", path=str(DATA))
    return data


def field_of(flag: str) -> str:
    return (_data()["flags"].get(flag) or {}).get("field", "task")


def reason(flag: str, item, meeting_date: str | None = None) -> str:
    entry = _data()["flags"].get(flag)
    if not entry:
        return flag
    text = entry["text"]
    if flag == "vague_owner":
        text = (entry.get("by_match") or {}).get(item.owner_match or "", text)
    if flag == "vague_deadline" and item.deadline_suggested:
        text = entry.get("with_suggestion", text)
    values = {
        "mention": item.owner_mention if entry.get("field") == "owner" else item.deadline_mention,
        "name": item.owner_name or "",
        "candidates": "、".join(item.owner_candidates) or "多人",
        "suggested": item.deadline_suggested or "",
        "due": item.due_date or "",
        "meeting_date": meeting_date or item.meeting_date or "",
    }
    values["mention"] = values["mention"] or "—"
    return text.format(**values)


def for_item(item) -> dict[str, list[tuple[str, str]]]:
    """field -> [(flag, reason)] for every flag of the item, tracker flags included."""
    out: dict[str, list[tuple[str, str]]] = {}
    for flag in item.all_flags:
        out.setdefault(field_of(flag), []).append((flag, reason(flag, item)))
    return out


def meeting_flag(flag: str) -> str:
    return (_data().get("meeting") or {}).get(flag, flag)


def fields_to_fix(item) -> set[str]:
    """Fields an extraction flag asks a reviewer to fix (tracker flags such as overdue are not fixes)."""
    return {field_of(flag) for flag in item.flags}
