"""tracker.rules: the bundled rule data loads, and a broken file names file and key."""
from __future__ import annotations

import pytest

from minutes.errors import DataFileError
from tracker import rules

LOADERS = (rules.policy, rules.statuses, rules.fields, rules.labels)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    for loader in LOADERS:
        loader.cache_clear()
    for name in ("policy.yaml", "statuses.yaml", "fields.yaml", "labels.yaml"):
        (tmp_path / name).write_text((rules.DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(rules, "DATA_DIR", tmp_path)
    yield tmp_path
    for loader in LOADERS:
        loader.cache_clear()


def test_bundled_data_is_valid():
    policy = rules.policy()
    assert (policy.late_upload_hours, policy.escalate_days, policy.stale_days) == (2, 3, 3)
    statuses = rules.statuses()
    assert list(statuses.by_name) == ["待开始", "进行中", "已完成", "受阻", "延期", "已取消"]
    assert statuses.default == "待开始" and statuses.resolve("DONE") == "已完成"
    assert statuses.is_closed("已取消") and not statuses.is_closed("受阻")
    assert rules.fields().settled_flags({"owner"}) >= {"vague_owner", "unknown_owner"}
    assert "department" not in rules.fields().teach_alias_from
    labels = rules.labels()
    assert all(flag in labels.flags for flag in ("due_soon", "overdue", "escalate", "stale", "missing_owner"))


def test_statuses_in_data_match_the_spec_command_line():
    assert "|".join(rules.statuses().by_name) == "待开始|进行中|已完成|受阻|延期|已取消"


@pytest.mark.parametrize("name, text, key", [
    ("policy.yaml", "late_upload_hours: two\n", "late_upload_hours"),
    ("policy.yaml", "- just a list\n", "top level"),
    ("statuses.yaml", "default: 完成\nstatuses:\n  待开始: {closed: false, ics: X}\n", "default"),
    ("statuses.yaml", "default: a\nstatuses:\n  a: {closed: maybe, ics: X}\n", "statuses.a.closed"),
    ("fields.yaml", "owner: {columns: [a], settles: oops}\n", "owner.settles"),
    ("labels.yaml", "columns: {id: 1}\nflags: {}\nheadings: {}\n", "columns.id"),
    ("policy.yaml", "key: [unclosed\n", "cannot read"),
])
def test_broken_files_raise_data_file_error_naming_file_and_key(data_dir, name, text, key):
    (data_dir / name).write_text(text, encoding="utf-8")
    loader = {"policy.yaml": rules.policy, "statuses.yaml": rules.statuses,
              "fields.yaml": rules.fields, "labels.yaml": rules.labels}[name]
    with pytest.raises(DataFileError) as info:
        loader()
    assert name in str(info.value) and key in str(info.value)
