"""To-do lists as Markdown (grouped by due date) and as CSV rows with Chinese headers."""
from __future__ import annotations

import csv
import io
from datetime import date
from typing import Iterable

from tracker.records import Item
from tracker.rules import labels

_WEEKDAYS = "一二三四五六日"


def _day_heading(due: str | None) -> str:
    if not due:
        return labels().headings["no_due"]
    try:
        return f"{due}（周{_WEEKDAYS[date.fromisoformat(due).weekday()]}）"
    except ValueError:
        return due


def flag_text(item: Item) -> str:
    return "、".join(labels().flag(f) for f in item.all_flags)


def meeting_text(item: Item) -> str:
    return " ".join(p for p in (item.meeting_date, item.meeting_title) if p) or f"会议#{item.meeting_id}"


def _md_escape(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|").strip()


def markdown(todo, today: date) -> str:
    heads = labels().headings
    lines = [f"# {heads['todo_title'].format(owner=todo.label)}", ""]
    counts = [f"共 {len(todo.items)} 项"]
    for flag in ("overdue", "due_soon", "escalate"):
        if todo.count(flag):
            counts.append(f"{labels().flag(flag)} {todo.count(flag)}")
    meta = [p for p in (todo.department, f"截至 {today.isoformat()}") if p]
    lines += [f"> {' · '.join(meta)} · {'，'.join(counts)}", ""]
    if not todo.items:
        lines += ["没有未完成的事项。", ""]
    for due, items in todo.by_due_date():
        lines += [f"## {_day_heading(due)}", ""]
        for item in items:
            lines += _md_item(item)
        lines.append("")
    return "\n".join(lines)


def _md_item(item: Item) -> list[str]:
    title = f"- [ ] **#{item.id} {_md_escape(item.task)}**"
    if item.due_time:
        title += f"（{item.due_time}前）"
    flags = flag_text(item)
    if flags:
        title += f" ⚠ {flags}"
    out = [title]
    place = f"  - 会议：{meeting_text(item)}"
    if item.topic:
        place += f" · 议题：{_md_escape(item.topic)}"
    out.append(place)
    out.append(f"  - 交付成果：{_md_escape(item.deliverable) if item.deliverable else '（未写明）'}")
    if not item.due_date and item.deadline_suggested:
        out.append(f"  - 截止时间：{item.deadline_mention or '未定'}（建议 {item.deadline_suggested}）")
    elif not item.due_date and item.deadline_mention:
        out.append(f"  - 截止时间：{_md_escape(item.deadline_mention)}（未定日期）")
    out.append(f"  - 状态：{item.status} {item.progress}%")
    if item.source_text:
        where = f"（第{item.source_line}行）" if item.source_line else ""
        out.append(f"  - 原文：「{_md_escape(item.source_text)}」{where}")
    return out


COLUMN_KEYS = ("id", "due_date", "due_time", "task", "owner", "department", "deliverable", "status",
               "progress", "flags", "meeting", "meeting_date", "topic", "source")


def row_values(item: Item) -> list:
    return [
        item.id, item.due_date or "", item.due_time or "", item.task, item.owner_name or "",
        item.owner_department or "", item.deliverable or "", item.status, item.progress, flag_text(item),
        item.meeting_title or "", item.meeting_date or "", item.topic or "", item.source_text or "",
    ]


def headers() -> list[str]:
    names = labels().columns
    return [names.get(k, k) for k in COLUMN_KEYS]


def csv_text(items: Iterable[Item]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers())
    for item in items:
        writer.writerow(row_values(item))
    return buffer.getvalue()
