"""`minutes report`: the quarterly review of recurring issues and execution health."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from minutes.cli.app import app, db_path, guard
from minutes.errors import BadInput

REPORT_HELP = """季度高频问题分析与执行情况报告 / Quarterly report of recurring issues and execution health.

Groups the quarter's problems, blockers, risks and disagreements across
meetings (however differently worded), compares them with the previous
quarter (new / persisting / gone), and counts how the action items went: done,
overdue, escalated, on-time rate and days to close per department and owner,
plus how often each recorder's minutes left owners or deadlines vague and were
uploaded late. Markdown goes to stdout (for pasting into chat); --format html
writes a self-contained page with charts (nothing is fetched when viewed).

\b
示例 / Examples:
  minutes report --quarter 2024Q3
  minutes report --quarter 2024年第三季度 --format html --out 2024Q3报告.html
  minutes report --quarter 24Q3 --today 2024-10-08 --db 纪要.db
"""


@app.command("report", help=REPORT_HELP)
@guard
def report(
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="季度：2024Q3、2024-Q3、2024 Q3、2024年Q3、2024年第三季度、24Q3")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="md | html")] = "md",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="写入文件（默认输出到标准输出）")] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="统计截至哪一天 YYYY-MM-DD（默认今天）")] = None,
    db: Annotated[Optional[Path], typer.Option(
        "--db", help="Tracker database (default: $MINUTES_DB, else ./minutes.db).")] = None,
) -> None:
    from tracker.dates import parse_day
    from tracker.quarters import parse_quarter
    from tracker.report import quarterly_report
    from tracker.report_render import FORMATS, render
    from tracker.store import open_store

    which = parse_quarter(quarter)
    if fmt not in FORMATS:
        raise BadInput(f"unknown format '{fmt}' (expected {'|'.join(FORMATS)})")
    if out is not None and out.is_dir():
        raise BadInput("--out names a folder; give a file name", path=str(out))
    as_of = parse_day(today, "--today") if today else None
    with open_store(db_path(db)) as store:
        if store.notice:
            typer.echo(f"minutes: note: {store.notice}", err=True)
        result = quarterly_report(store, which, as_of)
    text = render(result, fmt)
    if out is None:
        typer.echo(text, nl=False)
    else:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise BadInput(f"cannot write report: {exc.strerror}", path=str(out)) from None
        if result.empty:
            from tracker.report_render import empty_message

            typer.echo(empty_message(result))
        typer.echo(f"{which.label}: report written to {out}")
