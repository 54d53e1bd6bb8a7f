"""`minutes extract`: parse and extract one document, write nothing."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from typing import Annotated

from minutes.cli.app import app, guard
from minutes.cli.options import parse_day
from minutes.errors import BadInput

EXTRACT_HELP = """解析一份会议纪要并抽取行动项（不写入数据库）。

\b
示例 / Examples:
  minutes extract 周会纪要.docx --roster 花名册.csv
  minutes extract 纪要.md --format table
  pbpaste | minutes extract - --meeting-date 2024-07-10
  minutes extract 群聊记录.txt --format json > items.json
"""


@app.command("extract", help=EXTRACT_HELP)
@guard
def extract(
    file: Annotated[str, typer.Argument(help="纪要文件（.docx/.md/.txt），或 - 从标准输入读取粘贴文本")],
    roster: Annotated[Optional[Path], typer.Option("--roster", "-r", help="员工名册 CSV / XLSX")] = None,
    meeting_date: Annotated[Optional[str], typer.Option("--meeting-date", help="会议日期 YYYY-MM-DD（覆盖文中日期）")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | table | md")] = "table",
) -> None:
    from minutes.pipeline import extract_path

    if fmt not in ("json", "table", "md"):
        raise BadInput(f"--format must be json, table or md, not {fmt!r}")
    day = parse_day(meeting_date, "--meeting-date")
    stdin = sys.stdin.buffer.read() if file == "-" else None
    result = extract_path(file, roster=roster, meeting_date=day, stdin=stdin)
    if fmt == "json":
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "md":
        from minutes.render import to_markdown

        typer.echo(to_markdown(result), nl=False)
    else:
        from minutes.render import print_table

        print_table(result)
