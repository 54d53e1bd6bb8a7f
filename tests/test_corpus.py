"""Every gold annotation in corpora/ follows the SPEC gold format and can be scored.

A gold file that names a keyword the document does not contain, an owner the
roster lacks, or a flag its own fields contradict would silently cap the
scores `minutes eval` reports, so each is checked here against the document's
actual text (read independently of the project's readers).
"""
from __future__ import annotations

import codecs
import csv
import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from extract.evaluate import normalize

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
GOLD_FILES = sorted(CORPORA.rglob("*.gold.json"))

KINDS = {"table-docx", "heading-docx", "markdown", "im-paste", "narrative", "transcript",
         "mixed-zh-en", "english", "gbk-text"}
OWNER_KINDS = {"exact", "alias", "title", "fuzzy", "department", "collective", "unknown", "none"}
ITEM_FLAGS = {"missing_owner", "vague_owner", "unknown_owner", "ambiguous_owner", "fuzzy_owner",
              "missing_deadline", "vague_deadline", "deadline_before_meeting", "missing_deliverable"}
GOLD_KEYS = {"file", "kind", "encoding", "meeting_date", "roster", "action_items", "non_items_keywords"}
ITEM_KEYS = {"task_keywords", "owner", "owner_mention", "owner_kind", "deadline", "deadline_mention",
             "deadline_vague", "deliverable_keywords", "flags"}
# owner_kind -> the flag an item of that kind must carry
KIND_FLAG = {"department": "vague_owner", "collective": "vague_owner", "unknown": "unknown_owner",
             "none": "missing_owner", "fuzzy": "fuzzy_owner"}
# kinds whose name fixes the container; the others (english, narrative ...) come in any format
KIND_EXTENSIONS = {"table-docx": {".docx"}, "heading-docx": {".docx"}, "markdown": {".md", ".markdown"},
                   "im-paste": {".txt", ".md"}, "gbk-text": {".txt", ".md"}}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GBK_FAMILY = {"gbk", "gb2312", "gb18030", "cp936"}


def ids(paths):
    return [p.relative_to(CORPORA).as_posix() for p in paths]


@lru_cache(maxsize=None)
def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def roster_names(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return frozenset(row["name"].strip() for row in csv.DictReader(handle) if (row.get("name") or "").strip())


def docx_text(path: Path) -> str:
    """Every paragraph in the body, tables (nested too) and content controls included."""
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    return "\n".join(Paragraph(p, document).text for p in document.element.body.iter(qn("w:p")))


@lru_cache(maxsize=None)
def document_text(path: Path, encoding: str | None) -> str:
    """The document's text, normalized the way the scorer compares keywords."""
    if path.suffix.lower() == ".docx":
        return normalize(docx_text(path))
    return normalize(path.read_bytes().decode(encoding or "utf-8"))


def is_iso(value) -> bool:
    if not isinstance(value, str) or not ISO.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_keyword_list(value, *, allow_empty=False) -> bool:
    return (isinstance(value, list) and (allow_empty or bool(value))
            and all(isinstance(k, str) and k.strip() for k in value))


def format_problems(gold_path: Path) -> list[str]:
    try:
        gold = load(gold_path)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"not UTF-8 JSON: {exc}"]
    if not isinstance(gold, dict):
        return ["top level is not an object"]
    problems = [f"missing key {k!r}" for k in sorted(GOLD_KEYS - set(gold))]
    if problems:
        return problems
    document = gold_path.parent / str(gold["file"])
    if not document.is_file():
        problems.append(f"document {gold['file']!r} not beside the gold file")
    if gold_path.name != f"{Path(str(gold['file'])).stem}.gold.json":
        problems.append(f"gold file should be named {Path(str(gold['file'])).stem}.gold.json")
    kind = gold["kind"]
    if kind not in KINDS:
        problems.append(f"kind {kind!r} not one of {sorted(KINDS)}")
    elif document.suffix.lower() not in KIND_EXTENSIONS.get(kind, {document.suffix.lower()}):
        problems.append(f"kind {kind!r} does not fit extension {document.suffix!r}")
    encoding = gold["encoding"]
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError):
            problems.append(f"unknown encoding {encoding!r}")
    if kind == "gbk-text" and str(encoding).lower().replace("-", "") not in GBK_FAMILY:
        problems.append(f"gbk-text declares encoding {encoding!r}")
    if gold["meeting_date"] is not None and not is_iso(gold["meeting_date"]):
        problems.append(f"meeting_date {gold['meeting_date']!r} is not an ISO date")
    names: frozenset[str] | None = None
    if gold["roster"] is not None:
        roster = gold_path.parent / str(gold["roster"])
        if roster.is_file():
            names = roster_names(roster)
        else:
            problems.append(f"roster {gold['roster']!r} not found")
    non_items = gold["non_items_keywords"]
    if not (isinstance(non_items, list) and all(is_keyword_list(k) for k in non_items)):
        problems.append("non_items_keywords must be a list of non-empty keyword lists")
    if not isinstance(gold["action_items"], list):
        return problems + ["action_items is not a list"]
    for i, item in enumerate(gold["action_items"]):
        where = f"action_items[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where} is not an object")
            continue
        missing = ITEM_KEYS - set(item)
        if missing:
            problems.append(f"{where} missing keys {sorted(missing)}")
            continue
        if not is_keyword_list(item["task_keywords"]):
            problems.append(f"{where}.task_keywords must be a non-empty list of strings")
        if not is_keyword_list(item["deliverable_keywords"], allow_empty=True):
            problems.append(f"{where}.deliverable_keywords must be a list of strings")
        if item["owner_kind"] not in OWNER_KINDS:
            problems.append(f"{where}.owner_kind {item['owner_kind']!r} not one of {sorted(OWNER_KINDS)}")
        owner = item["owner"]
        if owner is not None and (names is None or owner not in names):
            problems.append(f"{where}.owner {owner!r} is not a name in the roster")
        if item["deadline"] is not None and not is_iso(item["deadline"]):
            problems.append(f"{where}.deadline {item['deadline']!r} is not an ISO date")
        if not isinstance(item["deadline_vague"], bool):
            problems.append(f"{where}.deadline_vague is not true/false")
        if not isinstance(item["flags"], list) or not set(item["flags"]) <= ITEM_FLAGS:
            problems.append(f"{where}.flags {item['flags']!r} has flags outside {sorted(ITEM_FLAGS)}")
    return problems


def consistency_problems(gold: dict) -> list[str]:
    """Fields that contradict each other under SPEC's owner, deadline and flag rules."""
    problems = []
    for i, item in enumerate(gold["action_items"]):
        where = f"action_items[{i}] {item['task_keywords']}"
        kind, owner, flags = item["owner_kind"], item["owner"], set(item["flags"])
        if kind in ("exact", "alias") and owner is None and "ambiguous_owner" not in flags:
            problems.append(f"{where}: owner_kind {kind} but owner is null")
        if kind in ("department", "collective", "unknown", "none") and owner is not None:
            problems.append(f"{where}: owner_kind {kind} but owner is {owner!r}")
        if kind in KIND_FLAG and KIND_FLAG[kind] not in flags:
            problems.append(f"{where}: owner_kind {kind} needs flag {KIND_FLAG[kind]}")
        for flag in ("vague_owner", "unknown_owner", "missing_owner"):  # fuzzy_owner may ride on a title match
            if flag in flags and KIND_FLAG.get(kind) != flag:
                problems.append(f"{where}: flag {flag} but owner_kind {kind}")
        vague = item["deadline_vague"]
        if vague != ("vague_deadline" in flags):
            problems.append(f"{where}: deadline_vague {vague} but flags {sorted(flags)}")
        if vague and item["deadline"] is not None:
            problems.append(f"{where}: a vague deadline has no date (got {item['deadline']})")
        if item["deadline"] is None and not vague and not item["deadline_mention"] and "missing_deadline" not in flags:
            problems.append(f"{where}: no deadline at all needs flag missing_deadline")
        if "missing_deadline" in flags and (item["deadline"] is not None or vague):
            problems.append(f"{where}: flag missing_deadline but a deadline is given")
    return problems


def text_problems(gold_path: Path, gold: dict, *, mentions: bool) -> list[str]:
    document = gold_path.parent / gold["file"]
    try:
        text = document_text(document, gold["encoding"])
    except (UnicodeDecodeError, LookupError) as exc:
        return [f"{gold['file']} does not decode as {gold['encoding']}: {exc}"]
    problems = []

    def check(where: str, words) -> None:
        for word in words or []:
            if normalize(word) not in text:
                problems.append(f"{where}: {word!r} not in the document text")

    for i, item in enumerate(gold["action_items"]):
        if mentions:
            check(f"action_items[{i}].owner_mention", [item["owner_mention"]] if item["owner_mention"] else [])
            check(f"action_items[{i}].deadline_mention",
                  [item["deadline_mention"]] if item["deadline_mention"] else [])
        else:
            check(f"action_items[{i}].task_keywords", item["task_keywords"])
            check(f"action_items[{i}].deliverable_keywords", item["deliverable_keywords"])
    if not mentions:
        for j, keywords in enumerate(gold["non_items_keywords"]):
            check(f"non_items_keywords[{j}]", keywords)
    return problems


def valid_gold(gold_path: Path) -> dict:
    """The gold dict, skipping checks that need a well-formed file (test_gold_format reports those)."""
    if format_problems(gold_path):
        pytest.skip("gold file is malformed; see test_gold_format")
    return load(gold_path)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_gold_format(gold_path):
    problems = format_problems(gold_path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_gold_fields_agree_with_flags(gold_path):
    problems = consistency_problems(valid_gold(gold_path))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_gold_keywords_occur_in_document(gold_path):
    problems = text_problems(gold_path, valid_gold(gold_path), mentions=False)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_gold_mentions_occur_in_document(gold_path):
    problems = text_problems(gold_path, valid_gold(gold_path), mentions=True)
    assert not problems, "\n".join(problems)


def test_corpus_is_large_and_covers_every_kind():
    golds = [load(p) for p in GOLD_FILES if not format_problems(p)]
    items = sum(len(g["action_items"]) for g in golds)
    kinds = {g["kind"] for g in golds}
    assert len(golds) >= 40, f"{len(golds)} valid gold documents, need at least 40"
    assert items >= 300, f"{items} gold action items, need at least 300"
    assert kinds == KINDS, f"kinds missing: {sorted(KINDS - kinds)}"


def test_documents_are_not_annotated_twice():
    documents = [(p.parent / load(p)["file"]).resolve() for p in GOLD_FILES if not format_problems(p)]
    duplicates = {d for d in documents if documents.count(d) > 1}
    assert not duplicates, f"annotated more than once: {sorted(map(str, duplicates))}"


# ---------------------------------------------------------------- the checks themselves

def test_checks_accept_a_valid_gold_and_catch_a_bad_one(tmp_path, monkeypatch):
    """Guards the validators: a silent checker would pass any corpus."""
    (tmp_path / "roster.csv").write_text("name,department,title,aliases,email\n王芳,设计部,设计师,,\n",
                                         encoding="utf-8")
    (tmp_path / "周会.md").write_text("王设计师 7月15日前完成主视觉初稿；上周压测已完成。\n", encoding="utf-8")
    good_item = {"task_keywords": ["主视觉", "初稿"], "owner": "王芳", "owner_mention": "王设计师",
                 "owner_kind": "alias", "deadline": "2024-07-15", "deadline_mention": "7月15日前",
                 "deadline_vague": False, "deliverable_keywords": [], "flags": ["missing_deliverable"]}
    gold = {"file": "周会.md", "kind": "markdown", "encoding": "utf-8", "meeting_date": "2024-07-10",
            "roster": "roster.csv", "action_items": [good_item], "non_items_keywords": [["上周", "压测"]]}
    path = tmp_path / "周会.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert format_problems(path) == []
    assert consistency_problems(gold) == []
    assert text_problems(path, gold, mentions=False) == []
    assert text_problems(path, gold, mentions=True) == []

    bad_item = dict(good_item, task_keywords=["终稿"], owner="王五", owner_kind="boss",
                    deadline="2024-7-15", deadline_vague=True)
    bad = dict(gold, kind="memo", action_items=[bad_item])
    bad_path = tmp_path / "bad" / "周会.gold.json"
    bad_path.parent.mkdir()
    bad_path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    problems = "\n".join(format_problems(bad_path))
    for expected in ("not beside", "kind 'memo'", "roster 'roster.csv' not found", "owner_kind 'boss'",
                     "'王五' is not a name", "'2024-7-15' is not an ISO date"):
        assert expected in problems
    assert any("deadline_vague True" in p for p in consistency_problems(dict(gold, action_items=[bad_item])))
    assert text_problems(path, dict(gold, action_items=[bad_item]), mentions=False) == [
        "action_items[0].task_keywords: '终稿' not in the document text"]


def test_docx_text_includes_nested_table_cells(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("会议纪要")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "负责人"
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "完成主视觉初稿"
    path = tmp_path / "a.docx"
    document.save(path)
    text = document_text(path, None)
    assert "会议纪要" in text and "负责人" in text and "完成主视觉初稿" in text
