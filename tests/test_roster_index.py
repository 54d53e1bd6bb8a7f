"""Look-up tables over one roster."""
from __future__ import annotations

from extract.roster import Person, Roster
from extract.roster_index import RosterIndex, alias_key


def test_tables():
    index = RosterIndex([Person("梁志远", "总经办", aliases=("梁总", "Leon")), Person("王芳", "设计部"),
                         Person("王磊", "研发部")], {"老梁": "梁志远", "离职的人": "不在名单"})
    assert index.aliases[alias_key("Leon")] == ["梁志远"] and index.given["志远"] == ["梁志远"]
    assert index.by_surname["王"] == ["王芳", "王磊"] and index.pinyin["zhiyuanliang"] == ["梁志远"]
    assert index.learned == {"老梁": "梁志远"}  # a taught alias for someone who left is dropped
    assert index.sort(["王磊", "梁志远"]) == ("梁志远", "王磊")


def test_departments_by_stem_and_by_other_names():
    index = Roster([Person("黄丽", "人力资源部"), Person("许敏", "客服中心"), Person("张伟", "研发部")]).index
    assert index.dept_by_stem["人力资源"] == "人力资源部"
    assert index.dept_by_stem["人事"] == "人力资源部" and index.dept_by_stem["人力"] == "人力资源部"
    assert index.dept_by_stem["客户成功"] == "客服中心"
    assert index.dept_by_stem["技术"] == "研发部"
    assert "财务" not in index.dept_by_stem  # no such team on this roster


def test_a_roster_name_is_not_overridden_by_another_teams_alias():
    index = Roster([Person("甲", "技术部"), Person("乙", "研发部")]).index
    assert index.dept_by_stem["技术"] == "技术部" and index.dept_by_stem["研发"] == "研发部"
