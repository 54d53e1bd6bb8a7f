"""Finding every person, team, group and self mention in a sentence."""
from __future__ import annotations

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
