"""tracker.report_render / report_html: Markdown and HTML, with hostile text from the minutes."""
from __future__ import annotations

import re
from datetime import date, datetime
from html.parser import HTMLParser

import pytest

from test_tracker_factory import action, doc, new_store, roster_people
from tracker import people
from tracker.ingest import ingest_extraction
from tracker.quarters import Quarter
from tracker.report import quarterly_report
from tracker.report_render import md, render
from tracker.status import update_status

EVIL = "<script>alert('x')</script>"


def _meeting(title, day, sentence, items=(), recorder="何佳"):
    body = doc(title=title, date=day, items=items, path=f"{day}.md", topics=[
        {"title": "环境", "discussion": [sentence], "consensus": [], "disagreements": []}])
    body["meeting"]["recorder"] = recorder
    return body


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    store = new_store(tmp_path_factory.mktemp("render") / "m.db")
    try:
        people.upsert_people(store, roster_people())
        ingest_extraction(store, _meeting(f"周会|{EVIL}", "2024-07-03", "测试环境不够用<i>急</i>", [
            action(1, "完成压测", "张伟", "2024-07-05", "报告", department="研发部"),
            action(2, "整理用例", mention="大家", match="collective", vague=True, deadline_mention="尽快",
                   deliverable="用例"),
        ], recorder="<b>何佳</b>"), uploaded_at=datetime(2024, 7, 5, 9))
        ingest_extraction(store, _meeting("例会 [link](http://evil.example)", "2024-08-07",
                                          "缺测试服务器 | 联调 *排队*"), uploaded_at=datetime(2024, 8, 7, 17))
        update_status(store, 1, status="已完成", by="张伟", at=datetime(2024, 7, 4, 12))
        yield quarterly_report(store, Quarter(2024, 3), date(2024, 10, 8))
    finally:
        store.close()


def test_the_fixture_has_a_recurring_issue_and_numbers(report):
    assert len(report.recurring.issues) == 1
    assert report.health.total.on_time == 1 and report.health.quality_total.vague_owner == 1


def test_markdown_escapes_untrusted_text(report):
    text = render(report, "md")
    assert text.startswith("# 2024年第三季度高频问题分析与执行情况（2024Q3）")
    assert "<script>" not in text and "\\<script\\>" in text
    assert "<i>" not in text and "\\<i\\>急" in text  # a quoted sentence
    assert "[link](" not in text and "\\[link\\](http://evil.example)" in text
    # every table row keeps its header's column count: pipes in the text are escaped
    widths = []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            widths.append(len(re.split(r"(?<!\\)\|", line.strip())))
        elif widths:
            assert len(set(widths)) == 1, widths
            widths = []
    rows = [l for l in text.splitlines() if l.startswith("| 1 |")]
    assert rows and len(re.split(r"(?<!\\)\|", rows[0].strip())) == 11  # 9 columns
    assert "按时完成率" in text and "100% (1/1)" in text
    assert "\\<b\\>何佳\\</b\\>" in text  # the recorder's name is data too


def test_markdown_helper_is_one_inert_line():
    assert md("a|b\n*c* <d> [e](f)") == "a\\|b \\*c\\* \\<d\\> \\[e\\](f)"
    assert md(None) == ""


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def test_html_is_self_contained_escaped_and_printable(report):
    page = render(report, "html")
    parsed = _Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags  # the minutes' <script> stayed text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;何佳&lt;/b&gt;" in page and "&lt;i&gt;急&lt;/i&gt;" in page
    assert not {"link", "img", "iframe", "object", "embed"} & set(parsed.tags)
    assert not [v for k, v in parsed.attrs if k in ("src", "href")]  # nothing to fetch
    assert "http://evil.example" in page and 'href="http' not in page  # shown as text only
    assert "svg" in parsed.tags and page.count("<svg") >= 3
    assert "@media print" in page
    for font in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"):
        assert font in page
    assert '<meta charset="utf-8">' in page and 'lang="zh-CN"' in page


def test_empty_quarter_says_so(tmp_path):
    store = new_store(tmp_path / "e.db")
    try:
        result = quarterly_report(store, Quarter(2024, 3), date(2024, 10, 8))
    finally:
        store.close()
    assert "没有会议记录" in render(result, "md") and "No meetings in 2024Q3" in render(result, "md")
    assert "没有会议记录" in render(result, "html") and "<svg" not in render(result, "html")
