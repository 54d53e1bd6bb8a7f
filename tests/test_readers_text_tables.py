"""Tables in plain text (tab-separated exports, pasted pipe rows) become table rows."""
from __future__ import annotations

from minutes.pipeline import extract_path
from minutes.readers import read_text_bytes
from minutes.readers.text_tables import find_tables

OA_EXPORT = (
    "仓储安全检查整改会会议纪要\n会议时间：2025-03-28 09:30-11:00\n\n"
    "序号\t隐患描述\t整改措施\t责任人\t整改时限\t验收标准\n"
    "1\t货架立柱变形\t更换立柱\t张伟\t4月3日\t立柱更换记录\n"
    "2\t消防通道堆放托盘\t立即清理\t各班组长\t今天下班前\t无\n"
    "3\t雨棚漏水\t联系厂家维修\t行政部\t待定\n"
    "\n打印人：何佳    打印时间：2025-03-31 08:47\n"
)


def test_tab_separated_rows_are_one_table_with_padded_cells():
    rows = [b for b in read_text_bytes(OA_EXPORT.encode("gbk"), "纪要.txt").blocks if b.kind == "table_row"]
    assert [b.row for b in rows] == [0, 1, 2, 3] and {b.table for b in rows} == {1}
    assert rows[0].cells[3] == "责任人" and rows[3].cells == ("3", "雨棚漏水", "联系厂家维修", "行政部", "待定", "")
    assert rows[1].source.line == 5


def test_pipe_rows_in_text_and_what_is_not_a_table():
    texts = ["| 任务 | 负责人 | 截止 |", "|---|---|---|", "| 出方案 | 张伟 | 周五 |", "普通的一句话", "a\tb"]
    found = find_tables(texts)
    assert sorted(found) == [0, 2] and found[2] == (1, 1, ("出方案", "张伟", "周五"))
    assert find_tables(["只有\t一行\t表头", "后面是正文"]) == {}  # a header alone is no table
    assert find_tables(["两列\t而已", "两列\t而已"]) == {}  # fewer than three columns


def test_text_action_table_goes_through_the_header_synonyms(tmp_path):
    path = tmp_path / "纪要.txt"
    path.write_bytes(OA_EXPORT.encode("gbk"))
    items = extract_path(path)["action_items"]
    by_task = {i["task"]: i for i in items}
    assert set(by_task) == {"更换立柱", "立即清理", "联系厂家维修"}
    assert by_task["更换立柱"]["deliverable"] == "立柱更换记录"  # 验收标准 is the deliverable column
    assert by_task["更换立柱"]["deadline"]["date"] == "2025-04-03"
    assert by_task["立即清理"]["owner"]["match"] == "collective"  # 各 + a title many people hold
    assert by_task["联系厂家维修"]["deadline"]["vague"] is True


def test_print_date_line_is_not_the_meeting_date(tmp_path):
    path = tmp_path / "纪要.txt"
    path.write_text("关于答辩工作的会议纪要\n\n会议于本周召开，布置答辩工作。\n张伟负责4月25日前汇总名单。\n\n"
                    "研究生院办公室　　2025年4月17日印发\n", encoding="utf-8")
    assert extract_path(path)["meeting"]["date"] is None
    path.write_text("关于答辩工作的会议纪要\n\n2025年4月16日下午，研究生院召开答辩工作布置会。\n张伟负责4月25日前汇总名单。\n\n"
                    "研究生院办公室　　2025年4月17日印发\n", encoding="utf-8")
    assert extract_path(path)["meeting"]["date"] == "2025-04-16"


def test_export_time_label_is_not_the_meeting_date(tmp_path):
    path = tmp_path / "门店巡检问题通报_20250612.txt"
    path.write_text("报表名称：门店巡检问题通报\n导出时间：2025-06-13 08:41:07\n\n一、整改要求\n张伟负责6月20日前完成整改。\n",
                    encoding="utf-8")
    meeting = extract_path(path)["meeting"]
    assert (meeting["date"], meeting["date_source"]) == ("2025-06-12", "filename")


def test_sentence_reporting_the_meeting_beats_the_issuing_line(tmp_path):
    path = tmp_path / "纪要.txt"
    path.write_text("青山县人民政府\n会 议 纪 要\n青山县人民政府办公室 2024年10月31日\n\n"
                    "2024年10月30日上午，副县长在县政府三楼会议室主持召开森林防火调度会议。\n"
                    "县林业局负责11月15日前完成隔离带建设。\n", encoding="utf-8")
    assert extract_path(path)["meeting"]["date"] == "2024-10-30"
