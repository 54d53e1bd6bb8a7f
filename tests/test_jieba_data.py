"""jieba's data read per character: look-ups, the cache file, and machines that cannot keep one."""
from __future__ import annotations

import os

import pytest

from extract import jieba_data
from minutes.errors import DataFileError

SMALL = "中国 500 ns\n中国人 200 n\n中 100 f\n人 300 n\nB超 5 n\nB超 7 n\n"


@pytest.fixture()
def small_dict(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_lookups_follow_jieba_semantics(small_dict, tmp_path):
    d = jieba_data.load_dictionary(small_dict, cache=tmp_path / "cache")
    assert d.freq("中国") == 500 and d.tag("中国") == "ns"
    assert d.freq("中国人") == 200 and d.tag("中国人") == "n"
    assert d.freq("B超") == 7  # a repeated word keeps its last line...
    assert d.total == 500 + 200 + 100 + 300 + 5 + 7  # ...and counts twice, as in jieba
    assert d.freq("中国人民") is None and d.freq("国") is None
    assert d.freq("B") == 0 and d.tag("B") is None  # a prefix of a word, not a word
    assert d.freq("") is None


def test_cache_is_written_once_and_reused(small_dict, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    jieba_data.load_dictionary(small_dict, cache=cache)
    assert len(list(cache.glob("jieba-dict-*.txt"))) == 1

    def no_rebuild(source):
        raise AssertionError("rebuilt although the cache is current")

    monkeypatch.setattr(jieba_data, "_dictionary_blocks", no_rebuild)
    assert jieba_data.load_dictionary(small_dict, cache=cache).freq("中国") == 500


def test_cache_is_rebuilt_when_the_source_changes(small_dict, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    jieba_data.load_dictionary(small_dict, cache=cache)
    small_dict.write_text(SMALL + "中国银行 50 nt\n", encoding="utf-8")
    os.utime(small_dict, ns=(1, 1))
    d = jieba_data.load_dictionary(small_dict, cache=cache)
    assert d.freq("中国银行") == 50 and d.freq("中国") == 500


@pytest.mark.parametrize("damage", [b"", b"not json\n", b'{"signature": 1}\n', None])
def test_a_damaged_cache_is_rebuilt(small_dict, tmp_path, damage):
    cache = tmp_path / "cache"
    cache.mkdir()
    jieba_data.load_dictionary(small_dict, cache=cache)
    [path] = cache.glob("jieba-dict-*.txt")
    data = path.read_bytes()
    path.write_bytes(data[:-10] if damage is None else damage)  # None: a truncated body
    assert jieba_data.load_dictionary(small_dict, cache=cache).freq("人") == 300


def test_works_where_no_cache_can_be_written(small_dict, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    d = jieba_data.load_dictionary(small_dict, cache=blocker / "sub")  # cannot be a folder
    assert d.freq("中国") == 500


def test_cache_dir_falls_back_when_home_is_unwritable(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(jieba_data.tempfile, "gettempdir", lambda: str(tmp_path))
    assert jieba_data.cache_dir() == tmp_path / f"minutes-{jieba_data._user()}"


def test_bad_dictionary_line_names_the_file(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("中国 500 ns\n坏行没有频率\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        jieba_data.load_dictionary(path, cache=tmp_path)
    assert "dict.txt" in str(err.value) and "line 2" in str(err.value)


def test_missing_dictionary_names_the_file(tmp_path):
    with pytest.raises(DataFileError) as err:
        jieba_data.load_dictionary(tmp_path / "nope.txt", cache=tmp_path)
    assert "nope.txt" in str(err.value)


def test_hmm_tables_match_jieba(tmp_path):
    from jieba.posseg import char_state_tab, prob_emit, prob_start, prob_trans

    model = jieba_data.hmm(cache=tmp_path)
    assert model.start == {f"{a}-{b}": p for (a, b), p in prob_start.P.items()}
    assert len(model.all_states) == len(prob_trans.P)
    for ch in "张婷的䶮":
        allowed, emit = model.char(ch)
        expected = char_state_tab.P.get(ch)
        assert allowed == (None if expected is None else tuple(f"{a}-{b}" for a, b in expected))
        assert emit == {f"{a}-{b}": t[ch] for (a, b), t in prob_emit.P.items() if ch in t}
    assert model.char("\uffff") == (None, {})  # a character jieba never saw


def test_default_dictionary_is_jiebas():
    d = jieba_data.base_dictionary()
    assert d.tag("经理") == "n" and d.freq("经理") > 0
    assert d.total > 10_000_000
