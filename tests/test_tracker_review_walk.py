"""tracker.review_walk with a scripted prompter in place of rich prompts."""
from __future__ import annotations

import pytest

from test_tracker_factory import AT, doc, new_store, roster_people, standard_items
from tracker import people
from tracker.ingest import ingest_extraction
from tracker.queries import get_item, history
from tracker.review_walk import pending_flagged, walk


class Script:
    def __init__(self, choices, texts):
        self.choices, self.texts = list(choices), list(texts)
        self.shown, self.said = [], []

    def show(self, item, position, total):
        self.shown.append((item.id, position, total))

    def choose(self, question, choices, default):
        return self.choices.pop(0)

    def text(self, question, default):
        answer = self.texts.pop(0)
        return default if answer == "" else answer  # "" is pressing Enter

    def say(self, message):
        self.said.append(message)


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "m.db")
    people.upsert_people(s, roster_people())
    ingest_extraction(s, doc(items=standard_items()), uploaded_at=AT)
    yield s
    s.close()


def test_walk_visits_only_pending_flagged_items(store):
    meeting, items = pending_flagged(store, "产品周会")
    assert meeting.id == 1 and [i.ext_id for i in items] == ["a3", "a4"]


def test_edit_then_reject(store):
    # a3: edit owner (unknown name first, retried), keep the rest; a4: reject with a reason
    script = Script(["e", "r"], ["李娜娜", "", "", "", "会后确认",
                                 "李娜", "2024-07-18", "", "", "会后确认",
                                 "重复"])
    summary = walk(store, "1", script, by="何佳")
    assert (summary.total, summary.edited, summary.rejected, summary.skipped) == (2, 1, 1, 0)
    edited = get_item(store, 3)
    assert (edited.owner_name, edited.due_date, edited.review) == ("李娜", "2024-07-18", "accepted")
    assert any("not in the roster" in m for m in script.said)
    assert get_item(store, 4).review == "rejected"
    assert {h.author for h in history(store, 3)} == {"何佳"}
    assert pending_flagged(store, "1")[1] == []


def test_quit_skips_the_rest(store):
    summary = walk(store, "1", Script(["a", "q"], []), by="x")
    assert (summary.accepted, summary.skipped) == (1, 1)
    assert get_item(store, 4).review == "pending"
