"""extract.deadlines.find_deadline / find_all inside longer sentences."""
from __future__ import annotations

from datetime import date

import pytest

from extract.deadlines import find_all, find_deadline

WED = date(2024, 7, 10)


@pytest.mark.parametrize("sentence,mention,expected", [
    ("李娜负责活动方案，下周三前发群里", "下周三前", date(2024, 7, 17)),
    ("7月15日前完成主视觉初稿，交3版", "7月15日前", date(2024, 7, 15)),
    ("张伟牵头，3个工作日内给出方案", "3个工作日内", date(2024, 7, 15)),
    ("截止时间：2024年7月31日", "2024年7月31日", date(2024, 7, 31)),
    ("请各部门于下周一下班前提交材料", "下周一下班前", date(2024, 7, 15)),
    ("在3号楼5号会议室开会，15号前提交", "15号前", date(2024, 7, 15)),
    ("下周三（10月29日）前提交", "下周三（10月29日）前", date(2024, 10, 29)),
    ("国庆前上线新版本", "国庆前", date(2024, 10, 1)),
    ("7.15前完成联调", "7.15前", date(2024, 7, 15)),
    ("王芳 月底之前 出稿", "月底之前", date(2024, 7, 31)),
    ("Please send the deck by Friday EOD", "Friday EOD", date(2024, 7, 12)),
    ("Finish the report within 3 business days", "within 3 business days", date(2024, 7, 15)),
    ("2022年10月26日～2022年11月1日完成适配", "2022年10月26日～2022年11月1日", date(2022, 11, 1)),
    ("数据看板7月15-20日上线", "7月15-20日", date(2024, 7, 20)),
])
def test_finds_the_deadline_and_its_span(sentence, mention, expected):
    got = find_deadline(sentence, WED)
    assert got is not None, sentence
    assert (got.mention, got.date) == (mention, expected)
    start, end = got.span
    assert sentence[start:end] == mention


@pytest.mark.parametrize("sentence", [
    "王芳负责设计5个页面，转化率提升20%，预算1.5万",
    "升级到v2.3版本，联系电话13812345678，3人参与",
    "本次共交3版设计稿",
    "提出3点意见",
    "24.09版本的重构已合入",
    "1/3的用户反馈加载慢",
    "第3周的数据异常",
    "共1.5天工作量，涉及2个模块",
    "Q3：如何计算积分？",
    "负责人：张伟",
    "长期合作伙伴",
])
def test_quantities_are_not_dates(sentence):
    assert find_deadline(sentence, WED) is None
    assert find_all(sentence, WED) == []


@pytest.mark.parametrize("sentence,mention", [
    ("7月10日例会上确定，7月15日前完成", "7月15日前"),  # the marked one wins
    ("尽快完成，最晚周五前", "周五前"),
    ("周五前完成，如有问题尽快反馈", "周五前"),  # a marked date beats a marked vague word
    ("7月12日前出初稿，7月20日前定稿", "7月12日前"),  # several marked: the first
    ("8/30前出初稿，大家的材料8/28前给我", "8/30前"),
    ("节前办公区安全检查及节日慰问品发放，9月30日前。", "9月30日前"),  # the written date wins
    ("那我写吧，嗯，周四，哦不，周五吧，周四我要去客户那边", "周五"),  # a self-correction
    ("上周五已讨论，下周二评审", "下周二"),  # unmarked: the last future date
    ("上周已完成压测，本周内补充文档", "本周内"),
    ("提出3点意见，周五前反馈", "周五前"),
])
def test_prefers_the_marked_then_the_last_future_date(sentence, mention):
    assert find_deadline(sentence, WED).mention == mention


@pytest.mark.parametrize("sentence,mention,suggested", [
    ("上述结果确认后尽快上TC讨论", "尽快", None),
    ("本周内完成接口联调", "本周内", date(2024, 7, 12)),
    ("下周给出排期", "下周", date(2024, 7, 19)),
    ("后续再议", "后续", None),
])
def test_vague_words_are_deadlines_too(sentence, mention, suggested):
    got = find_deadline(sentence, WED)
    assert (got.mention, got.date, got.vague, got.suggested) == (mention, None, True, suggested)


def test_weak_expressions_need_a_marker():
    assert find_deadline("会议定于7/10召开", WED) is None  # 7/10 could be a fraction
    assert find_deadline("7/10前提交", WED).date == date(2024, 7, 10)
    assert find_deadline("API 文档补全，赵磊，5/24", WED).date == date(2024, 5, 24)  # no fraction has /24
    assert find_deadline("下午3点开会", WED) is None
    assert find_deadline("下午3点前提交", WED).time == "15:00"
    assert find_deadline("持续优化接口性能", WED) is None


def test_time_joins_its_day():
    got = find_deadline("会后整理纪要，明天上午发出", WED)
    assert (got.mention, got.date, got.time) == ("明天上午", date(2024, 7, 11), "12:00")


def test_past_sentence_date_is_returned_for_the_caller_to_flag():
    got = find_deadline("上周五前已提交", WED)
    assert got.date == date(2024, 7, 5)


def test_no_time_at_all():
    assert find_deadline("张伟负责接口联调", WED) is None


def test_find_all_lists_every_expression_in_order():
    got = find_all("7月10日例会上确定，7月15日前完成，尽快同步", WED)
    assert [d.mention for d in got] == ["7月10日", "7月15日前", "尽快"]
    assert [d.span[0] for d in got] == sorted(d.span[0] for d in got)


def test_unknown_meeting_date_keeps_the_mention():
    got = find_deadline("李娜负责活动方案，下周三前发群里", None)
    assert (got.mention, got.date, got.vague) == ("下周三前", None, False)
    assert find_deadline("2024年7月15日前完成", None).date == date(2024, 7, 15)


def test_full_width_text_keeps_its_spans():
    sentence = "请于７月１５日前提交"
    got = find_deadline(sentence, WED)
    assert got.date == date(2024, 7, 15)
    assert sentence[got.span[0]:got.span[1]] == got.mention == "７月１５日前"


@pytest.mark.parametrize("sentence", [
    "5.1 提交多版本支持的oEEP        刘恺",  # section numbering, not May 1st
    "将CONFIG_CMA=y设置为openEuler kernel 6.6内核的默认配置",  # a version
    "会议时间：14:00-16:00",  # when the meeting was
])
def test_numbering_versions_and_meeting_times_are_not_deadlines(sentence):
    assert find_deadline(sentence, WED) is None


def test_a_labelled_date_beats_a_vague_word():
    sentence = "校验机制需要尽快完成。  责任人：王意明  时间：2023.12.30"
    got = find_deadline(sentence, date(2023, 11, 16))
    assert (got.mention, got.date) == ("2023.12.30", date(2023, 12, 30))


def test_24_hour_times_keep_their_hour():
    got = find_deadline("2023年4月4日03:45@石垚重启了所有云主机", WED)
    assert (got.date, got.time) == (date(2023, 4, 4), "03:45")


def test_time_range_ends_at_its_end():
    got = find_deadline("例会：周三10:00-12:00", WED)
    assert (got.date, got.time) == (date(2024, 7, 17), "12:00")


def test_english_due_prefix_marks_month_slash_day():
    ref = date(2025, 2, 13)
    assert find_deadline("[Kevin] Send the plan to Leon — due 2/19", ref).date == date(2025, 2, 19)
    assert find_deadline("Send the forecast by 3/3 please", ref).date == date(2025, 3, 3)
    assert find_deadline("upgrade the runner to version 1.2", ref) is None


@pytest.mark.parametrize("sentence,mention,expected", [
    ("收银小票模板要加二维码，@王设计师 出个设计稿，9/6", "9/6", date(2024, 9, 6)),
    ("患者端操作指引，设计这边出一版，3/10。", "3/10", date(2025, 3, 10)),
    ("会后第三天前提交复盘报告", "第三天前", date(2024, 7, 12)),
    ("过两天给意见", "过两天", date(2024, 7, 12)),
    ("农历八月十五前寄出礼盒", "农历八月十五前", date(2024, 9, 17)),
    ("8月的第一个周二前完成评审", "8月的第一个周二前", date(2024, 8, 6)),
    ("会后年底前完成系统迁移", "年底前", date(2024, 12, 31)),  # 会后 + 年底, not 后年底
    ("未来3天的安排如下，7月12日复盘", "7月12日", date(2024, 7, 12)),  # 未来3天 does not mark a deadline
])
def test_suite_shapes_inside_sentences(sentence, mention, expected):
    got = find_deadline(sentence, WED)
    assert got is not None, sentence
    assert (got.mention, got.date) == (mention, expected)


@pytest.mark.parametrize("sentence", [
    "完成率 3/10",  # no comma before it: a ratio
    "进度，3/10 已完成",  # text follows: not the line's closing date
    "培训第3天的内容是实操",  # 第N天 alone is a step of a plan
    "明年预算待财务确认",  # a year alone is no deadline inside a sentence
    "超过3天未处理的工单要升级",  # 过 belongs to 超过
    "法务过两天给意见",  # 过两天 is a lead only where a clause starts
    "与去年同月相比增长20%",
    "与去年同季度相比持平",
])
def test_suite_shapes_that_are_no_deadline(sentence):
    assert find_deadline(sentence, WED) is None


def test_month_slash_day_after_a_latin_name_needs_its_marker():
    ref = date(2025, 2, 19)
    assert find_deadline("Rachel 3/14 前 share 过来", ref).date == date(2025, 3, 14)
    assert find_deadline("landing page 的文案刘经理那边出，deadline 12/10", ref).date == date(2025, 12, 10)
