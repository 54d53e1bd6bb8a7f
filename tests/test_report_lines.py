"""tracker.report_lines: quoted topic sentences get their line back from the unchanged file."""
from __future__ import annotations

from datetime import datetime

from minutes.readers import read_path
from test_tracker_factory import doc, new_store
from tracker.ingest import ingest_extraction
from tracker.report_lines import find_lines

MINUTES = """# 产品周会

- 会议时间：2024年7月10日 14:00-16:00

## 议题一：测试环境

- 研发部反馈测试环境资源不足，联调排队。
- 主视觉方向已确定。

## 议题二：物流

客户投诉物流慢，需要跟进。
"""


def _store_with_file(tmp_path, text=MINUTES):
    path = tmp_path / "周会.md"
    path.write_text(text, encoding="utf-8")
    store = new_store(tmp_path / "m.db")
    body = doc(title="产品周会", date="2024-07-10", path=str(path), sha=read_path(path).sha256, topics=[
        {"title": "测试环境", "discussion": ["研发部反馈测试环境资源不足，联调排队。"], "consensus": [], "disagreements": []},
        {"title": "物流", "discussion": ["客户投诉物流慢，需要跟进。"], "consensus": [], "disagreements": []},
    ])
    meeting_id = ingest_extraction(store, body, uploaded_at=datetime(2024, 7, 10, 17)).meeting_id
    return store, path, meeting_id


def test_lines_are_found_in_the_unchanged_file(tmp_path):
    store, _path, mid = _store_with_file(tmp_path)
    try:
        found = find_lines(store, [(mid, "研发部反馈测试环境资源不足，联调排队"), (mid, "客户投诉物流慢"),
                                   (mid, "测试环境"), (mid, "文件里没有的句子")])
    finally:
        store.close()
    assert found[(mid, "研发部反馈测试环境资源不足，联调排队")] == 7
    assert found[(mid, "客户投诉物流慢")] == 12
    assert found[(mid, "测试环境")] == 5  # a topic title: its heading
    assert (mid, "文件里没有的句子") not in found


def test_an_edited_or_missing_file_gives_no_line(tmp_path):
    store, path, mid = _store_with_file(tmp_path)
    try:
        path.write_text(MINUTES.replace("主视觉", "新主视觉"), encoding="utf-8")
        assert find_lines(store, [(mid, "客户投诉物流慢")]) == {}
        path.unlink()
        assert find_lines(store, [(mid, "客户投诉物流慢")]) == {}
    finally:
        store.close()


def test_the_time_budget_stops_reading_files(tmp_path):
    store, _path, mid = _store_with_file(tmp_path)
    try:
        assert find_lines(store, [(mid, "客户投诉物流慢")], budget_s=-1) == {}
    finally:
        store.close()
