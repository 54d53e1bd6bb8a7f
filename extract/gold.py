"""Finding and checking gold annotation files (SPEC "Gold annotations").

`minutes eval` checks every gold file before extracting anything, so a typo in
one annotation stops the run at once with the file named, instead of after
minutes of extraction. Only what scoring relies on is checked here;
tests/test_corpus.py holds the corpus to the full annotation rules.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from minutes.errors import BadInput

GOLD_SUFFIX = ".gold.json"

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def find_gold_files(corpus_dir: Path) -> list[Path]:
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.exists():
        raise BadInput("corpus directory does not exist", path=str(corpus_dir))
    if not corpus_dir.is_dir():
        raise BadInput("not a directory", path=str(corpus_dir))
    files = sorted(p for p in corpus_dir.rglob(f"*{GOLD_SUFFIX}") if p.is_file())
    if not files:
        raise BadInput(f"no *{GOLD_SUFFIX} files found", path=str(corpus_dir))
    return files


def _require(condition: bool, path: Path, problem: str) -> None:
    if not condition:
        raise BadInput(f"malformed gold annotation: {problem}", path=str(path))


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v.strip() for v in value)


def load_gold(path: Path) -> dict:
    """Read and check one gold file; a bad one raises BadInput naming it."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read gold annotation ({exc})", path=str(path)) from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"malformed gold JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
                       path=str(path)) from None
    _require(isinstance(gold, dict), path, "top level is not an object")
    _require(isinstance(gold.get("file"), str) and gold["file"].strip() != "", path, "'file' missing")
    _require(isinstance(gold.get("kind"), str) and gold["kind"].strip() != "", path, "'kind' missing")
    _require(isinstance(gold.get("action_items"), list), path, "'action_items' is not a list")
    for i, item in enumerate(gold["action_items"]):
        _require(isinstance(item, dict), path, f"action_items[{i}] is not an object")
        _require(_is_str_list(item.get("task_keywords")), path,
                 f"action_items[{i}].task_keywords must be a non-empty list of strings")
        _require(isinstance(item.get("flags", []), list), path, f"action_items[{i}].flags is not a list")
    non_items = gold.get("non_items_keywords", [])
    _require(isinstance(non_items, list) and all(_is_str_list(k) for k in non_items), path,
             "non_items_keywords must be a list of non-empty keyword lists")
    for key in ("meeting_date",):
        value = gold.get(key)
        _require(value is None or (isinstance(value, str) and bool(_ISO_DATE.match(value))), path,
                 f"'{key}' is not an ISO date")
    roster = gold.get("roster")
    _require(roster is None or (isinstance(roster, str) and roster.strip() != ""), path, "'roster' is not a path")
    document = path.parent / gold["file"]
    _require(document.is_file(), path, f"document {gold['file']} not found beside it")
    if roster is not None:
        _require((path.parent / roster).is_file(), path, f"roster {roster} not found")
    return gold
