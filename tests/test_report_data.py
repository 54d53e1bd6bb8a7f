"""tracker.report_data: the shipped word lists load, and a bad edit names the file and the key."""
from __future__ import annotations

import shutil

import pytest

from minutes.errors import DataFileError
from tracker import report_data


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the report's data files that a test may break."""
    for name in (report_data.STOPWORDS, report_data.CUES, report_data.SYNONYMS):
        shutil.copy(report_data.DATA_DIR / name, tmp_path / name)
    monkeypatch.setattr(report_data, "DATA_DIR", tmp_path)
    for loader in (report_data.stopwords, report_data.cues, report_data.synonyms):
        loader.cache_clear()
    yield tmp_path
    for loader in (report_data.stopwords, report_data.cues, report_data.synonyms):
        loader.cache_clear()


def test_shipped_files_load():
    assert {"的", "问题", "目前"} <= report_data.stopwords()
    cues = report_data.cues()
    assert [k for k, _w in cues.kinds][:2] == ["complaint", "fault"]
    assert cues.kind_of["缺"] == "shortage" and cues.kind_of["bug"] == "fault"
    assert "受阻" in cues.blocked_statuses and "其他事项" in cues.generic_topics
    assert cues.label("shortage") == "资源不足" and cues.label("unknown-kind") == "unknown-kind"
    synonyms = report_data.synonyms()
    assert synonyms.canonical["不够用"] == "不足" and synonyms.canonical["bug"] == "缺陷"
    assert synonyms.fold("缺测试服务器").split() == ["不足", "测试环境"]


def test_every_blocked_status_is_a_tracker_status():
    from tracker.rules import statuses

    assert set(report_data.cues().blocked_statuses) <= set(statuses().by_name)


def test_every_kind_has_a_label():
    cues = report_data.cues()
    assert {k for k, _w in cues.kinds} | {"topic"} <= set(cues.labels)


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new, key", [
    ("kinds:\n", "kinds_renamed:\n", "'kinds'"),
    ("  complaint: [投诉", "  complaint: 投诉\n  x: [投诉", "kinds.complaint"),
    ("blocked_statuses: [受阻, 延期]", "blocked_statuses: []", "blocked_statuses"),
    ("resolved: [已解决", "resolved: [[], 已解决", "resolved[0]"),
    ("  fault: 故障\n", "  fault: ''\n", "labels.fault"),
])
def test_bad_cue_file(data_dir, old, new, key):
    _edit(data_dir / report_data.CUES, old, new)
    with pytest.raises(DataFileError) as err:
        report_data.cues()
    assert report_data.CUES in str(err.value) and key in str(err.value)


def test_a_variant_under_two_canonical_words(data_dir):
    _edit(data_dir / report_data.SYNONYMS, "预算: [预算,", "预算: [不够用, 预算,")
    with pytest.raises(DataFileError, match=r"report_synonyms.yaml.*'预算'.*不够用.*'不足'"):
        report_data.synonyms()


def test_synonyms_that_are_not_a_list(data_dir):
    (data_dir / report_data.SYNONYMS).write_text("不足: 不够\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="report_synonyms.yaml.*不足"):
        report_data.synonyms()


def test_broken_yaml_and_bad_stop_words(data_dir):
    (data_dir / report_data.CUES).write_text("kinds: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="report_cues.yaml.*YAML"):
        report_data.cues()
    (data_dir / report_data.STOPWORDS).write_text("的\n两个 词\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="report_stopwords.txt.*line 2"):
        report_data.stopwords()
    (data_dir / report_data.STOPWORDS).write_text("# only comments\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no stop words"):
        report_data.stopwords()


def test_missing_file(data_dir):
    (data_dir / report_data.SYNONYMS).unlink()
    with pytest.raises(DataFileError, match="report_synonyms.yaml"):
        report_data.synonyms()
