"""Tracker commands: ingest, items …, review, todo, remind.

Each command opens the store, makes one library call (tracker.*), and renders.
"""
from __future__ import annotations

import contextlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from minutes.cli.app import app, db_path, fail, guard
from minutes.cli.options import DbOption
from minutes.errors import BadInput

items_app = typer.Typer(
    help="审阅与跟踪行动项 / Review and track the stored action items.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(items_app, name="items")

ByOption = Annotated[Optional[str], typer.Option("--by", help="Who makes the change (default: $MINUTES_USER, else the OS user).")]
ReasonOption = Annotated[Optional[str], typer.Option("--reason", help="Why (kept in the item's history).")]
TodayOption = Annotated[Optional[str], typer.Option("--today", help="Day to compute due_soon/overdue/escalate/stale for (YYYY-MM-DD, default today).")]
ItemId = Annotated[str, typer.Argument(help="Tracker item id (the # column).")]


def _today(text: Optional[str]) -> date:
    from tracker.dates import parse_day

    return parse_day(text, "--today") if text else date.today()


def _console():
    from rich.console import Console

    return Console(highlight=False)


@contextlib.contextmanager
def _store(db: Optional[Path], create: bool = False):
    from tracker.store import open_store

    with open_store(db_path(db), create=create) as store:
        if store.notice:
            typer.echo(f"minutes: note: {store.notice}", err=True)
        yield store


def _by(by: Optional[str]) -> str:
    from tracker.identity import reviewer

    return reviewer(by)


def _print_item(item, message: str) -> None:
    from tracker.views import items_table

    typer.echo(message)
    _console().print(items_table([item]))


@app.command("ingest")
@guard
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Minutes files (.docx, .md, .txt); - reads pasted text from stdin.")],
    roster: Annotated[Optional[Path], typer.Option("--roster", help="Import this roster (CSV/XLSX) first.")] = None,
    meeting_date: Annotated[Optional[str], typer.Option("--meeting-date", help="Meeting date (YYYY-MM-DD), as for `minutes extract`.")] = None,
    uploaded_at: Annotated[Optional[str], typer.Option("--uploaded-at", help="When the minutes were uploaded (YYYY-MM-DDTHH:MM, default now); decides late_upload.")] = None,
    fail_on_flags: Annotated[bool, typer.Option("--fail-on-flags", help="Exit 1 when any stored item or meeting is flagged.")] = False,
    db: DbOption = None,
) -> None:
    """抽取纪要并入库 / Extract minutes and store them; re-ingesting updates the meeting and keeps corrections.

    A meeting is recognised by its content or by title + date. It is flagged
    late_upload when first ingested more than 2 h after it ended (its end time;
    else its start + 2 h; else the end of the meeting day). Flagged items are
    printed so the note-taker sees at once what to fix.

    \b
    Examples:
      minutes ingest 周会纪要.docx
      minutes ingest 纪要/*.md --roster corpora/roster.csv
      pbpaste | minutes ingest -
    """
    from tracker.dates import parse_day, parse_moment
    from tracker.ingest import ingest_files
    from tracker.views import print_ingest

    day = parse_day(meeting_date, "--meeting-date") if meeting_date else None
    moment = parse_moment(uploaded_at, "--uploaded-at") if uploaded_at else None
    pasted = sys.stdin.buffer.read() if any(str(f) == "-" for f in files) else None
    for path in [*(f for f in files if str(f) != "-"), *([roster] if roster else [])]:
        if not path.is_file():  # before the database is created or touched
            raise BadInput("file not found" if not path.exists() else "not a file", path=str(path))
    console = _console()
    with _store(db, create=True) as store:
        if len(files) > 1 and sys.stdout.isatty():
            from rich.progress import Progress

            with Progress(console=console, transient=True) as bar:
                task = bar.add_task("extracting", total=len(files))
                results = ingest_files(store, files, roster_path=roster, meeting_date=day, uploaded_at=moment,
                                       progress=lambda _path: bar.advance(task), stdin=pasted)
        else:
            results = ingest_files(store, files, roster_path=roster, meeting_date=day, uploaded_at=moment,
                                   stdin=pasted)
    print_ingest(console, results)
    if fail_on_flags and any(r.flags or r.flagged for r in results):
        raise typer.Exit(1)


@items_app.command("list")
@guard
def items_list(
    owner: Annotated[Optional[str], typer.Option("--owner", help="Owner name or alias, e.g. 张伟.")] = None,
    department: Annotated[Optional[str], typer.Option("--department", help="Owner's department, e.g. 设计部.")] = None,
    meeting: Annotated[Optional[str], typer.Option("--meeting", help="Meeting id or title.")] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="待开始|进行中|已完成|受阻|延期|已取消, or open / closed.")] = None,
    flag: Annotated[Optional[str], typer.Option("--flag", help="A flag, e.g. vague_deadline, overdue, escalate.")] = None,
    due_before: Annotated[Optional[str], typer.Option("--due-before", help="Due on or before this day (YYYY-MM-DD).")] = None,
    due_after: Annotated[Optional[str], typer.Option("--due-after", help="Due on or after this day (YYYY-MM-DD).")] = None,
    review: Annotated[str, typer.Option("--review", help="visible (default) | all | pending | accepted | rejected | merged | split")] = "visible",
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
    today: TodayOption = None,
    db: DbOption = None,
) -> None:
    """列出行动项 / List action items.

    \b
    Examples:
      minutes items list --owner 王芳 --status open
      minutes items list --flag overdue --today 2024-07-20 --format json
    """
    from tracker.dates import parse_day
    from tracker.queries import ItemFilter, list_items

    if fmt not in ("table", "json", "csv"):
        raise BadInput(f"unknown format '{fmt}' (expected table|json|csv)")
    filters = ItemFilter(
        owner=owner, department=department, meeting=meeting, status=status, flag=flag, review=review,
        due_before=parse_day(due_before, "--due-before") if due_before else None,
        due_after=parse_day(due_after, "--due-after") if due_after else None,
    )
    day = _today(today)
    with _store(db) as store:
        items = list_items(store, filters, day)
    if fmt == "json":
        typer.echo(json.dumps([i.to_dict() for i in items], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from tracker.todo_render import csv_text

        typer.echo(csv_text(items), nl=False)
    else:
        from tracker.views import items_table

        _console().print(items_table(items, title=f"{len(items)} item(s)"))


@items_app.command("show")
@guard
def items_show(item_id: ItemId, today: TodayOption = None, db: DbOption = None) -> None:
    """查看单个行动项及其修改历史 / Show one item with its suggestions and history.

    \b
    Example:
      minutes items show 12
    """
    from tracker.queries import item_detail
    from tracker.views import print_detail

    with _store(db) as store:
        detail = item_detail(store, item_id, _today(today))
    print_detail(_console(), detail)


@items_app.command("edit")
@guard
def items_edit(
    item_id: ItemId,
    owner: Annotated[Optional[str], typer.Option("--owner", help="Roster name or alias; the mention is learned as an alias.")] = None,
    due: Annotated[Optional[str], typer.Option("--due", help="YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.")] = None,
    deliverable: Annotated[Optional[str], typer.Option("--deliverable", help="交付成果 ('' clears it).")] = None,
    task: Annotated[Optional[str], typer.Option("--task", help="任务描述.")] = None,
    reason: ReasonOption = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """修改行动项 / Correct an item; the correction survives later re-ingests.

    \b
    Example:
      minutes items edit 12 --owner 王芳 --due 2024-07-19 --reason "会后确认"
    """
    from tracker.review import edit_item

    with _store(db) as store:
        item = edit_item(store, item_id, owner=owner, due=due, deliverable=deliverable, task=task,
                         reason=reason, by=_by(by))
    _print_item(item, f"item #{item.id} corrected")


@items_app.command("accept")
@guard
def items_accept(item_id: ItemId, reason: ReasonOption = None, by: ByOption = None, db: DbOption = None) -> None:
    """确认行动项 / Mark an item reviewed and correct as it stands.

    \b
    Example:
      minutes items accept 12
    """
    from tracker.review import accept_item

    with _store(db) as store:
        item = accept_item(store, item_id, by=_by(by), reason=reason)
    typer.echo(f"item #{item.id} accepted")


@items_app.command("reject")
@guard
def items_reject(item_id: ItemId, reason: ReasonOption = None, by: ByOption = None, db: DbOption = None) -> None:
    """驳回（不是行动项）/ Reject an item; it stays hidden after re-ingests.

    \b
    Example:
      minutes items reject 13 --reason "只是背景介绍"
    """
    from tracker.review import reject_item

    with _store(db) as store:
        item = reject_item(store, item_id, by=_by(by), reason=reason)
    typer.echo(f"item #{item.id} rejected")


@items_app.command("add")
@guard
def items_add(
    meeting: Annotated[str, typer.Option("--meeting", help="Meeting id or title.")],
    task: Annotated[str, typer.Option("--task", help="任务描述.")],
    owner: Annotated[Optional[str], typer.Option("--owner", help="Roster name or alias.")] = None,
    due: Annotated[Optional[str], typer.Option("--due", help="YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.")] = None,
    deliverable: Annotated[Optional[str], typer.Option("--deliverable", help="交付成果.")] = None,
    reason: ReasonOption = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """补充遗漏的行动项 / Add an item the extraction missed.

    \b
    Example:
      minutes items add --meeting 3 --task "整理报价单" --owner 李强 --due 2024-07-20
    """
    from tracker.review import add_item

    with _store(db) as store:
        item = add_item(store, meeting, task=task, owner=owner, due=due, deliverable=deliverable,
                        reason=reason, by=_by(by))
    _print_item(item, f"item #{item.id} added")


@items_app.command("merge")
@guard
def items_merge(
    ids: Annotated[list[str], typer.Argument(help="Item ids; the first one is kept.")],
    task: Annotated[Optional[str], typer.Option("--task", help="New task text for the merged item.")] = None,
    reason: ReasonOption = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """合并重复的行动项 / Merge duplicate items into the first id.

    \b
    Example:
      minutes items merge 12 15
    """
    from tracker.review import merge_items

    with _store(db) as store:
        item = merge_items(store, ids, task=task, reason=reason, by=_by(by))
    _print_item(item, f"merged {', '.join('#' + str(i) for i in ids[1:])} into #{item.id}")


@items_app.command("split")
@guard
def items_split(
    item_id: ItemId,
    tasks: Annotated[list[str], typer.Option("--task", help="One task per new item (give it twice or more).")],
    reason: ReasonOption = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """拆分行动项 / Split one item into several.

    \b
    Example:
      minutes items split 12 --task "完成主视觉初稿" --task "完成海报延展"
    """
    from tracker.review import split_item
    from tracker.views import items_table

    with _store(db) as store:
        items = split_item(store, item_id, tasks, reason=reason, by=_by(by))
    typer.echo(f"item #{item_id} split into {', '.join('#' + str(i.id) for i in items)}")
    _console().print(items_table(items))


@items_app.command("update")
@guard
def items_update(
    item_id: ItemId,
    status: Annotated[Optional[str], typer.Option("--status", help="待开始|进行中|已完成|受阻|延期|已取消")] = None,
    progress: Annotated[Optional[int], typer.Option("--progress", help="0-100.")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Progress note.")] = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """更新进度 / Record progress (kept as history; resets the 3-day stale clock).

    \b
    Example:
      minutes items update 12 --status 进行中 --progress 40 --note "初稿已完成两版"
    """
    from tracker.status import update_status

    with _store(db) as store:
        item = update_status(store, item_id, status=status, progress=progress, note=note, by=_by(by))
    typer.echo(f"item #{item.id}: {item.status} {item.progress}%")


@app.command("review")
@guard
def review_meeting(
    meeting: Annotated[str, typer.Argument(help="Meeting id or title.")],
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """逐条审阅有问题的行动项 / Walk a meeting's flagged items interactively (needs a terminal).

    \b
    Example:
      minutes review 3 --by 何佳
    """
    from tracker.review_walk import walk
    from tracker.views import RichPrompter

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise fail("review is interactive and needs a terminal; use `minutes items edit|accept|reject` in scripts")
    console = _console()
    with _store(db) as store:
        summary = walk(store, meeting, RichPrompter(console), by=_by(by))
    console.print(f"{summary.meeting.label}: {summary.total} flagged — {summary.accepted} accepted, "
                  f"{summary.edited} edited, {summary.rejected} rejected, {summary.skipped} skipped", markup=False)


@app.command("todo")
@guard
def todo(
    owner: Annotated[Optional[str], typer.Option("--owner", help="One owner's list (name or alias).")] = None,
    all_owners: Annotated[bool, typer.Option("--all", help="A list for every owner (one file each with --out).")] = False,
    fmt: Annotated[str, typer.Option("--format", help="md | ics | xlsx | csv")] = "md",
    out: Annotated[Optional[Path], typer.Option("--out", help="Folder to write one file per owner into.")] = None,
    today: TodayOption = None,
    db: DbOption = None,
) -> None:
    """待办清单（按截止日期分组）/ To-do lists of open items, grouped by due date.

    \b
    Examples:
      minutes todo --owner 张伟
      minutes todo --all --format ics --out 待办/
      minutes todo --all --format xlsx --out 待办/
    """
    from tracker.todo import FORMATS, render_text, todo_lists, write_files

    if bool(owner) == bool(all_owners):
        raise BadInput("give --owner NAME or --all")
    if fmt not in FORMATS:
        raise BadInput(f"unknown format '{fmt}' (expected {'|'.join(FORMATS)})")
    if out is None and (fmt == "xlsx" or (fmt == "ics" and all_owners)):
        raise BadInput(f"--format {fmt} writes files: give --out DIR")
    day = _today(today)
    with _store(db) as store:
        lists = todo_lists(store, owner=owner, today=day)
        if out is None:
            typer.echo(render_text(lists, fmt, day, store=store), nl=False)
            return
        written = write_files(store, lists, fmt, out, day)
    for path in written:
        typer.echo(str(path))


@app.command("remind")
@guard
def remind(
    today: TodayOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Exit 1 if any item is due_soon | overdue | escalate | stale.")] = None,
    db: DbOption = None,
) -> None:
    """到期、逾期与升级提醒 / Due-soon, overdue and escalation lists per owner and organising department.

    \b
    Example:
      minutes remind --today 2024-07-20
    """
    from tracker.remind import KINDS, reminders

    if fmt not in ("text", "json"):
        raise BadInput(f"unknown format '{fmt}' (expected text|json)")
    if fail_on and fail_on not in KINDS:
        raise BadInput(f"unknown --fail-on '{fail_on}' (expected {'|'.join(KINDS)})")
    with _store(db) as store:
        rem = reminders(store, _today(today))
    if fmt == "json":
        typer.echo(json.dumps(rem.to_dict(), ensure_ascii=False, indent=2))
    else:
        from tracker.views import print_reminders

        print_reminders(_console(), rem)
    if fail_on and any(getattr(b, fail_on) for b in rem.owners):
        raise typer.Exit(1)
