"""Resolving one mention to one roster person, step by step (SPEC "Resolving owners")."""
from __future__ import annotations

import pytest

from extract.roster import Person, Roster

PEOPLE = [
    Person("张伟", "研发部", "高级工程师", ("Zhang Wei", "伟哥")),
    Person("王芳", "设计部", "设计师", ("王设计师", "Fiona")),
    Person("王磊", "研发部", "研发经理", ("磊哥",)),
    Person("李娜", "市场部", "市场经理", ("Lina",)),
    Person("李强", "销售部", "销售总监"),
    Person("刘凯", "产品部", "产品经理"),
    Person("刘洋", "产品部", "产品经理", ("洋洋",)),
    Person("何佳", "行政部", "行政专员"),
    Person("赵磊", "研发部", "后端工程师"),
    Person("陈静", "财务部", "财务主管", ("静姐",)),
    Person("梁志远", "总经办", "总经理", ("梁总", "Leon")),
    Person("吴凯文", "销售部", "销售经理", ("Kevin",)),
    Person("马超", "运维部", "运维主管"),
    Person("林晓", "设计部", "UI设计师", ("Lynn",)),
    Person("孙浩", "测试部", "测试工程师"),
    Person("曾志", "测试部", "测试助理"),
]


@pytest.fixture(scope="module")
def roster():
    return Roster(PEOPLE)


@pytest.mark.parametrize("mention, name, match", [
    # exact, with decoration around the name
    ("张伟", "张伟", "exact"),
    (" @王芳 ", "王芳", "exact"),
    ("张伟经理", "张伟", "exact"),
    ("王芳同学", "王芳", "exact"),
    ("张伟（牵头）", "张伟", "exact"),
    ("张伟这边", "张伟", "exact"),
    # aliases, Latin ones case-insensitive
    ("伟哥", "张伟", "alias"),
    ("静姐", "陈静", "alias"),
    ("梁总", "梁志远", "alias"),
    ("Kevin", "吴凯文", "alias"),
    ("kevin", "吴凯文", "alias"),
    ("KEVIN", "吴凯文", "alias"),
    ("志远", "梁志远", "alias"),  # given name of a three-character name
    # pinyin, both orders, spacing and case free
    ("Liu Kai", "刘凯", "pinyin"),
    ("liukai", "刘凯", "pinyin"),
    ("Kai Liu", "刘凯", "pinyin"),
    ("LIANG Zhi-yuan", "梁志远", "pinyin"),
    ("Zhiyuan Liang", "梁志远", "pinyin"),
    ("Zeng Zhi", "曾志", "pinyin"),  # surname reading 曾 = zeng, not ceng
    # surname + title word, when exactly one person fits
    ("张工", "张伟", "title"),
    ("赵工", "赵磊", "title"),
    ("王经理", "王磊", "title"),
    ("李总", "李强", "title"),
    ("李经理", "李娜", "title"),
    ("陈老师", "陈静", "title"),
    ("马主管", "马超", "title"),
    ("林设计师", "林晓", "title"),
    ("王工", "王磊", "title"),  # 工 fits 研发经理, not 设计师
    ("Mr. Liang", "梁志远", "title"),
    ("Manager Wang", "王磊", "title"),
    ("Liang", "梁志远", "title"),  # a bare surname in pinyin, like 老梁
    # 小X / 老X
    ("老马", "马超", "title"),
    ("小孙", "孙浩", "title"),
    ("设计部小王", "王芳", "title"),
    ("研发部的小王", "王磊", "title"),
    # near spelling and same sound
    ("章伟", "张伟", "fuzzy"),
    ("刘楷", "刘凯", "fuzzy"),
    ("何嘉", "何佳", "fuzzy"),
    ("陈进", "陈静", "fuzzy"),  # in / ing
    ("赵雷", "赵磊", "fuzzy"),
    ("梁志原", "梁志远", "fuzzy"),
])
def test_resolves_to_one_person(roster, mention, name, match):
    result = roster.resolve(mention)
    assert (result.name, result.match) == (name, match)
    assert result.department == roster.get(name).department
    assert result.mention and result.candidates == ()


@pytest.mark.parametrize("mention, candidates", [
    ("刘经理", ("刘凯", "刘洋")),  # two 刘 product managers
    ("小王", ("王芳", "王磊")),
    ("老王", ("王芳", "王磊")),
    ("小刘", ("刘凯", "刘洋")),
    ("Manager Liu", ("刘凯", "刘洋")),
])
def test_several_fits_are_ambiguous(roster, mention, candidates):
    result = roster.resolve(mention)
    assert result.match == "ambiguous" and result.name is None
    assert result.candidates == candidates


def test_department_context_narrows_familiar_and_title_forms(roster):
    assert roster.resolve("小王", department="设计部").name == "王芳"
    assert roster.resolve("小王", department="研发组").name == "王磊"  # same stem, other suffix
    # context that fits nobody keeps the ambiguity rather than inventing a match
    assert roster.resolve("小王", department="财务部").match == "ambiguous"
    # context never overrides an exact name
    assert roster.resolve("王芳", department="研发部").name == "王芳"


def test_title_that_fits_no_one_is_unknown(roster):
    # 赵磊 is an engineer, not a 总监; 王总 fits neither 王
    for mention in ("赵总监", "王总"):
        result = roster.resolve(mention)
        assert (result.name, result.match) == (None, "unknown")


@pytest.mark.parametrize("mention, department", [
    ("研发部", "研发部"),
    ("设计组", "设计部"),
    ("市场部负责", "市场部"),
    ("产品侧", "产品部"),
    ("研发这边", "研发部"),
    ("R&D team", "研发部"),
    ("供应链部", "供应链部"),  # not on the roster, still a department
])
def test_department_alone(roster, mention, department):
    result = roster.resolve(mention)
    assert (result.match, result.name, result.department) == ("department", None, department)


@pytest.mark.parametrize("mention", ["大家", "各部门", "相关部门", "全体", "所有人", "各位", "双方", "各组", "Everyone",
                                     "各模块负责人", "相关业务同事"])
def test_collectives(roster, mention):
    result = roster.resolve(mention)
    assert (result.match, result.name) == ("collective", None)


@pytest.mark.parametrize("mention", ["钱七", "欧阳娜娜", "Tom", "供应商"])
def test_people_off_the_roster_are_unknown(roster, mention):
    result = roster.resolve(mention)
    assert (result.match, result.name, result.mention) == ("unknown", None, mention)


@pytest.mark.parametrize("mention", ["", "   ", "待定", "TBD", "N/A", "-", "无"])
def test_placeholders_name_no_one(roster, mention):
    result = roster.resolve(mention)
    assert (result.match, result.mention, result.name) == ("none", None, None)


def test_speaker_self_references(roster):
    for mention in ("我", "我来", "我这边", "我负责", "I", "I'll"):
        result = roster.resolve(mention, speaker="王磊")
        assert result.name == "王磊" and result.mention == mention
    assert roster.resolve("我", speaker="Kevin").name == "吴凯文"  # the speaker goes through the roster too
    stranger = roster.resolve("我来", speaker="钱七")
    assert (stranger.match, stranger.mention, stranger.name) == ("unknown", "钱七", None)
    assert roster.resolve("我来").match == "unknown"  # no speaker known
    assert roster.resolve("我们").match == "collective"


def test_department_with_person(roster):
    result = roster.resolve("设计部王芳")
    assert (result.name, result.department, result.match, result.mention) == ("王芳", "设计部", "exact", "设计部王芳")
    assert roster.resolve("王芳（设计部）").name == "王芳"
    unknown = roster.resolve("设计部钱七")
    assert (unknown.match, unknown.department) == ("unknown", "设计部")


def test_ambiguous_alias_and_homophones():
    roster = Roster([Person("张伟", "研发部", aliases=("阿伟",)), Person("章伟", "设计部", aliases=("阿伟",))])
    assert roster.resolve("阿伟").candidates == ("张伟", "章伟")
    assert roster.resolve("阿伟", department="设计部").name == "章伟"
    assert roster.resolve("Zhang Wei").match == "ambiguous"
    assert roster.resolve("张玮").candidates == ("张伟", "章伟")  # same sound as both


def test_non_names_do_not_fuzzy_match(roster):
    # one character off but a different sound: no match
    assert roster.resolve("王方案").match == "unknown"
    assert roster.resolve("张文").match == "unknown"  # zhang wen is not zhang wei


def test_resolve_is_remembered(roster):
    first = roster.resolve("王经理", department="研发部")
    assert roster.resolve("王经理", department="研发部") is first
    assert first.name == "王磊"
    assert roster.resolve("王经理").match in ("title", "ambiguous")


def test_no_pinyin_when_no_one_could_sound_alike(monkeypatch):
    from extract import names

    def no_pinyin(text):
        raise AssertionError(f"pinyin computed for {text}")

    three_only = Roster([Person("梁志远", "总经办", "总经理")])
    assert three_only.index.pinyin  # the roster's own keys are built up front
    monkeypatch.setattr(names, "syllables", no_pinyin)
    assert three_only.resolve("钱七").match == "unknown"  # no two-character roster name to compare
