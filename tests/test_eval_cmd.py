"""`minutes eval` through the CLI: rendering, --json, --fail-under, bad corpora, and the real pipeline."""
from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from minutes.cli import app
from minutes.cli import eval_cmd

runner = CliRunner()


def run_eval(*args: str):
    """Invoke `minutes eval ARGS`, whether or not other commands have registered yet

    (typer runs a lone command without its name)."""
    grouped = hasattr(typer.main.get_command(app), "commands")
    return runner.invoke(app, (["eval"] if grouped else []) + list(args))


def write_case(folder, name="周会", *, kind="markdown", items=None, non_items=()):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text("# 周会\n- 王芳 7月15日前完成主视觉初稿\n", encoding="utf-8")
    gold = {"file": f"{name}.md", "kind": kind, "encoding": "utf-8", "meeting_date": "2024-07-10",
            "roster": None, "non_items_keywords": [list(k) for k in non_items],
            "action_items": items if items is not None else [
                {"task_keywords": ["主视觉", "初稿"], "owner": "王芳", "owner_mention": "王芳", "owner_kind": "exact",
                 "deadline": "2024-07-15", "deadline_mention": "7月15日前", "deadline_vague": False,
                 "deliverable_keywords": [], "flags": ["missing_deliverable"]},
                {"task_keywords": ["预算"], "owner": "陈静", "owner_mention": "静姐", "owner_kind": "alias",
                 "deadline": None, "deadline_mention": "尽快", "deadline_vague": True,
                 "deliverable_keywords": [], "flags": ["vague_deadline"]},
            ]}
    (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def fake_prediction(path, roster):
    return {"schema": "minutes/v1", "meeting": {"date": "2024-07-10"}, "flags": [], "action_items": [
        {"id": "a1", "task": "完成主视觉初稿", "owner": {"mention": "王设计师", "name": "王磊"},
         "deadline": {"mention": "7月15日前", "date": "2024-07-15", "vague": False},
         "source": {"line": 2, "text": "王芳 7月15日前完成主视觉初稿"}, "flags": ["missing_deliverable"]},
        {"id": "a2", "task": "订会议室", "owner": {"mention": None, "name": None},
         "deadline": {"mention": None, "date": None, "vague": False},
         "source": {"line": 5, "text": "订会议室"}, "flags": ["missing_owner"]},
    ]}


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setattr(eval_cmd, "_extractor", lambda: (fake_prediction, lambda path: None))


def test_table_output_has_kind_rows_flags_and_misses(tmp_path, fake_pipeline):
    write_case(tmp_path / "md")
    result = run_eval(str(tmp_path))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "markdown" in out and "all" in out
    assert "missing_deliverable" in out and "vague_deadline" in out
    assert "missed    md/周会.md: 预算" in out
    assert "spurious  md/周会.md:5: 订会议室" in out
    assert "expected 王芳 got 王磊 (王设计师)" in out


def test_json_output_is_one_object_with_scores(tmp_path, fake_pipeline):
    write_case(tmp_path)
    result = run_eval(str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {"overall", "per_kind", "per_flag", "misses"} <= set(report)
    overall = report["overall"]
    assert (overall["gold_items"], overall["pred_items"], overall["matched"]) == (2, 2, 1)
    assert overall["f1"] == 0.5 and overall["owner_accuracy"] == 0.0 and overall["deadline_accuracy"] == 1.0
    assert report["per_flag"]["missing_deliverable"]["tp"] == 1


def test_fail_under_exits_1_when_item_f1_is_low(tmp_path, fake_pipeline):
    write_case(tmp_path)
    assert run_eval(str(tmp_path), "--fail-under", "0.9").exit_code == 1
    assert run_eval(str(tmp_path), "--fail-under", "0.5").exit_code == 0


def test_missing_corpus_dir_is_one_line_exit_2(tmp_path, fake_pipeline):
    result = run_eval(str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "nope" in result.stderr
    assert "Traceback" not in result.output


def test_empty_corpus_dir_is_exit_2(tmp_path, fake_pipeline):
    result = run_eval(str(tmp_path))
    assert result.exit_code == 2 and "no *.gold.json" in result.stderr


def test_malformed_gold_names_the_file_exit_2(tmp_path, fake_pipeline):
    write_case(tmp_path)
    (tmp_path / "坏的.gold.json").write_text('{"file": ', encoding="utf-8")
    result = run_eval(str(tmp_path), "--json")
    assert result.exit_code == 2
    assert "坏的.gold.json" in result.stderr and result.stdout == ""


def test_real_pipeline_scores_an_obvious_docx(tmp_path):
    pytest.importorskip("minutes.pipeline")
    pytest.importorskip("extract.roster")
    docx = pytest.importorskip("docx")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "roster.csv").write_text(
        "name,department,title,aliases,email\n王芳,设计部,设计师,王设计师,\n张伟,研发部,高级工程师,,\n",
        encoding="utf-8")
    document = docx.Document()
    document.add_heading("市场部与研发部协作会议纪要", level=1)
    meta = document.add_table(rows=2, cols=2)
    meta.cell(0, 0).text, meta.cell(0, 1).text = "会议时间", "2024年7月10日 14:00-16:00"
    meta.cell(1, 0).text, meta.cell(1, 1).text = "记录人", "张伟"
    document.add_heading("行动项清单", level=2)
    actions = document.add_table(rows=3, cols=4)
    for c, text in enumerate(["任务描述", "负责人", "截止时间", "交付成果"]):
        actions.cell(0, c).text = text
    for c, text in enumerate(["完成发布会主视觉初稿", "王芳", "2024年7月15日", "3版主视觉设计稿"]):
        actions.cell(1, c).text = text
    for c, text in enumerate(["完成接口联调", "张伟", "2024年7月19日", "联调报告"]):
        actions.cell(2, c).text = text
    document.save(corpus / "协作会.docx")
    gold = {"file": "协作会.docx", "kind": "table-docx", "encoding": "utf-8", "meeting_date": "2024-07-10",
            "roster": "roster.csv", "non_items_keywords": [], "action_items": [
                {"task_keywords": ["主视觉", "初稿"], "owner": "王芳", "owner_kind": "exact", "deadline": "2024-07-15",
                 "deadline_vague": False, "flags": []},
                {"task_keywords": ["接口联调"], "owner": "张伟", "owner_kind": "exact", "deadline": "2024-07-19",
                 "deadline_vague": False, "flags": []}]}
    (corpus / "协作会.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = run_eval(str(corpus), "--json")
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["overall"]
    assert overall["docs"] == 1 and overall["errors"] == 0
    assert overall["recall"] == 1.0
    assert overall["owner_accuracy"] == 1.0 and overall["deadline_accuracy"] == 1.0


def test_markdown_output_has_all_row_and_flag_table(tmp_path, fake_pipeline):
    write_case(tmp_path / "corpus")
    res = run_eval(str(tmp_path / "corpus"), "--markdown")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].startswith("| kind | docs | gold | pred | P | R | F1 |")
    assert any(line.startswith("| markdown | 1 | 2 |") for line in lines)
    assert any(line.startswith("| **all** | 1 | 2 |") for line in lines)
    assert any(line.startswith("| vague_deadline |") for line in lines)
