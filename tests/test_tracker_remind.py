"""tracker.remind: lists per owner and per organising department for a given day."""
from __future__ import annotations

from datetime import date

import pytest

from test_tracker_factory import AT, action, doc, new_store, roster_people
from tracker import people
from tracker.ingest import ingest_extraction
from tracker.remind import reminders
from tracker.status import update_status


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "m.db")
    people.upsert_people(s, roster_people())
    ingest_extraction(s, doc(title="市场周会", organizer="市场部", items=[
        action(1, "完成主视觉初稿", "王芳", "2024-07-15", "设计稿", department="设计部"),
        action(2, "输出联调方案", "张伟", "2024-07-12", "方案", department="研发部"),
        action(3, "确认预算", "李娜", "2024-07-20", "预算表", department="市场部"),
    ]), uploaded_at=AT)
    ingest_extraction(s, doc(title="研发例会", organizer=None, items=[
        action(1, "修复登录缺陷", "张伟", "2024-07-09", "补丁", department="研发部"),
    ]), uploaded_at=AT)
    yield s
    s.close()


def test_owner_lists(store):
    rem = reminders(store, date(2024, 7, 14))
    owners = {b.name: b for b in rem.owners}
    assert [i.task for i in owners["王芳"].due_soon] == ["完成主视觉初稿"]
    assert [i.task for i in owners["张伟"].overdue] == ["修复登录缺陷", "输出联调方案"]
    assert [i.task for i in owners["张伟"].escalate] == ["修复登录缺陷"]  # 5 days overdue
    assert [i.task for i in owners["李娜"].stale] == ["确认预算"]  # nothing due, but no update for 4 days


def test_escalation_goes_to_the_organising_department(store):
    rem = reminders(store, date(2024, 7, 14))
    departments = {b.name: b for b in rem.departments}
    assert [i.task for i in departments["市场部"].overdue] == ["输出联调方案"]
    # 研发例会 names no organizer: its first listed department organises it
    assert [i.task for i in departments["研发部"].escalate] == ["修复登录缺陷"]
    assert all(not b.stale for b in rem.departments)


def test_updates_and_completion_quiet_the_reminders(store):
    update_status(store, 2, status="已完成", by="张伟")
    update_status(store, 4, progress=50, by="张伟")
    rem = reminders(store, date(2024, 7, 14))
    zhang = next(b for b in rem.owners if b.name == "张伟")
    assert [i.id for i in zhang.overdue] == [4] and zhang.stale == ()


def test_nothing_to_remind(store):
    rem = reminders(store, date(2024, 7, 10))
    assert [b.name for b in rem.owners] == ["张伟"]  # only the item already overdue at the meeting
    assert reminders(store, date(2024, 7, 10)).to_dict()["today"] == "2024-07-10"
