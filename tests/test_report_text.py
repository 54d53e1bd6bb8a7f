"""tracker.report_text: sentences, problem cues, folding wordings, vectors."""
from __future__ import annotations

import math

import pytest

from tracker.report_text import Vectorizer, cosine, normalize, problem_kind, problem_kinds, sentences


def test_sentences_split_and_drop_list_marks():
    text = "1. 测试环境不足，联调排队。\n- 客户投诉物流慢！（三）预算超支？\n\n好。"
    assert sentences(text) == ["测试环境不足，联调排队", "客户投诉物流慢", "预算超支"]
    assert sentences(None) == [] and sentences("  \n") == []


@pytest.mark.parametrize("text, kind", [
    ("测试环境资源不足", "shortage"),
    ("缺测试服务器", "shortage"),
    ("供应商交货延迟", "delay"),
    ("门店系统宕机", "fault"),
    ("客户投诉物流慢", "complaint"),  # complaint is listed before problem (慢)
    ("联调卡住了", "blocker"),
    ("存在合规风险", "risk"),
    ("设计方案有分歧", "disagreement"),
    ("登录有bug", "fault"),
    ("审批流程太长", "problem"),
    ("主视觉方向已确定", None),
    ("上次的问题已解决", None),  # settled
    ("目前没有风险", None),
    ("大家对方案没有异议", None),
])
def test_problem_kind(text, kind):
    assert problem_kind(text) == kind


def test_problem_kinds_lists_every_kind_in_file_order():
    assert problem_kinds("测试环境不足导致上线延期，客户投诉") == ("complaint", "delay", "shortage")
    assert problem_kinds("一切正常") == ()


def test_normalize_ignores_spacing_punctuation_and_case():
    assert normalize("测试环境 不够用！") == normalize("测试环境不够用") == "测试环境不够用"
    assert normalize("App 登录 BUG") == "app登录bug"


def test_wordings_fold_to_the_same_words():
    vec = Vectorizer()
    assert set(vec.features("测试环境不够用")) == set(vec.features("缺测试服务器")) == {"测试环境", "不足"}
    assert "人手" in vec.features("研发人手不足") and "不足" in vec.features("研发人手不足")
    # a word that merely contains a shorter variant keeps its meaning (缺陷 is not 缺 + 陷)
    assert "缺陷" in vec.features("登录模块缺陷较多") and "不足" not in vec.features("登录模块缺陷较多")


def test_names_and_stop_words_are_cut():
    vec = Vectorizer(["研发部", "王芳"])
    assert set(vec.features("研发部王芳反馈目前测试环境不够用")) == {"测试环境", "不足"}


def test_vectors_have_unit_length_and_rank_wordings_of_one_issue_closest():
    texts = ["测试环境资源不足", "测试环境不够用", "缺测试服务器", "营销预算不足", "客户投诉物流慢"]
    vectors = Vectorizer().fit_transform(texts)
    for v in vectors:
        assert math.isclose(math.sqrt(sum(x * x for x in v.values())), 1.0)
    near = cosine(vectors[1], vectors[2])
    assert near > 0.9
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[3])
    assert cosine(vectors[1], vectors[4]) == 0.0
