"""`minutes eval`: score extraction against a gold-annotated corpus."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from minutes.cli.app import app, fail, guard

EVAL_HELP = """给标注语料打分 / Score extraction against gold annotations.

Walks CORPUS_DIR for *.gold.json files, extracts each annotated document with its
roster and compares the action items with the gold ones.

Examples:

  minutes eval corpora

  minutes eval corpora --json > scores.json

  minutes eval corpora --fail-under 0.8
"""


def _extractor() -> tuple[Callable[[Path, Any], dict], Callable[[Path], Any]]:
    """The pipeline and roster loader, imported only when eval runs."""
    from extract.roster import load_roster
    from minutes.pipeline import extract_path

    return (lambda path, roster: extract_path(path, roster=roster)), load_roster


@app.command("eval", help=EVAL_HELP)
@guard
def eval_command(
    corpus_dir: Annotated[Path, typer.Argument(metavar="CORPUS_DIR", help="目录，含 NAME.EXT 与 NAME.gold.json / folder of gold-annotated minutes")],
    as_json: Annotated[bool, typer.Option("--json", help="输出一个 JSON 对象 / print one JSON object")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="输出 Markdown 表格（用于 README）/ print Markdown tables")] = False,
    fail_under: Annotated[Optional[float], typer.Option(
        "--fail-under", min=0.0, max=1.0, metavar="F1",
        help="条目 F1 低于该值时退出码为 1 / exit 1 when item F1 is below F1")] = None,
) -> None:
    from extract.evaluate import evaluate_corpus

    extract, load_roster = _extractor()
    report = evaluate_corpus(corpus_dir, extract, load_roster)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    elif markdown:
        typer.echo(markdown_tables(report))
    else:
        render(report)
    f1 = report["overall"]["f1"]
    if fail_under is not None and f1 is not None and f1 < fail_under:
        raise fail(f"item F1 {f1:.3f} is below --fail-under {fail_under:.3f}", code=1)


MISS_SECTIONS = (
    ("error", "documents the pipeline failed on"),
    ("missed", "missed gold items"),
    ("spurious", "spurious predicted items"),
    ("owner", "wrong owners"),
    ("deadline", "wrong deadlines"),
    ("meeting_date", "wrong meeting dates"),
    ("non_item", "non-items extracted"),
)


def markdown_tables(report: dict) -> str:
    """The per-kind and per-flag scores as Markdown, for pasting into the README."""
    head = ("| kind | docs | gold | pred | P | R | F1 | owner acc | deadline acc | vague_deadline F1 | non-items wrong |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|")
    rows = [head]
    kinds = sorted(report["per_kind"].items()) + [("**all**", report["overall"])]
    for name, m in kinds:
        rows.append(f"| {name} | {m['docs']} | {m['gold_items']} | {m['pred_items']} | {_pct(m['precision'])} | "
                    f"{_pct(m['recall'])} | {_pct(m['f1'])} | {_pct(m['owner_accuracy'])} | "
                    f"{_pct(m['deadline_accuracy'])} | {_pct(m['vague_deadline_f1'])} | "
                    f"{m['non_items_wrong']}/{m['non_items']} |")
    rows += ["", "| flag | tp | fp | fn | P | R | F1 |", "|---|---|---|---|---|---|---|"]
    for flag, m in sorted(report["per_flag"].items()):
        rows.append(f"| {flag} | {m['tp']} | {m['fp']} | {m['fn']} | {_pct(m['precision'])} | "
                    f"{_pct(m['recall'])} | {_pct(m['f1'])} |")
    return "\n".join(rows)


def _pct(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.3f}"


def render(report: dict) -> None:
    """Per-kind table, per-flag table, then the misses."""
    from rich.console import Console
    from rich.table import Table

    from extract.evaluate import describe_miss

    console = Console(highlight=False)
    if not console.is_terminal:  # logs and pipes: keep the 13-column table on one line per row
        console = Console(highlight=False, width=max(console.width, 160))
    kinds = Table(title="Action items by kind")
    for column in ("kind", "docs", "gold items", "pred items", "P", "R", "F1", "owner acc",
                   "deadline acc", "vague_deadline F1", "date acc", "non-items wrong", "errors"):
        kinds.add_column(column, justify="left" if column == "kind" else "right")

    def row(name: str, m: dict, **style: Any) -> None:
        kinds.add_row(name, str(m["docs"]), str(m["gold_items"]), str(m["pred_items"]),
                      _pct(m["precision"]), _pct(m["recall"]), _pct(m["f1"]),
                      _pct(m["owner_accuracy"]), _pct(m["deadline_accuracy"]), _pct(m["vague_deadline_f1"]),
                      _pct(m["meeting_date_accuracy"]), f"{m['non_items_wrong']}/{m['non_items']}",
                      str(m["errors"]), **style)

    for kind, m in report["per_kind"].items():
        row(kind, m)
    kinds.add_section()
    row("all", report["overall"], style="bold")
    console.print(kinds)

    flags = Table(title="Item flags (matched pairs only)")
    for column in ("flag", "tp", "fp", "fn", "P", "R", "F1"):
        flags.add_column(column, justify="left" if column == "flag" else "right")
    for flag, s in report["per_flag"].items():
        flags.add_row(flag, str(s["tp"]), str(s["fp"]), str(s["fn"]),
                      _pct(s["precision"]), _pct(s["recall"]), _pct(s["f1"]))
    console.print(flags)

    misses = report["misses"]
    console.print(f"Misses ({len(misses)})", style="bold")
    for kind, title in MISS_SECTIONS:
        group = [m for m in misses if m["type"] == kind]
        if group:
            console.print(f"{title} ({len(group)}):", markup=False)
            for miss in group:
                console.print("  " + describe_miss(miss), markup=False)
