"""Finding the owner and collaborators inside an action sentence or an owner cell."""
from __future__ import annotations

import pytest

from extract.owners import OwnerFinding, find_owners, resolve_field
from extract.roster import Person, Roster

PEOPLE = [
    Person("张伟", "研发部", "高级工程师", ("Zhang Wei", "伟哥")),
    Person("王芳", "设计部", "设计师", ("王设计师",)),
    Person("王磊", "研发部", "研发经理"),
    Person("李娜", "市场部", "市场经理"),
    Person("李强", "销售部", "销售总监"),
    Person("刘凯", "产品部", "产品经理"),
    Person("刘洋", "产品部", "产品经理"),
    Person("何佳", "行政部", "行政专员"),
    Person("赵磊", "研发部", "后端工程师"),
    Person("陈静", "财务部", "财务主管", ("静姐",)),
    Person("梁志远", "总经办", "总经理", ("梁总", "Leon")),
    Person("吴凯文", "销售部", "销售经理", ("Kevin",)),
    Person("唐磊", "销售部", "大客户经理", ("Tony",)),
    Person("马超", "运维部", "运维主管"),
    Person("林晓", "设计部", "UI设计师", ("Lynn",)),
    Person("周杰", "研发部", "前端工程师", ("Jay",)),
    Person("孙浩", "测试部", "测试工程师"),
    Person("高峰", "研发部", "架构师"),
]


@pytest.fixture(scope="module")
def roster():
    return Roster(PEOPLE)


def who(finding: OwnerFinding):
    owner = finding.owner
    return owner.name or owner.mention, owner.match, [c.name or c.mention for c in finding.collaborators]


@pytest.mark.parametrize("text, owner, match, collaborators", [
    ("由张伟负责接口联调，周五前完成", "张伟", "exact", []),
    ("方案由周杰负责，周五前完成", "周杰", "exact", []),
    ("张伟负责周五前提交测试报告", "张伟", "exact", []),
    ("张伟牵头，赵磊配合完成压测", "张伟", "exact", ["赵磊"]),
    ("张伟、赵磊负责上线方案", "张伟", "exact", ["赵磊"]),
    ("王芳和林晓周五前出稿", "王芳", "exact", ["林晓"]),
    ("李总牵头，何佳和陈静配合", "李强", "title", ["何佳", "陈静"]),
    ("赵磊配合张伟完成接口联调", "张伟", "exact", ["赵磊"]),
    ("请研发部配合王芳完成切图", "王芳", "exact", ["研发部"]),
    ("@林晓 周三前出UI稿", "林晓", "exact", []),
    ("请王芳7月15日前完成主视觉初稿", "王芳", "exact", []),
    ("交给赵磊处理线上告警", "赵磊", "exact", []),
    ("马超来跟一下扩容", "马超", "exact", []),
    ("高峰这边出架构评审材料", "高峰", "exact", []),
    ("孙浩同学整理测试用例", "孙浩", "exact", []),
    ("王芳：周五前给出3版设计稿", "王芳", "exact", []),
    ("1. 张伟：完成接口文档（周五前）", "张伟", "exact", []),
    ("负责人：赵磊", "赵磊", "exact", []),
    ("张伟周五前提交接口文档", "张伟", "exact", []),
    ("会后何佳发纪要给大家", "何佳", "exact", []),
    ("张伟负责和李娜确认需求", "张伟", "exact", ["李娜"]),
    ("张伟说李娜负责测试", "李娜", "exact", []),
    ("完成主视觉初稿（王芳）", "王芳", "exact", []),
    ("张伟上周已完成压测", "张伟", "exact", []),  # past facts are the detector's call, not ours
    # titles, familiar forms, typos
    ("刘经理和刘洋对接需求", "刘经理", "ambiguous", ["刘洋"]),
    ("设计部小王跟进切图", "王芳", "title", []),
    ("老马明天排查线上问题", "马超", "title", []),
    ("章伟周五前完成接口联调", "张伟", "fuzzy", []),
    ("静姐审核报销", "陈静", "alias", []),
    # teams, groups, people off the roster
    ("市场部负责发布会物料", "市场部", "department", []),
    ("研发这边周五前给排期", "研发这边", "department", []),
    ("需要财务部周五前核算成本", "财务部", "department", []),
    ("大家周五前提交周报", "大家", "collective", []),
    ("月底前大家都要考完", "大家", "collective", []),  # past 都 to 要
    ("让办公室尽快再印一批折页", "办公室", "department", []),  # an office named without a stem
    ("各班组长今天下班前清理通道", "各班组长", "collective", []),
    ("由施工单位下周一前补齐监测周报", "施工单位", "department", []),  # a project party
    ("总包单位今日下班前整改到位", "总包单位", "department", []),
    ("座位表孟主任19号前打印好发各班", "孟主任", "unknown", []),  # who, by when, what
    ("郝老师周五前交", "郝老师", "unknown", []),
    ("各学院研究生秘书须于4月25日前汇总名单", "各学院研究生秘书", "collective", []),
    ("县林业局要于11月5日前完成隐患排查", "县林业局", "department", []),  # a public body by its level and ending
    ("各乡镇（街道）要于11月10日前完成排查登记", "各乡镇", "collective", []),
    ("由研发部经理王磊牵头", "王磊", "exact", []),  # a post between team and person
    ("各病区护士长本周五前把名单报护理部", "各病区护士长", "collective", []),
    ("让安环的郭科长月底之前弄完", "郭科长", "unknown", []),  # a limit, then a one-character verb
    ("然后大家，5S的自查表月底前都交上来", "大家", "collective", []),  # a group addressed, then 都  # 各 + a title many hold
    ("请各位周五前反馈", "各位", "collective", []),
    ("钱七负责采购合同", "钱七", "unknown", []),
    # English and mixed minutes
    ("Kevin to send the pricing deck by Friday", "吴凯文", "alias", []),
    ("Action: Kevin - update the CRM", "吴凯文", "alias", []),
    ("Owner: Lynn, finalize mockups", "林晓", "alias", []),
    ("Kevin will follow up with Tony", "吴凯文", "alias", ["唐磊"]),
    ("Jay and Kevin to fix the bug", "周杰", "alias", ["吴凯文"]),
    ("Please ask Tony to send the contract", "唐磊", "alias", []),
    ("Zhang Wei to review the PR", "张伟", "alias", []),
    ("Tom to book the venue", "Tom", "unknown", []),
    ("lynn负责切图", "林晓", "alias", []),
    ("Manager Liu to confirm the scope", "Manager Liu", "ambiguous", []),
    ("Liu from Product to collect preferences", "Liu from Product", "ambiguous", []),
    ("Landlord's agent (Ms. Zhou Min) to provide the CAD files", "Ms. Zhou Min", "unknown", []),
    # who asks is not who works; a possessor is not a worker
    ("萧总要求各模块负责人周四前把自测报告发到群里", "各模块负责人", "collective", []),
    ("梁总让李娜周五前出方案", "李娜", "exact", []),
    ("根据张伟的反馈，李娜修改方案", "李娜", "exact", []),
    # labels, brackets and stand-alone owners
    ("4. 章伟（研发部）：OA合同模块增加到期提醒功能", "张伟", "fuzzy", []),
    ("代理商蓝标的Grace：提交Q1投放排期表", "Grace", "unknown", []),
    ("CRM线索字段调整：研发部，2025年一季度末", "研发部", "department", []),
    ("王芳，周五前完成主视觉", "王芳", "exact", []),
    ("运维部马主管牵头、赵磊配合，月底前完成告警阈值梳理", "马超", "title", ["赵磊"]),
])
def test_owner_in_sentence(roster, text, owner, match, collaborators):
    assert who(find_owners(text, roster)) == (owner, match, collaborators)


@pytest.mark.parametrize("text", [
    "把方案发给李娜确认",        # 李娜 is who receives, not who works
    "联系张伟确认需求",
    "各部门配合做好安全检查",    # helpers only
    "周五前完成压测报告",
    "Send the report to Kevin by Friday",
    "王牌产品的方案要在周五前定稿",
    "马上安排周报整理",
    "于是张贴了通知",
    "高峰期要做好扩容预案",
    "明天完成安全检查",
    "杨树林业项目曾经暂停",
    "向日葵计划的黄金周方案",
    "经理周五前提交预算",
    "李子和杨树都要浇水",
    "连接池等关键配置纳入配置中心统一管理",  # jieba tags 连接池 as a name; a dictionary word needs a marker to own
    "下周五前完成所有模块分析和方案的确认",  # a group after the verb is what is worked on
])
def test_no_owner(roster, text):
    finding = find_owners(text, roster)
    assert finding.owner.match == "none" and finding.owner.mention is None and finding.span is None


def test_collaborators_without_owner_are_kept(roster):
    finding = find_owners("各部门配合做好安全检查", roster)
    assert [c.match for c in finding.collaborators] == ["collective"]
    assert finding.spans == ((0, 3),)


def test_speaker_owns_self_references(roster):
    assert find_owners("我来整理会议纪要", roster, speaker="王磊").owner.name == "王磊"
    assert find_owners("我这边跟进一下", roster, speaker="Kevin").owner.name == "吴凯文"
    assert find_owners("这个交给我吧", roster, speaker="张伟").owner.name == "张伟"
    assert find_owners("I'll send the quote tomorrow", roster, speaker="吴凯文").owner.name == "吴凯文"
    # a label names the speaker when none is given
    assert find_owners("王芳：我来整理", roster).owner.name == "王芳"
    # no speaker: still an owner, just not one we can name
    finding = find_owners("我来整理会议纪要", roster)
    assert (finding.owner.match, finding.owner.mention) == ("unknown", "我")
    # 把文档发我: the speaker receives, does not own
    assert find_owners("王芳周五前把文档发我", roster, speaker="张伟").owner.name == "王芳"


def test_department_before_person(roster):
    finding = find_owners("设计部王芳负责海报", roster)
    assert (finding.owner.name, finding.owner.department, finding.owner.mention) == ("王芳", "设计部", "设计部王芳")
    finding = find_owners("研发部张工和测试部孙浩负责联调", roster)
    assert finding.owner.name == "张伟" and [c.name for c in finding.collaborators] == ["孙浩"]


def test_department_argument_narrows(roster):
    assert find_owners("小王跟进报价", roster).owner.match == "ambiguous"
    assert find_owners("小王跟进报价", roster, department="研发部").owner.name == "王磊"


def test_spans_point_at_the_mentions(roster):
    text = "张伟牵头，赵磊配合完成压测"
    finding = find_owners(text, roster)
    assert text[slice(*finding.span)] == "张伟"
    assert [text[a:b] for a, b in finding.spans] == ["张伟", "赵磊"]
    text = "请研发部配合设计部王芳完成切图"
    finding = find_owners(text, roster)
    assert text[slice(*finding.span)] == "设计部王芳"
    assert [text[a:b] for a, b in finding.spans] == ["研发部", "设计部王芳"]


def test_empty_roster_still_finds_people_and_teams():
    empty = Roster()
    assert who(find_owners("钱七负责采购合同", empty)) == ("钱七", "unknown", [])
    assert who(find_owners("由王五牵头，赵六配合", empty)) == ("王五", "unknown", ["赵六"])
    assert who(find_owners("市场部负责物料", empty)) == ("市场部", "department", [])
    assert find_owners("周五前完成压测报告", None).owner.match == "none"


@pytest.mark.parametrize("cell, owner, match, collaborators", [
    ("王芳", "王芳", "exact", []),
    ("王芳/林晓", "王芳", "exact", ["林晓"]),
    ("王芳 林晓", "王芳", "exact", ["林晓"]),
    ("张伟（牵头）、赵磊", "张伟", "exact", ["赵磊"]),
    ("赵磊（配合）、张伟", "张伟", "exact", ["赵磊"]),
    ("王芳、林晓（协助）", "王芳", "exact", ["林晓"]),
    ("张伟和赵磊", "张伟", "exact", ["赵磊"]),
    ("王芳负责视觉，林晓配合", "王芳", "exact", ["林晓"]),
    ("设计部 王芳", "王芳", "exact", []),
    ("王芳(设计部)", "王芳", "exact", []),
    ("研发部", "研发部", "department", []),
    ("李娜、市场部", "李娜", "exact", ["市场部"]),
    ("大家", "大家", "collective", []),
    ("Kevin", "吴凯文", "alias", []),
    ("Zhang Wei", "张伟", "alias", []),
    ("钱七", "钱七", "unknown", []),
    ("小王", "小王", "ambiguous", []),
])
def test_owner_cells(roster, cell, owner, match, collaborators):
    assert who(resolve_field(cell, roster)) == (owner, match, collaborators)


@pytest.mark.parametrize("cell", ["", "  ", "待定", "TBD", "-", "无", "N/A"])
def test_empty_owner_cells(roster, cell):
    finding = resolve_field(cell, roster)
    assert finding.owner.match == "none" and finding.span is None and finding.collaborators == ()


def test_owner_cell_spans_and_department_context(roster):
    cell = "张伟（牵头）、赵磊"
    finding = resolve_field(cell, roster)
    assert [cell[a:b] for a, b in finding.spans] == ["张伟", "赵磊"]
    assert resolve_field("小王", roster, department="设计部").owner.name == "王芳"


def test_findings_are_remembered_per_roster_speaker_and_department(roster):
    text = "我来整理，赵磊配合"
    first = find_owners(text, roster, speaker="王芳")
    assert find_owners(text, roster, speaker="王芳") is first  # the same clause asked twice
    assert who(first) == ("王芳", "exact", ["赵磊"])
    assert who(find_owners(text, roster, speaker="李娜"))[0] == "李娜"  # another speaker, another answer
    other = Roster(PEOPLE[:3])
    assert who(find_owners(text, other, speaker="李娜"))[0] == "李娜"  # not on that roster
    assert find_owners(text, other, speaker="李娜").owner.match == "unknown"


@pytest.mark.parametrize("text, expected", [
    ("张伟负责周五前提交报告", "张伟"),              # marker right after
    ("张伟周五前负责接口联调", "张伟"),              # marker a few characters away
    ("梁总要求李娜周五前提交", "李娜"),              # a requester, then the one asked
    ("配合王芳完成主视觉，林晓出图", "王芳"),        # the one helped owns
    ("发给李娜确认后，由赵磊负责上线", "赵磊"),      # an object is never the owner
    ("Kevin to send the quote, Tony to support", "吴凯文"),
    ("Owner: Jay", "周杰"),
    ("张伟的反馈由王芳整理", "王芳"),                # a possessor is no worker
])
def test_markers_decide_the_owner(roster, text, expected):
    assert who(find_owners(text, roster))[0] == expected


# --- minutes nobody here has seen: teams, outside people, notes, roles -------------------

TEAM = Roster(PEOPLE + [
    Person("黄丽", "人力资源部", "HRBP"),
    Person("韩雪", "人力资源部", "招聘专员", ("Amy",)),
    Person("许敏", "客服部", "客服主管"),
    Person("田甜", "客服部", "客服专员"),
    Person("冯刚", "信息安全部", "安全工程师"),
    Person("徐明", "采购部", "采购经理"),
    Person("钱多多", "财务部", "财务总监", ("钱总",)),
    Person("郑爽", "法务部", "法务专员"),
])


@pytest.mark.parametrize("text, owner, match, collaborators", [
    # English team names own as departments
    ("Legal to review the NDA by Friday", "Legal", "department", []),
    ("Marketing will update the deck", "Marketing", "department", []),
    ("Finance needs to approve the budget", "Finance", "department", []),
    ("the design team will deliver mockups by 7/15", "the design team", "department", []),
    ("CS team to call every at-risk account", "CS team", "department", []),
    # Chinese team shorthands, and other names for a roster team
    ("HR这边组织一下培训", "HR这边", "department", []),
    ("财务这边周五前提交对账单", "财务这边", "department", []),
    ("运维同学周五前完成扩容", "运维同学", "department", []),
    ("人事这边安排面试", "人事这边", "department", []),
    # the one who 具体负责 owns over the team or leader named first
    ("请人力资源部于清明节前组织消防培训，黄丽同志具体负责", "黄丽", "exact", []),
    ("由行政部牵头，何佳具体落实", "何佳", "exact", []),
    ("由张伟牵头，赵磊具体负责", "赵磊", "exact", ["张伟"]),
    # a person of the owning team, named in the sentence, answers for it
    ("采购部徐明表示，第一批商品由采购部统一谈，名单下周给到产品", "徐明", "exact", []),
    ("刘经理说产品侧需要再评估，下周给结论", "刘经理", "ambiguous", []),
    ("张伟说测试部需要再评估，下周给结论", "测试部", "department", []),  # not his team
    ("王经理要求研发部下周给方案", "研发部", "department", []),            # who asks does not answer
    # asked to help: the worker when nobody else is named, a helper beside an owner
    ("研发部分 @王经理 帮忙写一下，下周一前给我", "王磊", "title", []),
    ("3. 门店店长培训，HR那边 Amy 帮忙组织一下，9月12日之前培训完", "韩雪", "alias", []),
    ("张伟负责接口，李娜帮忙联调", "张伟", "exact", ["李娜"]),
    # approvers and progress reports own only when nobody else is named
    ("培训预算需要钱总审批，黄丽会后尽快提交预算申请表", "黄丽", "exact", []),
    ("请钱总审批预算", "钱多多", "alias", []),
    ("张伟已经提交了初稿，李娜周五前审核", "李娜", "exact", []),
    ("张伟正在修复，预计周五上线", "张伟", "exact", []),
    # 把…交给X: X receives; a group addressed at the head of a clause owns
    ("大家记一下，下周五之前把述职PPT交给王磊", "大家", "collective", []),
    ("把线上告警交给赵磊处理", "赵磊", "exact", []),
    ("All account managers to send the list to Tony by March 3", "All account managers", "collective", []),
    # notes in brackets after a name
    ("田甜（许敏 support）负责FAQ文档", "田甜", "exact", ["许敏"]),
    ("张伟（赵磊协助）负责接口联调", "张伟", "exact", ["赵磊"]),
    ("研发部（张伟、赵磊）负责联调", "张伟", "exact", ["赵磊"]),
    ("越南 partner 的报价单 Tony（我）来出，这周五前", "唐磊", "alias", []),
    ("我（Tony）来跟进合同", "唐磊", "alias", []),
    ("Xu Min (Customer Service) to compile the ticket log", "许敏", "pinyin", []),
    # people outside the company are unknown, not none, and never a roster look-alike
    ("外包的周晓明负责接口联调", "外包的周晓明", "unknown", []),
    ("客户方的Mike下周负责提供测试数据", "客户方的Mike", "unknown", []),
    ("Mike（客户方）下周负责提供测试数据", "Mike（客户方）", "unknown", []),
    ("Jordan (Contoso) to send the SOW", "Jordan (Contoso)", "unknown", []),
    ("客户方的王总负责确认需求", "客户方的王总", "unknown", []),
    ("猎头公司的顾问下周推荐三个候选人", "猎头公司的顾问", "unknown", []),
    ("@hzxuan ARM64 交叉编译脚本继续跟进", "hzxuan", "unknown", []),
    # pinyin typos
    ("Zhou Jei to add a progress indicator", "周杰", "fuzzy", []),
    ("Li Qing to call the client", "Li Qing", "unknown", []),  # a real reading: another person
])
def test_owner_in_unseen_shapes(text, owner, match, collaborators):
    assert who(find_owners(text, TEAM)) == (owner, match, collaborators)


@pytest.mark.parametrize("text, speaker, owner, match", [
    ("我们这边可以出一个直播排期表，下周三之前给到宋经理", "王芳", "王芳", "exact"),
    ("我们这边可以出一个直播排期表，下周三之前给到宋经理", None, "我们这边", "collective"),
    ("我们这边可以出一个直播排期表，下周三之前给到宋经理", "Cindy", "Cindy", "unknown"),
    ("我们市场部来做", "李娜", "李娜", "exact"),           # the speaker is of that team
    ("我们市场部来做", "张伟", "我们市场部", "department"),  # the speaker is not
    ("我们市场部来做", None, "我们市场部", "department"),
    ("我们这边（研发）来搞", None, "我们这边（研发）", "department"),
    ("我们周五前把方案定下来", "王芳", "我们", "collective"),  # bare 我们: all of us
    ("操作手册我们这边在改，@章伟 你改完直接发给Lynn", "王芳", "张伟", "fuzzy"),
])
def test_our_side_and_the_speaker(text, speaker, owner, match):
    finding = find_owners(text, TEAM, speaker=speaker)
    assert (finding.owner.name or finding.owner.mention, finding.owner.match) == (owner, match)


@pytest.mark.parametrize("text", [
    "各位早，今天把上线前的事情在群里过一遍",  # a greeting, not a group told to act
    "各位，上午站会的结论在群里同步下",        # a bare vocative
])
def test_greetings_name_no_owner(text):
    assert find_owners(text, TEAM).owner.match == "none"


def test_we_is_never_an_addressed_group():
    finding = find_owners("我们跟律所的保密协议还没签，我周五前把盖章版寄过去", TEAM, speaker="何佳")
    assert finding.owner.match != "collective"


def test_role_and_span_say_how_the_owner_was_found():
    text = "请人力资源部于清明节前组织消防培训，黄丽同志具体负责"
    finding = find_owners(text, TEAM)
    assert finding.role == "specific" and text[slice(*finding.span)] == "黄丽同志"
    text = "采购部徐明表示，第一批商品由采购部统一谈，名单下周给到产品"
    finding = find_owners(text, TEAM)
    # the person answers for the team; the span still marks where the sentence gives the work
    assert finding.role == "team" and finding.span == (text.rindex("采购部"), text.rindex("采购部") + 3)
    assert find_owners("张伟负责接口联调", TEAM).role == "lead"
    assert find_owners("完成主视觉 王芳 7/15", TEAM).role == "none"
    assert resolve_field("王芳", TEAM).role == "field"


@pytest.mark.parametrize("cell, owner, match, collaborators", [
    ("冯刚（各责任人配合）", "冯刚", "exact", ["各责任人"]),
    ("田甜（许敏 support）", "田甜", "exact", ["许敏"]),
    ("Tian Tain", "田甜", "fuzzy", []),
    ("CS team", "CS team", "department", []),
    ("HR", "HR", "department", []),
])
def test_owner_cells_in_unseen_shapes(cell, owner, match, collaborators):
    assert who(resolve_field(cell, TEAM)) == (owner, match, collaborators)


@pytest.mark.parametrize("cell", ["help wanted", "unassigned", "Open", "无人认领"])
def test_open_owner_cells(cell):
    assert resolve_field(cell, TEAM).owner.match == "none"


def test_the_owners_team_stays_a_helper_when_marked_as_one():
    assert who(find_owners("张伟负责接口，研发部配合", TEAM)) == ("张伟", "exact", ["研发部"])


def test_an_at_mention_after_a_handover_verb_is_the_receiver():
    from extract.owners import find_owners as find
    from extract.roster import Person, Roster

    roster = Roster([Person("刘洋", "产品部", "产品经理"), Person("王芳", "设计部", "设计师")])
    assert find("周五前把预览链接给到 @刘洋 走查", roster).owner.match == "none"
    assert find("@王芳 主视觉周三前给一版", roster).owner.name == "王芳"


def test_a_preposition_glued_to_an_unknown_nickname():
    from extract.owners import find_owners as find
    from extract.roster import Person, Roster

    roster = Roster([Person("王芳", "设计部", "设计师"), Person("王磊", "研发部", "研发经理"),
                     Person("马超", "运维部", "运维主管")])
    assert find("宣讲海报由小王来做", roster).owner.match == "ambiguous"
    assert find("请老马周五前确认扩容方案", roster).owner.name == "马超"
    assert find("由小时工负责搬运", roster).owner.name is None


def test_a_team_written_before_a_person_in_an_owner_cell():
    from extract.owners import resolve_field
    from extract.roster import Person, Roster

    roster = Roster([Person("许敏", "客服部", "客服主管"), Person("邓超", "运营部", "数据分析师")])
    assert resolve_field("客服部/许敏", roster).owner.name == "许敏"
    assert resolve_field("数据组/邓超", roster).owner.name == "邓超"
    assert resolve_field("客服部", roster).owner.match == "department"


def test_public_bodies_are_departments():
    from extract.owners import find_owners as find
    from extract.roster import Roster

    f = find("由区文化和旅游局牵头，区公安分局、区交通运输局配合，于4月28日前制定预案", Roster())
    assert (f.owner.mention, f.owner.match) == ("区文化和旅游局", "department")
    assert [c.mention for c in f.collaborators] == ["区公安分局", "区交通运输局"]
    assert find("市场部负责海报", Roster()).owner.mention == "市场部"


def test_a_named_person_beats_a_group_in_the_same_role():
    from extract.owners import find_owners as find
    from extract.roster import Person, Roster

    roster = Roster([Person("杨帆", "市场部", "活动策划")])
    f = find("各部门节目彩排安排在1月29日晚上，具体彩排排期表杨帆出，下周一前发各部门", roster)
    assert f.owner.name == "杨帆"
    assert find("大家尽快把意见发给刘凯", roster).owner.match == "collective"
