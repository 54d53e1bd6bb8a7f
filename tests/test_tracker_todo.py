"""tracker.todo and its exporters: Markdown, CSV, iCalendar (parsed back), Excel (parsed back)."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from minutes.errors import BadInput, NotFound
from test_tracker_factory import AT, action, doc, new_store, roster_people, standard_items
from tracker import people
from tracker.ingest import ingest_extraction
from tracker.review import edit_item
from tracker.status import update_status
from tracker.todo import file_name, render_text, todo_lists, write_files

TODAY = date(2024, 7, 14)


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "m.db")
    people.upsert_people(s, roster_people())
    items = standard_items() + [action(5, "评审主视觉", "王芳", "2024-07-12", "评审意见", department="设计部")]
    ingest_extraction(s, doc(items=items), uploaded_at=AT)
    yield s
    s.close()


def test_one_list_per_owner_sorted_by_due_date(store):
    lists = {t.owner: t for t in todo_lists(store, today=TODAY)}
    assert set(lists) == {"王芳", "张伟", None}  # a3 (department) and a4 (unknown) have no owner yet
    wang = lists["王芳"]
    assert [i.due_date for i in wang.items] == ["2024-07-12", "2024-07-15"]
    assert [d for d, _ in wang.by_due_date()] == ["2024-07-12", "2024-07-15"]
    assert wang.department == "设计部" and wang.count("overdue") == 1 and wang.count("due_soon") == 1
    assert lists[None].label == "未指定负责人"


def test_closed_and_rejected_items_leave_the_list(store):
    update_status(store, 2, status="已完成", by="张伟")
    assert "张伟" not in {t.owner for t in todo_lists(store, today=TODAY)}
    assert todo_lists(store, owner="张伟", today=TODAY)[0].items == ()


def test_owner_by_alias_and_unknown_owner(store):
    [fiona] = todo_lists(store, owner="Fiona", today=TODAY)
    assert fiona.owner == "王芳" and len(fiona.items) == 2
    with pytest.raises(NotFound):
        todo_lists(store, owner="路人甲", today=TODAY)


def test_markdown_groups_by_date_and_shows_meeting_topic_deliverable_flags_source(store):
    text = render_text(todo_lists(store, owner="王芳", today=TODAY), "md", TODAY)
    assert text.startswith("# 王芳 的待办事项")
    assert text.index("## 2024-07-12（周五）") < text.index("## 2024-07-15（周一）")
    assert "**#1 完成发布会主视觉初稿**（18:00前） ⚠ 即将到期" in text
    assert "议题：发布会筹备" in text and "交付成果：3版主视觉设计稿" in text
    assert "已逾期" in text and "会议：2024-07-10 产品周会" in text
    assert "原文：「王芳负责完成发布会主视觉初稿，2024-07-15前完成」" in text


def test_undated_items_come_last_with_the_suggested_day(store):
    edit_item(store, 4, owner="孙浩", by="x")
    ingest_extraction(store, doc(title="周会2", items=[action(1, "准备周报", "孙浩", None, "周报", vague=True,
                                                          deadline_mention="本周内", suggested="2024-07-12")]),
                      uploaded_at=AT)
    text = render_text(todo_lists(store, owner="孙浩", today=TODAY), "md", TODAY)
    assert "## 未定截止日期" in text
    assert "截止时间：本周内（建议 2024-07-12）" in text


def test_csv_has_chinese_headers_and_one_row_per_item(store):
    rows = list(csv.reader(io.StringIO(render_text(todo_lists(store, today=TODAY), "csv", TODAY))))
    assert rows[0][:4] == ["编号", "截止日期", "截止时间", "任务描述"]
    assert len(rows) == 1 + 5
    assert {r[4] for r in rows[1:]} == {"王芳", "张伟", ""}


def test_ics_parses_back_with_vtodo_vevent_and_alarms(store, tmp_path):
    from icalendar import Calendar

    [path] = write_files(store, todo_lists(store, owner="王芳", today=TODAY), "ics", tmp_path / "out", TODAY)
    assert path.name == "王芳.ics"
    cal = Calendar.from_ical(path.read_bytes())
    todos = [c for c in cal.walk("VTODO")]
    events = [c for c in cal.walk("VEVENT")]
    assert len(todos) == 2 and len(events) == 2
    first = next(t for t in todos if str(t["summary"]) == "完成发布会主视觉初稿")
    assert first.decoded("due") == datetime(2024, 7, 15, 18, 0)
    assert str(first["status"]) == "NEEDS-ACTION"
    assert "交付成果：3版主视觉设计稿" in str(first["description"])
    assert [str(a["action"]) for a in first.walk("VALARM")] == ["DISPLAY"]
    event = next(e for e in events if "主视觉初稿" in str(e["summary"]))
    assert event.decoded("dtstart") == date(2024, 7, 15)
    alarm = event.walk("VALARM")[0]
    assert alarm.decoded("trigger").total_seconds() == -15 * 3600  # 09:00 the day before


def test_ics_uids_are_stable_so_a_reexport_updates(store, tmp_path):
    from icalendar import Calendar

    def uids():
        text = render_text(todo_lists(store, owner="王芳", today=TODAY), "ics", TODAY, store=store)
        return sorted(str(c["uid"]) for c in Calendar.from_ical(text).walk() if c.name in ("VTODO", "VEVENT"))

    before = uids()
    update_status(store, 1, status="进行中", progress=50, by="王芳")
    assert uids() == before and len(set(before)) == 4
    assert all(store.instance_id in u for u in before)


def test_xlsx_parses_back_with_openpyxl(store, tmp_path):
    from openpyxl import load_workbook

    written = write_files(store, todo_lists(store, today=TODAY), "xlsx", tmp_path / "out", TODAY)
    assert sorted(p.name for p in written) == ["张伟.xlsx", "未指定负责人.xlsx", "王芳.xlsx"]
    sheet = load_workbook(tmp_path / "out" / "王芳.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("编号", "截止日期", "截止时间", "任务描述")
    assert [r[3] for r in rows[1:]] == ["评审主视觉", "完成发布会主视觉初稿"]
    assert rows[1][1].date() == date(2024, 7, 12)
    assert "已逾期" in rows[1][9]


def test_md_and_csv_files_one_per_owner(store, tmp_path):
    md = write_files(store, todo_lists(store, today=TODAY), "md", tmp_path / "md", TODAY)
    assert len(md) == 3 and (tmp_path / "md" / "张伟.md").read_text(encoding="utf-8").startswith("# 张伟")
    [c] = write_files(store, todo_lists(store, owner="张伟", today=TODAY), "csv", tmp_path / "csv", TODAY)
    assert c.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM so Excel reads the Chinese


def test_bad_format_and_safe_file_names(store, tmp_path):
    with pytest.raises(BadInput):
        write_files(store, todo_lists(store, today=TODAY), "pdf", tmp_path, TODAY)
    with pytest.raises(BadInput, match="--out"):
        render_text(todo_lists(store, today=TODAY), "xlsx", TODAY)
    from tracker.todo import OwnerTodo

    assert file_name(OwnerTodo("a/b:c", None, ()), "md") == "a_b_c.md"
