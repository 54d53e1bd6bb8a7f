"""To-do lists as iCalendar: a VTODO per item, plus an all-day VEVENT on the deadline.

Many calendar apps ignore VTODO, so each dated item also gets an event on its
due day whose VALARM fires at 09:00 the day before. UIDs derive from the item
id and the database's instance id, so re-importing an export updates entries
instead of duplicating them; SEQUENCE grows with the item's last change.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Optional

from tracker.records import Item
from tracker.rules import statuses
from tracker.todo_render import flag_text, meeting_text

PRODID = "-//minutes//会议纪要行动项//ZH"


def uid(item_id: int, instance_id: str, kind: str = "todo") -> str:
    return f"minutes-{kind}-{item_id}-{instance_id}@minutes"


def _utc(text: Optional[str]) -> Optional[datetime]:
    try:
        return datetime.fromisoformat(text).astimezone(timezone.utc) if text else None
    except ValueError:
        return None


def _sequence(item: Item) -> int:
    created, updated = _utc(item.created_at), _utc(item.updated_at)
    if not created or not updated:
        return 0
    return max(0, int((updated - created).total_seconds() // 60))


def _due(item: Item):
    day = date.fromisoformat(item.due_date)
    if item.due_time:
        try:
            hour, minute = (int(p) for p in item.due_time.split(":")[:2])
            return datetime(day.year, day.month, day.day, hour, minute)  # floating local time
        except ValueError:
            pass
    return day


def description(item: Item) -> str:
    lines = [f"会议：{meeting_text(item)}"]
    if item.topic:
        lines.append(f"议题：{item.topic}")
    lines.append(f"交付成果：{item.deliverable or '（未写明）'}")
    lines.append(f"状态：{item.status} {item.progress}%")
    flags = flag_text(item)
    if flags:
        lines.append(f"提醒：{flags}")
    if item.source_text:
        lines.append(f"原文：{item.source_text}")
    lines.append(f"编号：#{item.id}")
    return "\n".join(lines)


def _alarm(trigger: timedelta, text: str, related_end: bool = False):
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger, parameters={"RELATED": "END"} if related_end else None)
    return alarm


def _todo(item: Item, instance_id: str, stamp: datetime):
    from icalendar import Todo

    todo = Todo()
    todo.add("uid", uid(item.id, instance_id))
    todo.add("dtstamp", stamp)
    todo.add("summary", item.task)
    todo.add("description", description(item))
    todo.add("status", statuses().by_name.get(item.status).ics if item.status in statuses().by_name else "NEEDS-ACTION")
    todo.add("percent-complete", int(item.progress))
    todo.add("sequence", _sequence(item))
    modified = _utc(item.updated_at)
    if modified:
        todo.add("last-modified", modified)
    if item.meeting_title:
        todo.add("categories", [item.meeting_title])
    if item.due_date:
        todo.add("due", _due(item))
        todo.add_component(_alarm(timedelta(days=-1), f"明天到期：{item.task}", related_end=True))
    return todo


def _event(item: Item, instance_id: str, stamp: datetime):
    from icalendar import Event

    day = date.fromisoformat(item.due_date)
    event = Event()
    event.add("uid", uid(item.id, instance_id, "due"))
    event.add("dtstamp", stamp)
    event.add("summary", f"截止：{item.task}")
    event.add("description", description(item))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("sequence", _sequence(item))
    # All-day events start at 00:00: -15 h is 09:00 the day before the deadline.
    event.add_component(_alarm(timedelta(hours=-15), f"明天到期：{item.task}"))
    return event


def calendar_bytes(items: Iterable[Item], instance_id: str, *, name: str = "待办事项",
                   stamp: Optional[datetime] = None) -> bytes:
    from icalendar import Calendar

    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for item in items:
        cal.add_component(_todo(item, instance_id, stamp))
        if item.due_date:
            try:
                cal.add_component(_event(item, instance_id, stamp))
            except ValueError:
                pass
    return cal.to_ical()
