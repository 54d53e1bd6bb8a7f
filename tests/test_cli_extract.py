"""`minutes extract` through typer's CliRunner: formats, stdin, exit codes."""
import json

from typer.testing import CliRunner

from minutes.cli import app

runner = CliRunner()
ROSTER_CSV = "name,department,title,aliases,email\n张伟,研发部,高级工程师,,\n李娜,市场部,市场经理,Lina,\n"


def _files(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    doc = tmp_path / "20240710_周会.md"
    doc.write_text("# 周会\n\n## 行动项\n\n- 张伟负责接口文档，下周五前提交\n- Lina 跟进渠道报价，尽快\n", encoding="utf-8")
    return roster, doc


def test_json_format_is_the_v1_object(tmp_path):
    roster, doc = _files(tmp_path)
    res = runner.invoke(app, ["extract", str(doc), "--roster", str(roster), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"schema", "source", "meeting", "topics", "action_items", "flags"}
    first, second = data["action_items"]
    assert set(first) >= {"id", "topic", "task", "owner", "collaborators", "deadline", "deliverable", "source", "flags"}
    assert (first["id"], first["owner"]["name"], first["deadline"]["date"]) == ("a1", "张伟", "2024-07-19")
    assert (second["owner"]["name"], second["owner"]["match"], second["deadline"]["vague"]) == ("李娜", "alias", True)
    assert data["source"]["format"] == "markdown" and len(data["source"]["sha256"]) == 64


def test_table_and_markdown_formats(tmp_path):
    roster, doc = _files(tmp_path)
    table = runner.invoke(app, ["extract", str(doc), "--roster", str(roster)])
    assert table.exit_code == 0 and "张伟" in table.stdout and "截止时间模糊" in table.stdout
    md = runner.invoke(app, ["extract", str(doc), "--roster", str(roster), "--format", "md"])
    assert md.exit_code == 0 and "| a1 | " in md.stdout and md.stdout.startswith("# 周会")


def test_stdin_with_meeting_date():
    res = runner.invoke(app, ["extract", "-", "--meeting-date", "2024-07-10", "--format", "json"],
                        input="张伟负责整理周报，明天下班前发出。\n")
    assert res.exit_code == 0, res.output
    (item,) = json.loads(res.stdout)["action_items"]
    assert item["deadline"]["date"] == "2024-07-11"


def test_bad_input_exits_2_with_one_line(tmp_path):
    for args in (["extract", str(tmp_path / "nope.docx")],
                 ["extract", str(tmp_path / "a.pdf")],
                 ["extract", "-", "--meeting-date", "July"],
                 ["extract", "-", "--format", "xml"]):
        (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
        res = runner.invoke(app, args, input="张伟负责周报\n")
        assert res.exit_code == 2, (args, res.output)
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.output


def test_help_has_chinese_examples():
    res = runner.invoke(app, ["extract", "--help"])
    assert res.exit_code == 0 and "示例" in res.stdout and "--roster" in res.stdout
