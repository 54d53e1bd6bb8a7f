"""The rule data files: every example row resolves as written; bad files fail loudly."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.dates import vocab
from extract.deadlines import resolve
from minutes.errors import DataFileError

EXAMPLES = list(vocab.iter_examples())


def test_every_data_file_carries_examples():
    files = {where.split(".yaml")[0] for where, _ in EXAMPLES}
    assert files == {"date_words", "vague_terms", "festivals"}
    assert len(EXAMPLES) >= 150


@pytest.mark.parametrize("where,row", EXAMPLES, ids=[where for where, _ in EXAMPLES])
def test_example(where, row):
    ref, text, day, time, vague, suggested = vocab.example_fields(row)
    got = resolve(text, ref)
    assert (got.date, got.time, got.vague) == (day, time, vague), f"{where}: {got}"
    if suggested is not None:
        assert got.suggested == suggested, f"{where}: {got}"


def test_bundled_files_load():
    assert vocab.date_words().weekday_names["五"] == 4
    assert vocab.vague_terms()["尽快"].suggested_days is None
    assert "国庆" in vocab.festival_vocab().by_name


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_yaml_names_the_file_and_line(tmp_path):
    path = write(tmp_path, "vague.yaml", "groups:\n  - words: [尽快\n")
    with pytest.raises(DataFileError, match=r"vague\.yaml.*line"):
        vocab.vague_terms(path)


def test_duplicate_keys_are_refused(tmp_path):
    path = write(tmp_path, "vague.yaml", "groups:\n  - words: [尽快]\ngroups:\n  - words: [抓紧]\n")
    with pytest.raises(DataFileError, match=r"vague\.yaml: not valid YAML at line 3: duplicate key 'groups'"):
        vocab.vague_terms(path)


def test_missing_key_names_the_file_and_key(tmp_path):
    path = write(tmp_path, "vague.yaml", "groups:\n  - suggested: days:2\n")
    with pytest.raises(DataFileError, match=r"vague\.yaml: key 'groups\[0\]\.words': missing"):
        vocab.vague_terms(path)


def test_wrong_type_names_the_key(tmp_path):
    path = write(tmp_path, "vague.yaml", "groups:\n  - words: [尽快]\n    suggested: week\n")
    with pytest.raises(DataFileError, match=r"groups\[0\]\.suggested"):
        vocab.vague_terms(path)


def test_duplicate_words_are_refused(tmp_path):
    path = write(tmp_path, "vague.yaml", "groups:\n  - words: [尽快]\n  - words: [尽快]\n")
    with pytest.raises(DataFileError, match="duplicate word"):
        vocab.vague_terms(path)


def test_festival_needs_exactly_one_calendar(tmp_path):
    text = ("festivals:\n  - names: [国庆]\n    solar: [10, 1]\n    lunar: [8, 15]\n"
            "guarded: []\nguard_suffixes: [前]\nholiday_words: {words: [节], not_after: [季]}\n")
    with pytest.raises(DataFileError, match=r"key 'festivals\[0\]': needs exactly one"):
        vocab.festival_vocab(write(tmp_path, "fest.yaml", text))


def test_guarded_name_must_be_a_festival(tmp_path):
    text = ("festivals:\n  - names: [国庆]\n    solar: [10, 1]\n"
            "guarded: [五一]\nguard_suffixes: [前]\nholiday_words: {words: [节], not_after: [季]}\n")
    with pytest.raises(DataFileError, match="key 'guarded'"):
        vocab.festival_vocab(write(tmp_path, "fest.yaml", text))


def test_bad_time_in_date_words_names_the_key(tmp_path):
    text = vocab.DATE_WORDS.read_text(encoding="utf-8").replace('下班: "18:00"', '下班: "6pm"')
    with pytest.raises(DataFileError, match=r"times_of_day\.下班"):
        vocab.date_words(write(tmp_path, "date_words.yaml", text))


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="missing"):
        vocab.date_words(tmp_path / "nope.yaml")
