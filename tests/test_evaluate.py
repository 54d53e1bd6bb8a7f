"""The gold scorer: matching, every score, misses and corpus loading, on hand-computed fixtures."""
from __future__ import annotations

import json

import pytest

from extract.evaluate import (
    contains_all,
    describe_miss,
    evaluate_corpus,
    match_items,
    prf,
    score_document,
    summarize,
)
from minutes.errors import BadInput


def pred(task, *, line=1, text=None, owner=None, mention=None, date=None, vague=False, dmention=None, flags=()):
    return {
        "task": task,
        "owner": {"mention": mention, "name": owner},
        "deadline": {"mention": dmention, "date": date, "vague": vague},
        "source": {"line": line, "text": text if text is not None else task},
        "flags": list(flags),
    }


def gold_item(*keywords, owner=None, deadline=None, vague=False, flags=(), mention=None):
    return {"task_keywords": list(keywords), "owner": owner, "owner_mention": mention,
            "deadline": deadline, "deadline_vague": vague, "flags": list(flags)}


def gold_doc(items, *, kind="table-docx", date="2024-07-10", non_items=()):
    return {"file": "x.docx", "kind": kind, "meeting_date": date, "roster": None,
            "action_items": items, "non_items_keywords": [list(k) for k in non_items]}


def predicted(items, date="2024-07-10"):
    return {"schema": "minutes/v1", "meeting": {"date": date}, "action_items": items}


# ---------------------------------------------------------------- matching

def test_keywords_match_task_or_source_text_case_and_width_insensitively():
    assert contains_all(["API", "文档"], "更新api文档")
    assert contains_all(["ＡＰＩ"], "API")  # full-width keyword
    assert contains_all(["接口", "Owner"], "完成接口", "负责人 owner: 张伟")  # one keyword in each text
    assert not contains_all(["接口", "测试"], "完成接口", "文档")
    assert contains_all(["release note"], "draft the Release\n  Note")  # spaces collapsed


def test_match_uses_source_text_when_task_is_shortened():
    items = [pred("压测", text="| 完成全链路压测报告 | 孙浩 | 7月20日 |")]
    assert match_items([gold_item("全链路", "压测报告")], items) == [0]


def test_matching_is_one_to_one():
    items = [pred("提交周报")]
    assert match_items([gold_item("周报"), gold_item("周报")], items) == [0, None]


def test_matching_follows_document_order_for_similar_items():
    items = [pred("提交周报", line=3), pred("提交周报", line=9)]
    assert match_items([gold_item("周报"), gold_item("周报")], items) == [0, 1]


def test_matching_prefers_items_after_the_previous_match():
    # gold B would fit predicted 0 and 2; after A matched 1, B takes 2.
    items = [pred("整理 B 需求"), pred("A 方案评审"), pred("B 需求上线")]
    assert match_items([gold_item("A"), gold_item("B")], items) == [1, 2]


def test_matching_falls_back_to_earlier_unmatched_items():
    items = [pred("更新接口文档"), pred("完成主视觉初稿")]
    gold = [gold_item("主视觉"), gold_item("接口文档")]
    assert match_items(gold, items) == [1, 0]


def test_all_keywords_are_required():
    assert match_items([gold_item("主视觉", "终稿")], [pred("完成主视觉初稿")]) == [None]


# ---------------------------------------------------------------- scores

def test_item_precision_recall_f1_are_hand_computed():
    gold = gold_doc([gold_item("主视觉"), gold_item("接口"), gold_item("预算")])
    items = [pred("主视觉初稿"), pred("接口文档"), pred("团建"), pred("年会"), pred("门禁")]
    result = summarize([score_document(gold, predicted(items), name="x.docx")])["overall"]
    # tp=2, fp=3, fn=1
    assert result["matched"] == 2
    assert result["precision"] == pytest.approx(2 / 5)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["f1"] == pytest.approx(4 / 8)


def test_owner_accuracy_counts_matched_pairs_and_null_owners():
    gold = gold_doc([
        gold_item("主视觉", owner="王芳"),
        gold_item("接口", owner="张伟", mention="张工"),
        gold_item("预算", owner=None),
        gold_item("门禁", owner="何佳"),  # missed: not part of owner accuracy
    ])
    items = [pred("主视觉", owner="王芳"), pred("接口", owner="王磊", mention="王工"), pred("预算", owner=None)]
    result = score_document(gold, predicted(items), name="x.docx")
    overall = summarize([result])["overall"]
    assert overall["owner_correct"] == 2
    assert overall["owner_accuracy"] == pytest.approx(2 / 3)
    owner_misses = [m for m in result["misses"] if m["type"] == "owner"]
    assert len(owner_misses) == 1
    assert "expected 张伟 got 王磊 (王工)" in describe_miss(owner_misses[0])


def test_deadline_accuracy_for_dates_vague_and_missing():
    gold = gold_doc([
        gold_item("A1", deadline="2024-07-15"),
        gold_item("B2", deadline="2024-07-19"),
        gold_item("C3", vague=True),
        gold_item("D4", vague=True),
        gold_item("E5", deadline=None),
    ])
    items = [
        pred("A1", date="2024-07-15", dmention="7月15日前"),
        pred("B2", date="2024-07-12", dmention="周五"),  # wrong date
        pred("C3", vague=True, dmention="尽快"),
        pred("D4", date="2024-07-12", dmention="本周五"),  # vague expected
        pred("E5"),
    ]
    result = score_document(gold, predicted(items), name="x.docx")
    overall = summarize([result])["overall"]
    assert overall["deadline_correct"] == 3
    assert overall["deadline_accuracy"] == pytest.approx(3 / 5)
    lines = [describe_miss(m) for m in result["misses"] if m["type"] == "deadline"]
    assert any("expected 2024-07-19 got 2024-07-12 (周五)" in line for line in lines)
    assert any("expected vague got 2024-07-12 (本周五)" in line for line in lines)


def test_flags_are_scored_on_matched_pairs_only():
    gold = gold_doc([
        gold_item("A1", flags=["vague_deadline"], vague=True),
        gold_item("B2", flags=["vague_deadline", "missing_owner"], vague=True),
        gold_item("C3", flags=[]),
        gold_item("D4", flags=["missing_owner"]),  # missed: its flag is not counted
    ])
    items = [
        pred("A1", flags=["vague_deadline"], vague=True),
        pred("B2", flags=["vague_deadline"], vague=True),
        pred("C3", flags=["vague_deadline", "fuzzy_owner"]),
        pred("Z9", flags=["unknown_owner"]),  # spurious: its flag is not counted
    ]
    report = summarize([score_document(gold, predicted(items), name="x.docx")])
    flags = report["per_flag"]
    assert (flags["vague_deadline"]["tp"], flags["vague_deadline"]["fp"], flags["vague_deadline"]["fn"]) == (2, 1, 0)
    assert flags["vague_deadline"]["f1"] == pytest.approx(4 / 5)
    assert (flags["missing_owner"]["tp"], flags["missing_owner"]["fn"]) == (0, 1)
    assert flags["missing_owner"]["recall"] == 0.0 and flags["missing_owner"]["precision"] is None
    assert flags["fuzzy_owner"]["fp"] == 1 and flags["fuzzy_owner"]["precision"] == 0.0
    # every flag seen anywhere gets a row, even with nothing to count
    assert flags["unknown_owner"] == {"tp": 0, "fp": 0, "fn": 0, "precision": None, "recall": None, "f1": None}
    assert report["overall"]["vague_deadline_f1"] == pytest.approx(4 / 5)


def test_non_items_wrongly_extracted():
    gold = gold_doc([gold_item("主视觉")], non_items=[["上周", "压测"], ["团建"], ["年会", "预算"]])
    items = [pred("主视觉"), pred("回顾上周压测结果", line=7), pred("年会场地")]
    result = score_document(gold, predicted(items), name="x.docx")
    overall = summarize([result])["overall"]
    assert (overall["non_items"], overall["non_items_wrong"]) == (3, 1)
    miss = next(m for m in result["misses"] if m["type"] == "non_item")
    assert miss["keywords"] == ["上周", "压测"] and miss["line"] == 7


def test_meeting_date_is_scored_per_document():
    ok = score_document(gold_doc([]), predicted([], date="2024-07-10"), name="a.md")
    wrong = score_document(gold_doc([]), predicted([], date=None), name="b.md")
    report = summarize([ok, wrong])
    assert report["overall"]["meeting_date_accuracy"] == 0.5
    assert [m for m in report["misses"] if m["type"] == "meeting_date"] == [
        {"type": "meeting_date", "file": "b.md", "expected": "2024-07-10", "got": None}]


def test_misses_list_missed_and_spurious_items_with_file_and_line():
    gold = gold_doc([gold_item("主视觉", "初稿")])
    result = score_document(gold, predicted([pred("订会议室", line=12)]), name="dir/周会.docx")
    lines = [describe_miss(m) for m in result["misses"]]
    assert "missed    dir/周会.docx: 主视觉+初稿" in lines
    assert "spurious  dir/周会.docx:12: 订会议室" in lines


def test_summary_groups_by_kind_and_sums_to_overall():
    a = score_document(gold_doc([gold_item("A"), gold_item("B")], kind="markdown"),
                       predicted([pred("A"), pred("B")]), name="a.md")
    b = score_document(gold_doc([gold_item("C"), gold_item("D")], kind="transcript"),
                       predicted([pred("C"), pred("X")]), name="b.txt")
    c = score_document(gold_doc([gold_item("E")], kind="markdown"), predicted([]), name="c.md")
    report = summarize([a, b, c])
    assert set(report["per_kind"]) == {"markdown", "transcript"}
    md = report["per_kind"]["markdown"]
    assert (md["docs"], md["gold_items"], md["pred_items"], md["matched"]) == (2, 3, 2, 2)
    assert md["precision"] == 1.0 and md["recall"] == pytest.approx(2 / 3)
    overall = report["overall"]
    assert (overall["docs"], overall["gold_items"], overall["pred_items"], overall["matched"]) == (3, 5, 4, 3)
    assert overall["f1"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 2))
    assert [d["file"] for d in report["documents"]] == ["a.md", "b.txt", "c.md"]
    json.dumps(report)  # the --json output must serialise


def test_prf_leaves_empty_ratios_undefined():
    assert prf(0, 0, 0) == {"tp": 0, "fp": 0, "fn": 0, "precision": None, "recall": None, "f1": None}
    assert prf(0, 2, 0)["precision"] == 0.0 and prf(0, 2, 0)["recall"] is None
    assert prf(3, 1, 2)["f1"] == pytest.approx(6 / 9)


def test_robust_to_missing_owner_and_deadline_objects():
    gold = gold_doc([gold_item("A", owner=None, deadline=None)])
    item = {"task": "A", "owner": None, "deadline": None, "source": {"line": 1, "text": "A"}}
    overall = summarize([score_document(gold, predicted([item]), name="x")])["overall"]
    assert overall["owner_accuracy"] == 1.0 and overall["deadline_accuracy"] == 1.0


# ---------------------------------------------------------------- corpus files

def write_gold(folder, name, doc_text="会议纪要", **overrides):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(doc_text, encoding="utf-8")
    gold = {"file": f"{name}.md", "kind": "markdown", "encoding": "utf-8", "meeting_date": "2024-07-10",
            "roster": None, "action_items": [gold_item("主视觉", owner="王芳", deadline="2024-07-15")],
            "non_items_keywords": []}
    gold.update(overrides)
    path = folder / f"{name}.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def test_evaluate_corpus_loads_each_roster_once_and_scores_every_document(tmp_path):
    (tmp_path / "roster.csv").write_text("name,department,title,aliases,email\n王芳,设计部,设计师,,\n", encoding="utf-8")
    write_gold(tmp_path / "a", "one", roster="../roster.csv")
    write_gold(tmp_path / "b", "two", roster="../roster.csv", kind="narrative")
    write_gold(tmp_path, "three", roster=None)
    roster_loads, calls = [], []

    def load_roster(path):
        roster_loads.append(path)
        return {"roster": path.name}

    def extract(path, roster):
        calls.append((path.name, roster))
        return predicted([pred("完成主视觉初稿", owner="王芳", date="2024-07-15")])

    report = evaluate_corpus(tmp_path, extract, load_roster)
    assert len(roster_loads) == 1
    assert sorted(calls, key=lambda c: c[0]) == [
        ("one.md", {"roster": "roster.csv"}), ("three.md", None), ("two.md", {"roster": "roster.csv"})]
    overall = report["overall"]
    assert (overall["docs"], overall["f1"], overall["owner_accuracy"], overall["deadline_accuracy"]) == (3, 1.0, 1.0, 1.0)
    assert set(report["per_kind"]) == {"markdown", "narrative"}
    assert report["misses"] == []


def test_a_failing_document_is_scored_empty_and_reported(tmp_path):
    write_gold(tmp_path, "ok")
    write_gold(tmp_path, "broken")

    def extract(path, roster):
        if path.name == "broken.md":
            raise BadInput("corrupt docx", path=str(path))
        return predicted([pred("主视觉", owner="王芳", date="2024-07-15")])

    report = evaluate_corpus(tmp_path, extract, lambda p: None)
    assert report["overall"]["errors"] == 1
    assert report["overall"]["recall"] == 0.5
    errors = [m for m in report["misses"] if m["type"] == "error"]
    assert errors and "corrupt docx" in errors[0]["message"] and errors[0]["file"] == "broken.md"


def test_malformed_gold_stops_before_any_extraction(tmp_path):
    write_gold(tmp_path, "good")
    (tmp_path / "bad.gold.json").write_text("{", encoding="utf-8")
    calls = []
    with pytest.raises(BadInput, match="bad.gold.json"):
        evaluate_corpus(tmp_path, lambda p, r: calls.append(p) or predicted([]), lambda p: None)
    assert calls == []
