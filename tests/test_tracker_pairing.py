"""tracker.pairing: old items meet their re-extracted selves by what they say."""
from __future__ import annotations

from tracker.pairing import Side, pair


def side(task, source=None, position=0, *extra):
    return Side((task, *extra), source, position)


def test_renumbered_and_lightly_edited_items_pair_up():
    old = [side("完成主视觉初稿", "王芳负责7月15日前完成主视觉初稿", 0),
           side("输出联调方案", "张伟周五前输出联调方案", 1)]
    new = [side("预订场地", "李娜负责预订场地", 0),
           side("完成主视觉初稿", "王芳负责7月16日前完成主视觉初稿", 1),
           side("输出接口联调方案", "张伟周五前输出接口联调方案", 2)]
    result = pair(old, new, 60)
    assert result.pairs == ((0, 1), (1, 2))
    assert result.unmatched_new == (0,) and result.unmatched_old == ()


def test_items_sharing_one_sentence_are_told_apart_by_task():
    sentence = "张伟负责接口文档，王芳负责视觉稿，周五前完成"
    old = [side("接口文档", sentence, 0), side("视觉稿", sentence, 1)]
    new = [side("视觉稿", sentence, 0), side("接口文档", sentence, 1)]
    assert pair(old, new, 60).pairs == ((1, 0), (0, 1))


def test_unrelated_items_do_not_pair():
    result = pair([side("完成年度预算", "陈静负责年度预算")], [side("修复登录缺陷", "赵磊修复登录缺陷")], 60)
    assert result.pairs == () and result.unmatched_old == (0,) and result.unmatched_new == (0,)


def test_a_rewritten_task_still_pairs_through_the_extracted_text():
    old = [Side(("整理并归档全部测试用例与报告", "整理测试用例"), None, 0)]
    new = [Side(("整理测试用例",), None, 0)]
    assert pair(old, new, 60).pairs == ((0, 0),)


def test_pairing_is_one_to_one():
    old = [side("写周报", None, 0)]
    new = [side("写周报", None, 0), side("写周报", None, 1)]
    result = pair(old, new, 60)
    assert result.pairs == ((0, 0),) and result.unmatched_new == (1,)
