"""The meeting's own facts: title, date (and where it came from), times, people.

Built from the metadata the structurer collected; the date falls back from the
metadata to the title, the file name, the opening lines and the docx properties,
and `date_source` says which one was used.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Optional

from minutes import labels
from minutes.meeting_dates import find_full_date, find_month_day, find_time_range
from minutes.model import Document, Meeting

TITLE_WORDS = re.compile(r"纪要|会议|例会|周会|月会|晨会|复盘|评审|沟通记录|记录表|研讨|协调会|Minutes|Meeting|Sync|Review|Standup", re.I)
# python-docx's bundled template carries this creation stamp; it says nothing about the meeting.
_TEMPLATE_CREATED = date(2013, 12, 23)


def build_meeting(doc: Document, meta: dict, date_lines: list[str], cli_date: Optional[date]) -> Meeting:
    title = meta.get("title") or meta.get("title_heading") or _title_line(doc) or doc.title
    when = meta.get("date", "")
    start, end = find_time_range(when) if when else (None, None)
    day, source = _meeting_date(doc, meta, title, when, cli_date, date_lines)
    departments = tuple(dict.fromkeys(meta.get("departments", [])))
    return Meeting(
        title=title, date=day, date_source=source, start=start, end=end,
        location=meta.get("location"), organizer=meta.get("organizer"), departments=departments,
        recorder=meta.get("recorder"), attendees=tuple(dict.fromkeys(meta.get("attendees", []))),
    )


def _title_line(doc: Document) -> Optional[str]:
    for block in doc.blocks[:5]:
        text = block.text.strip()
        if block.kind in ("paragraph", "heading") and text and len(text) <= 80 and TITLE_WORDS.search(text):
            if not labels.split_kv(text):
                return labels.strip_numbering(text)
    return None


def _meeting_date(doc, meta, title, when, cli_date, date_lines) -> tuple[Optional[date], str]:
    if cli_date:
        return cli_date, "cli"
    name = Path(doc.path).name if doc.path and doc.path != "-" else ""
    year_hint = None
    for text in (name, title or ""):
        y = re.search(r"(?<!\d)(20\d{2})(?!\d)", text)
        if y:
            year_hint = int(y.group(1))
            break
    if year_hint is None and doc.created and doc.created != _TEMPLATE_CREATED:
        year_hint = doc.created.year
    if when:
        d = find_full_date(when)
        if d:
            return d, "metadata"
        md = find_month_day(when)
        got = _try_date(year_hint, *md) if md and year_hint else None
        if got:
            return got, "metadata"
    if title:
        d = find_full_date(title)
        if d:
            return d, "title"
    if name:
        d = find_full_date(name)
        if d:
            return d, "filename"
    for block in doc.blocks[:10]:
        # "2024年10月30日上午，…主持召开…会议": the sentence reporting the meeting dates it
        if labels.says_meeting_held(block.text) and not labels.is_publication_line(block.text):
            d = find_full_date(block.text)
            if d:
                return d, "metadata"
    if date_lines:
        d = find_full_date(date_lines[0])
        if d:
            return d, "metadata"
    for block in doc.blocks[:6]:
        # "人力资源部于2024年3月13日召开…": the opening sentence of prose minutes
        if labels.is_publication_line(block.text):
            continue
        d = find_full_date(block.text)
        if d:
            return d, "metadata"
    if title and year_hint:
        md = find_month_day(title)
        if md:
            got = _try_date(year_hint, *md)
            if got:
                return got, "title"
    if doc.created and doc.created != _TEMPLATE_CREATED:
        return doc.created, "file_properties"
    return None, "none"


def _try_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None
