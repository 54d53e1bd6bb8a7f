"""The problems a span of meetings reported, read back from the tracker.

Three places hold them (tracker.ingest stores topics as JSON lists):
- topics: the title, discussion and consensus sentences that carry a problem cue
  (report_cues.yaml), and every disagreement;
- status updates that set an item 受阻 / 延期, with their note (else the task);
- nothing else: action items themselves are remedies, not problems.
Each problem keeps where it came from, so the report can quote it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional

from tracker import report_data
from tracker.records import loads
from tracker.report_text import normalize, problem_kind, sentences
from tracker.store import Store

_TOPIC_NUMBER = re.compile(
    r"^\s*(?:(?:议题|主题|话题|topic)\s*[一二三四五六七八九十\d]*|[(（]?[一二三四五六七八九十]+|[(（]?\d{1,2})"
    r"\s*(?:[：:、.．)）]|\s)\s*", re.I)


@dataclass(frozen=True)
class Problem:
    text: str
    kind: str  # a cue kind (shortage, delay, risk ...), "disagreement" or "topic"
    source: str  # topic | discussion | consensus | disagreement | status
    meeting_id: int
    meeting_title: Optional[str]
    meeting_date: str  # ISO day of the meeting
    seen: str  # ISO day it was reported: the meeting, or the status update
    departments: tuple[str, ...] = ()
    line: Optional[int] = None  # line in the minutes when known (items keep theirs)
    item_id: Optional[int] = None
    context: Optional[str] = None  # for a status note: the task it blocks
    topic: Optional[str] = None


@dataclass(frozen=True)
class Vocabulary:
    """Department and people names the tracker knows (found in sentences, cut before comparing)."""

    departments: tuple[str, ...]
    people: tuple[str, ...]
    team_form: Optional[re.Pattern] = None  # any other department-shaped name (财务部, 供应链中心)

    def departments_in(self, text: str) -> tuple[str, ...]:
        known = [d for d in self.departments if d in text]
        if known or self.team_form is None:
            return tuple(known)
        return tuple(dict.fromkeys(m.group(0) for m in self.team_form.finditer(text)))


def _team_form() -> Optional[re.Pattern]:
    """Stem + suffix from the extraction's department data (研发 + 部); None without it."""
    try:
        from extract.owner_rules import departments
    except ImportError:  # the report does not need the extraction package
        return None
    rules = departments()
    stems = "|".join(re.escape(s) for s in sorted(rules.stems, key=len, reverse=True))
    suffixes = "|".join(re.escape(s) for s in sorted(rules.suffixes, key=len, reverse=True) if len(s) >= 1)
    # 产品部分功能 names no department
    return re.compile(f"(?:{stems})(?:{suffixes})(?!分)") if stems and suffixes else None


def vocabulary(store: Store) -> Vocabulary:
    db = store.db
    departments = {r[0] for r in db.execute("SELECT DISTINCT department FROM people WHERE department <> ''")}
    departments |= {r[0] for r in db.execute("SELECT DISTINCT organizer FROM meetings WHERE organizer <> ''")}
    for (listed,) in db.execute("SELECT DISTINCT departments FROM meetings WHERE departments <> '[]'"):
        departments.update(d for d in loads(listed, []) if isinstance(d, str) and d)
    people = {r[0] for r in db.execute("SELECT name FROM people")}
    # Longest first, so 研发中心 is found before 研发.
    order = lambda names: tuple(sorted((n for n in names if n), key=lambda n: (-len(n), n)))  # noqa: E731
    return Vocabulary(order(departments), order(people), _team_form())


def _departments(vocab: Vocabulary, text: str, organizer: Optional[str], listed: list) -> tuple[str, ...]:
    named = vocab.departments_in(text)
    if named:
        return named
    if organizer:
        return (organizer,)
    return tuple(d for d in listed if isinstance(d, str) and d)[:1]


def topic_title(text: str) -> str:
    return _TOPIC_NUMBER.sub("", text or "").strip()


def _is_issue_title(name: str, meeting_title: Optional[str], cues) -> bool:
    """Not empty, not a catch-all (其他事项), not the document's own title read as a topic."""
    folded = name.casefold()
    if len(name) < 2 or folded in cues.generic_topics or any(w in folded for w in cues.title_words):
        return False
    return normalize(name) != normalize(meeting_title or "")


def from_topics(store: Store, start: date, end: date, vocab: Vocabulary) -> list[Problem]:
    cues = report_data.cues()
    rows = store.db.execute(
        "SELECT t.title, t.discussion, t.consensus, t.disagreements, m.id, m.title, m.date, m.organizer, "
        "m.departments FROM topics t JOIN meetings m ON m.id = t.meeting_id "
        "WHERE m.date BETWEEN ? AND ? ORDER BY m.date, m.id, t.position",
        [start.isoformat(), end.isoformat()])
    out: list[Problem] = []
    said: set[tuple[int, str]] = set()  # a sentence repeated in one meeting (title and section) counts once
    for title, discussion, consensus, disagreements, mid, mtitle, mdate, organizer, listed in rows:
        listed = loads(listed, [])
        base = dict(meeting_id=mid, meeting_title=mtitle, meeting_date=mdate, seen=mdate)

        def add(text: str, kind: str, source: str) -> None:
            key = (base["meeting_id"], normalize(text))
            if key not in said:
                said.add(key)
                out.append(Problem(text=text, kind=kind, source=source, topic=title or None,
                                   departments=_departments(vocab, text, organizer, listed), **base))

        name = topic_title(title)
        if _is_issue_title(name, mtitle, cues):
            add(name, problem_kind(name) or "topic", "topic")
        for source, entries in (("discussion", discussion), ("consensus", consensus)):
            for entry in loads(entries, []):
                for sentence in sentences(str(entry)):
                    kind = problem_kind(sentence)
                    if kind:
                        add(sentence, kind, source)
        for entry in loads(disagreements, []):
            for sentence in sentences(str(entry)):
                add(sentence, "disagreement", "disagreement")
    return out


def from_status_notes(store: Store, start: date, end: date) -> list[Problem]:
    """Updates that set an item blocked or delayed between `start` and `end` (inclusive)."""
    blocked = report_data.cues().blocked_statuses
    marks = ", ".join("?" * len(blocked))
    rows = store.db.execute(
        "SELECT u.status, u.note, substr(u.at, 1, 10), i.id, i.task, i.topic, i.source_line, i.owner_department, "
        "m.id, m.title, m.date, m.organizer FROM status_updates u JOIN items i ON i.id = u.item_id "
        "JOIN meetings m ON m.id = i.meeting_id "
        f"WHERE u.status IN ({marks}) AND substr(u.at, 1, 10) BETWEEN ? AND ? "
        "AND i.review IN ('pending', 'accepted') ORDER BY u.at, u.id",
        [*blocked, start.isoformat(), end.isoformat()])
    out = []
    for status, note, day, item_id, task, topic, line, owner_dept, mid, mtitle, mdate, organizer in rows:
        text = (note or "").strip()
        context = task
        if len(sentences(text)) == 0:  # no note worth comparing: the blocked task itself recurs
            text, context = task, None
        department = owner_dept or organizer
        out.append(Problem(
            text=text, kind=problem_kind(text) or problem_kind(status) or "blocker", source="status", meeting_id=mid,
            meeting_title=mtitle, meeting_date=mdate or day, seen=day, line=line, item_id=item_id,
            context=context, topic=topic, departments=(department,) if department else (),
        ))
    return out


def collect(store: Store, start: date, end: date, vocab: Optional[Vocabulary] = None) -> list[Problem]:
    """Every problem reported between `start` and `end` (inclusive), in date order."""
    vocab = vocab or vocabulary(store)
    found = from_topics(store, start, end, vocab) + from_status_notes(store, start, end)
    return sorted(found, key=lambda p: (p.seen, p.meeting_id))


def meeting_ids(problems: Iterable[Problem]) -> set[int]:
    return {p.meeting_id for p in problems}
