"""The cached per-roster segmenter and the person-name guesser."""
from __future__ import annotations

import subprocess
import sys

import pytest

from extract import nlp
from extract.roster import Person, Roster

PEOPLE = [
    Person("陈静", "财务部", "财务主管", ("静姐",)),
    Person("张伟", "研发部", "高级工程师", ("伟哥", "Zhang Wei")),
    Person("高峰", "研发部", "架构师"),
    Person("梁志远", "总经办", "总经理", ("Leon",)),
    Person("钱多多", "财务部", "财务总监"),
    Person("马超", "运维部", "运维主管"),
    Person("王芳", "设计部", "设计师"),
    Person("王磊", "研发部", "研发经理"),
    Person("吴凯文", "销售部", "销售经理", ("Kevin",)),
]


@pytest.fixture(scope="module")
def roster():
    return Roster(PEOPLE)


def words(text, roster=None):
    return [t.word for t in nlp.tokens(text, roster)]


def mentions(text, roster=None):
    return [m for m, _, _ in nlp.person_candidates(text, roster)]


def test_roster_names_segment_whole(roster):
    assert words("李总牵头，陈静配合", roster)[-2:] == ["陈静", "配合"]
    assert "志远" in words("志远确认预算", roster)  # given name of a three-character name
    assert "高峰期" in words("早上高峰期", roster)  # a roster name never splits an ordinary word


def test_tokenizers_are_cached_per_roster_and_do_not_leak(roster):
    from extract.jieba_data import base_dictionary

    assert nlp.tokenizer(roster) is nlp.tokenizer(Roster(PEOPLE))  # same words, same tokenizer
    other = Roster([Person("柯南斯", "研发部")])
    assert nlp.tokenizer(other) is not nlp.tokenizer(roster)
    assert "柯南斯" in nlp.tokenizer(other).FREQ
    assert "柯南斯" not in nlp.tokenizer(roster).FREQ
    assert base_dictionary().freq("柯南斯") is None  # the shared dictionary is untouched
    assert nlp.pos_tokenizer(other).cut("柯南斯确认")[0] == ("柯南斯", "nr")


def test_offsets_match_the_text(roster):
    text = "Kevin 和 陈静，周五前 完成"
    for token in nlp.tokens(text, roster):
        assert text[token.start:token.end] == token.word


def test_segmenting_never_loads_jieba_or_pypinyin():
    """jieba's start-up (~1.5 s) and pypinyin's phrase table (~0.2 s) are what extract.segment,
    extract.jieba_data and extract.names avoid; a stray import would bring them back."""
    code = ("import sys; from extract import nlp, names; from extract.roster import Roster; "
            "from extract.owners import find_owners; "
            "r = Roster([__import__('extract.roster').roster.Person('张伟', '研发部')]); "
            "assert find_owners('章伟和钱七负责，Zhang Wei 配合', r).owner.name == '张伟'; "
            "assert names.syllables('曾志远') == ('zeng', 'zhi', 'yuan'); "
            "print(sorted(m for m in ('jieba', 'pypinyin') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_heavy_libraries_load_lazily():
    code = ("import extract.nlp, extract.owners, extract.roster, extract.resolve, sys; "
            "print(sorted(m for m in ('jieba', 'pypinyin', 'rapidfuzz', 'openpyxl', 'yaml', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("text, expected", [
    ("张经理负责周五前提交报告", ["张经理"]),        # jieba: 张/q + 经理/n, re-attached
    ("请赵总监确认预算", ["赵总监"]),
    ("刘经理和王芳对接", ["刘经理", "王芳"]),
    ("小王跟进报价", ["小王"]),
    ("老马明天排查线上问题", ["老马"]),
    ("钱七完成采购合同", ["钱七"]),                  # not on the roster: jieba's nr guess
    ("孙浩同学整理测试报告", ["孙浩同学"]),
    ("张伟经理审批", ["张伟经理"]),
    ("张伟哥来弄", ["张伟哥"]),
    ("欧阳娜娜负责活动", ["欧阳娜娜"]),
    ("萧然、钱多多确认预算", ["萧然", "钱多多"]),
    ("高峰负责架构评审", ["高峰"]),
    ("Kevin will send it, cc Zhang Wei", ["Kevin", "Zhang Wei"]),
    ("请kevin确认", ["kevin"]),
])
def test_person_candidates(roster, text, expected):
    assert mentions(text, roster) == expected


@pytest.mark.parametrize("text", [
    "高效推进周报整理，马上安排",
    "王牌产品于是张贴了海报",
    "李子和杨树",
    "曾经的高峰期方案",
    "黄金周向日葵",
    "林业安全周末检查",
    "明天经理开会",
    "施工方案",
    "王总结一下",
    "小时内回复",
    "老师们辛苦了",
    "I will send the deck",   # 'will' is no alias even case-insensitively
])
def test_non_names_are_not_people(roster, text):
    assert mentions(text, roster) == []


def test_candidates_without_a_roster():
    assert mentions("由王五牵头，赵六配合") == ["王五", "赵六"]
    assert mentions("张工和李总确认") == ["张工", "李总"]


def test_a_roster_name_written_with_same_sound_characters(roster):
    # speech-to-text writes 吴开文 for 吴凯文; the roster resolves it as a fuzzy match
    assert mentions("吴开文你那边三个大客户的方案周五前给我", roster) == ["吴开文"]
    assert roster.resolve("吴开文").name == "吴凯文" and roster.resolve("吴开文").match == "fuzzy"
    # an ordinary word that sounds like a name is left alone (高峰 gao feng / 高风 is a word)
    assert "高风" not in mentions("高风险的事项要先评审", roster)
