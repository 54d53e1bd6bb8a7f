"""The people/team rule data files load, and a bad edit names its file and key."""
from __future__ import annotations

import pytest

from extract import owner_rules
from minutes.errors import DataFileError

LOADERS = [owner_rules.titles, owner_rules.surnames, owner_rules.collectives, owner_rules.non_names,
           owner_rules.departments, owner_rules.patterns, owner_rules.roster_columns, owner_rules.near_sounds,
           owner_rules.collective_form, owner_rules.english_collective_form, owner_rules.external_parties,
           owner_rules.pinyin_syllables]


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
    ("departments.yaml", "suffixes: [部]\nside_words: [侧]\nstems: [研发]\nenglish: {hr: 人力资源}\n"
                         "english_suffixes: [team]\naliases: {人事: 人力资源}\n", "aliases.人事"),
    ("external_parties.yaml", "parties: [客户]\nlinks: [的]\n", "roles"),
    ("collective_forms.yaml", "prefixes: [各]\nheads: [同事]\nmax_middle: 4\nenglish_prefixes: [all]\n"
                              "english_heads: [team]\nenglish_max_middle: 9\n", "english_max_middle"),
    ("pinyin_syllables.txt", "zhang\nZhang Wei\n", "Zhang Wei"),
])
def test_bad_data_names_file_and_key(monkeypatch, fresh_caches, file, content, key):
    real = owner_rules._read
    monkeypatch.setattr(owner_rules, "_read", lambda name: content if name == file else real(name))
    loader = {
        "titles.yaml": owner_rules.titles, "owner_patterns.yaml": owner_rules.patterns,
        "departments.yaml": owner_rules.departments, "surnames.txt": owner_rules.surnames,
        "near_sounds.yaml": owner_rules.near_sounds, "roster_columns.yaml": owner_rules.roster_columns,
        "collectives.txt": owner_rules.collectives, "external_parties.yaml": owner_rules.external_parties,
        "collective_forms.yaml": owner_rules.english_collective_form, "pinyin_syllables.txt": owner_rules.pinyin_syllables,
    }[file]
    with pytest.raises(DataFileError) as err:
        loader()
    assert file in str(err.value) and key in str(err.value)


def test_new_rule_data_loads():
    p = owner_rules.patterns()
    assert "具体负责" in p.specific_lead_after and "帮忙" in p.help_after and "帮忙" not in p.assist_after
    assert "审批" in p.approver_after and "正在" in p.status_after and "交给" in p.handover_before
    assert "我们这边" in p.team_self_words and "我们" in p.we_words and "好" in p.greetings
    assert "help wanted" in p.placeholders
    assert owner_rules.departments().aliases["人事"][0] == "人力资源"
    assert owner_rules.departments().english["cs"] == "客服"
    parties = owner_rules.external_parties()
    assert "猎头公司" in parties.parties and "顾问" in parties.roles and "的" in parties.links
    assert owner_rules.english_collective_form().fullmatch("All account managers")
    assert {"zhang", "lu", "lv"} <= owner_rules.pinyin_syllables()


def test_handover_words_must_be_lead_words(monkeypatch, fresh_caches):
    real = owner_rules._read
    shipped = real("owner_patterns.yaml")
    broken = shipped.replace("handover_before: [交给,", "handover_before: [递给, 交给,")
    monkeypatch.setattr(owner_rules, "_read", lambda name: broken if name == "owner_patterns.yaml" else real(name))
    with pytest.raises(DataFileError) as err:
        owner_rules.patterns()
    assert "handover_before" in str(err.value) and "递给" in str(err.value)
