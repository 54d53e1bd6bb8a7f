"""tracker.ingest: storing minutes/v1 dicts, re-ingest pairing, corrections winning, late uploads."""
from __future__ import annotations

import copy
import json
from datetime import datetime

import pytest

from minutes.errors import BadInput
from test_tracker_factory import AT, action, doc, new_store, roster_people, standard_items
from tracker import people
from tracker.ingest import ingest_extraction, ingest_files
from tracker.queries import get_item, items_of_meeting
from tracker.review import edit_item, reject_item
from tracker.status import update_status


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "m.db")
    people.upsert_people(s, roster_people())
    yield s
    s.close()


def _count(store, table):
    return store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_first_ingest_stores_meeting_topics_and_items(store):
    result = ingest_extraction(store, doc(items=standard_items()), uploaded_at=AT)
    assert result.action == "created" and result.added == 4
    assert result.title == "产品周会" and result.date == "2024-07-10"
    items = items_of_meeting(store, result.meeting_id)
    assert [i.ext_id for i in items] == ["a1", "a2", "a3", "a4"]
    first = items[0]
    assert (first.task, first.owner_name, first.due_date, first.due_time, first.deliverable) == (
        "完成发布会主视觉初稿", "王芳", "2024-07-15", "18:00", "3版主视觉设计稿")
    assert first.status == "待开始" and first.progress == 0 and first.review == "pending"
    assert first.topic == "发布会筹备" and first.source_text.startswith("王芳负责")
    assert _count(store, "topics") == 1
    # the note-taker sees what to fix: only the flagged items
    assert [i.ext_id for i in result.flagged] == ["a3", "a4"]
    assert result.flagged[0].flags == ("vague_owner", "missing_deadline")


def test_same_content_twice_is_unchanged_and_writes_nothing(store):
    body = doc(items=standard_items())
    ingest_extraction(store, body, uploaded_at=AT)
    before = store.db.execute("SELECT id, updated_at FROM items ORDER BY id").fetchall()
    again = ingest_extraction(store, copy.deepcopy(body), uploaded_at=datetime(2024, 7, 11, 9, 0))
    assert again.action == "unchanged"
    assert store.db.execute("SELECT id, updated_at FROM items ORDER BY id").fetchall() == before
    assert _count(store, "meetings") == 1 and _count(store, "ingests") == 1


def test_edited_file_is_recognised_by_title_and_date_and_items_keep_their_ids(store):
    first = ingest_extraction(store, doc(items=standard_items()), uploaded_at=AT)
    ids = {i.ext_id: i.id for i in items_of_meeting(store, first.meeting_id)}
    edited = standard_items()
    edited.insert(0, action(9, "预订发布会场地", "李娜", "2024-07-12", "场地合同"))  # shifts every a-number
    for n, item in enumerate(edited, 1):
        item["id"] = f"a{n}"
    edited[2]["deadline"]["date"] = "2024-07-13"  # 张伟's item: new date in an edited sentence
    edited[2]["source"]["text"] = "张伟负责输出接口联调方案，2024-07-13前完成"
    second = ingest_extraction(store, doc(items=edited), uploaded_at=datetime(2024, 7, 11, 9, 0))
    assert second.action == "updated" and second.meeting_id == first.meeting_id
    assert (second.added, second.updated, second.removed) == (1, 4, 0)  # every old item renumbered
    now = {i.task: i for i in items_of_meeting(store, first.meeting_id)}
    assert now["输出接口联调方案"].id == ids["a2"] and now["输出接口联调方案"].due_date == "2024-07-13"
    assert now["完成发布会主视觉初稿"].id == ids["a1"] and now["完成发布会主视觉初稿"].ext_id == "a2"
    assert now["预订发布会场地"].id not in ids.values()
    assert _count(store, "meetings") == 1 and _count(store, "ingests") == 2


def test_reingest_never_overwrites_a_corrected_field(store):
    first = ingest_extraction(store, doc(items=standard_items()), uploaded_at=AT)
    vague = [i for i in items_of_meeting(store, first.meeting_id) if i.ext_id == "a4"][0]
    edit_item(store, vague.id, owner="孙浩", due="2024-07-19", by="何佳", reason="会后确认")
    edited = standard_items()
    edited[3]["deliverable"] = "用例清单 v2"  # an uncorrected field changes too
    edited[3]["source"]["text"] = "小孙负责整理测试用例，尽快完成，交用例清单 v2"
    ingest_extraction(store, doc(items=edited), uploaded_at=datetime(2024, 7, 11, 9, 0))
    item = get_item(store, vague.id)
    assert item.owner_name == "孙浩" and item.owner_department == "测试部"
    assert item.due_date == "2024-07-19"
    assert item.deliverable == "用例清单 v2"  # not corrected, so the fresh extraction wins
    # the settled flags do not come back; the fresh extraction is kept as a suggestion
    assert "unknown_owner" not in item.flags and "vague_deadline" not in item.flags
    assert item.suggestions["owner"]["owner_match"] == "unknown"
    assert item.suggestions["due"]["due_date"] is None


def test_vanished_items_are_deleted_unless_someone_acted_on_them(store):
    first = ingest_extraction(store, doc(items=standard_items()), uploaded_at=AT)
    items = {i.ext_id: i for i in items_of_meeting(store, first.meeting_id)}
    update_status(store, items["a2"].id, status="进行中", progress=30, by="张伟")
    shorter = [i for i in standard_items() if i["id"] in ("a1", "a4")]
    result = ingest_extraction(store, doc(items=shorter), uploaded_at=datetime(2024, 7, 11, 9, 0))
    assert result.removed == 1 and result.orphaned == 1
    kept = get_item(store, items["a2"].id)
    assert "not_in_source" in kept.flags and kept.progress == 30
    assert store.db.execute("SELECT COUNT(*) FROM items WHERE id = ?", [items["a3"].id]).fetchone()[0] == 0


def test_rejected_item_stays_rejected_after_reingest(store):
    first = ingest_extraction(store, doc(items=standard_items()), uploaded_at=AT)
    target = items_of_meeting(store, first.meeting_id)[2]
    reject_item(store, target.id, by="何佳", reason="不是行动项")
    edited = standard_items()
    edited[2]["task"] = "确认发布会场地预算"
    ingest_extraction(store, doc(items=edited), uploaded_at=datetime(2024, 7, 11, 9, 0))
    again = get_item(store, target.id)
    assert again.review == "rejected" and again.task == "确认发布会场地预算"
    assert target.id not in [i.id for i in items_of_meeting(store, first.meeting_id)]


def test_an_earlier_version_of_the_file_is_recognised_by_its_hash(store):
    v1 = doc(items=standard_items())
    v2 = doc(title="产品周会（修订）", items=standard_items()[:2])
    v2["meeting"]["date"] = "2024-07-10"
    first = ingest_extraction(store, v1, uploaded_at=AT)
    # a renamed meeting is a different meeting by title; same hash would still match
    again = ingest_extraction(store, copy.deepcopy(v1), uploaded_at=AT)
    assert again.meeting_id == first.meeting_id and again.action == "unchanged"
    other = ingest_extraction(store, v2, uploaded_at=AT)
    assert other.meeting_id != first.meeting_id


def test_late_upload_is_flagged_and_judged_on_the_first_upload(store):
    late = ingest_extraction(store, doc(items=standard_items()), uploaded_at=datetime(2024, 7, 10, 18, 30))
    assert "late_upload" in late.flags  # ended 16:00, published 18:30
    on_time = ingest_extraction(store, doc(title="设计评审", items=standard_items()[:1]),
                                uploaded_at=datetime(2024, 7, 10, 17, 59))
    assert "late_upload" not in on_time.flags
    edited = doc(title="设计评审", items=standard_items()[:2])
    fixed_later = ingest_extraction(store, edited, uploaded_at=datetime(2024, 7, 12, 9, 0))
    assert fixed_later.action == "updated" and "late_upload" not in fixed_later.flags


def test_meeting_without_date_is_never_late_and_keeps_its_flags(store):
    body = doc(date=None, items=standard_items()[:1], flags=["missing_meeting_date"])
    result = ingest_extraction(store, body, uploaded_at=datetime(2030, 1, 1))
    assert result.flags == ("missing_meeting_date",)


def test_not_a_minutes_v1_dict_is_bad_input(store):
    with pytest.raises(BadInput):
        ingest_extraction(store, {"schema": "other"})
    body = doc(items=standard_items())
    body["action_items"] = "nope"
    with pytest.raises(BadInput):
        ingest_extraction(store, body)
    assert _count(store, "meetings") == 0


def test_ingest_files_writes_all_files_or_none(store, tmp_path, monkeypatch):
    import minutes.pipeline

    bodies = {"a.md": doc(title="周会A", items=standard_items()), "b.md": doc(title="周会B", items=standard_items()[:1])}
    seen_rosters = []

    def fake_extract(path, *, roster=None, meeting_date=None):
        seen_rosters.append(roster)
        if path.name == "bad.md":
            raise BadInput("empty document", path=str(path))
        return bodies[path.name]

    monkeypatch.setattr(minutes.pipeline, "extract_path", fake_extract)
    with pytest.raises(BadInput):
        ingest_files(store, [tmp_path / "a.md", tmp_path / "bad.md"])
    assert _count(store, "meetings") == 0  # the good file before the bad one was not stored either
    results = ingest_files(store, [tmp_path / "a.md", tmp_path / "b.md"], uploaded_at=AT)
    assert [r.title for r in results] == ["周会A", "周会B"] and _count(store, "items") == 5
    assert "张伟" in seen_rosters[-1] and len(seen_rosters[-1]) == 5  # the stored people are the roster


def test_ingest_files_with_roster_imports_it_in_the_same_transaction(tmp_path, monkeypatch):
    import minutes.pipeline

    roster_csv = tmp_path / "roster.csv"
    roster_csv.write_text("name,department,title,aliases,email\n赵磊,研发部,后端工程师,磊子,z@example.cn\n",
                          encoding="utf-8")
    monkeypatch.setattr(minutes.pipeline, "extract_path",
                        lambda path, *, roster=None, meeting_date=None: doc(items=[action(1, "修复登录缺陷", "赵磊",
                                                                                          "2024-07-12", "补丁")]))
    store = new_store(tmp_path / "m.db")
    ingest_files(store, [tmp_path / "x.md"], roster_path=roster_csv, uploaded_at=AT)
    assert [p.name for p in people.list_people(store)] == ["赵磊"]
    assert people.list_people(store)[0].aliases == ("磊子",)
    store.close()


def test_flags_json_is_stored_as_json(store):
    ingest_extraction(store, doc(items=standard_items()), uploaded_at=AT)
    raw = store.db.execute("SELECT flags FROM items WHERE ext_id = 'a4'").fetchone()[0]
    assert json.loads(raw) == ["unknown_owner", "vague_deadline"]
