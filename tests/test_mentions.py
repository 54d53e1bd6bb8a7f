"""Finding every person, team, group and self mention in a sentence."""
from __future__ import annotations

import pytest

from extract.mentions import find_mentions
from extract.roster import Person, Roster

ROSTER = Roster([Person("王芳", "设计部", "设计师"), Person("张伟", "研发部", "工程师"),
                 Person("吴凯文", "销售部", "销售经理", ("Kevin",))])


def kinds(text):
    return [(m.text, m.kind) for m in find_mentions(text, ROSTER)]


def test_kinds_of_mentions():
    assert kinds("设计组和研发这边配合，大家周五前反馈，我来汇总") == [
        ("设计组", "department"), ("研发这边", "department"), ("大家", "collective"), ("我", "self")]
    assert kinds("The QA team and Kevin will check with Tom") == [
        ("The QA team", "department"), ("Kevin", "person"), ("Tom", "guess")]


def test_department_joins_following_person():
    [m] = find_mentions("设计部的王芳负责", ROSTER)
    assert (m.text, m.kind, m.department, m.person) == ("设计部的王芳", "person", "设计部", "王芳")


def test_ordinary_words_are_no_mentions():
    assert kinds("内部全部完成，我们的我司方案") == [("我们", "collective")]
    assert kinds("Friday Action items for the Meeting") == []


TEAM = Roster([Person("王芳", "设计部", "设计师"), Person("张伟", "研发部", "工程师"),
               Person("唐磊", "销售部", "大客户经理", ("Tony",)), Person("韩雪", "人力资源部", "招聘专员", ("Amy",)),
               Person("许敏", "客服部", "客服主管"), Person("李娜", "市场部", "市场经理")])


def team_kinds(text):
    return [(m.text, m.kind) for m in find_mentions(text, TEAM)]


def one(text):
    [m] = find_mentions(text, TEAM)
    return m


def test_a_team_written_with_its_person():
    m = one("HR那边 Amy 帮忙组织一下")
    assert (m.text, m.kind, m.department, m.person) == ("HR那边 Amy", "person", "HR那边", "Amy")
    m = one("研发部（张伟）负责")
    assert (m.kind, m.department, m.person) == ("person", "研发部", "张伟")
    m = one("Xu Min (Customer Service) to compile the log")
    assert (m.text, m.department) == ("Xu Min (Customer Service)", "Customer Service")


def test_me_in_brackets_is_the_person():
    assert (one("Tony（我）来出").text, one("Tony（我）来出").person) == ("Tony（我）", "Tony")
    assert one("我（Tony）来跟进").person == "Tony"


def test_our_side():
    m = one("我们市场部来做")
    assert (m.kind, m.department) == ("team_self", "市场部")
    m = one("我们这边（研发）来搞")
    assert (m.text, m.kind, m.department) == ("我们这边（研发）", "team_self", "研发")
    assert team_kinds("我们这边在改") == [("我们这边", "team_self")]
    assert team_kinds("我们周五前定") == [("我们", "collective")]


def test_handles_are_people_but_emails_are_not():
    assert team_kinds("@hzxuan 继续跟进，@frank-ye 补文档") == [("hzxuan", "guess"), ("frank-ye", "guess")]
    assert team_kinds("发到 zhang@example.com") == []


@pytest.mark.parametrize("text, mention, party", [
    ("客户方的Mike周五前提供数据", "客户方的Mike", "客户方"),
    ("vendor 那边的 Vivian 说 6月10号前给", "vendor 那边的 Vivian", "vendor"),
    ("外包的周晓明负责接口", "外包的周晓明", "外包"),
    ("Jordan (Contoso) to send the SOW", "Jordan (Contoso)", "Contoso"),
    ("Jordan from Contoso to send the SOW", "Jordan from Contoso", "Contoso"),
    ("Mike（客户方）提供数据", "Mike（客户方）", "客户方"),
    ("猎头公司的顾问下周推荐候选人", "猎头公司的顾问", "猎头公司"),
])
def test_people_of_outside_parties(text, mention, party):
    m = next(m for m in find_mentions(text, TEAM) if m.party)
    assert (m.text, m.kind, m.party) == (mention, "person", party)


def test_no_party_inside_a_word_or_a_team():
    assert all(m.party is None for m in find_mentions("大客户经理唐磊负责", TEAM))
    m = one("Liu from Product to collect preferences")
    assert (m.department, m.party) == ("Product", None)


def test_english_groups_and_teams():
    assert team_kinds("All account managers to send the list to Tony") == [
        ("All account managers", "collective"), ("Tony", "person")]
    assert team_kinds("[CS team] Call every account") == [("CS team", "department"), ("Call", "guess")]
    assert team_kinds("Marketing will update the deck") == [("Marketing", "department")]
    assert team_kinds("They discussed marketing plans") == []  # a lower-case team word is no owner


def test_a_department_name_inside_a_word():
    assert team_kinds("研发部分 @王芳 帮忙写一下") == [("王芳", "person")]  # 研发|部分
    assert team_kinds("财务部分析成本") == [("财务部", "department")]   # 财务部|分析
