"""The .docx reader: body order, headings, lists, merged and nested tables, sources."""
from __future__ import annotations

import datetime as dt

import pytest
from docx.enum.style import WD_STYLE_TYPE

from docx_builders import (
    add_chinese_numbering,
    add_deleted_run,
    add_line_break_paragraph,
    new_document,
    number_paragraph,
    save,
    set_cell_lines,
    wrap_in_content_control,
)
from minutes.model import Block, Source
from minutes.readers import read_docx, read_path


def summary(doc):
    return [(b.kind, b.text, b.source.line, b.source.locator) for b in doc.blocks]


def test_paragraphs_and_tables_keep_body_order_and_sources(tmp_path):
    d = new_document()
    d.add_paragraph("会议纪要")
    d.add_paragraph("")  # empty: skipped, but still counted
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "任务", "负责人"
    t.cell(1, 0).text, t.cell(1, 1).text = "主视觉初稿", "王芳"
    d.add_paragraph("会后补充说明。")
    t2 = d.add_table(rows=1, cols=1)
    t2.cell(0, 0).text = "附表"
    doc = read_path(save(d, tmp_path / "周会.docx"))

    assert doc.format == "docx" and doc.encoding == "utf-8" and doc.shape is None
    assert summary(doc) == [
        ("paragraph", "会议纪要", 1, "p1"),
        ("table_row", "任务 | 负责人", 3, "t1r1"),
        ("table_row", "主视觉初稿 | 王芳", 4, "t1r2"),
        ("paragraph", "会后补充说明。", 5, "p3"),
        ("table_row", "附表", 6, "t2r1"),
    ]
    row = doc.blocks[2]
    assert row.cells == ("主视觉初稿", "王芳") and row.table == 1 and row.row == 1 and row.vmerged is None
    assert doc.blocks[1].row == 0


def test_heading_styles_and_title(tmp_path):
    d = new_document()
    d.add_heading("发布会筹备会", 0)  # Title style
    d.add_heading("议题一", 1)
    d.add_heading("细节", 3)
    cn = d.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)  # as WPS names it
    d.add_paragraph("中文样式标题", style=cn)
    house = d.styles.add_style("纪要小标题", WD_STYLE_TYPE.PARAGRAPH)
    house.base_style = d.styles["Heading 4"]
    d.add_paragraph("继承标题", style=house)
    d.add_paragraph("正文。")
    doc = read_path(save(d, tmp_path / "h.docx"))
    assert [(b.kind, b.text, b.level) for b in doc.blocks] == [
        ("heading", "发布会筹备会", 1),
        ("heading", "议题一", 1),
        ("heading", "细节", 3),
        ("heading", "中文样式标题", 2),
        ("heading", "继承标题", 4),
        ("paragraph", "正文。", None),
    ]


def test_chinese_numbering_headings_versus_list_items(tmp_path):
    d = new_document()
    for text in [
        "一、会议背景",
        "本次会议讨论发布会筹备。",
        "（一）主视觉",
        "王芳介绍了进度。",
        "1. 物料清单",
        "说明文字。",
        "二、王芳负责主视觉初稿，7月15日前完成。",  # sentence: a list item
        "1、主视觉",  # adjacent siblings of one style: a list, however short
        "2、物料",
        "（1）这是一段很长的文字，超过了三十个字符，所以它不会被当成标题来处理的",
    ]:
        d.add_paragraph(text)
    doc = read_path(save(d, tmp_path / "n.docx"))
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 1), ("paragraph", None), ("heading", 2), ("paragraph", None),
        ("heading", 3), ("paragraph", None), ("list_item", 0), ("list_item", 0), ("list_item", 0),
        ("list_item", 0),
    ]
    assert doc.blocks[0].text == "一、会议背景"  # numbering stays; structure strips it


def test_list_styles_numbering_labels_and_levels(tmp_path):
    d = new_document()
    d.add_paragraph("要点", style="List Bullet")
    d.add_paragraph("二级要点", style="List Bullet 2")
    d.add_paragraph("第一步", style="List Number")
    d.add_paragraph("第二步", style="List Number")
    p = d.add_paragraph("列表段落", style="List Paragraph")
    doc = read_path(save(d, tmp_path / "l.docx"))
    assert [(b.kind, b.text, b.level) for b in doc.blocks] == [
        ("list_item", "要点", 0),
        ("list_item", "二级要点", 1),
        ("list_item", "1. 第一步", 0),
        ("list_item", "2. 第二步", 0),
        ("list_item", "列表段落", 0),
    ]
    assert p.style.name == "List Paragraph"


def test_automatic_chinese_numbering_is_rendered_and_read_as_heading(tmp_path):
    d = new_document()
    num = add_chinese_numbering(d)
    for text, level in [("会议背景", 0), ("主视觉进度", 1), ("王芳负责初稿，周五前完成。", 1), ("行动项", 0)]:
        number_paragraph(d.add_paragraph(text), num, level)
    doc = read_path(save(d, tmp_path / "auto.docx"))
    assert [(b.kind, b.text, b.level) for b in doc.blocks] == [
        ("heading", "一、会议背景", 1),
        ("list_item", "（1）主视觉进度", 1),
        ("list_item", "（2）王芳负责初稿，周五前完成。", 1),
        ("heading", "二、行动项", 1),
    ]


def test_horizontal_and_vertical_merges(tmp_path):
    d = new_document()
    t = d.add_table(rows=3, cols=4)
    for i, h in enumerate(["任务描述", "负责人", "截止时间", "交付成果"]):
        t.cell(0, i).text = h
    t.cell(1, 0).text = "主视觉初稿"
    t.cell(1, 1).text = "王芳"
    t.cell(1, 2).text = "7月15日"
    t.cell(1, 3).merge(t.cell(2, 3)).text = "3版设计稿"
    t.cell(2, 0).text = "物料清单"
    t.cell(2, 1).merge(t.cell(2, 2)).text = "李娜 周五"
    doc = read_path(save(d, tmp_path / "merge.docx"))
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows[1].cells == ("主视觉初稿", "王芳", "7月15日", "3版设计稿") and rows[1].vmerged is None
    # merged cell once at its first column, spanned position "", vertical continuation "" and listed
    assert rows[2].cells == ("物料清单", "李娜 周五", "", "")
    assert rows[2].vmerged == (3,)
    assert rows[2].text == "物料清单 | 李娜 周五"
    assert rows[2].source == Source(line=3, text="物料清单 | 李娜 周五", locator="t1r3")


def test_nested_table_rows_follow_parent_row(tmp_path):
    d = new_document()
    d.add_paragraph("前言")
    outer = d.add_table(rows=3, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "议题", "详情"
    outer.cell(1, 0).text = "主视觉"
    cell = outer.cell(1, 1)
    cell.text = "见下表"
    inner = cell.add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "负责人", "截止"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "王芳", "周五"
    outer.cell(2, 0).text, outer.cell(2, 1).text = "物料", "下周"
    after = d.add_table(rows=1, cols=1)
    after.cell(0, 0).text = "另一表"
    doc = read_path(save(d, tmp_path / "nested.docx"))
    assert [(b.text, b.table, b.row, b.source.line, b.source.locator) for b in doc.blocks] == [
        ("前言", None, None, 1, "p1"),
        ("议题 | 详情", 1, 0, 2, "t1r1"),
        ("主视觉 | 见下表", 1, 1, 3, "t1r2"),
        ("负责人 | 截止", 2, 0, 4, "t1r2c2/t2r1"),
        ("王芳 | 周五", 2, 1, 5, "t1r2c2/t2r2"),
        ("物料 | 下周", 1, 2, 6, "t1r3"),
        ("另一表", 3, 0, 7, "t3r1"),
    ]
    assert doc.blocks[2].cells == ("主视觉", "见下表")  # nested table text is not in the cell


def test_line_breaks_in_paragraphs_and_cells(tmp_path):
    d = new_document()
    add_line_break_paragraph(d, "负责人：王芳", "截止：周五")
    t = d.add_table(rows=1, cols=2)
    set_cell_lines(t.cell(0, 0), "王芳", "张伟")
    t.cell(0, 1).text = "第一段"
    t.cell(0, 1).add_paragraph("第二段")
    doc = read_path(save(d, tmp_path / "br.docx"))
    assert doc.blocks[0].text == "负责人：王芳\n截止：周五"
    assert doc.blocks[0].kind == "paragraph"
    assert doc.blocks[1].cells == ("王芳\n张伟", "第一段\n第二段")


def test_core_properties_title_and_created_date(tmp_path):
    d = new_document()
    d.core_properties.title = "发布会筹备会"
    d.core_properties.created = dt.datetime(2024, 7, 10, 9, 30)
    d.add_paragraph("内容")
    doc = read_docx(save(d, tmp_path / "props.docx"))
    assert doc.title == "发布会筹备会"
    assert doc.created == dt.date(2024, 7, 10)


def test_normalisation_content_controls_and_tracked_deletions(tmp_path):
    d = new_document()
    d.add_paragraph("截止：７月１５日\u3000前\u200b")
    wrapped = d.add_paragraph("控件里的段落")
    wrap_in_content_control(wrapped)
    p = d.add_paragraph("保留")
    add_deleted_run(p, "已删除")
    doc = read_path(save(d, tmp_path / "norm.docx"))
    assert [b.text for b in doc.blocks] == ["截止：7月15日 前", "控件里的段落", "保留"]
    assert [b.source.locator for b in doc.blocks] == ["p1", "p2", "p3"]


def test_sha256_is_of_raw_bytes(tmp_path):
    import hashlib

    d = new_document()
    d.add_paragraph("内容")
    path = save(d, tmp_path / "sha.docx")
    assert read_path(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["UPPER.DOCX", "macro.docm"])
def test_extension_variants_use_the_docx_reader(tmp_path, name):
    d = new_document()
    d.add_paragraph("内容")
    doc = read_path(save(d, tmp_path / name))
    assert doc.format == "docx" and doc.blocks == (Block("paragraph", "内容", Source(1, "内容", "p1")),)
