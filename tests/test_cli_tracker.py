"""The tracker commands through typer's CliRunner, against real SQLite files in tmp dirs."""
from __future__ import annotations

import csv
import io
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
import pytest
from typer.testing import CliRunner

from minutes.cli import app
from test_tracker_factory import AT, doc, new_store, roster_people, standard_items
from tracker import people
from tracker.ingest import ingest_extraction

ROSTER_CSV = (
    "name,department,title,aliases,email\n"
    "张伟,研发部,高级工程师,Zhang Wei;伟哥,zhangwei@example.cn\n"
    "王芳,设计部,设计师,王设计师;Fiona,wangfang@example.cn\n"
    "李娜,市场部,市场经理,Lina,lina@example.cn\n"
    "孙浩,测试部,测试工程师,,sunhao@example.cn\n"
    "何佳,行政部,行政专员,,hejia@example.cn\n"
)

MINUTES_MD = """# 发布会筹备会议纪要

- 会议时间：2024年7月10日 14:00-16:00
- 地点：3楼会议室
- 发起部门：市场部
- 记录人：何佳
- 参会人员：张伟、王芳、李娜、孙浩

## 议题一：发布会主视觉

讨论了主视觉方向，决定采用方案B。

## 行动项

| 任务描述 | 负责人 | 截止时间 | 交付成果 |
|---|---|---|---|
| 完成发布会主视觉初稿 | 王芳 | 2024年7月15日 | 3版主视觉设计稿 |
| 输出接口联调方案 | 张伟 | 2024年7月12日 | 联调方案文档 |
| 整理测试用例 | 小孙 | 尽快 | 用例清单 |
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A tracker with the roster and one meeting of four items (ids 1-4), as $MINUTES_DB."""
    path = tmp_path / "tracker.db"
    store = new_store(path)
    people.upsert_people(store, roster_people())
    ingest_extraction(store, doc(items=standard_items()), uploaded_at=AT)
    store.close()
    monkeypatch.setenv("MINUTES_DB", str(path))
    monkeypatch.setenv("MINUTES_USER", "审阅人")
    return path


def ok(result):
    assert result.exit_code == 0, (result.output, result.stderr)
    return result


def one_line_error(result):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("minutes: error:"), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


# --- ingest (through the real extraction pipeline) -----------------------------------------


def test_ingest_then_reingest_keeps_the_correction(runner, tmp_path):
    db = tmp_path / "m.db"
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    minutes = tmp_path / "周会.md"
    minutes.write_text(MINUTES_MD, encoding="utf-8")
    first = ok(runner.invoke(app, ["ingest", str(minutes), "--roster", str(roster), "--db", str(db),
                                   "--uploaded-at", "2024-07-10T17:00"]))
    assert "created" in first.output
    items = json.loads(ok(runner.invoke(app, ["items", "list", "--format", "json", "--db", str(db)])).output)
    assert items and all(i["meeting_title"] for i in items)
    target = next(i for i in items if "联调" in i["task"])
    ok(runner.invoke(app, ["items", "edit", str(target["id"]), "--owner", "孙浩", "--reason", "改派",
                           "--db", str(db)]))

    again = ok(runner.invoke(app, ["ingest", str(minutes), "--db", str(db)]))
    assert "unchanged" in again.output

    minutes.write_text(MINUTES_MD + "| 预订场地 | 李娜 | 2024年7月11日 | 场地合同 |\n", encoding="utf-8")
    edited = ok(runner.invoke(app, ["ingest", str(minutes), "--db", str(db)]))
    assert "updated" in edited.output
    after = json.loads(ok(runner.invoke(app, ["items", "list", "--format", "json", "--db", str(db)])).output)
    same = next(i for i in after if i["id"] == target["id"])
    assert same["owner_name"] == "孙浩"
    assert len(after) == len(items) + 1


def test_a_corrected_mention_resolves_at_the_next_ingest(runner, tmp_path):
    db = tmp_path / "m.db"
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    for n in (1, 2):
        (tmp_path / f"会{n}.md").write_text(
            f"# 测试部第{n}次周会\n\n- 会议时间：2024年7月1{n}日 10:00-11:00\n- 记录人：何佳\n\n## 行动项\n\n"
            "| 任务描述 | 负责人 | 截止时间 | 交付成果 |\n|---|---|---|---|\n"
            f"| 整理第{n}轮回归用例 | Sunny | 2024年7月2{n}日 | 用例清单 |\n", encoding="utf-8")
    ok(runner.invoke(app, ["ingest", str(tmp_path / "会1.md"), "--roster", str(roster), "--db", str(db)]))
    [first] = json.loads(ok(runner.invoke(app, ["items", "list", "--format", "json", "--db", str(db)])).output)
    assert first["owner_name"] is None and "unknown_owner" in first["flags"]
    ok(runner.invoke(app, ["items", "edit", str(first["id"]), "--owner", "孙浩", "--db", str(db)]))
    ok(runner.invoke(app, ["ingest", str(tmp_path / "会2.md"), "--db", str(db)]))
    items = json.loads(ok(runner.invoke(app, ["items", "list", "--format", "json", "--db", str(db)])).output)
    second = next(i for i in items if i["id"] != first["id"])
    assert (second["owner_name"], second["owner_match"]) == ("孙浩", "alias")


def test_ingest_missing_file_is_one_line_and_creates_no_database(runner, tmp_path):
    db = tmp_path / "m.db"
    line = one_line_error(runner.invoke(app, ["ingest", str(tmp_path / "nope.md"), "--db", str(db)]))
    assert "nope.md" in line and "not found" in line
    assert not db.exists()


def test_ingest_with_a_bad_roster_writes_nothing(runner, tmp_path):
    db = tmp_path / "m.db"
    roster = tmp_path / "roster.csv"
    roster.write_text("name,department\n张伟,研发部\n张伟,设计部\n", encoding="utf-8")
    minutes = tmp_path / "周会.md"
    minutes.write_text(MINUTES_MD, encoding="utf-8")
    one_line_error(runner.invoke(app, ["ingest", str(minutes), "--roster", str(roster), "--db", str(db)]))
    if db.exists():  # the store may exist (opened before the roster was read) but holds nothing
        store = new_store(db)
        try:
            assert store.db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 0
            assert store.db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0
        finally:
            store.close()


# --- items ---------------------------------------------------------------------------------


def test_items_list_formats_and_filters(runner, db):
    table = ok(runner.invoke(app, ["items", "list"]))
    assert "4 item(s)" in table.output
    data = json.loads(ok(runner.invoke(app, ["items", "list", "--owner", "Fiona", "--format", "json"])).output)
    assert [i["id"] for i in data] == [1]
    rows = list(csv.reader(io.StringIO(ok(runner.invoke(app, ["items", "list", "--format", "csv"])).output)))
    assert rows[0][0] == "编号" and len(rows) == 5
    overdue = json.loads(ok(runner.invoke(app, ["items", "list", "--flag", "overdue", "--today", "2024-07-16",
                                                "--format", "json"])).output)
    assert [i["id"] for i in overdue] == [1, 2] and "overdue" in overdue[0]["tracker_flags"]
    due = json.loads(ok(runner.invoke(app, ["items", "list", "--due-before", "2024-07-12", "--due-after",
                                            "2024-07-12", "--format", "json"])).output)
    assert [i["id"] for i in due] == [2]
    dept = json.loads(ok(runner.invoke(app, ["items", "list", "--department", "设计部", "--meeting", "产品周会",
                                             "--status", "待开始", "--format", "json"])).output)
    assert [i["id"] for i in dept] == [1]


@pytest.mark.parametrize("args, fragment", [
    (["items", "list", "--status", "完成了吗"], "invalid status"),
    (["items", "list", "--due-before", "2024-02-30"], "--due-before"),
    (["items", "list", "--today", "昨天"], "--today"),
    (["items", "list", "--format", "xml"], "unknown format"),
    (["items", "show", "999"], "no item #999"),
    (["items", "show", "abc"], "invalid item id"),
    (["items", "edit", "1", "--due", "下周"], "invalid deadline"),
    (["items", "edit", "1"], "nothing to edit"),
    (["items", "edit", "1", "--owner", "不存在的人"], "not in the roster"),
    (["items", "update", "1", "--status", "finished?"], "invalid status"),
    (["items", "update", "1", "--progress", "150"], "0-100"),
    (["items", "update", "404", "--status", "进行中"], "no item #404"),
    (["items", "add", "--meeting", "99", "--task", "x"], "no meeting #99"),
    (["items", "merge", "1"], "at least two"),
    (["items", "split", "1", "--task", "only one"], "at least two"),
    (["todo"], "--owner NAME or --all"),
    (["todo", "--all", "--format", "xlsx"], "--out"),
    (["todo", "--owner", "张伟", "--format", "pdf"], "unknown format"),
    (["remind", "--today", "2024/07/15"], "--today"),
])
def test_bad_input_is_one_line_and_exit_2(runner, db, args, fragment):
    line = one_line_error(runner.invoke(app, args))
    assert fragment in line


def test_edit_show_history_and_reviewer_identity(runner, db):
    ok(runner.invoke(app, ["items", "edit", "4", "--owner", "孙浩", "--due", "2024-07-19 18:00", "--reason", "会后确认"]))
    ok(runner.invoke(app, ["items", "update", "4", "--status", "进行中", "--progress", "30", "--note", "已写一半",
                           "--by", "孙浩"]))
    shown = ok(runner.invoke(app, ["items", "show", "4"])).output
    assert "孙浩" in shown and "2024-07-19 18:00" in shown
    assert "会后确认" in shown and "审阅人" in shown and "已写一半" in shown
    learned = json.loads(ok(runner.invoke(app, ["roster", "list", "--format", "json"])).output)
    assert next(p for p in learned if p["name"] == "孙浩")["learned"] == ["小孙"]


def test_accept_reject_add_merge_split_update(runner, db):
    assert "accepted" in ok(runner.invoke(app, ["items", "accept", "1"])).output
    assert "rejected" in ok(runner.invoke(app, ["items", "reject", "3", "--reason", "背景"])).output
    added = ok(runner.invoke(app, ["items", "add", "--meeting", "1", "--task", "整理报价单", "--owner", "李娜",
                                   "--due", "2024-07-20", "--deliverable", "报价单"]))
    assert "item #5 added" in added.output
    assert "merged #5 into #2" in ok(runner.invoke(app, ["items", "merge", "2", "5"])).output
    split = ok(runner.invoke(app, ["items", "split", "1", "--task", "主视觉初稿", "--task", "海报延展"]))
    assert "split into #6, #7" in split.output
    assert "已完成 100%" in ok(runner.invoke(app, ["items", "update", "6", "--status", "已完成"])).output
    visible = json.loads(ok(runner.invoke(app, ["items", "list", "--format", "json"])).output)
    assert sorted(i["id"] for i in visible) == [2, 4, 6, 7]
    everything = json.loads(ok(runner.invoke(app, ["items", "list", "--review", "all", "--format", "json"])).output)
    assert len(everything) == 7


def test_review_refuses_without_a_terminal(runner, db):
    line = one_line_error(runner.invoke(app, ["review", "1"]))
    assert "terminal" in line


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_review_walks_flagged_items_in_a_terminal(db):
    master, slave = os.openpty()
    command = Path(sys.executable).parent / "minutes"
    proc = subprocess.Popen([str(command), "review", "产品周会"], stdin=slave, stdout=slave, stderr=slave,
                            env=dict(os.environ, COLUMNS="120"), close_fds=True)
    os.close(slave)
    seen = b""

    def wait_for(token: str) -> None:
        nonlocal seen
        deadline = time.time() + 30
        while token.encode() not in seen:
            assert time.time() < deadline and proc.poll() is None, seen.decode("utf-8", "replace")
            if select.select([master], [], [], 0.2)[0]:
                seen += os.read(master, 4096)

    try:
        for answer in ("a", "r", "不是行动项"):
            wait_for("驳回原因" if answer == "不是行动项" else "操作")
            seen = seen.replace("操作".encode(), b"", 1) if answer == "a" else seen
            os.write(master, (answer + "\n").encode())
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    store = new_store(db)
    try:
        reviews = dict(store.db.execute("SELECT ext_id, review FROM items").fetchall())
        authors = {r[0] for r in store.db.execute("SELECT author FROM corrections")}
    finally:
        store.close()
    assert (reviews["a3"], reviews["a4"]) == ("accepted", "rejected") and authors == {"审阅人"}


# --- todo and remind -------------------------------------------------------------------------


def test_todo_for_one_owner_prints_markdown(runner, db):
    out = ok(runner.invoke(app, ["todo", "--owner", "王芳", "--today", "2024-07-14"])).output
    assert out.startswith("# 王芳 的待办事项") and "## 2024-07-15（周一）" in out and "即将到期" in out


def test_todo_all_writes_one_file_per_owner_in_each_format(runner, db, tmp_path):
    from icalendar import Calendar
    from openpyxl import load_workbook

    for fmt in ("md", "csv", "ics", "xlsx"):
        out = tmp_path / fmt
        result = ok(runner.invoke(app, ["todo", "--all", "--format", fmt, "--out", str(out), "--today", "2024-07-14"]))
        names = sorted(p.name for p in out.iterdir())
        assert names == sorted([f"张伟.{fmt}", f"王芳.{fmt}", f"未指定负责人.{fmt}"])
        assert len(result.output.strip().splitlines()) == 3
    cal = Calendar.from_ical((tmp_path / "ics" / "王芳.ics").read_bytes())
    assert [str(t["summary"]) for t in cal.walk("VTODO")] == ["完成发布会主视觉初稿"]
    sheet = load_workbook(tmp_path / "xlsx" / "张伟.xlsx").active
    assert sheet["D2"].value == "输出接口联调方案"


def test_remind_text_json_and_fail_on(runner, db):
    text = ok(runner.invoke(app, ["remind", "--today", "2024-07-14"])).output
    assert "按负责人" in text and "按组织部门" in text and "### 市场部" in text
    assert "#2 输出接口联调方案" in text and "需召开进度同步会" not in text  # 2 days overdue
    later = ok(runner.invoke(app, ["remind", "--today", "2024-07-16"])).output
    assert "需召开进度同步会" in later
    data = json.loads(ok(runner.invoke(app, ["remind", "--today", "2024-07-14", "--format", "json"])).output)
    zhang = next(o for o in data["owners"] if o["name"] == "张伟")
    assert [i["id"] for i in zhang["overdue"]] == [2] and zhang["escalate"] == []
    assert runner.invoke(app, ["remind", "--today", "2024-07-16", "--fail-on", "overdue"]).exit_code == 1
    assert runner.invoke(app, ["remind", "--today", "2024-07-10", "--fail-on", "overdue"]).exit_code == 0


# --- roster and database faults ----------------------------------------------------------------


def test_roster_import_and_list(runner, tmp_path):
    db = tmp_path / "m.db"
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    out = ok(runner.invoke(app, ["roster", "import", str(roster), "--db", str(db)])).output
    assert "5 people (5 added" in out
    again = ok(runner.invoke(app, ["roster", "import", str(roster), "--db", str(db)])).output
    assert "5 unchanged" in again
    rows = list(csv.reader(io.StringIO(ok(runner.invoke(app, ["roster", "list", "--format", "csv",
                                                              "--db", str(db)])).output)))
    assert rows[0][:2] == ["name", "department"] and len(rows) == 6
    one_line_error(runner.invoke(app, ["roster", "import", str(tmp_path / "missing.csv"), "--db", str(db)]))


def test_corrupt_or_foreign_database_is_one_line(runner, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"PK\x03\x04 definitely not sqlite" * 100)
    line = one_line_error(runner.invoke(app, ["items", "list", "--db", str(junk)]))
    assert "not a usable SQLite database" in line
    line = one_line_error(runner.invoke(app, ["todo", "--all", "--db", str(tmp_path / "absent.db")]))
    assert "no tracker database" in line


def test_every_tracker_command_has_help(runner):
    for args in (["ingest"], ["items", "list"], ["items", "show"], ["items", "edit"], ["items", "accept"],
                 ["items", "reject"], ["items", "add"], ["items", "merge"], ["items", "split"], ["items", "update"],
                 ["review"], ["todo"], ["remind"], ["roster", "import"], ["roster", "list"]):
        result = ok(runner.invoke(app, [*args, "--help"]))
        assert "Example" in result.output and "minutes " in result.output


def test_uploaded_at_decides_late_upload(runner, tmp_path, monkeypatch):
    import minutes.pipeline

    monkeypatch.setattr(minutes.pipeline, "extract_path",
                        lambda path, *, roster=None, meeting_date=None: doc(items=standard_items()))
    minutes_file = tmp_path / "周会.md"
    minutes_file.write_text("stand-in", encoding="utf-8")
    out = ok(runner.invoke(app, ["ingest", str(minutes_file), "--db", str(tmp_path / "m.db"),
                                 "--uploaded-at", "2024-07-11T09:00"])).output
    assert "late_upload" in out and "2 item(s) to fix" in out
    failing = runner.invoke(app, ["ingest", str(minutes_file), "--db", str(tmp_path / "m.db"), "--fail-on-flags"])
    assert failing.exit_code == 1


def test_ingest_pasted_text_from_stdin(runner, tmp_path):
    pasted = ("# 周会\n\n- 会议时间：2024年7月10日 14:00-15:00\n\n## 行动项\n\n"
              "1. 张伟：7月15日前完成接口文档，交付接口说明\n")
    db = tmp_path / "m.db"
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    out = ok(runner.invoke(app, ["ingest", "-", "--roster", str(roster), "--db", str(db)], input=pasted)).output
    assert "created" in out
    [item] = json.loads(ok(runner.invoke(app, ["items", "list", "--format", "json", "--db", str(db)])).output)
    assert item["owner_name"] == "张伟" and item["due_date"] == "2024-07-15"


def test_item_text_that_looks_like_markup_is_printed_verbatim(runner, db):
    ok(runner.invoke(app, ["items", "edit", "1", "--task", "完成[bold]主视觉[/bold] [/x] 初稿"]))
    shown = ok(runner.invoke(app, ["items", "show", "1"])).output
    assert "[bold]主视觉[/bold] [/x]" in shown.replace("\n", "")


def test_older_database_is_migrated_with_a_note_and_a_backup(runner, tmp_path):
    import sqlite_utils

    from tracker import migrations

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    with old.atomic():
        migrations.apply(old, target=1)
    old.close()
    result = ok(runner.invoke(app, ["items", "list", "--format", "json", "--db", str(path)]))
    assert json.loads(result.stdout) == []
    assert "upgraded" in result.stderr and (tmp_path / "old.db.v1.bak").exists()
    again = ok(runner.invoke(app, ["items", "list", "--format", "json", "--db", str(path)]))
    assert again.stderr == ""
