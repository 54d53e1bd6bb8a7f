import pytest

from extract.detect import Signals, is_action, is_chitchat, is_past, is_question, is_refusal, split_items

OWNER = Signals(owner_kind="exact")
OWNER_DUE = Signals(owner_kind="exact", has_deadline=True)
DUE = Signals(has_deadline=True)


@pytest.mark.parametrize("text,signals", [
    ("孙浩负责回归测试", OWNER),
    ("由研发部牵头排查内存泄漏", Signals(owner_kind="department")),
    ("王芳7月15日前完成主视觉初稿", OWNER_DUE),
    ("需在周五前提交预算表，负责人待定", DUE),
    ("@王芳 主视觉周五前给一版", OWNER_DUE),
    ("TODO: 张伟 更新接口文档", OWNER),
    ("我来跟一下供应商", Signals(self_commit=True)),
    ("Fiona to finalise the co-branded packaging artwork by 15th August.", Signals(owner_kind="alias", has_deadline=True)),
    ("大家尽快把意见发给刘凯", Signals(owner_kind="collective", has_deadline=True, vague_deadline=True)),
    ("@Amy 美国本地 account manager 的 JD 拜托了，by 6/20", Signals(owner_kind="alias", has_deadline=True)),
    ("@Jay landing page 结账按钮的 bug，by Thu 修掉", Signals(owner_kind="alias", has_deadline=True)),
])
def test_assignments_are_actions(text, signals):
    assert is_action(text, "sentence", signals)


@pytest.mark.parametrize("text,signals", [
    ("上周已完成压测", OWNER),
    ("张伟上周已经把接口联调完了", OWNER),
    ("会议决定暂缓海外版", Signals()),
    ("是否需要法务介入？", Signals(owner_kind="department")),
    ("这个我这边做不了", Signals(self_commit=True)),
    ("收到👍", Signals()),
    ("目前进度80%，预计下周完成", DUE),
    ("场地已经确定在国展", Signals()),
    ("紧急变更须经审批后于周五前提交", DUE),
    ("会议强调，切换期间各部门要严格执行切换方案", Signals(owner_kind="collective")),
    ("@所有人 大家认领下", Signals(owner_kind="collective")),
    ("预警阈值需客服部再确认（见待办3）", Signals(owner_kind="department")),
    ("与会人员就切换窗口等事项进行了充分讨论", Signals(owner_kind="collective")),
    ("会议由梁总主持，市场部李娜参加，何佳负责记录", Signals(owner_kind="alias")),
    ("张伟：新品演示目前跑在测试环境，现场要用稳定的包", Signals(owner_kind="exact")),
    ("今天下午封网协调会的纪要如下，请相关同事查收，如有遗漏请直接回复补充", Signals(owner_kind="collective", has_deadline=True)),
    ("封网期间原则上不做生产变更，紧急变更须经萧总审批", Signals(owner_kind="alias")),
    ("各部门要按时限抓好落实，完成情况于每周五报总经办", Signals(owner_kind="collective", has_deadline=True)),
    ("张伟指出，各环节务必倒排工期", Signals(owner_kind="exact", speech=True)),
])
def test_look_alikes_are_rejected(text, signals):
    assert not is_action(text, "sentence", signals)


def test_table_rows_are_always_items_and_action_sections_nearly():
    assert is_action("压测", "table", Signals())
    assert is_action("整理会议纪要", "action_section", Signals())
    assert is_action("需在周五前提交预算表", "action_section", DUE)
    assert not is_action("无", "action_section", Signals())


def test_predicates():
    assert is_chitchat("好的👌") and not is_chitchat("好的，我来整理报价单")
    assert is_question("要不要拉上法务") and not is_question("请法务审核合同")
    assert is_past("初稿已经完成了") and not is_past("初稿已完成，周五前提交终稿")
    assert not is_past("@彭涛 你盯着，修好拍个视频发群里 (已编辑)")
    assert is_past("设计需求我整理好了，放在共享盘的文件夹")
    assert is_refusal("这块我们排不上")


def test_split_items_on_second_owner_only():
    starts = lambda c: c[:2] in ("李娜", "何佳", "张伟", "赵磊")  # noqa: E731
    assert split_items("李娜负责活动方案，何佳负责物料", starts) == ["李娜负责活动方案", "何佳负责物料"]
    assert split_items("张伟牵头，赵磊配合，7月20日前完成", starts) == ["张伟牵头，赵磊配合，7月20日前完成"]
    assert split_items("先整理需求，张伟负责评审", starts) == ["先整理需求，张伟负责评审"]


def test_done_status_cells():
    from extract.detect import is_done_status

    assert is_done_status("已完成") and is_done_status("Done ✅") and is_done_status("已完成，5月26日评审通过")
    assert not is_done_status("未完成") and not is_done_status("进行中") and not is_done_status("完成80%")
    assert not is_done_status("")


def test_split_items_on_a_second_dated_clause_with_its_own_work():
    starts = lambda c: c.startswith("王芳")  # noqa: E731
    dated = lambda c: 6 if "1月22日前" in c else (2 if "周五" in c else 0)  # noqa: E731
    assert split_items("主背景板由王芳设计，背景板1月22日前定稿，邀请函周五出", starts, dated) == [
        "主背景板由王芳设计，背景板1月22日前定稿", "邀请函周五出"]
    assert split_items("王芳负责主视觉，1月22日前定稿", starts, dated) == ["王芳负责主视觉，1月22日前定稿"]


def test_a_named_person_with_a_limit_to_meet_is_an_action_without_a_listed_verb():
    from extract.detect import Signals, is_action

    bounded = Signals(owner_kind="alias", has_deadline=True, deadline_bounded=True)
    assert is_action("@Amy 前厅还差2个传菜，下周三前招齐", "sentence", bounded)
    # a date something happens on is not a limit to meet
    on_a_day = Signals(owner_kind="exact", has_deadline=True, deadline_bounded=False)
    assert not is_action("张伟周五在外地", "sentence", on_a_day)
    # nobody named: still not an item
    assert not is_action("前厅下周三前招齐", "sentence", Signals(has_deadline=True, deadline_bounded=True))


def test_a_bare_verb_and_le_answers_done():
    assert is_past("回复 王芳：报了，上周五就报了，书7月初到")
    assert is_past("交了。")
    assert not is_past("我明天就交")  # 就 before a promise is not past


def test_no_demand_is_not_a_refusal():
    assert not is_refusal("请各组长周五前报需求表，逾期视为无需求。")
    assert is_refusal("这个无需处理")


def test_work_before_a_report_clause_is_not_past():
    assert not is_past("@马超 信息科尽快派人来看一下pda，已经影响用药核对了")
    assert not is_past("我们科18号前交根因分析报告，当事护士的情况说明已经写好了")
    assert is_past("两天前已经发了")
    assert is_past("@许敏 推文初稿写好了，客户法务还在审授权")
