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


# --- other names for a team, Latin typos, our side, open cells ------------------------------

TEAMS = Roster(PEOPLE + [Person("黄丽", "人力资源部", "HRBP"), Person("许敏", "客服部", "客服主管"),
                         Person("周杰", "研发部", "前端工程师"), Person("田甜", "客服部", "客服专员")])


@pytest.mark.parametrize("mention, department", [
    ("人事", "人力资源部"),        # another name of the roster's team
    ("人事这边", "人力资源部"),
    ("HR", "人力资源部"),
    ("CS", "客服部"),
    ("Customer Success team", "客服部"),
    ("客户成功部", "客服部"),
    ("技术部", "研发部"),          # the roster has no 技术部
])
def test_department_aliases_map_onto_the_roster(mention, department):
    result = TEAMS.resolve(mention)
    assert (result.match, result.department) == ("department", department)


def test_a_roster_team_keeps_its_own_name():
    roster = Roster([Person("甲", "技术部"), Person("乙", "研发部")])
    assert roster.resolve("技术部").department == "技术部"
    assert roster.resolve("研发这边").department == "研发部"


@pytest.mark.parametrize("mention, name", [
    ("Zhou Jei", "周杰"),      # swapped letters: no pinyin syllable "jei"
    ("Jei Zhou", "周杰"),
    ("Tian Tain", "田甜"),
    ("Zhuo Jie", None),        # zhuo is real pinyin, another surname: not a typo
    ("Li Qing", None),         # qing is real pinyin and no near sound of qiang
    ("Chen Jin", "陈静"),      # in / ing, as 陈进 for 陈静
    ("Zhang Wen", None),       # wen is no near sound of wei
])
def test_latin_typos_of_roster_names(mention, name):
    result = TEAMS.resolve(mention)
    assert result.name == name
    assert result.match == ("fuzzy" if name else "unknown")


def test_latin_typo_fitting_two_people_is_ambiguous():
    roster = Roster([Person("周杰", "研发部"), Person("周洁", "测试部")])
    result = roster.resolve("Zhou Jei")
    assert result.match == "ambiguous" and result.candidates == ("周杰", "周洁")
    assert roster.resolve("Zhou Jei", department="测试部").name == "周洁"


def test_courtesy_suffix_over_a_typo():
    result = TEAMS.resolve("何嘉同志")
    assert (result.name, result.match) == ("何佳", "fuzzy")


def test_our_side_means_the_speaker():
    assert TEAMS.resolve("我们这边").match == "collective"
    assert TEAMS.resolve("我们这边", speaker="王芳").name == "王芳"
    assert TEAMS.resolve("我们部门", speaker="Kevin").name == "吴凯文"
    assert TEAMS.resolve("我们", speaker="王芳").match == "collective"  # bare 我们: everyone


@pytest.mark.parametrize("mention, match", [
    ("help wanted", "none"),        # words, not a name
    ("unassigned", "none"),
    ("无人认领", "none"),
    ("hzxuan", "unknown"),          # one handle-like word may be a person
    ("All account managers", "collective"),
    ("every team lead", "collective"),
])
def test_latin_phrases(mention, match):
    assert TEAMS.resolve(mention).match == match
