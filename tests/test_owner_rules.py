"""The people/team rule data files load, and a bad edit names its file and key."""
from __future__ import annotations

import pytest

from extract import owner_rules
from minutes.errors import DataFileError

LOADERS = [owner_rules.titles, owner_rules.surnames, owner_rules.collectives, owner_rules.non_names,
           owner_rules.departments, owner_rules.patterns, owner_rules.roster_columns, owner_rules.near_sounds]


@pytest.fixture
def fresh_caches():
    for loader in LOADERS:
        loader.cache_clear()
    yield
    for loader in LOADERS:
        loader.cache_clear()


def test_shipped_data_loads():
    titles = owner_rules.titles()
    assert titles.words[0] != "总" and "总" in titles.words  # longest first
    assert titles.rule("总").fits_title("销售总监") and not titles.rule("总").fits_title("总经理助理")
    assert titles.rule("老师").fits_title(None)
    assert owner_rules.surnames().prefix("欧阳娜娜") == "欧阳" and owner_rules.surnames().reading("曾") == "zeng"
    assert "大家" in owner_rules.collectives() and "everyone" in owner_rules.collectives()
    assert "周报" in owner_rules.non_names()
    assert owner_rules.departments().split("研发组") == ("研发", "组")
    assert "负责" in owner_rules.patterns().lead_after
    assert owner_rules.roster_columns()["姓名"] == "name"
    initials, finals = owner_rules.near_sounds()
    assert frozenset(("zh", "z")) in initials and frozenset(("in", "ing")) in finals


@pytest.mark.parametrize("file, content, key", [
    ("titles.yaml", "titles: [总, 经理]\n", "titles"),
    ("titles.yaml", "titles:\n  总: {fits: 总监}\nname_suffixes: [同学]\nlatin_titles: {mr: 总}\nfamiliar_prefixes: [小]\n",
     "titles.总.fits"),
    ("titles.yaml", "titles:\n  总: {fits: [总监]}\nname_suffixes: [同学]\nlatin_titles: {mr: 老师}\n", "latin_titles.mr"),
    ("titles.yaml", "titles:\n  总: {fit: [总监]}\n", "titles.总"),
    ("owner_patterns.yaml", "lead_before: [由]\n", "lead_after"),
    ("departments.yaml", "suffixes: [部]\n", "english"),
    ("surnames.txt", "王\n张三丰 zhang\n", "张三丰"),
    ("surnames.txt", "曾 Zeng\n", "Zeng"),
    ("near_sounds.yaml", "initials: [[zh]]\nfinals: [[in, ing]]\n", "initials"),
    ("roster_columns.yaml", "name: [姓名]\n", "department"),
    ("titles.yaml", "titles: [unclosed\n", "invalid YAML"),
    ("collectives.txt", "# only a comment\n", "no entries"),
])
def test_bad_data_names_file_and_key(monkeypatch, fresh_caches, file, content, key):
    real = owner_rules._read
    monkeypatch.setattr(owner_rules, "_read", lambda name: content if name == file else real(name))
    loader = {
        "titles.yaml": owner_rules.titles, "owner_patterns.yaml": owner_rules.patterns,
        "departments.yaml": owner_rules.departments, "surnames.txt": owner_rules.surnames,
        "near_sounds.yaml": owner_rules.near_sounds, "roster_columns.yaml": owner_rules.roster_columns,
        "collectives.txt": owner_rules.collectives,
    }[file]
    with pytest.raises(DataFileError) as err:
        loader()
    assert file in str(err.value) and key in str(err.value)
