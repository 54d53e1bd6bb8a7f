"""`minutes deadline`: resolve deadline expressions relative to a meeting date."""
from __future__ import annotations

import json
import sys
from datetime import date
from typing import Annotated, Optional

import typer

from minutes.cli.app import app, guard
from minutes.cli.options import parse_day

HELP = """解析截止时间表达式（相对会议日期）/ Resolve deadline expressions against the meeting date.

\b
示例 Examples:
  minutes deadline 下周五下班前 --ref 2024-07-10
      下周五下班前 → 2024-07-19 18:00
  minutes deadline "3个工作日内" --ref 2024-09-27 --json
      {"text": "3个工作日内", "date": "2024-10-08", "time": null, "vague": false, "suggested": null}
  minutes deadline 本周内 --ref 2024-07-10
      本周内 → 模糊 vague（建议 suggested 2024-07-12）
  printf '尽快\\n月底前\\n国庆前\\n' | minutes deadline --ref 2024-07-10
      one JSON object per input line

Without TEXT, reads one expression per stdin line and prints one JSON object per line.
"""


def as_record(text: str, ref: date) -> dict:
    from extract.deadlines import resolve

    found = resolve(text, ref)
    return {
        "text": text,
        "date": found.date.isoformat() if found.date else None,
        "time": found.time,
        "vague": found.vague,
        "suggested": found.suggested.isoformat() if found.suggested else None,
    }


def as_line(record: dict) -> str:
    if record["date"]:
        when = record["date"] + (f" {record['time']}" if record["time"] else "")
    elif record["vague"]:
        when = "模糊 vague" + (f"（建议 suggested {record['suggested']}）" if record["suggested"] else "")
    else:
        when = "未识别 no date"
    return f"{record['text']} → {when}"


@app.command("deadline", help=HELP)
@guard
def deadline(
    text: Annotated[Optional[str], typer.Argument(help="截止时间表达式，如 '下周五下班前'; omit to read stdin lines")] = None,
    ref: Annotated[Optional[str], typer.Option("--ref", help="会议日期 meeting date YYYY-MM-DD (default: today)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    meeting = parse_day(ref, "--ref") or date.today()
    if text is not None:
        record = as_record(text, meeting)
        typer.echo(json.dumps(record, ensure_ascii=False) if as_json else as_line(record))
        return
    for line in sys.stdin:
        typer.echo(json.dumps(as_record(line.rstrip("\r\n"), meeting), ensure_ascii=False))
