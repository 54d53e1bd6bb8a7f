"""The part each mention plays: labels, joined names, and notes in brackets."""
from __future__ import annotations

import pytest

from extract import nlp
from extract.mentions import find_mentions
from extract.owner_roles import bracket_notes, groups_of, label_of, roles_of
from extract.roster import Person, Roster

ROSTER = Roster([Person("张伟", "研发部", "工程师"), Person("赵磊", "研发部", "后端工程师"),
                 Person("王芳", "设计部", "设计师"), Person("许敏", "客服部", "客服主管"),
                 Person("田甜", "客服部", "客服专员"), Person("钱多多", "财务部", "财务总监", ("钱总",))])


def roles(text):
    mentions = find_mentions(text, ROSTER)
    toks = nlp.tokens(text, ROSTER)
    bounds = ({t.start for t in toks} | {len(text)}, {t.end for t in toks} | {0})
    groups = groups_of(text, mentions)
    return [(mentions[g[0]].text, role) for g, role in zip(groups, roles_of(text, mentions, groups, bounds))]


@pytest.mark.parametrize("text, expected", [
    ("张伟负责接口，赵磊配合", [("张伟", "lead"), ("赵磊", "assist")]),
    ("田甜（许敏 support）负责FAQ", [("田甜", "lead"), ("许敏", "assist")]),      # read on after the bracket
    ("张伟（赵磊）负责联调", [("张伟", "lead"), ("赵磊", "member")]),             # unmarked: works with him
    ("研发部（张伟、赵磊）负责联调", [("研发部", "member"), ("张伟", "lead")]),   # the people do the team's part
    ("需要钱总审批，王芳提交", [("钱总", "approver"), ("王芳", "subject")]),
    ("王芳正在改，张伟周五前提交", [("王芳", "status"), ("张伟", "subject")]),
    ("把稿子交给王芳", [("王芳", "object")]),
    ("王芳帮忙看一下", [("王芳", "helper")]),
    ("王芳具体负责", [("王芳", "specific")]),
])
def test_roles(text, expected):
    assert roles(text) == expected


def test_bracket_notes_only_right_after_a_name():
    text = "田甜（许敏 support）负责，王芳（设计部）出图"
    mentions = find_mentions(text, ROSTER)
    notes = bracket_notes(text, mentions)
    assert [mentions[i].text for i in notes] == ["田甜"]  # 王芳（设计部） is one mention, not a note
    assert [mentions[k].text for k in notes[0][1]] == ["许敏"]


def test_label_and_groups():
    text = "张伟、赵磊：周五前完成联调"
    mentions = find_mentions(text, ROSTER)
    assert groups_of(text, mentions) == [[0, 1]]
    assert label_of(text, mentions) is None  # another name in front: no single label
    assert label_of("1. 王芳：周五前给出设计稿", find_mentions("1. 王芳：周五前给出设计稿", ROSTER)) == 0
    assert label_of("请大家注意：张伟负责", find_mentions("请大家注意：张伟负责", ROSTER)) is None
