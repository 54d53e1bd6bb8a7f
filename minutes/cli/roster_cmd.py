"""`minutes roster import|list`: the tracker's people table is the roster of record."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from minutes.cli.app import app, db_path, guard
from minutes.cli.options import DbOption
from minutes.errors import BadInput

roster_app = typer.Typer(
    help="名册（人员与别名）/ The staff roster kept in the tracker.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(roster_app, name="roster")



@roster_app.command("import")
@guard
def roster_import(
    file: Annotated[Path, typer.Argument(help="Roster CSV or XLSX: name, department, title, aliases, email.")],
    db: DbOption = None,
) -> None:
    """导入名册 / Load a roster file and add or update its people (learned aliases are kept).

    \b
    Example:
      minutes roster import corpora/roster.csv
    """
    from tracker.people import import_roster
    from tracker.store import open_store

    with open_store(db_path(db), create=True) as store:
        if store.notice:
            typer.echo(f"minutes: note: {store.notice}", err=True)
        result = import_roster(store, file)
    typer.echo(f"{file}: {result.total} people ({result.added} added, {result.updated} updated, "
               f"{result.unchanged} unchanged)")


@roster_app.command("list")
@guard
def roster_list(
    department: Annotated[Optional[str], typer.Option("--department", help="Only this department, e.g. 研发部.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
    db: DbOption = None,
) -> None:
    """查看名册 / List the people in the roster with their aliases.

    \b
    Example:
      minutes roster list --department 研发部
    """
    from dataclasses import asdict

    from tracker.people import list_people
    from tracker.store import open_store

    if fmt not in ("table", "json", "csv"):
        raise BadInput(f"unknown format '{fmt}' (expected table|json|csv)")
    with open_store(db_path(db)) as store:
        rows = list_people(store, department)
    if fmt == "json":
        typer.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv
        import sys

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["name", "department", "title", "aliases", "email", "learned_aliases"])
        for r in rows:
            writer.writerow([r.name, r.department or "", r.title or "", ";".join(r.aliases), r.email or "",
                             ";".join(r.learned)])
    else:
        from rich.console import Console

        from tracker.views import people_table

        Console().print(people_table(rows))
