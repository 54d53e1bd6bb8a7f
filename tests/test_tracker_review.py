"""tracker.review: edits with history, alias learning, accept/reject, add, merge, split."""
from __future__ import annotations

import pytest

from minutes.errors import BadInput, NotFound
from test_tracker_factory import AT, doc, new_store, roster_people, standard_items
from tracker import people
from tracker.ingest import ingest_extraction
from tracker.queries import get_item, history, item_detail, items_of_meeting
from tracker.review import accept_item, add_item, edit_item, merge_items, reject_item, split_item


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "m.db")
    people.upsert_people(s, roster_people())
    ingest_extraction(s, doc(items=standard_items()), uploaded_at=AT)
    yield s
    s.close()


def _by_ext(store):
    return {i.ext_id: i for i in items_of_meeting(store, 1, visible_only=False)}


def test_edit_records_who_when_old_new_and_reason(store):
    item = _by_ext(store)["a2"]
    edited = edit_item(store, item.id, due="2024-07-19 18:00", deliverable="联调方案 v1", by="何佳", reason="会后确认")
    assert (edited.due_date, edited.due_time, edited.deliverable) == ("2024-07-19", "18:00", "联调方案 v1")
    rows = store.db.execute("SELECT field, old, new, reason, author, at FROM corrections WHERE item_id = ? ORDER BY id",
                            [item.id]).fetchall()
    assert [r[:5] for r in rows] == [
        ("due", "2024-07-12", "2024-07-19 18:00", "会后确认", "何佳"),
        ("deliverable", "联调方案文档", "联调方案 v1", "会后确认", "何佳"),
    ]
    assert all(r[5] for r in rows)
    assert [h.field for h in history(store, item.id)] == ["due", "deliverable"]


def test_owner_correction_settles_flags_and_teaches_the_mention(store):
    vague = _by_ext(store)["a4"]  # mention 小孙, unknown
    edited = edit_item(store, vague.id, owner="孙浩", by="何佳")
    assert edited.owner_name == "孙浩" and edited.owner_department == "测试部"
    assert "unknown_owner" not in edited.flags and "vague_deadline" in edited.flags
    assert people.person_by_name_or_alias(store, "小孙") == ("孙浩", "测试部")
    learned = {p.name: p.learned for p in people.list_people(store)}
    assert learned["孙浩"] == ("小孙",)


def test_department_mention_is_never_learned_as_an_alias(store):
    dept = _by_ext(store)["a3"]  # mention 市场部, matched as a department
    edit_item(store, dept.id, owner="李娜", by="何佳")
    assert people.person_by_name_or_alias(store, "市场部") is None


def test_owner_may_be_given_by_alias_but_must_be_in_the_roster(store):
    item = _by_ext(store)["a3"]
    assert edit_item(store, item.id, owner="Lina", by="x").owner_name == "李娜"
    with pytest.raises(BadInput, match="not in the roster.*王芳"):
        edit_item(store, item.id, owner="王芳芳", by="x")


def test_edit_validates_input(store):
    item = _by_ext(store)["a1"]
    with pytest.raises(BadInput, match="nothing to edit"):
        edit_item(store, item.id, by="x")
    with pytest.raises(BadInput, match="invalid deadline"):
        edit_item(store, item.id, due="下周五", by="x")
    with pytest.raises(BadInput, match="invalid deadline"):
        edit_item(store, item.id, due="2024-02-30", by="x")
    with pytest.raises(NotFound):
        edit_item(store, 999, task="x", by="x")
    with pytest.raises(BadInput):
        edit_item(store, "abc", task="x", by="x")
    assert store.db.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0


def test_accept_and_reject_are_recorded(store):
    items = _by_ext(store)
    assert accept_item(store, items["a1"].id, by="何佳").review == "accepted"
    assert reject_item(store, items["a3"].id, by="何佳", reason="背景信息").review == "rejected"
    assert [h.new for h in history(store, items["a3"].id)] == ["rejected"]
    with pytest.raises(BadInput, match="rejected"):
        edit_item(store, items["a3"].id, task="x", by="x")
    assert items["a3"].id not in [i.id for i in items_of_meeting(store, 1)]


def test_add_item_to_a_meeting_by_title(store):
    item = add_item(store, "产品周会", task="整理报价单", owner="李娜", due="2024-07-20", by="何佳")
    assert item.origin == "manual" and item.ext_id == "m1" and item.review == "accepted"
    assert item.owner_department == "市场部" and item.flags == ("missing_deliverable",)
    assert [h.field for h in history(store, item.id)] == ["created"]
    with pytest.raises(NotFound):
        add_item(store, "不存在的会", task="x", by="x")
    with pytest.raises(BadInput):
        add_item(store, "1", task="  ", by="x")


def test_merge_folds_duplicates_and_fills_what_the_target_lacks(store):
    items = _by_ext(store)
    merged = merge_items(store, [items["a3"].id, items["a1"].id], by="何佳", reason="重复")
    assert merged.id == items["a3"].id
    assert merged.owner_name == "王芳" and merged.due_date == "2024-07-15"
    assert "vague_owner" not in merged.flags and "missing_deadline" not in merged.flags
    gone = get_item(store, items["a1"].id)
    assert gone.review == "merged" and gone.merged_into == merged.id
    with pytest.raises(BadInput):
        merge_items(store, [items["a2"].id], by="x")
    with pytest.raises(BadInput):
        merge_items(store, [items["a2"].id, items["a2"].id], by="x")


def test_split_replaces_one_item_by_several(store):
    item = _by_ext(store)["a1"]
    parts = split_item(store, item.id, ["完成主视觉初稿", "完成海报延展"], by="何佳")
    assert [p.task for p in parts] == ["完成主视觉初稿", "完成海报延展"]
    assert all(p.owner_name == "王芳" and p.due_date == "2024-07-15" and p.split_from == item.id for p in parts)
    assert [p.ext_id for p in parts] == ["a1.1", "a1.2"]
    assert get_item(store, item.id).review == "split"
    detail = item_detail(store, item.id)
    assert detail.history[-1].field == "split_into"
    with pytest.raises(BadInput, match="two"):
        split_item(store, parts[0].id, ["只有一个"], by="x")


def test_split_and_merge_survive_a_reingest(store):
    items = _by_ext(store)
    parts = split_item(store, items["a1"].id, ["主视觉初稿", "海报延展"], by="x")
    merge_items(store, [items["a2"].id, items["a4"].id], by="x")
    edited = standard_items()
    edited[0]["deliverable"] = "4版主视觉设计稿"
    ingest_extraction(store, doc(items=edited), uploaded_at=AT.replace(day=11))
    visible = {i.id for i in items_of_meeting(store, 1)}
    assert {p.id for p in parts} <= visible
    assert items["a1"].id not in visible and items["a4"].id not in visible
