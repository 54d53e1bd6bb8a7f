"""`minutes report` through typer's CliRunner, against real SQLite files."""
from __future__ import annotations

from datetime import datetime

import pytest
from typer.testing import CliRunner

from minutes.cli import app
from test_tracker_factory import action, doc, new_store, roster_people
from tracker import people
from tracker.ingest import ingest_extraction


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "m.db"
    store = new_store(path)
    try:
        people.upsert_people(store, roster_people())
        for title, day, sentence in (("产品周会", "2024-07-03", "测试环境不够用"),
                                     ("研发例会", "2024-08-07", "缺测试服务器，联调排队")):
            body = doc(title=title, date=day, path=f"{title}.md", items=[
                action(1, f"{title}跟进", "张伟", "2024-09-01", "报告", department="研发部")], topics=[
                {"title": "环境", "discussion": [sentence], "consensus": [], "disagreements": []}])
            ingest_extraction(store, body, uploaded_at=datetime.fromisoformat(day + "T17:00"))
    finally:
        store.close()
    return path


def run(*args, env=None):
    return CliRunner().invoke(app, ["report", *args], env=env)


@pytest.mark.parametrize("quarter", ["2024Q3", "2024-Q3", "2024年第三季度", "2024年Q3", "2024 Q3", "24Q3"])
def test_markdown_to_stdout(db, quarter):
    result = run("--quarter", quarter, "--db", str(db), "--today", "2024-10-08")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 2024年第三季度高频问题分析与执行情况（2024Q3）")
    assert "测试环境" in result.stdout and "逾期 2 条" in result.stdout


def test_html_to_a_file(db, tmp_path):
    out = tmp_path / "报告" / "2024Q3.html"
    result = run("-q", "2024Q3", "--format", "html", "--out", str(out), "--db", str(db), "--today", "2024-10-08")
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "测试环境" in page


def test_db_from_the_environment(db):
    result = run("--quarter", "2024Q3", "--today", "2024-10-08", env={"MINUTES_DB": str(db)})
    assert result.exit_code == 0 and "会议 2 场" in result.stdout


def test_an_empty_quarter_says_so_and_succeeds(db, tmp_path):
    result = run("--quarter", "2023Q1", "--db", str(db))
    assert result.exit_code == 0
    assert "没有会议记录" in result.stdout and "No meetings in 2023Q1" in result.stdout
    out = tmp_path / "empty.html"
    result = run("--quarter", "2023Q1", "--db", str(db), "-f", "html", "-o", str(out))
    assert result.exit_code == 0 and "没有会议记录" in result.stdout and out.is_file()


@pytest.mark.parametrize("args, message", [
    (["--quarter", "2024Q5"], "invalid quarter '2024Q5'"),
    (["--quarter", "下个季度"], "invalid quarter"),
    (["--quarter", "2024Q3", "--format", "pdf"], "unknown format 'pdf'"),
    (["--quarter", "2024Q3", "--today", "10月8日"], "invalid --today"),
])
def test_bad_input_is_one_line_and_exit_2(db, args, message):
    result = run(*args, "--db", str(db))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_missing_database_is_exit_2(tmp_path):
    result = run("--quarter", "2024Q3", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no tracker database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_out_naming_a_folder_is_bad_input(db, tmp_path):
    result = run("--quarter", "2024Q3", "--db", str(db), "--out", str(tmp_path))
    assert result.exit_code == 2 and "--out names a folder" in result.stderr


def test_help_has_examples():
    result = CliRunner().invoke(app, ["report", "--help"])
    assert result.exit_code == 0
    assert "minutes report --quarter 2024Q3" in result.stdout and "2024年第三季度" in result.stdout
