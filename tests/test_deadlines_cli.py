"""`minutes deadline` through typer's CliRunner."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from minutes.cli import app

runner = CliRunner()


def test_one_expression_prints_a_readable_line():
    result = runner.invoke(app, ["deadline", "下周五下班前", "--ref", "2024-07-10"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "下周五下班前 → 2024-07-19 18:00"


def test_vague_expression_shows_the_suggestion():
    result = runner.invoke(app, ["deadline", "本周内", "--ref", "2024-07-10"])
    assert result.exit_code == 0
    assert "模糊" in result.output and "2024-07-12" in result.output


def test_json_object():
    result = runner.invoke(app, ["deadline", "3个工作日内", "--ref", "2024-09-27", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {"text": "3个工作日内", "date": "2024-10-08", "time": None,
                                         "vague": False, "suggested": None}


def test_stdin_gives_one_json_object_per_line():
    result = runner.invoke(app, ["deadline", "--ref", "2024-07-10"], input="尽快\n月底前\n国庆前\n周五18:00前\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in rows] == ["尽快", "月底前", "国庆前", "周五18:00前"]
    assert rows[0] == {"text": "尽快", "date": None, "time": None, "vague": True, "suggested": None}
    assert [r["date"] for r in rows[1:]] == ["2024-07-31", "2024-10-01", "2024-07-12"]
    assert rows[3]["time"] == "18:00"


def test_unrecognised_text_is_not_an_error():
    result = runner.invoke(app, ["deadline", "见附件", "--ref", "2024-07-10", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["date"] is None


def test_invalid_ref_is_one_line_on_stderr_and_exit_2():
    result = runner.invoke(app, ["deadline", "明天", "--ref", "2024-13-01"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--ref" in lines[0] and "Traceback" not in result.output


def test_help_has_chinese_examples():
    result = runner.invoke(app, ["deadline", "--help"])
    assert result.exit_code == 0
    assert "下周五下班前" in result.output and "--ref" in result.output
