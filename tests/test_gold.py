"""Gold annotation files: discovery and the checks `minutes eval` makes before scoring."""
from __future__ import annotations

import json

import pytest

from extract.gold import find_gold_files, load_gold
from minutes.errors import BadInput


def write_gold(folder, name):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text("会议纪要", encoding="utf-8")
    gold = {"file": f"{name}.md", "kind": "markdown", "encoding": "utf-8", "meeting_date": "2024-07-10",
            "roster": None, "action_items": [{"task_keywords": ["主视觉"]}], "non_items_keywords": []}
    path = folder / f"{name}.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def test_find_gold_files_walks_recursively(tmp_path):
    write_gold(tmp_path / "a", "one")
    write_gold(tmp_path / "b" / "c", "two")
    found = find_gold_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/one.gold.json", "b/c/two.gold.json"]


def test_a_valid_gold_file_loads(tmp_path):
    gold = load_gold(write_gold(tmp_path, "周会"))
    assert gold["file"] == "周会.md" and gold["action_items"][0]["task_keywords"] == ["主视觉"]


def test_roster_path_must_exist(tmp_path):
    path = write_gold(tmp_path, "周会")
    gold = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(dict(gold, roster="../roster.csv")), encoding="utf-8")
    with pytest.raises(BadInput, match="roster ../roster.csv not found"):
        load_gold(path)


def test_bad_corpus_dirs_raise_bad_input_naming_them(tmp_path):
    with pytest.raises(BadInput, match="does not exist"):
        find_gold_files(tmp_path / "nope")
    with pytest.raises(BadInput, match="no \\*.gold.json"):
        find_gold_files(tmp_path)


@pytest.mark.parametrize("content, problem", [
    ("{not json", "malformed gold JSON"),
    ("[]", "top level"),
    (json.dumps({"file": "x.md", "kind": "markdown"}), "action_items"),
    (json.dumps({"file": "x.md", "kind": "markdown", "action_items": [{"task_keywords": []}]}), "task_keywords"),
    (json.dumps({"file": "missing.md", "kind": "markdown", "action_items": []}), "not found"),
    (json.dumps({"file": "x.md", "kind": "markdown", "action_items": [], "meeting_date": "7/10"}), "ISO"),
])
def test_malformed_gold_raises_bad_input_naming_the_file(tmp_path, content, problem):
    (tmp_path / "x.md").write_text("纪要", encoding="utf-8")
    path = tmp_path / "x.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput, match=problem) as info:
        load_gold(path)
    assert str(path) in str(info.value)
