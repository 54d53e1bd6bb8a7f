"""minutes.structure over hand-built blocks (readers are tested on their own)."""
from datetime import date

from minutes.model import Block, Document, Source
from minutes.structure import split_sentences, structure


def _doc(blocks, path="纪要.md", **kw):
    return Document(path=path, format="markdown", encoding="utf-8", sha256="x", blocks=tuple(blocks), **kw)


def _p(text, line, kind="paragraph", **kw):
    return Block(kind=kind, text=text, source=Source(line=line, text=text, locator=f"L{line}"), **kw)


def _row(cells, table, row, line, vmerged=None):
    text = " | ".join(c for c in cells if c)
    return Block(kind="table_row", text=text, cells=tuple(cells), table=table, row=row,
                 source=Source(line=line, text=text, locator=f"t{table}r{row}"), vmerged=vmerged)


def test_metadata_lines_fill_meeting():
    doc = _doc([
        _p("产品周会纪要", 1, kind="heading", level=1),
        _p("时间：2024年7月10日 14:00-16:00", 2),
        _p("地点：3楼大会议室", 3),
        _p("**记录人**：何佳", 4),
        _p("参会人：张伟、王芳，李娜", 5),
        _p("发起部门：市场部", 6),
        _p("参与部门：研发部、设计部", 7),
    ])
    m = structure(doc).meeting
    assert m.title == "产品周会纪要"
    assert m.date == date(2024, 7, 10) and m.date_source == "metadata"
    assert (m.start, m.end) == ("14:00", "16:00")
    assert m.location == "3楼大会议室" and m.recorder == "何佳" and m.organizer == "市场部"
    assert m.attendees == ("张伟", "王芳", "李娜")
    assert m.departments == ("研发部", "设计部")


def test_date_falls_back_to_title_then_filename_then_properties():
    assert structure(_doc([_p("2024年3月5日 项目例会纪要", 1)])).meeting.date_source == "title"
    d = structure(_doc([_p("例会", 1)], path="/x/20240305_例会.md")).meeting
    assert (d.date, d.date_source) == (date(2024, 3, 5), "filename")
    d = structure(_doc([_p("例会", 1)], path="例会.docx", created=date(2024, 3, 6))).meeting
    assert (d.date, d.date_source) == (date(2024, 3, 6), "file_properties")
    d = structure(_doc([_p("例会", 1)], path="例会.docx", created=date(2013, 12, 23))).meeting
    assert (d.date, d.date_source) == (None, "none")
    d = structure(_doc([_p("例会", 1)]), meeting_date=date(2024, 1, 2)).meeting
    assert (d.date, d.date_source) == (date(2024, 1, 2), "cli")


def test_yearless_title_takes_year_from_filename():
    d = structure(_doc([_p("7.10 产品周会纪要", 1)], path="2024_产品周会.md")).meeting
    assert d.date == date(2024, 7, 10)


def test_topics_sections_and_candidates():
    doc = _doc([
        _p("一、发布会筹备", 1, kind="heading", level=1),
        _p("场地已经确定在国展。", 2),
        _p("共识", 3, kind="heading", level=2),
        _p("主视觉走科技风。", 4, kind="list_item", level=0),
        _p("分歧：预算是否追加。", 5),
        _p("行动项", 6, kind="heading", level=2),
        _p("王芳负责主视觉初稿，7月15日前", 7, kind="list_item", level=0),
        _p("二、预算", 8, kind="heading", level=1),
        _p("讨论要点：Q3预算超支10%；需要压缩。", 9),
    ])
    s = structure(doc)
    assert [t.title for t in s.topics] == ["发布会筹备", "预算"]
    t1, t2 = s.topics
    assert t1.discussion == ("场地已经确定在国展。",)
    assert t1.consensus == ("主视觉走科技风。",)
    assert t1.disagreements == ("预算是否追加。",)
    assert t2.discussion == ("Q3预算超支10%；需要压缩。",)
    actions = [c for c in s.candidates if c.origin == "action_section"]
    assert [(c.text, c.topic, c.source.line) for c in actions] == [("王芳负责主视觉初稿，7月15日前", "发布会筹备", 7)]
    sentences = [c.text for c in s.candidates if c.origin == "sentence" and c.topic == "预算"]
    assert sentences == ["Q3预算超支10%；", "需要压缩。"]


def test_action_table_by_header_synonyms_and_vertical_merge():
    doc = _doc([
        _row(["序号", "事项", "责任人", "完成时限", "输出物"], 1, 0, 1),
        _row(["1", "接口联调", "张伟", "7月20日", "联调报告"], 1, 1, 2),
        _row(["2", "压测", "", "7月25日", "压测报告"], 1, 2, 3, vmerged=(2,)),
        _row(["研发侧", "", "", "", ""], 1, 3, 4),
        _row(["3", "修复登录bug", "赵磊", "", ""], 1, 4, 5),
    ])
    s = structure(doc)
    rows = [c for c in s.candidates if c.origin == "table"]
    assert [c.fields for c in rows] == [
        {"index": "1", "task": "接口联调", "owner": "张伟", "deadline": "7月20日", "deliverable": "联调报告"},
        {"index": "2", "task": "压测", "owner": "张伟", "deadline": "7月25日", "deliverable": "压测报告"},
        {"index": "3", "task": "修复登录bug", "owner": "赵磊", "deadline": "", "deliverable": ""},
    ]
    assert rows[2].topic == "研发侧"
    assert rows[0].source.locator == "t1r1"


def test_metadata_table_and_record_sheet_rows():
    doc = _doc([
        _row(["协作主题", "Q3发布会", "计划沟通时间", "2024-07-10 14:00-15:00"], 1, 0, 1),
        _row(["发起部门", "市场部", "参与部门", "研发部、设计部"], 1, 1, 2),
        _row(["议题", "发布会主视觉", "", ""], 1, 2, 3),
        _row(["讨论要点", "风格偏科技\n预算有限", "", ""], 1, 3, 4),
    ])
    s = structure(doc)
    assert s.meeting.title == "Q3发布会" and s.meeting.date == date(2024, 7, 10)
    assert s.meeting.organizer == "市场部" and s.meeting.departments == ("研发部", "设计部")
    assert [t.title for t in s.topics] == ["发布会主视觉"]
    assert s.topics[0].discussion == ("风格偏科技", "预算有限")


def test_labelled_field_lines_group_into_one_candidate():
    doc = _doc([
        _p("任务：整理供应商报价", 1),
        _p("负责人：徐明", 2),
        _p("截止时间：7月20日", 3),
        _p("任务：确认合同条款", 4),
        _p("负责人：秦文", 5),
    ])
    cands = [c for c in structure(doc).candidates if c.origin == "fields"]
    assert [c.fields for c in cands] == [
        {"task": "整理供应商报价", "owner": "徐明", "deadline": "7月20日"},
        {"task": "确认合同条款", "owner": "秦文"},
    ]
    assert cands[0].source.line == 1


def test_speaker_kept_on_message_candidates():
    doc = _doc([Block(kind="message", text="好的我来跟，周五前给", speaker="刘凯", time="10:32",
                      source=Source(line=3, text="好的我来跟，周五前给"))])
    (c,) = structure(doc).candidates
    assert c.speaker == "刘凯" and c.origin == "sentence"


def test_split_sentences_keeps_versions_and_decimals():
    assert split_sentences("上线v2.0。预算1.5万；下周再议") == ["上线v2.0。", "预算1.5万；", "下周再议"]
    assert split_sentences("Kevin will send it. Lynn owns the deck.") == ["Kevin will send it.", "Lynn owns the deck."]
    assert split_sentences("Ma Chao to set up the EDI link; target go-live end of September.") == [
        "Ma Chao to set up the EDI link; target go-live end of September."]
    assert split_sentences("整理报价；确认合同") == ["整理报价；", "确认合同"]


def test_done_sections_give_no_candidates_and_bracket_titles_reset_them():
    doc = _doc([
        _p("【Recap】", 1),
        _p("上周已上线新版首页", 2, kind="list_item", level=0),
        _p("【Q1 Campaign】", 3),
        _p("Lina 负责 Q1 campaign 的 proposal，12/13 前 share 给 Leon", 4, kind="list_item", level=0),
        _p("张伟（后端）", 5, kind="heading", level=2),
        _p("Yesterday", 6),
        _p("成绩单导出接口改造", 7, kind="list_item", level=0),
        _p("Today", 8),
        _p("请假审批接口，今天下班前提测", 9, kind="list_item", level=0),
    ])
    s = structure(doc)
    titles = [t.title for t in s.topics]
    assert "Q1 Campaign" in titles and "张伟（后端）" in titles and "Recap" not in titles
    lines = [c.source.line for c in s.candidates]
    assert 2 not in lines and 7 not in lines
    assert 4 in lines and 9 in lines


def test_a_lone_task_label_is_discussion_not_a_record():
    doc = _doc([
        _p("一、内核漏洞共建", 1, kind="heading", level=1),
        _p("问题：流程修改后，收益预期如何？", 2),
        _p("任务：整理供应商报价", 3),
        _p("负责人：徐明", 4),
    ])
    s = structure(doc)
    by_line = {c.source.line: c for c in s.candidates}
    assert by_line[2].origin == "sentence" and by_line[2].fields == {}
    assert by_line[3].origin == "fields" and by_line[3].fields == {"task": "整理供应商报价", "owner": "徐明"}
    assert "流程修改后，收益预期如何？" in s.topics[0].discussion


def test_last_times_action_table_and_wiki_comments_give_no_candidates():
    blocks = [
        _p("复盘会纪要", 1, kind="heading", level=1),
        _p("三、上期 Action 回顾（3.3 版本复盘）", 2, kind="heading", level=2),
        _row(["#", "事项", "负责人", "状态"], 1, 0, 3),
        _row(["1", "客服快捷回复话术库", "许敏", "🔄 进行中，70%"], 1, 1, 4),
        _p("四、Action Items", 5, kind="heading", level=2),
        _p("网关扩容脚本增加校验 —— 马超，1/24 前", 6, kind="list_item", level=0),
        _p("💬 评论 (2)", 7),
        _p("宋雨 · 2025-01-22 17:05", 8),
        _p("补偿邮件的文案婷婷已经写好了", 9),
    ]
    texts = [c.text for c in structure(_doc(blocks)).candidates]
    assert texts == ["网关扩容脚本增加校验 —— 马超，1/24 前"]


def test_report_sections_by_pattern():
    from minutes.labels import section_of

    assert section_of("一、上次例会议定事项落实情况") == "done"
    assert section_of("二、上周工作进展") == "done"
    assert section_of("Matters arising") == "done"
    assert section_of("上线进展") is None and section_of("本周计划") == "discussion"


def test_a_sign_in_sheet_gives_no_candidates():
    blocks = [
        _p("监理例会会议纪要", 1, kind="heading", level=1),
        _row(["单位", "姓名", "职务/岗位", "签到"], 1, 0, 2),
        _row(["施工总包", "陶勇", "技术负责人", "√"], 1, 1, 3),
        _row(["", "韦小军", "专职安全员", "√"], 1, 2, 4),
        _p("陶勇负责10月10日前提交管综优化图。", 5),
    ]
    assert [c.text for c in structure(_doc(blocks)).candidates] == ["陶勇负责10月10日前提交管综优化图。"]


def test_merged_two_row_header_with_lead_and_helper_columns():
    blocks = [
        _p("理赔服务质量分析会纪要", 1, kind="heading", level=1),
        _row(["序号", "工作事项", "责任分工", "", "完成时限", "交付成果"], 1, 0, 2),
        _row(["序号", "工作事项", "主责", "配合", "完成时限", "交付成果"], 1, 1, 3, vmerged=(0, 1, 4, 5)),
        _row(["1", "梳理超期未决案件", "许敏", "田甜", "10.10", "清理计划"], 1, 2, 4),
    ]
    cands = structure(_doc(blocks)).candidates
    assert [(c.text, c.fields.get("owner"), c.fields.get("collaborators")) for c in cands] == [
        ("梳理超期未决案件", "许敏", "田甜")]


def test_leftover_issue_review_is_a_report():
    from minutes.labels import section_of

    assert section_of("2. EVT 遗留问题回顾") == "done"
    assert section_of("遗留问题") == "disagreements"  # open issues, not a review of them
