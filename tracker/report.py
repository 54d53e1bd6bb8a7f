"""The quarterly review (高频问题分析): recurring issues and execution health, as plain data.

Problems of the quarter and of the one before are grouped together, so an issue
gets the same group in both and can be called new, persisting or gone. An issue
is recurring when it comes up in at least `MIN_MEETINGS` different meetings of
the quarter. Rendering is tracker.report_render's job.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Optional

from tracker import recurring, report_problems
from tracker.quarters import Quarter
from tracker.recurring import Group
from tracker.report_health import Health, health
from tracker.report_problems import Problem
from tracker.store import Store

MIN_MEETINGS = 2
EXAMPLES = 3


@dataclass(frozen=True)
class Mention:
    """One quoted sentence and where it was said."""

    text: str
    kind: str
    source: str  # topic | discussion | consensus | disagreement | status
    meeting_title: Optional[str]
    meeting_date: str
    seen: str
    line: Optional[int] = None
    context: Optional[str] = None  # the blocked task, for a status note
    item_id: Optional[int] = None


@dataclass(frozen=True)
class Issue:
    label: str
    terms: tuple[str, ...]
    kinds: tuple[str, ...]
    mentions: int
    meetings: tuple[tuple[int, Optional[str], str], ...]  # (id, title, date)
    departments: tuple[tuple[str, int], ...]  # (department, mentions)
    first_seen: str
    last_seen: str
    examples: tuple[Mention, ...]
    trend: str  # new | persisting | gone
    previous_mentions: int = 0
    previous_meetings: int = 0


@dataclass(frozen=True)
class Recurring:
    issues: tuple[Issue, ...]  # recurring problems of the quarter
    topics: tuple[Issue, ...]  # topics that keep coming back without a problem cue
    gone: tuple[Issue, ...]  # recurring last quarter, not raised this quarter
    problems: int  # problem mentions in the quarter
    single: int  # issues raised in one meeting only

    @property
    def new(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.trend == "new")

    @property
    def persisting(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.trend == "persisting")


@dataclass(frozen=True)
class Report:
    quarter: Quarter
    as_of: date
    meetings: int
    undated_meetings: int  # in the tracker but without a date: in no quarter
    items: int
    recurring: Recurring
    health: Health

    @property
    def empty(self) -> bool:
        return self.meetings == 0


def _part(group: Group, keep) -> Optional[Group]:
    """The group restricted to the problems `keep` accepts (None when none)."""
    chosen = [n for n, p in enumerate(group.problems) if keep(p)]
    if not chosen:
        return None
    problems = tuple(group.problems[n] for n in chosen)
    centrality = tuple(group.centrality[n] for n in chosen)
    label = max(zip(problems, centrality), key=lambda pc: (round(pc[1], 2), -len(pc[0].text)))[0].text
    return dataclasses.replace(group, problems=problems, centrality=centrality,
                               label=group.label if group.label in {p.text for p in problems} else label)


def _mention(p: Problem, lines: dict) -> Mention:
    return Mention(text=p.text, kind=p.kind, source=p.source, meeting_title=p.meeting_title,
                   meeting_date=p.meeting_date, seen=p.seen, line=p.line or lines.get((p.meeting_id, p.text)),
                   context=p.context, item_id=p.item_id)


def _issue(group: Group, trend: str, previous: Optional[Group], lines: dict) -> Issue:
    return Issue(
        label=group.label, terms=group.terms, kinds=group.kinds, mentions=group.count, meetings=group.meetings,
        departments=group.departments, first_seen=group.first_seen, last_seen=group.last_seen,
        examples=tuple(_mention(p, lines) for p in group.examples(EXAMPLES)), trend=trend,
        previous_mentions=previous.count if previous else 0,
        previous_meetings=len(previous.meetings) if previous else 0,
    )


def _topic_only(issue: Issue) -> bool:
    """Topic titles with no problem said about them: a recurring subject, not a recurring issue."""
    return set(issue.kinds) == {"topic"}


def recurring_issues(store: Store, quarter: Quarter, *, find_lines: bool = True) -> Recurring:
    vocab = report_problems.vocabulary(store)
    previous = quarter.previous
    problems = report_problems.collect(store, previous.start, quarter.end, vocab)
    named = {d for p in problems for d in p.departments}  # includes departments only the text names
    groups = recurring.group_problems(problems, (*vocab.departments, *named, *vocab.people))
    now_start, prev_end = quarter.start.isoformat(), previous.end.isoformat()
    current, gone, single = [], [], 0
    for group in groups:
        this = _part(group, lambda p: p.seen >= now_start)
        before = _part(group, lambda p: p.seen <= prev_end)
        if this is not None and len(this.meetings) >= MIN_MEETINGS:
            current.append((this, "persisting" if before else "new", before))
        elif this is not None:
            single += 1
        elif before is not None and len(before.meetings) >= MIN_MEETINGS:
            gone.append((before, "gone", None))
    lines: dict = {}
    if find_lines:
        from tracker.report_lines import find_lines as locate

        wanted = [(p.meeting_id, p.text) for g, _t, _b in current + gone for p in g.examples(EXAMPLES)
                  if p.line is None]
        lines = locate(store, wanted)
    issues = [_issue(g, t, b, lines) for g, t, b in current]
    gone_issues = [_issue(g, t, b, lines) for g, t, b in gone]
    return Recurring(
        issues=tuple(i for i in issues if not _topic_only(i)),
        topics=tuple(i for i in issues if _topic_only(i)),
        gone=tuple(i for i in gone_issues if not _topic_only(i)),
        problems=sum(1 for p in problems if p.seen >= now_start),
        single=single,
    )


def quarterly_report(store: Store, quarter: Quarter, as_of: Optional[date] = None, *,
                     find_lines: bool = True) -> Report:
    """Everything `minutes report` shows for `quarter`, counted as things stood on `as_of` (default today)."""
    as_of = as_of or date.today()
    span = [quarter.start.isoformat(), quarter.end.isoformat()]
    meetings = store.db.execute("SELECT COUNT(*) FROM meetings WHERE date BETWEEN ? AND ?", span).fetchone()[0]
    undated = store.db.execute("SELECT COUNT(*) FROM meetings WHERE date IS NULL OR date = ''").fetchone()[0]
    items = store.db.execute(
        "SELECT COUNT(*) FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE m.date BETWEEN ? AND ? "
        "AND i.review IN ('pending', 'accepted')", span).fetchone()[0]
    if meetings == 0:
        empty = Recurring(issues=(), topics=(), gone=(), problems=0, single=0)
        return Report(quarter, as_of, 0, undated, 0, empty, health(store, quarter, as_of))
    return Report(
        quarter=quarter, as_of=as_of, meetings=meetings, undated_meetings=undated, items=items,
        recurring=recurring_issues(store, quarter, find_lines=find_lines),
        health=health(store, quarter, as_of),
    )
