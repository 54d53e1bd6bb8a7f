"""Walking a meeting's flagged items one by one (`minutes review MEETING`).

The walk only decides and calls tracker.review; asking and showing go through
a `Prompter`, so the CLI plugs in rich prompts and tests plug in scripted answers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Protocol

from minutes.errors import BadInput
from tracker import review
from tracker.queries import find_meeting, items_of_meeting
from tracker.records import Item, Meeting
from tracker.store import Store

CHOICES = {"a": "接受", "e": "修改", "r": "驳回", "s": "跳过", "q": "退出"}


class Prompter(Protocol):
    def show(self, item: Item, position: int, total: int) -> None: ...
    def choose(self, question: str, choices: dict, default: str) -> str: ...
    def text(self, question: str, default: Optional[str]) -> Optional[str]: ...
    def say(self, message: str) -> None: ...


@dataclass(frozen=True)
class WalkSummary:
    meeting: Meeting
    total: int
    accepted: int = 0
    edited: int = 0
    rejected: int = 0
    skipped: int = 0


def pending_flagged(store: Store, meeting_ref: str) -> tuple[Meeting, list[Item]]:
    """The meeting and its flagged items nobody has accepted or rejected yet."""
    meeting = find_meeting(store, meeting_ref)
    return meeting, [i for i in items_of_meeting(store, meeting.id) if i.flags and i.review == "pending"]


def _edit(store: Store, item: Item, ask: Prompter, by: str) -> bool:
    """Ask for new values (Enter keeps the current one); True once an edit lands."""
    while True:
        owner = ask.text("负责人", item.owner_name or item.owner_mention)
        due = ask.text("截止日期 (YYYY-MM-DD [HH:MM])", " ".join(p for p in (item.due_date, item.due_time) if p) or None)
        deliverable = ask.text("交付成果", item.deliverable)
        task = ask.text("任务描述", item.task)
        reason = ask.text("修改原因", None)
        changes = {
            "owner": owner if owner and owner != (item.owner_name or item.owner_mention) else None,
            "due": due if due and due != " ".join(p for p in (item.due_date, item.due_time) if p) else None,
            "deliverable": deliverable if deliverable and deliverable != item.deliverable else None,
            "task": task if task and task != item.task else None,
        }
        if not any(v is not None for v in changes.values()):
            ask.say("没有修改。")
            return False
        try:
            review.edit_item(store, item.id, reason=reason, by=by, **changes)
            return True
        except BadInput as exc:  # e.g. an owner not in the roster: ask again
            ask.say(str(exc))


def walk(store: Store, meeting_ref: str, ask: Prompter, *, by: str) -> WalkSummary:
    meeting, items = pending_flagged(store, meeting_ref)
    counts = {"accepted": 0, "edited": 0, "rejected": 0, "skipped": 0}
    for n, item in enumerate(items, 1):
        ask.show(item, n, len(items))
        choice = ask.choose("操作", CHOICES, "s")
        if choice == "q":
            counts["skipped"] += len(items) - n + 1
            break
        if choice == "a":
            review.accept_item(store, item.id, by=by)
            counts["accepted"] += 1
        elif choice == "r":
            review.reject_item(store, item.id, by=by, reason=ask.text("驳回原因", None))
            counts["rejected"] += 1
        elif choice == "e" and _edit(store, item, ask, by):
            review.accept_item(store, item.id, by=by, reason="reviewed interactively")
            counts["edited"] += 1
        else:
            counts["skipped"] += 1
    return WalkSummary(meeting=meeting, total=len(items), **counts)
