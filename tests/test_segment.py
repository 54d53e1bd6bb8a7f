"""The jieba port: same words and POS flags as jieba.posseg, with and without user words."""
from __future__ import annotations

import random

import pytest

from extract import jieba_data, segment

SENTENCES = [
    "张伟负责整理发布会主视觉初稿，7月15日前提交",
    "由王经理牵头，研发部配合完成接口联调",
    "潘婷婷和欧阳娜娜下周三前确认预算明细表",
    "钱七完成采购合同，小王跟进供应商比价",
    "Kevin 和 陈静，周五前 完成 PPT 汇报材料（V2.3版）",
    "请@林晓 在 2024-07-15 18:00 前上传 3 版设计稿 & 测试报告",
    "早上高峰期，志远确认C++服务的QPS达到1.5万",
    "司马光砸缸，诸葛亮借东风，上官婉儿写诗",
    "谢谢大家！会后各部门抓紧落实，相关部门于本周内反馈。",
    "嗯嗯好的我来跟，周五前给到",
    "  空格\t制表\r\n换行 混排 abc123 def_4.5 #tag +1 ",
    "赵磊、孙浩、曹阳三人组成攻坚小组，负责双十一备战",
    "黄丽确认招聘JD，马超排查运维告警，宋雨梳理运营数据",
]


@pytest.fixture(scope="module")
def jieba_pos():
    """jieba's own POSTokenizer and Tokenizer over the default dictionary (slow to load: once)."""
    import logging

    jieba = pytest.importorskip("jieba")
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk, jieba.posseg


@pytest.fixture()
def ours():
    return segment.Segmenter(jieba_data.base_dictionary())


def _pairs(pos, text):
    return [(p.word, p.flag) for p in pos.cut(text)]


def test_same_words_and_flags_as_jieba(jieba_pos, ours):
    tk, posseg = jieba_pos
    pos = posseg.POSTokenizer(tk)
    for text in SENTENCES:
        assert [tuple(p) for p in ours.cut(text)] == _pairs(pos, text), text


def test_same_after_user_words(jieba_pos, ours):
    import jieba

    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = dict(jieba_pos[0].FREQ), jieba_pos[0].total, True
    words = [("研发部", "nt"), ("设计组", "nt"), ("陈静", "nr"), ("志远", "nr"), ("潘婷婷", "nr"),
             ("Kevin Wu", "nr"), ("静姐", "nr")]
    for word, tag in words:
        suggested = ours.suggest_freq(word)
        assert suggested == tk.suggest_freq(word, False), word
        ours.add_word(word, max(2000, suggested), tag)
        tk.add_word(word, max(2000, suggested), tag)
    assert ours.total == tk.total
    pos = jieba_pos[1].POSTokenizer(tk)  # takes the user words' tags over once
    for text in SENTENCES + ["静姐和志远找研发部的潘婷婷", "Kevin Wu 负责"]:
        assert [tuple(p) for p in ours.cut(text)] == _pairs(pos, text), text


def test_viterbi_matches_jieba_on_unknown_runs(jieba_pos):
    from jieba.posseg import char_state_tab, prob_emit, prob_start, prob_trans
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    model = jieba_data.hmm()
    rng = random.Random(7)
    chars = "张王李潘婷娜欧阳的了在是我有和就不人都一上也很到说要去你会着没看好自己这" + "䶮𠀋囧槑"
    for _ in range(200):
        run = "".join(rng.choice(chars) for _ in range(rng.randint(1, 6)))
        _, route = jieba_viterbi(run, char_state_tab.P, prob_start.P, prob_trans.P, prob_emit.P)
        assert segment.viterbi(run, model) == [f"{pos}-{tag}" for pos, tag in route], run


def test_user_words_do_not_leak_between_segmenters():
    base = jieba_data.base_dictionary()
    one, other = segment.Segmenter(base), segment.Segmenter(base)
    one.add_word("柯南斯", 2000, "nr")
    assert "柯南斯" in one.FREQ and one.FREQ["柯南斯"] == 2000
    assert "柯南斯" not in other.FREQ and other.FREQ.get("柯南斯") is None
    assert one.FREQ.get("柯南") == 0  # a prefix of a user word
    assert ("柯南斯", "nr") in one.cut("柯南斯确认") and ("柯南斯", "nr") not in other.cut("柯南斯确认")
    assert other.total == base.total < one.total


def test_a_user_word_changes_later_cuts(ours):
    assert ("吴凯文", "nr") not in ours.cut("吴凯文介绍进展")
    ours.add_word("吴凯文", 2000, "nr")
    assert ours.cut("吴凯文介绍进展")[0] == ("吴凯文", "nr")  # cached runs were dropped


def test_cut_covers_the_text(ours):
    for text in SENTENCES:
        assert "".join(p.word for p in ours.cut(text)) == text
