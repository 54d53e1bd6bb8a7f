"""Marker words around a mention: token boundaries, whole Latin words, precedence."""
from __future__ import annotations

import pytest

from extract import nlp
from extract.owner_markers import after_marker, before_marker, handed_to


def bounds(text):
    toks = nlp.tokens(text)
    return {t.start for t in toks} | {len(text)}, {t.end for t in toks} | {0}


def after(text, mention):
    end = text.index(mention) + len(mention)
    return after_marker(text, end, len(text), bounds(text))


def before(text, mention):
    return before_marker(text, text.index(mention), bounds(text))


@pytest.mark.parametrize("text, mention, role", [
    ("张伟负责接口联调", "张伟", "lead"),
    ("张伟配合联调", "张伟", "assist"),
    ("梁总要求各部门周五前提交", "梁总", "requester"),
    ("张伟周五前负责联调", "张伟", "lead"),          # a few characters away, same clause
    ("张伟周五前提交报告", "张伟", "work"),
    ("张伟的反馈很及时", "张伟", None),              # a possessor
    ("张伟，负责联调", "张伟", None),                # the clause ends first
    ("Kevin to send the quote", "Kevin", "lead"),
    ("Kevin toasted the team", "Kevin", None),       # "to" only as a whole word
    ("Tony to support the demo", "Tony", "assist"),  # the longer Latin marker
    ("张伟（牵头）负责", "张伟", "lead"),            # a closer before the marker is skipped
])
def test_after(text, mention, role):
    assert after(text, mention) == role


@pytest.mark.parametrize("text, mention, role", [
    ("由张伟负责", "张伟", "lead"),
    ("请 王芳 确认", "王芳", "lead"),
    ("负责人：李娜", "李娜", "lead"),                 # longest marker wins over 人
    ("配合王芳完成主视觉", "王芳", "assisted"),
    ("和李娜一起评审", "李娜", "with"),
    ("发给李娜确认", "李娜", "object"),              # 发给, not 给 alone: still an object
    ("@林晓 看一下", "林晓", "lead"),
    ("Owner: Kevin", "Kevin", "lead"),
    ("send to Kevin", "Kevin", "object"),
    ("完成主视觉（王芳）", "王芳", "trailing"),
    ("完成主视觉 王芳", "王芳", None),
])
def test_before(text, mention, role):
    assert before(text, mention) == role


@pytest.mark.parametrize("text, mention, role", [
    ("张伟负责人确认", "张伟", "work"),      # 负责 inside 负责人; 确认 is the work
    ("王芳来自设计部", "王芳", None),        # 来 inside 来自
    ("张伟执行力强", "张伟", None),          # 执行 inside 执行力
    ("张伟会议室预定", "张伟", "work"),      # 会 inside 会议室; 预定 is the work
])
def test_markers_inside_a_word_do_not_count(text, mention, role):
    assert after(text, mention) == role


@pytest.mark.parametrize("text, mention, role", [
    ("黄丽同志具体负责", "黄丽同志", "specific"),  # 具体负责 wins over the 负责 inside it
    ("王经理 帮忙写一下", "王经理", "help"),
    ("Amy help organise the training", "Amy", "help"),
    ("需要钱总审批", "钱总", "approver"),
    ("张伟已经提交了初稿", "张伟", "status"),
    ("我们这边在改", "我们", "status"),          # past a side word
    ("我们这边目前正在排查", "我们", "status"),  # past a side word and an adverb
    ("张伟在周五前提交", "张伟", "work"),        # 在 + a date is no progress report
    ("许敏 support）", "许敏", "assist"),        # a bare Latin helper word
    ("李总表示会尽快整理名单", "李总", "lead"),  # a promise reported
])
def test_after_new_roles(text, mention, role):
    assert after(text, mention) == role


@pytest.mark.parametrize("text, mention, handed", [
    ("下周五之前把述职PPT交给磊哥", "磊哥", True),
    ("把方案交给张伟处理", "张伟", True),        # the caller decides: work follows
    ("交给赵磊处理线上告警", "赵磊", False),     # no 把: an assignment
    ("把方案发给李娜", "李娜", False),           # 发给 is an object marker of its own
    ("把方案定了，交给张伟", "张伟", False),     # 把 in an earlier clause
])
def test_handed_to(text, mention, handed):
    assert handed_to(text, text.index(mention), bounds(text)) is handed
