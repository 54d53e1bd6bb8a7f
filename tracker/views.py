"""Rich renderings of tracker results for the terminal (the CLI's output side)."""
from __future__ import annotations

from typing import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.records import Item, ItemDetail, PersonRow
from tracker.rules import labels


def _short(text: str | None, width: int = 40) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def due_text(item: Item) -> str:
    if item.due_date:
        return " ".join(p for p in (item.due_date, item.due_time) if p)
    if item.deadline_suggested:
        return f"({item.deadline_mention or '?'} ≈ {item.deadline_suggested})"
    return f"({item.deadline_mention})" if item.deadline_mention else "-"


def owner_text(item: Item) -> str:
    if item.owner_name:
        return item.owner_name
    return f"({item.owner_mention})" if item.owner_mention else "-"


def _cells(*values) -> list[Text]:
    """Plain text cells: item text like "[待定]" must not be read as rich markup."""
    return [Text(str(v)) for v in values]


def items_table(items: Iterable[Item], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for name in ("#", "会议", "任务", "负责人", "截止", "状态", "标记"):
        table.add_column(name, overflow="fold")
    for item in items:
        table.add_row(*_cells(
            item.id, f"{item.meeting_id}/{item.ext_id or '-'}", _short(item.task), owner_text(item),
            due_text(item), f"{item.status} {item.progress}%", ", ".join(item.all_flags),
        ))
    return table


def print_ingest(console: Console, results) -> None:
    for r in results:
        label = " ".join(p for p in (r.date, r.title) if p) or "(untitled)"
        counts = {"created": f"{r.added} items", "unchanged": "no change"}.get(
            r.action, f"{r.added} new, {r.updated} updated, {r.unchanged} unchanged, {r.removed} removed"
            + (f", {r.orphaned} kept (gone from the file)" if r.orphaned else ""))
        console.print(f"meeting #{r.meeting_id} {label} — {r.action}: {counts}  [{r.path}]", markup=False)
        if r.flags:
            console.print("  meeting flags: " + ", ".join(r.flags), markup=False)
        if r.flagged:
            console.print(items_table(r.flagged, title=f"{len(r.flagged)} item(s) to fix"))


def print_detail(console: Console, detail: ItemDetail) -> None:
    item = detail.item
    rows = [
        ("编号", f"#{item.id} ({item.ext_id or '-'}, {item.origin}, {item.review})"),
        ("会议", f"#{detail.meeting.id} {detail.meeting.label}"),
        ("议题", item.topic or "-"),
        ("任务", item.task),
        ("负责人", f"{owner_text(item)}  [{item.owner_match or '-'}; 原文: {item.owner_mention or '-'}]"
                   + (f"  候选: {', '.join(item.owner_candidates)}" if item.owner_candidates else "")),
        ("部门", item.owner_department or "-"),
        ("截止", f"{due_text(item)}  [原文: {item.deadline_mention or '-'}]"),
        ("交付成果", item.deliverable or "-"),
        ("状态", f"{item.status} {item.progress}%"),
        ("标记", ", ".join(f"{f} ({labels().flag(f)})" for f in item.all_flags) or "-"),
        ("原文", f"{item.source_text or '-'}" + (f"  (line {item.source_line})" if item.source_line else "")),
    ]
    for field, proposal in item.suggestions.items():
        rows.append((f"建议·{field}", ", ".join(f"{k}={v}" for k, v in proposal.items())))
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key, value in rows:
        table.add_row(*_cells(key, value))
    console.print(table)
    if detail.history:
        history = Table(title="历史")
        for name in ("时间", "谁", "字段", "原值", "新值", "原因/备注"):
            history.add_column(name, overflow="fold")
        for h in detail.history:
            history.add_row(*_cells(h.at, h.author, h.field, h.old or "", h.new or "", h.note or ""))
        console.print(history)


def people_table(rows: Iterable[PersonRow]) -> Table:
    table = Table()
    for name in ("姓名", "部门", "职位", "别名", "学到的别名", "邮箱"):
        table.add_column(name, overflow="fold")
    for p in rows:
        table.add_row(*_cells(p.name, p.department or "", p.title or "", ", ".join(p.aliases),
                              ", ".join(p.learned), p.email or ""))
    return table


def print_reminders(console: Console, rem) -> None:
    heads = labels().headings
    if rem.empty:
        console.print(f"{rem.today.isoformat()}: 没有需要提醒的事项。")
        return
    console.print(f"# 提醒 {rem.today.isoformat()}", markup=False)
    for title, buckets, none_label, by_owner in (("按负责人", rem.owners, heads["no_owner"], True),
                                                 ("按组织部门", rem.departments, heads["no_department"], False)):
        console.print(f"\n## {title}", markup=False)
        for bucket in buckets:
            console.print(f"\n### {bucket.name or none_label}", markup=False)
            for kind in ("escalate", "overdue", "due_soon", "stale"):
                items = getattr(bucket, kind, ())
                if not items:
                    continue
                console.print(f"- {heads[kind]}（{len(items)}）", markup=False)
                for item in items:
                    who = "" if by_owner else f" · {owner_text(item)}"
                    console.print(f"  - #{item.id} {_short(item.task, 60)} · 截止 {due_text(item)}{who}"
                                  f" · {item.meeting_date or ''} {item.meeting_title or ''}".rstrip(), markup=False)


class RichPrompter:
    """tracker.review_walk's Prompter on a terminal, with rich prompts."""

    def __init__(self, console):
        self.console = console

    def show(self, item, position, total):
        self.console.rule(Text(f"{position}/{total}"))
        self.console.print(items_table([item]))
        if item.source_text:
            self.console.print(f"原文: {item.source_text}", markup=False)

    def choose(self, question, choices, default):
        from rich.prompt import Prompt

        hint = " ".join(f"{k}={v}" for k, v in choices.items())
        return Prompt.ask(f"{question} ({hint})", choices=list(choices), default=default, console=self.console)

    def text(self, question, default):
        from rich.prompt import Prompt

        answer = Prompt.ask(question, default=default or "", console=self.console)
        return answer.strip() or None

    def say(self, message):
        self.console.print(message, markup=False)
