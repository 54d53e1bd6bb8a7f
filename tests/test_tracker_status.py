"""tracker.status: progress updates with history and the day-dependent tracker flags."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from minutes.errors import BadInput, NotFound
from test_tracker_factory import AT, action, doc, new_store, roster_people, standard_items
from tracker import people
from tracker.ingest import ingest_extraction
from tracker.queries import ItemFilter, get_item, history, list_items
from tracker.review import reject_item
from tracker.status import tracker_flags, update_status


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "m.db")
    ingest_extraction(s, doc(items=standard_items()), uploaded_at=AT)
    yield s
    s.close()


def test_update_records_history_and_resets_the_stale_clock(store):
    when = datetime(2024, 7, 12, 10, 0)
    item = update_status(store, 2, status="进行中", progress=40, note="接口文档已完成一半", by="张伟", at=when)
    assert (item.status, item.progress, item.last_progress_at) == ("进行中", 40, when.isoformat())
    [entry] = history(store, 2)
    assert (entry.kind, entry.new, entry.note, entry.author) == ("status", "进行中 40%", "接口文档已完成一半", "张伟")
    assert "stale" not in tracker_flags(item, date(2024, 7, 14))
    assert "stale" in tracker_flags(item, date(2024, 7, 15))


def test_status_aliases_and_implied_values(store):
    assert update_status(store, 1, status="done", by="x").progress == 100
    assert update_status(store, 2, progress=100, by="x").status == "已完成"
    assert update_status(store, 3, progress=10, by="x").status == "进行中"
    assert update_status(store, 4, status="blocked", note="等场地", by="x").status == "受阻"


@pytest.mark.parametrize("kwargs, message", [
    ({"status": "搞定了"}, "invalid status"),
    ({"progress": 120}, "0-100"),
    ({"progress": -1}, "0-100"),
    ({}, "nothing to update"),
])
def test_invalid_updates_are_bad_input_and_change_nothing(store, kwargs, message):
    with pytest.raises(BadInput, match=message):
        update_status(store, 1, by="x", **kwargs)
    assert store.db.execute("SELECT COUNT(*) FROM status_updates").fetchone()[0] == 0


def test_unknown_or_rejected_item(store):
    with pytest.raises(NotFound):
        update_status(store, 404, status="进行中", by="x")
    reject_item(store, 3, by="x")
    with pytest.raises(NotFound, match="rejected"):
        update_status(store, 3, status="进行中", by="x")


def test_due_soon_overdue_escalate_by_day(store):
    item = get_item(store, 2)  # due 2024-07-12, created 2024-07-10
    assert tracker_flags(item, date(2024, 7, 10)) == ()
    assert tracker_flags(item, date(2024, 7, 11)) == ("due_soon",)  # due tomorrow
    assert tracker_flags(item, date(2024, 7, 12)) == ("due_soon",)  # due today is still not overdue
    assert tracker_flags(item, date(2024, 7, 13)) == ("overdue", "stale")
    assert tracker_flags(item, date(2024, 7, 14)) == ("overdue", "stale")
    assert tracker_flags(item, date(2024, 7, 15)) == ("overdue", "escalate", "stale")


def test_closed_items_raise_no_flags(store):
    done = update_status(store, 2, status="已完成", by="x", at=datetime(2024, 7, 11))
    assert tracker_flags(done, date(2024, 8, 1)) == ()
    cancelled = dataclasses.replace(get_item(store, 1), status="已取消")
    assert tracker_flags(cancelled, date(2024, 8, 1)) == ()


def test_undated_item_is_only_ever_stale(store):
    item = get_item(store, 3)
    assert tracker_flags(item, date(2024, 7, 12)) == ()
    assert tracker_flags(item, date(2024, 7, 13)) == ("stale",)


def test_list_filters_by_tracker_flag_and_status(store):
    update_status(store, 1, status="进行中", progress=20, by="x", at=datetime(2024, 7, 14))
    overdue = list_items(store, ItemFilter(flag="overdue"), today=date(2024, 7, 16))
    assert [i.id for i in overdue] == [1, 2]
    assert [i.id for i in list_items(store, ItemFilter(status="进行中"))] == [1]
    assert [i.id for i in list_items(store, ItemFilter(status="open"))] == [1, 2, 3, 4]
    assert [i.id for i in list_items(store, ItemFilter(flag="vague_deadline"))] == [4]
    other = ingest_extraction(store, doc(title="另一会", items=[action(1, "补测", "孙浩", "2024-07-30", "报告")]),
                              uploaded_at=AT)
    assert other.meeting_id == 2
    assert [i.task for i in list_items(store, ItemFilter(meeting="另一会"))] == ["补测"]
    assert [i.id for i in list_items(store, ItemFilter(due_before=date(2024, 7, 12)))] == [2]
    assert [i.id for i in list_items(store, ItemFilter(due_after=date(2024, 7, 13)))] == [1, 5]
    assert [i.id for i in list_items(store, ItemFilter(owner="王芳"))] == [1]
    assert list_items(store, ItemFilter(owner="Fiona")) == []  # no roster yet to know the alias
    people.upsert_people(store, roster_people())
    assert [i.id for i in list_items(store, ItemFilter(owner="Fiona"))] == [1]
    assert [i.id for i in list_items(store, ItemFilter(department="研发部"))] == [2]
    with pytest.raises(BadInput, match="invalid --due-before"):
        from tracker.dates import parse_day
        parse_day("2024-13-01", "--due-before")
