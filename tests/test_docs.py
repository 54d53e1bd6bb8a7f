"""Every command has help text and a line in the README; the README's quick start stays two commands."""
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from minutes.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,)


COMMANDS = sorted(_commands(typer.main.get_command(app)))


def test_every_spec_command_exists():
    names = {" ".join(c) for c in COMMANDS}
    for needed in ("extract", "deadline", "ingest", "roster import", "roster list", "items list", "items show",
                   "items edit", "items accept", "items reject", "items add", "items merge", "items split",
                   "items update", "todo", "remind", "eval"):
        assert needed in names


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_command_has_help_and_readme_line(command):
    res = runner.invoke(app, [*command, "--help"])
    assert res.exit_code == 0 and "Usage" in res.stdout
    assert f"minutes {' '.join(command)}" in README or f"minutes {command[0]}" in README


def test_quick_start_is_two_make_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    first_block = re.search(r"```sh\n(.*?)```", quick, re.S).group(1)
    lines = [ln.split("#")[0].strip() for ln in first_block.strip().splitlines()]
    assert lines == ["make demo", "make test"]
