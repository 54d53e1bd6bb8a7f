"""tracker.report_problems: which stored sentences count as problems, and where they came from."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from test_tracker_factory import action, doc, new_store, roster_people
from tracker import people
from tracker.ingest import ingest_extraction
from tracker.report_problems import collect, topic_title, vocabulary
from tracker.review import reject_item
from tracker.status import update_status


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "m.db")
    people.upsert_people(s, roster_people())
    topics = [
        {"title": "议题一：测试环境", "discussion": ["研发部反馈测试环境资源不足。上次的登录问题已解决。", "主视觉方向已确定"],
         "consensus": ["采购服务器，预算不足部分由财务部协调"], "disagreements": ["王芳认为主视觉要重做"]},
        {"title": "其他事项", "discussion": ["会议室紧张"], "consensus": [], "disagreements": []},
    ]
    ingest_extraction(s, doc(title="产品周会", date="2024-07-10", topics=topics, items=[
        action(1, "完成压测报告", "张伟", "2024-07-20", "压测报告", department="研发部", line=31),
        action(2, "整理测试用例", "孙浩", "2024-07-22", "用例", department="测试部"),
        action(3, "确认场地", "李娜", "2024-07-22", "场地", department="市场部"),
    ]), uploaded_at=datetime(2024, 7, 10, 17))
    update_status(s, 1, status="受阻", note="缺测试服务器", by="张伟", at=datetime(2024, 7, 15, 9))
    update_status(s, 2, status="延期", by="孙浩", at=datetime(2024, 7, 16, 9))  # no note: the task recurs
    update_status(s, 2, status="进行中", progress=50, note="测试环境不足", by="孙浩", at=datetime(2024, 7, 17, 9))
    update_status(s, 3, status="受阻", note="场地没谈下来", by="李娜", at=datetime(2024, 10, 2, 9))  # next quarter
    yield s
    s.close()


def test_topic_sentences_with_cues_disagreements_and_titles(store):
    found = [p for p in collect(store, date(2024, 7, 1), date(2024, 9, 30)) if p.source != "status"]
    assert [(p.source, p.kind, p.text) for p in found] == [
        ("topic", "topic", "测试环境"),
        ("discussion", "shortage", "研发部反馈测试环境资源不足"),
        ("consensus", "shortage", "采购服务器，预算不足部分由财务部协调"),
        ("disagreement", "disagreement", "王芳认为主视觉要重做"),
        # the generic topic "其他事项" is no issue of its own; its sentence is
        ("discussion", "shortage", "会议室紧张"),
    ]
    assert all(p.meeting_title == "产品周会" and p.meeting_date == p.seen == "2024-07-10" for p in found)
    # a sentence naming a department is that department's; else the organiser's
    assert found[1].departments == ("研发部",)
    assert found[2].departments == ("财务部",)
    assert found[3].departments == ("市场部",)


def test_blocked_and_delayed_updates_in_the_span(store):
    notes = [p for p in collect(store, date(2024, 7, 1), date(2024, 9, 30)) if p.source == "status"]
    assert [(p.text, p.kind, p.seen, p.context, p.line) for p in notes] == [
        ("缺测试服务器", "shortage", "2024-07-15", "完成压测报告", 31),
        ("整理测试用例", "delay", "2024-07-16", None, 4),  # progress notes of other statuses are no problems
    ]
    assert notes[0].departments == ("研发部",) and notes[1].departments == ("测试部",)
    later = [p.text for p in collect(store, date(2024, 10, 1), date(2024, 12, 31)) if p.source == "status"]
    assert later == ["场地没谈下来"]


def test_rejected_items_are_left_out(store):
    reject_item(store, 1, by="何佳")
    texts = [p.text for p in collect(store, date(2024, 7, 1), date(2024, 9, 30))]
    assert "缺测试服务器" not in texts


def test_vocabulary_and_topic_titles(store):
    vocab = vocabulary(store)
    assert {"研发部", "设计部", "市场部", "测试部"} <= set(vocab.departments)
    assert "王芳" in vocab.people
    assert vocab.departments_in("研发部和市场部") == ("市场部", "研发部")
    assert topic_title("议题二：供应链") == topic_title("2. 供应链") == "供应链"
