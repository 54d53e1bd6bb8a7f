"""extract.doc_aliases: initials a document defines or implies for roster people."""
from __future__ import annotations

from extract.doc_aliases import document_aliases
from extract.roster import Person, Roster

ROSTER = Roster([Person("陈静", "财务部", "财务主管"), Person("张伟", "研发部", "工程师", aliases=("Zhang Wei",)),
                 Person("梁志远", "总经办", "总经理", aliases=("Leon",)), Person("王芳", "设计部", "设计师", aliases=("Fiona",)),
                 Person("王磊", "研发部", "研发经理")])


def test_defined_and_implied_initials():
    texts = ["Present:", "Mr Leon Liang (LL) – Chairman", "Ms Chen Jing (CJ) – Honorary Treasurer",
             "Ms Fiona Wang (FW)", "Dr Raymond Kwok (RK)", "王磊（WL）",
             "Mr Zhang Wei, an IT volunteer, has agreed to migrate the database."]
    assert document_aliases(texts, ROSTER) == {"LL": "梁志远", "CJ": "陈静", "FW": "王芳", "WL": "王磊", "ZW": "张伟"}


def test_initials_two_people_share_are_left_unknown():
    texts = ["Wang Fang (WF)", "Wang Lei and Wang Fang both attended"]
    roster = Roster([Person("王芳", "设计部"), Person("王峰", "研发部")])
    assert document_aliases(["Wang Fang and Wang Feng"], roster) == {}
    assert document_aliases(texts, roster) == {"WF": "王芳"}  # a definition settles it
