"""SPEC's item and meeting flags, computed from resolved fields."""
from __future__ import annotations

from datetime import date
from typing import Optional, Sequence

from minutes.model import ActionItem, Deadline, Meeting, OwnerMatch

_OWNER_FLAGS = {
    "none": "missing_owner",
    "department": "vague_owner",
    "collective": "vague_owner",
    "unknown": "unknown_owner",
    "ambiguous": "ambiguous_owner",
    "fuzzy": "fuzzy_owner",
}


def item_flags(owner: OwnerMatch, deadline: Deadline, deliverable: Optional[str],
               meeting_date: Optional[date]) -> tuple[str, ...]:
    flags = []
    owner_flag = _OWNER_FLAGS.get(owner.match)
    if owner_flag:
        flags.append(owner_flag)
    if deadline.vague:
        flags.append("vague_deadline")
    elif deadline.date is None and not deadline.mention:
        flags.append("missing_deadline")
    elif deadline.date is None:
        # a time was named but names no day we can place ("下午", "M月D日" with no meeting year)
        flags.append("vague_deadline" if meeting_date else "missing_deadline")
    if deadline.date and meeting_date and deadline.date < meeting_date:
        flags.append("deadline_before_meeting")
    if not deliverable:
        flags.append("missing_deliverable")
    return tuple(flags)


def meeting_flags(meeting: Meeting, items: Sequence[ActionItem]) -> tuple[str, ...]:
    flags = []
    if meeting.date is None:
        flags.append("missing_meeting_date")
    if not items:
        flags.append("no_action_items")
    return tuple(flags)
