"""tracker.report on a small tracker whose every number is worked out by hand.

Three Q3 meetings (and two in Q2 to compare with) go in through the tracker's own
ingest, progress through tracker.status, a correction through tracker.review.
The report is counted as of 2024-10-08; escalation is at 3 days overdue.
"""
from __future__ import annotations

from datetime import date, datetime

import pytest

from test_tracker_factory import action, doc, new_store, roster_people
from tracker import people
from tracker.ingest import ingest_extraction
from tracker.quarters import Quarter
from tracker.report import quarterly_report
from tracker.report_health import NO_DEPARTMENT, NO_OWNER
from tracker.review import edit_item, reject_item
from tracker.status import update_status

Q3 = Quarter(2024, 3)
AS_OF = date(2024, 10, 8)


def meeting(title, day, topics, items=(), *, organizer="市场部", recorder="何佳", start="14:00", end="16:00"):
    body = doc(title=title, date=day, items=items, organizer=organizer, start=start, end=end, topics=topics,
               path=f"{title}.md")
    body["meeting"]["recorder"] = recorder
    return body


def topic(title, discussion=(), disagreements=()):
    return {"title": title, "discussion": list(discussion), "consensus": [], "disagreements": list(disagreements)}


def item_id(store, task):
    return store.db.execute("SELECT id FROM items WHERE task = ?", [task]).fetchone()[0]


def build(store):
    people.upsert_people(store, roster_people())
    on_time = lambda d, h=17: datetime.fromisoformat(d) .replace(hour=h)  # noqa: E731
    # --- Q2: the quarter before --------------------------------------------------
    ingest_extraction(store, meeting("采购计划会", "2024-05-08", [topic("采购计划", [
        "供应商到货推迟影响生产。", "会议室不够用，经常订不到。"])]), uploaded_at=on_time("2024-05-08"))
    ingest_extraction(store, meeting("产能复盘会", "2024-06-12", [topic("产能复盘", [
        "原材料供货滞后，供应商交货延迟。", "会议室紧张，预订冲突。", "测试环境资源不足。"])]),
        uploaded_at=on_time("2024-06-12"))
    # --- Q3 ----------------------------------------------------------------------
    ingest_extraction(store, meeting("产品周会", "2024-07-03", [topic("发布会筹备", [
        "研发部反馈测试环境资源不足，联调排队。", "主视觉方向已确定。"])], [
        action(1, "完成发布会主视觉初稿", "王芳", "2024-07-10", "3版设计稿", department="设计部"),
        action(2, "输出接口联调方案", "张伟", "2024-07-12", "联调方案", department="研发部"),
        action(3, "确认场地预算", mention="市场部", match="department", vague=True, deadline_mention="近期",
               deliverable="预算表"),
    ]), uploaded_at=on_time("2024-07-03"))
    ingest_extraction(store, meeting("研发例会", "2024-08-07", [topic("登录模块", [
        "测试环境不够用，回归测试排不上。", "客户投诉物流慢。"], ["王芳认为主视觉需要重做，市场部不同意。"])], [
        action(1, "修复登录报错", "张伟", "2024-08-09", "修复版本", department="研发部"),
        action(2, "整理测试用例", mention="大家", match="collective", vague=True, deadline_mention="尽快",
               deliverable="用例清单"),
        action(3, "会议室改造", "王磊", "2024-08-20", "改造方案", department="研发部"),
    ], organizer="研发部", recorder="孙浩", start="10:00", end="11:00"), uploaded_at=datetime(2024, 8, 8, 9, 0))
    ingest_extraction(store, meeting("发布会筹备会", "2024-09-04", [topic("发布会筹备", [
        "缺测试服务器，压测无法进行。", "供应商交货延迟，物料可能来不及。", "用户抱怨配送太慢。"])], [
        action(1, "提交物料清单", "李娜", "2024-09-10", "物料清单", department="市场部"),
        action(2, "跟进供应商交付", "李娜", "2024-10-20", "交付计划", department="市场部"),
        action(3, "整理发布会预算", "王芳", "2024-09-06", "预算表", department="设计部"),
    ], start="14:00", end="15:00"), uploaded_at=datetime(2024, 9, 4, 15, 30))
    # --- what happened to the items ----------------------------------------------
    at = lambda d: datetime.fromisoformat(d + "T18:00")  # noqa: E731
    update_status(store, item_id(store, "完成发布会主视觉初稿"), status="已完成", by="王芳", at=at("2024-07-09"))
    update_status(store, item_id(store, "输出接口联调方案"), status="进行中", progress=50, by="张伟", at=at("2024-07-11"))
    update_status(store, item_id(store, "输出接口联调方案"), status="已完成", by="张伟", at=at("2024-07-20"))
    update_status(store, item_id(store, "修复登录报错"), status="受阻", note="等测试服务器，缺测试环境",
                  by="张伟", at=at("2024-08-08"))
    update_status(store, item_id(store, "提交物料清单"), status="已完成", by="李娜", at=at("2024-09-10"))
    update_status(store, item_id(store, "整理发布会预算"), status="已取消", by="王芳", at=at("2024-09-05"))
    # done after the report day: still open on 2024-10-08
    update_status(store, item_id(store, "跟进供应商交付"), status="已完成", by="李娜", at=at("2024-10-09"))
    reject_item(store, item_id(store, "会议室改造"), by="孙浩")
    # the reviewer names an owner for "大家": the minutes were still vague
    edit_item(store, item_id(store, "整理测试用例"), owner="孙浩", by="何佳")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    store = new_store(tmp_path_factory.mktemp("report") / "m.db")
    build(store)
    try:
        yield quarterly_report(store, Q3, AS_OF)
    finally:
        store.close()


def numbers(row):
    return (row.created, row.done, row.cancelled, row.open, row.overdue, row.open_overdue, row.escalated,
            row.on_time, row.decided, row.no_due_date, row.median_days_to_close)


def test_scope(report):
    assert (report.meetings, report.items, report.undated_meetings) == (3, 8, 0)
    assert not report.empty and report.as_of == AS_OF


def test_totals(report):
    # done: 主视觉 (on time, 6 d), 联调方案 (8 d late, 17 d), 物料清单 (on due day, 6 d)
    # open: 场地预算 (no date), 登录报错 (due 08-09, 60 d over), 测试用例 (no date), 供应商交付 (due 10-20)
    assert numbers(report.health.total) == (8, 3, 1, 4, 2, 1, 2, 2, 4, 2, 6)
    assert report.health.total.on_time_rate == 0.5


def test_by_department(report):
    rows = {e.name: numbers(e) for e in report.health.by_department}
    assert rows == {
        "研发部": (2, 1, 0, 1, 2, 1, 2, 0, 2, 0, 17),
        "设计部": (2, 1, 1, 0, 0, 0, 0, 1, 1, 0, 6),
        "市场部": (2, 1, 0, 1, 0, 0, 0, 1, 1, 0, 6),
        "测试部": (1, 0, 0, 1, 0, 0, 0, 0, 0, 1, None),
        NO_DEPARTMENT: (1, 0, 0, 1, 0, 0, 0, 0, 0, 1, None),
    }
    research = next(e for e in report.health.by_department if e.name == "研发部")
    assert research.on_time_rate == 0.0
    assert next(e for e in report.health.by_department if e.name == "测试部").on_time_rate is None


def test_by_owner(report):
    rows = {e.name: numbers(e) for e in report.health.by_owner}
    assert rows == {
        "张伟": (2, 1, 0, 1, 2, 1, 2, 0, 2, 0, 17),
        "王芳": (2, 1, 1, 0, 0, 0, 0, 1, 1, 0, 6),
        "李娜": (2, 1, 0, 1, 0, 0, 0, 1, 1, 0, 6),
        "孙浩": (1, 0, 0, 1, 0, 0, 0, 0, 0, 1, None),
        NO_OWNER: (1, 0, 0, 1, 0, 0, 0, 0, 0, 1, None),
    }


def test_minutes_quality(report):
    h = report.health
    quality = lambda q: (q.meetings, q.items, q.vague_owner, q.vague_deadline, q.late_uploads)  # noqa: E731
    assert quality(h.quality_total) == (3, 8, 2, 2, 1)
    assert {q.name: quality(q) for q in h.by_recorder} == {"何佳": (2, 6, 1, 1, 0), "孙浩": (1, 2, 1, 1, 1)}
    assert {q.name: quality(q) for q in h.by_organizer} == {"市场部": (2, 6, 1, 1, 0), "研发部": (1, 2, 1, 1, 1)}
    sun = next(q for q in h.by_recorder if q.name == "孙浩")
    assert (sun.vague_owner_share, sun.late_share) == (0.5, 1.0)
    [late] = h.late_uploads
    # ended 11:00, due by 13:00, uploaded next day 09:00
    assert (late.title, late.recorder, late.hours_late) == ("研发例会", "孙浩", 20.0)


def test_recurring_issue_across_meetings_and_quarters(report):
    rec = report.recurring
    [env] = [i for i in rec.issues if "测试环境" in i.terms]
    assert env.mentions == 4  # three discussions and the blocked item's note
    assert [m[1] for m in env.meetings] == ["产品周会", "研发例会", "发布会筹备会"]
    assert (env.first_seen, env.last_seen) == ("2024-07-03", "2024-09-04")
    assert dict(env.departments) == {"研发部": 3, "市场部": 1}
    assert (env.trend, env.previous_mentions, env.previous_meetings) == ("persisting", 1, 1)
    assert env.kinds[0] == "shortage"
    assert 2 <= len(env.examples) <= 3
    assert len({(m.meeting_title, m.meeting_date) for m in env.examples}) == len(env.examples)
    note = [m for m in env.examples if m.source == "status"]
    assert all(m.context == "修复登录报错" and m.seen == "2024-08-08" for m in note)


def test_new_gone_and_single(report):
    rec = report.recurring
    [complaint] = [i for i in rec.issues if "投诉" in i.terms]
    assert (complaint.trend, complaint.mentions, len(complaint.meetings)) == ("new", 2, 2)
    assert len(rec.issues) == 2
    [launch] = rec.topics  # a topic title in two meetings, with no problem in it
    assert (launch.label, launch.trend, len(launch.meetings)) == ("发布会筹备", "new", 2)
    [room] = rec.gone  # twice last quarter, never this quarter
    assert "会议室" in room.label and len(room.meetings) == 2 and room.last_seen == "2024-06-12"
    # the supplier delay recurred last quarter but came up in one Q3 meeting only: neither recurring nor gone
    assert not any("供应商" in i.label for i in rec.issues + rec.gone)
    # Q3 problem mentions: 2 + 5 + 4; singles: the disagreement, 登录模块, the supplier delay
    assert (rec.problems, rec.single) == (11, 3)


def test_an_empty_quarter(tmp_path):
    store = new_store(tmp_path / "e.db")
    try:
        people.upsert_people(store, roster_people())
        ingest_extraction(store, meeting("产品周会", "2024-07-03", [topic("发布会筹备")]))
        result = quarterly_report(store, Quarter(2023, 1), AS_OF)
    finally:
        store.close()
    assert result.empty and result.meetings == 0 and result.recurring.issues == ()
    assert result.health.total.created == 0


def test_corrected_items_still_count_against_the_minutes(tmp_path):
    """A reviewer fixing a vague owner or deadline settles the flags; the minutes were still vague."""
    store = new_store(tmp_path / "q.db")
    try:
        people.upsert_people(store, roster_people())
        ingest_extraction(store, meeting("研发例会", "2024-07-03", [topic("环境")], [
            action(1, "搭建测试环境", mention="研发部", match="department", vague=True, deadline_mention="近期",
                   deliverable="环境"),
            action(2, "输出方案", "张伟", "2024-07-12", "方案", department="研发部"),
            action(3, "整理用例", mention="王工", match="unknown", deliverable="用例"),
        ]))
        first = item_id(store, "搭建测试环境")
        edit_item(store, first, owner="张伟", due="2024-07-31", by="何佳")
        edit_item(store, item_id(store, "整理用例"), owner="孙浩", due="2024-07-20", by="何佳")
        assert store.db.execute("SELECT flags FROM items WHERE id = ?", [first]).fetchone()[0] == "[]"
        result = quarterly_report(store, Q3, AS_OF)
    finally:
        store.close()
    q = result.health.quality_total
    # item 1: a department and 近期 in the minutes; item 3: an unknown person with no deadline (not vague)
    assert (q.items, q.vague_owner, q.vague_deadline) == (3, 1, 1)
    # the corrected deadlines now count: all three are open past their day on 2024-10-08
    assert (result.health.total.overdue, result.health.total.no_due_date) == (3, 0)
