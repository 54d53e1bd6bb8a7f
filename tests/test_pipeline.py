"""End to end: real files through read → structure → extract, checked field by field."""
from datetime import date

import docx
import pytest

from extract.roster import Person, Roster
from minutes.errors import BadInput
from minutes.pipeline import extract_path

ROSTER = Roster([
    Person("张伟", "研发部", "高级工程师"),
    Person("王芳", "设计部", "设计师", aliases=("王设计师",)),
    Person("王磊", "研发部", "研发经理"),
    Person("李娜", "市场部", "市场经理"),
    Person("何佳", "行政部", "行政专员"),
    Person("孙浩", "测试部", "测试工程师"),
    Person("赵磊", "研发部", "后端工程师"),
    Person("刘凯", "产品部", "产品经理"),
])


def _items(result):
    return {it["task"]: it for it in result["action_items"]}


def test_docx_record_sheet_with_merged_owner(tmp_path):
    d = docx.Document()
    d.add_heading("秋季发布会筹备沟通记录表", level=1)
    meta = d.add_table(rows=2, cols=4)
    for cell, text in zip(meta.rows[0].cells + meta.rows[1].cells,
                          ["协作主题", "秋季发布会", "计划沟通时间", "2024年7月10日 14:00-16:00",
                           "发起部门", "市场部", "记录人", "何佳"]):
        cell.text = text
    d.add_paragraph("一、行动项清单")
    t = d.add_table(rows=4, cols=4)
    rows = [["任务描述", "负责人", "截止时间", "交付成果"],
            ["完成发布会主视觉初稿", "王设计师", "7月15日前", "3版主视觉设计稿"],
            ["压测报告复核", "", "下周五", "压测报告"],
            ["确认场地合同", "市场部", "尽快", "无"]]
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            t.cell(r, c).text = v
    t.cell(2, 1).merge(t.cell(1, 1))  # one owner cell for the first two tasks
    t.cell(1, 1).text = "王设计师"
    path = tmp_path / "记录表.docx"
    d.save(path)

    result = extract_path(path, roster=ROSTER)
    assert result["schema"] == "minutes/v1"
    m = result["meeting"]
    assert (m["title"], m["date"], m["date_source"], m["start"], m["end"]) == (
        "秋季发布会", "2024-07-10", "metadata", "14:00", "16:00")
    assert (m["organizer"], m["recorder"]) == ("市场部", "何佳")
    items = _items(result)
    a = items["完成发布会主视觉初稿"]
    assert (a["owner"]["name"], a["owner"]["match"], a["owner"]["mention"]) == ("王芳", "alias", "王设计师")
    assert a["deadline"]["date"] == "2024-07-15" and a["deliverable"] == "3版主视觉设计稿"
    assert a["flags"] == [] and a["source"]["locator"].startswith("t2r")
    b = items["压测报告复核"]
    assert b["owner"]["name"] == "王芳"  # vertical merge repeats the owner for the spanned row
    assert b["deadline"]["date"] == "2024-07-19"
    c = items["确认场地合同"]
    assert c["owner"]["match"] == "department" and c["deadline"]["vague"] is True
    assert c["flags"] == ["vague_owner", "vague_deadline", "missing_deliverable"]
    assert result["flags"] == []


def test_markdown_sentences_split_and_flag(tmp_path):
    path = tmp_path / "20240710_周会.md"
    path.write_text(
        "# 产品周会\n\n## 发布会筹备\n\n"
        "- 场地上周已经签约完成。\n"
        "- 李娜负责活动方案，何佳负责物料清单，下周三前发群里。\n"
        "- 是否需要法务介入？\n"
        "- 张伟牵头，赵磊配合，7月20日前完成接口联调并输出联调报告。\n"
        "- 大家尽快把意见发给刘凯。\n", encoding="utf-8")
    result = extract_path(path, roster=ROSTER)
    assert result["meeting"]["date"] == "2024-07-10" and result["meeting"]["date_source"] == "filename"
    owners = [(it["owner"]["name"] or it["owner"]["match"], it["deadline"]["date"]) for it in result["action_items"]]
    assert owners == [("李娜", "2024-07-17"), ("何佳", "2024-07-17"), ("张伟", "2024-07-20"), ("collective", None)]
    joint = result["action_items"][2]
    assert [c["name"] for c in joint["collaborators"]] == ["赵磊"]
    assert joint["topic"] == "发布会筹备"
    vague = result["action_items"][3]
    assert set(vague["flags"]) >= {"vague_owner", "vague_deadline"}


def test_chat_reply_takes_the_speaker_and_the_asked_work(tmp_path):
    text = ("2024-07-10\n"
            "[10:32] 刘凯：@孙浩 回归测试的报告这周五前能出吗\n"
            "[10:33] 孙浩：可以，周五前给\n"
            "[10:40] 王芳：主视觉的3版初稿我来做，下周一给大家\n"
            "[10:41] 张伟：收到👍\n")
    path = tmp_path / "群聊.txt"
    path.write_text(text, encoding="utf-8")
    result = extract_path(path, roster=ROSTER)
    assert result["meeting"]["date"] == "2024-07-10"
    got = [(it["owner"]["name"], it["deadline"]["date"]) for it in result["action_items"]]
    assert ("孙浩", "2024-07-12") in got
    assert ("王芳", "2024-07-15") in got
    assert len(got) == 2  # the reply repeats the request, the ack is chit-chat


def test_stdin_text_and_cli_meeting_date():
    data = "会议纪要\n张伟负责整理接口文档，明天下班前发出。\n".encode("gbk")
    result = extract_path("-", roster=ROSTER, meeting_date=date(2024, 7, 10), stdin=data)
    assert result["source"]["encoding"] in ("gbk", "gb18030")
    assert result["meeting"]["date_source"] == "cli"
    (item,) = result["action_items"]
    assert (item["owner"]["name"], item["deadline"]["date"], item["deadline"]["time"]) == ("张伟", "2024-07-11", "18:00")
    assert item["deliverable"] == "接口文档"


def test_meeting_flags_without_date_or_items(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# 闲聊\n\n今天天气不错。\n", encoding="utf-8")
    result = extract_path(path)
    assert result["flags"] == ["missing_meeting_date", "no_action_items"]


def test_bad_input_is_one_error(tmp_path):
    with pytest.raises(BadInput) as err:
        extract_path(tmp_path / "missing.docx")
    assert "missing.docx" in str(err.value)


def test_transcript_question_answered_by_an_anonymous_speaker(tmp_path):
    text = ("20240117 研发周会 转写\n\n"
            "说话人1 00:02:05\n周杰，前端的埋点SDK升级这周能搞完吗？\n\n"
            "说话人5 00:02:15\n嗯……这周有点悬，下周三吧，下周三我给个可以灰度的版本。\n\n"
            "说话人1 00:02:40\n可以。\n")
    path = tmp_path / "妙记.txt"
    path.write_text(text, encoding="utf-8")
    roster = Roster([Person("周杰", "研发部", "前端工程师")])
    result = extract_path(path, roster=roster)
    (item,) = result["action_items"]
    assert item["owner"]["name"] == "周杰"
    assert item["deadline"]["date"] == "2024-01-24"
    assert "埋点SDK升级" in item["task"]


def test_speaker_promise_without_marker_words(tmp_path):
    path = tmp_path / "20240912_转写.txt"
    path.write_text("陈静：合同我发你。\n郑爽：合同发我就行，嗯，我两个工作日内审完给意见。\n"
                    "陈静：好的，谢谢。\n", encoding="utf-8")
    roster = Roster([Person("郑爽", "法务部", "法务专员"), Person("陈静", "财务部", "财务主管")])
    items = extract_path(path, roster=roster)["action_items"]
    assert [(it["owner"]["name"], it["deadline"]["date"]) for it in items] == [("郑爽", "2024-09-14")]


def test_a_reply_dates_the_request_it_answers(tmp_path):
    path = tmp_path / "群聊.txt"
    path.write_text("2025-01-24\n"
                    "[10:12] 梁志远：@马超 值班期间的故障升级流程再确认一遍，整理成文档发我一份\n"
                    "[10:16] 马超：好的梁总，明天发您\n", encoding="utf-8")
    roster = Roster([Person("马超", "运维部", "运维主管"), Person("梁志远", "总经办", "总经理", aliases=("梁总",))])
    (item,) = extract_path(path, roster=roster)["action_items"]
    assert (item["owner"]["name"], item["deadline"]["date"]) == ("马超", "2025-01-25")
    assert "故障升级流程" in item["task"] and "明天发您" in item["source"]["text"]
    assert "missing_deadline" not in item["flags"]


def test_standup_person_headings_own_their_dated_lines(tmp_path):
    path = tmp_path / "站会 2024-08-29.md"
    path.write_text("# 每日站会 8/29\n\n## 张伟（后端）\n\n**Yesterday**\n- 成绩单导出接口分页改造，已合入 develop\n\n"
                    "**Today**\n- 继续联调班级圈图片压缩\n- 家长端请假审批接口，今天下班前提测\n\n"
                    "## 周杰 Jay（前端）\n\n**Today**\n- 开学季活动页 H5，周五前把预览链接给到刘洋\n", encoding="utf-8")
    roster = Roster([Person("张伟", "研发部", "高级工程师"), Person("周杰", "研发部", "前端工程师", aliases=("Jay",)),
                     Person("刘洋", "产品部", "产品经理")])
    items = extract_path(path, roster=roster)["action_items"]
    assert [(it["owner"]["name"], it["deadline"]["date"]) for it in items] == [
        ("张伟", "2024-08-29"), ("周杰", "2024-08-30")]


def test_inline_owner_labels_inside_a_line(tmp_path):
    path = tmp_path / "20250409_SIG例会.md"
    path.write_text("# SIG例会\n\n## 遗留事项\n\n"
                    "1、SIG建仓流程，下周二架构会议（2025.4.15）责任人——张伟、赵磊\n"
                    "2、接口文档补全，完成时间：4月30日，负责人：孙浩\n", encoding="utf-8")
    roster = Roster([Person("张伟", "研发部", "高级工程师"), Person("赵磊", "研发部", "后端工程师"),
                     Person("孙浩", "测试部", "测试工程师")])
    first, second = extract_path(path, roster=roster)["action_items"]
    assert (first["owner"]["name"], [c["name"] for c in first["collaborators"]]) == ("张伟", ["赵磊"])
    assert first["deadline"]["date"] == "2025-04-15"
    assert (second["owner"]["name"], second["deadline"]["date"]) == ("孙浩", "2025-04-30")
    assert "负责人" not in second["task"] and "完成时间" not in second["task"]


def test_speaker_asked_back_with_a_pronoun(tmp_path):
    path = tmp_path / "20240327_评审会.md"
    path.write_text("# 评审会\n\n林晓提出活动入口图标与主界面风格不统一，会上请她周五前再出两版图标方案。\n"
                    "张伟指出，各环节务必倒排工期。\n", encoding="utf-8")
    roster = Roster([Person("林晓", "设计部", "UI设计师"), Person("张伟", "研发部", "高级工程师")])
    (item,) = extract_path(path, roster=roster)["action_items"]
    assert (item["owner"]["name"], item["deadline"]["date"]) == ("林晓", "2024-03-29")


def test_two_owners_after_a_topic_label_are_two_items(tmp_path):
    path = tmp_path / "20240807会议记录.txt"
    path.write_text("会议记录\n3. 9月行业展会:李娜负责展位设计需求文档，杨帆负责展会物料清单，都是8月20号前。\n",
                    encoding="utf-8")
    roster = Roster([Person("李娜", "市场部", "市场经理"), Person("杨帆", "市场部", "活动策划")])
    items = extract_path(path, roster=roster)["action_items"]
    assert [(it["owner"]["name"], it["deadline"]["date"]) for it in items] == [
        ("李娜", "2024-08-20"), ("杨帆", "2024-08-20")]


def test_a_speaker_legend_names_the_transcript_tags(tmp_path):
    path = tmp_path / "电话沟通记录_0926.txt"
    path.write_text("A=市场部李娜，B=设计部王芳\n通话时间：2024年9月26日 15:20\n\n"
                    "A：主海报这周能出来吗？\nB：主海报我这边明天给你初稿，有两个方向。\n"
                    "A：那采购申请我周一前提。\n", encoding="utf-8")
    roster = Roster([Person("李娜", "市场部", "市场经理"), Person("王芳", "设计部", "设计师")])
    got = [(it["owner"]["name"], it["deadline"]["date"]) for it in extract_path(path, roster=roster)["action_items"]]
    assert got == [("王芳", "2024-09-27"), ("李娜", "2024-09-30")]


def test_a_legend_with_titles_in_brackets(tmp_path):
    path = tmp_path / "晨会转写.txt"
    path.write_text("晨会录音转写\n录音日期：2024-12-02\n说话人补注：发言人1=李娜（支行行长）；发言人2=王芳（运营主管）\n\n"
                    "发言人1  00:00:04\n王芳，海报下礼拜二之前重新排一下。\n\n"
                    "发言人2  00:00:20\n好的。另外那个名单我来核对，明天给您。\n", encoding="utf-8")
    roster = Roster([Person("李娜", "市场部", "市场经理"), Person("王芳", "设计部", "设计师")])
    got = [(it["owner"]["name"], it["deadline"]["date"]) for it in extract_path(path, roster=roster)["action_items"]]
    assert got == [("王芳", "2024-12-10"), ("王芳", "2024-12-03")]


def test_task_text_drops_orphaned_role_words():
    from extract.task_text import task_text

    text = "张工牵头接口联调，赵磊配合，3个工作日内完成"
    assert task_text(text, [(0, 2), (9, 11), (14, 20)]) == "接口联调"


def test_chat_tasks_read_cleanly(tmp_path):
    path = tmp_path / "群聊.txt"
    path.write_text("张伟 2024-09-03 09:12:30\n@王芳 详情页的3张banner今天能出吗\n\n"
                    "王芳 2024-09-03 09:15:02\n今天够呛，明天中午前给你\n\n"
                    "刘凯 2024-09-03 10:02:33\n我这边下午把PRD更新一版发群里\n", encoding="utf-8")
    roster = Roster([Person("张伟", "研发部", "高级工程师"), Person("王芳", "设计部", "设计师"),
                     Person("刘凯", "产品部", "产品经理")])
    first, second = extract_path(path, roster=roster)["action_items"]
    assert (first["owner"]["name"], first["deadline"]["date"], first["deadline"]["time"]) == ("王芳", "2024-09-04", "12:00")
    assert first["task"].startswith("详情页") and first["deliverable"] == "3张banner"
    assert (second["owner"]["name"], second["deadline"]["date"]) == ("刘凯", "2024-09-03")
    assert second["task"] == "把PRD更新一版发群里"


def test_an_open_owner_is_not_a_vague_deadline(tmp_path):
    path = tmp_path / "20240829_站会.md"
    path.write_text("# 站会\n\n## 行动项\n\n- 华为应用市场审核跟进 — 负责人待定\n- 张伟负责接口文档，时间待定\n\n"
                    "| 事项 | 负责人 | 截止 |\n|---|---|---|\n| 数据保留条款确认 | 法务部 | — |\n", encoding="utf-8")
    roster = Roster([Person("张伟", "研发部", "高级工程师")])
    first, second, third = extract_path(path, roster=roster)["action_items"]
    assert "missing_deadline" in first["flags"] and "vague_deadline" not in first["flags"]
    assert "vague_deadline" in second["flags"]
    assert "missing_deadline" in third["flags"] and third["deadline"]["mention"] is None


def test_chat_request_with_a_limit_and_a_reply_with_new_work(tmp_path):
    path = tmp_path / "企业微信_筹备群.txt"
    path.write_text("新店开业筹备群\n宋雨 2024/12/10 09:33\n@Amy 前厅还差2个传菜，下周三前招齐，实在不行先从老店借调\n\n"
                    "韩雪 2024/12/10 09:40\n好的 我这边在推了。另外新员工培训我来排，11号出培训计划表\n",
                    encoding="utf-8")
    roster = Roster([Person("韩雪", "人力资源部", "招聘专员", aliases=("Amy",)), Person("宋雨", "运营部", "运营经理")])
    items = extract_path(path, roster=roster)["action_items"]
    got = [(it["owner"]["name"], it["deadline"]["date"], it["deliverable"]) for it in items]
    # the request is an item with its own date; "另外…" is new work, not the request's date
    assert got == [("韩雪", "2024-12-18", None), ("韩雪", "2024-12-11", "培训计划表")]


def test_a_bare_ack_takes_the_requests_date(tmp_path):
    path = tmp_path / "群聊.txt"
    path.write_text("项目群\n李娜 2024/12/10 09:33\n王芳，海报物料最晚周五前要定稿哈\n\n"
                    "王芳 2024/12/10 09:40\n好的 我来\n", encoding="utf-8")
    roster = Roster([Person("李娜", "市场部", "市场经理"), Person("王芳", "设计部", "设计师")])
    items = extract_path(path, roster=roster)["action_items"]
    assert [(it["owner"]["name"], it["deadline"]["date"]) for it in items] == [("王芳", "2024-12-13")]


def test_addressed_message_promised_by_the_speaker(tmp_path):
    path = tmp_path / "钉钉群.txt"
    path.write_text("教研组群\n田甜 2025-06-10 19:58\n@陈静 培优班的期末拔高卷我3个工作日内出一份，您看下要不要用\n\n"
                    "李娜 2025-06-10 20:10\n@王芳 海报下周一给我，我这边要提前报备\n", encoding="utf-8")
    roster = Roster([Person("田甜", "客服部", "客服专员"), Person("陈静", "财务部", "财务主管"),
                     Person("李娜", "市场部", "市场经理"), Person("王芳", "设计部", "设计师")])
    items = extract_path(path, roster=roster)["action_items"]
    assert [it["owner"]["name"] for it in items] == ["田甜", "王芳"]


def test_misspelt_full_name_under_a_title(tmp_path):
    roster = Roster([Person("高峰", "研发部", "架构师")])
    assert (roster.resolve("高锋老师").name, roster.resolve("高锋老师").match) == ("高峰", "fuzzy")


def test_a_row_marked_done_in_its_notes_is_no_item(tmp_path):
    path = tmp_path / "周例会.md"
    path.write_text("# 信息科周例会\n\n会议时间：2025-09-25\n\n| 序号 | 工作事项 | 负责人 | 完成时限 | 备注 |\n|---|---|---|---|---|\n"
                    "| 1 | 单点登录改造 | 张伟 | 9月20日 | 已完成（9/20上线） |\n| 2 | 交换机固件升级 | 王芳 | 9月27日 | 窗口22:00 |\n",
                    encoding="utf-8")
    roster = Roster([Person("张伟", "研发部", "工程师"), Person("王芳", "设计部", "设计师")])
    assert [it["task"] for it in extract_path(path, roster=roster)["action_items"]] == ["交换机固件升级"]


def test_british_action_lines_tag_the_paragraph_above(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("MINUTES OF THE 37TH MEETING OF THE BOARD OF DIRECTORS")
    doc.add_paragraph("held on Tuesday, 20 May 2025 at 6:30 p.m.")
    doc.add_paragraph("Present: Ms Chen Jing (CJ) – Honorary Treasurer; Mr Leon Liang (LL) – Chairman")
    doc.add_paragraph("3.3 The Board noted the budget. The Treasurer would circulate the draft budget to all Directors.")
    doc.add_paragraph("Action: CJ by 6 June")
    doc.add_paragraph("3.5 The Finance Committee was asked to review the reserves policy.")
    doc.add_paragraph("Action: Finance Committee – ASAP")
    doc.add_paragraph("5.2 LL would lead a review of the safeguarding policy with GM.")
    doc.add_paragraph("Action: LL (with GM) by end-May")
    path = tmp_path / "board.docx"
    doc.save(path)
    roster = Roster([Person("陈静", "财务部", "财务主管"), Person("梁志远", "总经办", "总经理", aliases=("Leon",))])
    items = extract_path(path, roster=roster)["action_items"]
    got = [(it["task"], it["owner"]["name"], it["owner"]["match"], it["deadline"]["date"], it["deadline"]["vague"])
           for it in items]
    assert got == [
        ("The Treasurer would circulate the draft budget to all Directors", "陈静", "alias", "2025-06-06", False),
        ("The Finance Committee was asked to review the reserves policy", None, "department", None, True),
        ("LL would lead a review of the safeguarding policy with GM", "梁志远", "alias", "2025-05-31", False),
    ]
    assert [c["mention"] for c in items[2]["collaborators"]] == ["GM"]


def test_chat_display_names_dressing_roster_names(tmp_path):
    path = tmp_path / "婚礼执行群.txt"
    path.write_text("婚礼执行群\n—————  2024-05-14  —————\n\nTony唐磊-客户经理 09:05\n亲子互动环节我明天跟新娘确认一下\n\n"
                    "杨帆｜主策划 09:07\n@Tony唐磊-客户经理 好，确认完我这边改流程单\n\n"
                    "婷婷📷跟拍 09:31\n杨姐我这边跟拍的机位图下礼拜一前给你\n", encoding="utf-8")
    roster = Roster([Person("唐磊", "销售部", "大客户经理", aliases=("Tony",)), Person("杨帆", "市场部", "活动策划"),
                     Person("潘婷婷", "运营部", "新媒体运营", aliases=("婷婷",))])
    owners = [it["owner"]["name"] for it in extract_path(path, roster=roster)["action_items"]]
    assert owners == ["唐磊", "杨帆", "潘婷婷"]


def test_meeting_tool_transcript_with_its_own_todo_recap(tmp_path):
    path = tmp_path / "腾讯会议智能纪要.txt"
    path.write_text(
        "腾讯会议 · 智能纪要\n会议时间：2025/01/22 15:00-15:41\n\n"
        "王芳 00:00:06\n好，人都到了，我们开始。\n\n李娜 00:00:40\n一审判决书我再看了一遍。\n\n"
        "王芳 00:01:10\n嗯，利息起算点是重点。\n\n李娜 00:02:00\n对，我也这么看。\n\n"
        "王芳 00:06:10\n还有庭前会议，我来约一下法官助理，看她那边怎么安排。\n\n"
        "王芳 00:06:52\n行。庭审提纲我自己来，二月十四号之前出来。\n\n"
        "李娜 00:07:10\n质证意见我来写，初稿二月十号前给您。\n\n"
        "智能纪要\n\n章节速览\n00:03 类案检索\n00:06 庭前会议\n\n待办\n"
        "· 李娜：撰写质证意见初稿（二月十号前）\n· 王芳：完成庭审提纲（二月十四号前）\n", encoding="utf-8")
    roster = Roster([Person("王芳", "设计部", "设计师"), Person("李娜", "市场部", "市场经理")])
    items = extract_path(path, roster=roster)["action_items"]
    got = [(it["owner"]["name"], it["deadline"]["date"]) for it in items]
    # 约法官助理 stays undated; the recap repeats the other two and joins their sources
    assert got == [("王芳", None), ("王芳", "2025-02-14"), ("李娜", "2025-02-10")]
    assert "撰写质证意见初稿" in items[2]["source"]["text"]


def test_numbered_speakers_are_named_by_who_is_addressed(tmp_path):
    path = tmp_path / "讯飞听见_交接班会.txt"
    lines = ["讯飞听见 · 转写稿", "转写完成时间：2025-01-08 08:52", ""]
    turns = [("说话人1", "好，我们开始。老马，三号线注塑机你今天下班前让人把密封圈换了。"),
             ("说话人3", "行，我中午就弄。"),
             ("说话人2", "张班长，二号线的扫码枪老是扫不上，这个你帮忙跟一下？"),
             ("说话人1", "行，我来跟，明天给你个说法。"),
             ("说话人2", "好。"), ("说话人3", "没别的了。")]
    for n, (who, text) in enumerate(turns):
        lines += [f"{who} 00:0{n}:10", text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    roster = Roster([Person("张伟", "研发部", "高级工程师"), Person("马超", "运维部", "运维主管")])
    items = extract_path(path, roster=roster)["action_items"]
    got = [(it["owner"]["name"], it["deadline"]["date"]) for it in items]
    assert ("马超", "2025-01-08") in got and ("张伟", "2025-01-09") in got


def test_english_questions_answered_by_people_outside_the_roster(tmp_path):
    path = tmp_path / "Zoom转写.txt"
    lines = ["Project Falcon – Weekly Deal Call", "Date: 2025-03-10 (Mon)", ""]
    turns = [("Leon Liang", "OK, I think we have everyone."), ("Sarah Lin | KE", "Morning, all good here."),
             ("钱多多", "Markus, can you upload the 2024 audited financials to the data room?"),
             ("Markus Weber", "Sure. The auditors signed off on Friday, so we can upload them by Thursday."),
             ("Leon Liang", "Thanks."), ("Sarah Lin | KE", "Nothing from us.")]
    for n, (who, text) in enumerate(turns):
        lines += [f"[{who}] 16:0{n}:10", text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    roster = Roster([Person("钱多多", "财务部", "财务总监"), Person("梁志远", "总经办", "总经理", aliases=("Leon",))])
    items = extract_path(path, roster=roster)["action_items"]
    assert [(it["owner"]["mention"], it["owner"]["match"], it["deadline"]["date"]) for it in items] == [
        ("Markus", "unknown", "2025-03-13")]
    assert "audited financials" in items[0]["source"]["text"]
