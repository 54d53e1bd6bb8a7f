"""The web app's review flow through the real app: upload, result page, corrections, owners, reports."""
from __future__ import annotations

import io
import re

import pytest
from docx import Document

from tracker.store import open_store
from web_support import MINUTES, client, csrf, items_by_task, make_db


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path)


@pytest.fixture
def http(db):
    return client(db)


def _docx_bytes() -> bytes:
    doc = Document()
    doc.add_paragraph("市场部季度复盘会会议纪要")
    doc.add_paragraph("会议时间：2024年11月18日 10:00-11:30")
    doc.add_paragraph("记录人：何佳")
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ("序号", "任务", "负责人", "截止时间", "交付成果")):
        cell.text = text
    for row in (("1", "整理渠道投放数据", "研发部", "11月28日", "数据表"),
                ("2", "输出复盘报告", "李娜", "尽快", "复盘报告")):
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_upload_docx_shows_metadata_items_and_reasons(http, db):
    token = csrf(http, "/upload")
    response = http.post("/upload", data={"csrf": token},
                         files={"file": ("复盘会.docx", _docx_bytes(), "application/octet-stream")})
    assert response.status_code == 303
    page = http.get(response.headers["location"])
    assert page.status_code == 200
    text = page.text
    assert "市场部季度复盘会会议纪要" in text and "2024-11-18" in text and "何佳" in text
    assert "整理渠道投放数据" in text and "输出复盘报告" in text
    assert "负责人是部门（“研发部”），请指定到人" in text
    assert "截止时间“尽快”不是日期" in text
    assert text.count('class="field flagged"') >= 2
    assert "已导入" in page.text  # the flash message from the redirect
    with open_store(db) as store:
        assert store.db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 2


def test_pasted_text_and_meeting_date(http, db):
    token = csrf(http, "/upload")
    chat = "张伟 10:02\n接口文档我周五前发出来\n王芳 10:05\n好的，设计稿下周三给到"
    response = http.post("/upload", data={"csrf": token, "text": chat, "meeting_date": "2024-11-20"})
    assert response.status_code == 303
    meeting_id = int(response.headers["location"].rsplit("/", 1)[1])
    with open_store(db) as store:
        rows = store.db.execute("SELECT task, due_date FROM items WHERE meeting_id = ?", [meeting_id]).fetchall()
    assert ("2024-11-22" in {r[1] for r in rows})  # 周五 after Wednesday 2024-11-20


def test_bad_upload_gets_the_cli_message_and_changes_nothing(http, db):
    token = csrf(http, "/upload")
    response = http.post("/upload", data={"csrf": token},
                         files={"file": ("旧格式.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "application/msword")})
    assert response.status_code == 400
    assert "旧格式.doc" in response.text and ".doc" in response.text
    assert "/tmp" not in response.text and "uploads" not in response.text  # no server paths
    broken = http.post("/upload", data={"csrf": token},
                       files={"file": ("坏.docx", b"PK\x03\x04 truncated", "application/octet-stream")})
    assert broken.status_code == 400 and "坏.docx" in broken.text
    empty = http.post("/upload", data={"csrf": token})
    assert empty.status_code == 400 and "请选择文件或粘贴" in empty.text
    with open_store(db) as store:
        assert store.db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 1
    assert not any(p.is_file() for p in (db.parent / "minutes-uploads").rglob("*"))


def test_fix_vague_owner_and_deadline_with_audit_trail(http, db):
    items = items_by_task(db)
    vague_owner, vague_due = items["完成会员接口联调"], items["提交性能测试报告"]
    token = csrf(http)
    assert http.post("/whoami", data={"csrf": token, "name": "何佳"}).status_code == 303
    response = http.post(f"/items/{vague_owner.id}/edit", data={
        "csrf": token, "owner": "李娜", "due_date": "2024-11-29", "task": vague_owner.task,
        "deliverable": vague_owner.deliverable, "reason": "研发部指定李娜"})
    assert response.status_code == 303 and response.headers["location"].endswith(f"#item-{vague_owner.id}")
    http.post(f"/items/{vague_due.id}/edit", data={
        "csrf": token, "owner": "张伟", "due_date": "2024-11-27", "due_time": "18:00", "task": vague_due.task,
        "deliverable": vague_due.deliverable})
    items = items_by_task(db)
    assert items["完成会员接口联调"].owner_name == "李娜" and "vague_owner" not in items["完成会员接口联调"].flags
    fixed = items["提交性能测试报告"]
    assert (fixed.due_date, fixed.due_time, fixed.flags) == ("2024-11-27", "18:00", ())
    with open_store(db) as store:
        rows = store.db.execute("SELECT item_id, field, old, new, author, reason FROM corrections ORDER BY id").fetchall()
    # Only changed fields are recorded: the unchanged due date of the first item is not.
    assert rows == [(vague_owner.id, "owner", "研发部", "李娜", "何佳", "研发部指定李娜"),
                    (vague_due.id, "due", "尽快", "2024-11-27 18:00", "何佳", None)]
    history = http.get("/meetings/1/history").text
    assert "何佳" in history and "研发部指定李娜" in history and "2024-11-27 18:00" in history


def test_saving_a_fuzzy_match_unchanged_confirms_it(tmp_path):
    db = make_db(tmp_path, minutes=MINUTES.replace("| 王芳 |", "| 王方 |"))
    http = client(db)
    item = items_by_task(db)["完成首页视觉稿"]
    assert "fuzzy_owner" in item.flags and item.owner_name == "王芳"
    http.post(f"/items/{item.id}/edit", data={"csrf": csrf(http), "owner": "王芳", "due_date": item.due_date,
                                              "task": item.task, "deliverable": item.deliverable})
    assert "fuzzy_owner" not in items_by_task(db)["完成首页视觉稿"].flags


def test_unchanged_save_records_nothing(http, db):
    item = items_by_task(db)["完成首页视觉稿"]
    response = http.post(f"/items/{item.id}/edit", data={
        "csrf": csrf(http), "owner": "王芳", "due_date": item.due_date, "task": item.task,
        "deliverable": item.deliverable})
    assert response.status_code == 303
    with open_store(db) as store:
        assert store.db.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0


def test_bad_edit_shows_the_library_message(http, db):
    item = items_by_task(db)["完成首页视觉稿"]
    response = http.post(f"/items/{item.id}/edit", data={"csrf": csrf(http), "owner": "不存在的人"})
    assert response.status_code == 400 and "不存在的人" in response.text and "roster" in response.text
    assert http.post("/items/999/accept", data={"csrf": csrf(http)}).status_code == 404


def test_accept_reject_add_merge_split(http, db):
    items = items_by_task(db)
    token = csrf(http)
    a, b, c = items["完成会员接口联调"], items["提交性能测试报告"], items["完成首页视觉稿"]
    assert http.post(f"/items/{c.id}/accept", data={"csrf": token}).status_code == 303
    assert http.post(f"/items/{b.id}/split", data={"csrf": token, "tasks": "压测报告\n\n容量评估"}).status_code == 303
    added = http.post("/meetings/1/items", data={"csrf": token, "task": "补充监控告警", "owner": "张伟",
                                                  "due_date": "2024-12-06", "deliverable": "告警规则"})
    assert added.status_code == 303
    now = items_by_task(db)
    assert now["完成首页视觉稿"].review == "accepted"
    assert {"压测报告", "容量评估", "补充监控告警"} <= set(now) and "提交性能测试报告" not in now
    merged = http.post("/items/merge", data={"csrf": token, "ids": [str(a.id), str(now["补充监控告警"].id)]})
    assert merged.status_code == 303
    assert http.post(f"/items/{now['压测报告'].id}/reject", data={"csrf": token}).status_code == 303
    final = items_by_task(db)
    assert "补充监控告警" not in final and "压测报告" not in final
    with open_store(db) as store:
        fields = [r[0] for r in store.db.execute("SELECT field FROM corrections ORDER BY id")]
    assert {"review", "split_into", "created", "merged", "merged_into"} <= set(fields)
    page = http.get("/meetings/1").text
    assert "已驳回/合并/拆分" in page


def test_owner_page_status_update_and_downloads(http, db):
    item = items_by_task(db)["提交性能测试报告"]
    page = http.get("/people/张伟")
    assert page.status_code == 200 and "提交性能测试报告" in page.text and "todo.ics" in page.text
    response = http.post(f"/items/{item.id}/status", data={
        "csrf": csrf(http, "/people/张伟"), "status": "进行中", "progress": "40", "note": "压测环境已申请"})
    assert response.status_code == 303
    updated = items_by_task(db)["提交性能测试报告"]
    assert (updated.status, updated.progress) == ("进行中", 40)
    assert "压测环境已申请" in http.get(f"/items/{item.id}").text
    from icalendar import Calendar

    ics = http.get("/people/张伟/todo.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "filename*=UTF-8''%E5%BC%A0%E4%BC%9F.ics" in ics.headers["content-disposition"]
    summaries = [str(c.get("summary")) for c in Calendar.from_ical(ics.content).walk() if c.name in ("VTODO", "VEVENT")]
    assert any("提交性能测试报告" in s for s in summaries)
    from openpyxl import load_workbook

    xlsx = http.get("/people/张伟/todo.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert any("提交性能测试报告" in str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert http.get("/people/没有这个人").status_code == 404


def test_owner_picker_searches_name_alias_and_pinyin(http):
    def names(q):
        return [m["name"] for m in http.get("/api/people", params={"q": q}).json()]

    assert names("zw") == ["张伟"]
    assert names("wangf") == ["王芳"]
    assert names("王设计") == ["王芳"]
    assert names("伟") == ["张伟"]
    assert names("qqq") == []


def test_item_list_filters_and_pages(http):
    text = http.get("/items", params={"flag": "vague_owner"}).text
    assert "完成会员接口联调" in text and "完成首页视觉稿" not in text
    overdue = http.get("/items", params={"flag": "overdue"}).text  # 11-22 < today 11-25
    assert "完成首页视觉稿" in overdue and "完成会员接口联调" not in overdue
    assert "王芳" in http.get("/items", params={"owner": "王设计师"}).text


def test_dashboard_and_report(http):
    board = http.get("/dashboard")
    assert board.status_code == 200 and "已逾期" in board.text and "完成首页视觉稿" in board.text
    report = http.get("/report")
    assert report.status_code == 200
    assert "2024年第四季度" in report.text and "/static/report.css" in report.text
    assert http.get("/report", params={"quarter": "2024Q9"}).status_code == 400
    md = http.get("/report", params={"quarter": "2024Q4", "format": "md"})
    assert md.headers["content-disposition"].startswith("attachment") and "执行情况" in md.text


def test_home_routes_by_role(http):
    assert http.get("/").headers["location"] == "/dashboard"
    assert re.search(r"<h1>会议</h1>", http.get("/meetings").text)


def test_report_defaults_to_this_quarter_else_the_latest_before_it():
    from minutes.web.pages.reports import _default_quarter
    from tracker.quarters import Quarter

    known = [Quarter(2025, 2), Quarter(2024, 4), Quarter(2024, 2)]
    assert _default_quarter(known, Quarter(2024, 4)) == Quarter(2024, 4)
    assert _default_quarter(known, Quarter(2024, 3)) == Quarter(2024, 2)
    assert _default_quarter(known, Quarter(2023, 1)) == Quarter(2023, 1)
    assert _default_quarter([], Quarter(2024, 1)) == Quarter(2024, 1)


def test_roster_import_from_the_people_page(http, db):
    token = csrf(http, "/people")
    csv_text = "name,department,title,aliases,email\n周杰,研发部,前端工程师,Jay,zhoujie@example.cn\n"
    response = http.post("/people", data={"csrf": token},
                         files={"roster": ("名册.csv", csv_text.encode("utf-8"), "text/csv")})
    assert response.status_code == 303
    assert "周杰" in http.get("/people").text
    assert [m["name"] for m in http.get("/api/people", params={"q": "jay"}).json()] == ["周杰"]
    bad = http.post("/people", data={"csrf": token},
                    files={"roster": ("坏.csv", "姓名\n张三\n".encode("utf-8"), "text/csv")})
    assert bad.status_code == 400 and "坏.csv" in bad.text and "/tmp" not in bad.text


def test_owners_cannot_import_a_roster(db):
    from web_support import add_user, login

    add_user(db, "张伟", "owner")
    http = client(db)
    login(http, "张伟")
    token = csrf(http, "/people")
    response = http.post("/people", data={"csrf": token},
                         files={"roster": ("名册.csv", b"name,department\nX,Y\n", "text/csv")})
    assert response.status_code == 403


def test_needs_fix_queue(http, db):
    from tracker.queries import NEEDS_FIX, ItemFilter, count_items, list_items
    from tracker.store import open_store

    with open_store(db) as store:
        flagged = list_items(store, ItemFilter(flag=NEEDS_FIX), limit=10)
        assert {i.task for i in flagged} == {"完成会员接口联调", "提交性能测试报告"}
        assert count_items(store, ItemFilter(flag=NEEDS_FIX)) == 2
    page = http.get("/items", params={"flag": "needs_fix"}).text
    assert "完成会员接口联调" in page and "完成首页视觉稿" not in page
    assert 'href="/items?flag=needs_fix"' in http.get("/dashboard").text
