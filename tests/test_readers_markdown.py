"""The Markdown reader: one block per visible line, plain text, raw source lines."""
from __future__ import annotations

import datetime as dt
import textwrap

from minutes.model import Block, Source
from minutes.readers import read_markdown_bytes, read_path


def md(text: str, encoding: str = "utf-8"):
    return read_markdown_bytes(textwrap.dedent(text).lstrip("\n").encode(encoding), "纪要.md")


def rows(doc):
    return [(b.source.line, b.kind, b.text, b.level) for b in doc.blocks]


def test_headings_and_soft_broken_paragraph_lines():
    doc = md("""
        # 发布会筹备会

        **负责人**：张伟
        **截止**：周五  
        交付：[方案文档](http://x.example) 与 `v2` 版
        ## 讨论要点
    """)
    assert doc.format == "markdown" and doc.shape is None
    assert rows(doc) == [
        (1, "heading", "发布会筹备会", 1),
        (3, "paragraph", "负责人：张伟", None),
        (4, "paragraph", "截止：周五", None),
        (5, "paragraph", "交付：方案文档 与 v2 版", None),
        (6, "heading", "讨论要点", 2),
    ]
    # the source keeps the line as written
    assert doc.blocks[1].source == Source(line=3, text="**负责人**：张伟", locator="L3")


def test_lists_nesting_and_task_boxes():
    doc = md("""
        - [ ] 王芳 7月15日前完成主视觉初稿
          - 细节：3版
        - [x] 张伟 接口联调
        1. 第一项
        2. 第二项
           续行
    """)
    assert [(b.source.line, b.kind, b.text, b.level, b.checked) for b in doc.blocks] == [
        (1, "list_item", "王芳 7月15日前完成主视觉初稿", 0, False),
        (2, "list_item", "细节：3版", 1, None),
        (3, "list_item", "张伟 接口联调", 0, True),
        (4, "list_item", "第一项", 0, None),
        (5, "list_item", "第二项", 0, None),
        (6, "list_item", "续行", 0, None),
    ]


def test_tables_header_row_zero_and_cells():
    doc = md("""
        前言

        | 任务描述 | 负责人 | 截止时间 |
        |---|:---:|---|
        | **主视觉**初稿 | 王芳 | 7月15日 |
        | 物料<br>清单 |  | 周五 |

        | 第二表 |
        |---|
        | 内容 |
    """)
    tables = [b for b in doc.blocks if b.kind == "table_row"]
    assert [(b.source.line, b.table, b.row, b.cells) for b in tables] == [
        (3, 1, 0, ("任务描述", "负责人", "截止时间")),
        (5, 1, 1, ("主视觉初稿", "王芳", "7月15日")),
        (6, 1, 2, ("物料\n清单", "", "周五")),
        (8, 2, 0, ("第二表",)),
        (10, 2, 1, ("内容",)),
    ]
    assert tables[2].text == "物料\n清单 | 周五"
    assert tables[1].source == Source(line=5, text="主视觉初稿 | 王芳 | 7月15日", locator="L5")


def test_blockquotes_code_fences_and_html_comments():
    doc = md("""
        > 刘凯：主视觉什么时候出？
        > 王芳：周五前

        ```
        [10:32] 刘凯：粘贴的聊天
        ```
        <!-- 私人备注 -->
    """)
    assert rows(doc) == [
        (1, "paragraph", "刘凯：主视觉什么时候出？", None),
        (2, "paragraph", "王芳：周五前", None),
        (5, "paragraph", "[10:32] 刘凯：粘贴的聊天", None),
    ]


def test_bold_lines_as_headings_but_not_bold_labels():
    doc = md("""
        # 周会
        **行动项**

        **负责人：张伟**

        **这是一句很长的加粗说明文字。**
    """)
    assert [(b.kind, b.text, b.level) for b in doc.blocks] == [
        ("heading", "周会", 1),
        ("heading", "行动项", 2),
        ("paragraph", "负责人：张伟", None),
        ("paragraph", "这是一句很长的加粗说明文字。", None),
    ]


def test_chinese_numbering_in_paragraphs():
    doc = md("""
        一、会议背景

        本次会议讨论发布会。

        （一）主视觉

        三、王芳负责主视觉，周五前完成。
    """)
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 1), ("paragraph", None), ("heading", 2), ("list_item", 0),
    ]


def test_front_matter_becomes_metadata_lines():
    doc = md("""
        ---
        title: "产品周会"
        date: 2024-07-10
        ---
        # 纪要
    """)
    assert doc.title == "产品周会" and doc.created == dt.date(2024, 7, 10)
    assert rows(doc) == [
        (2, "paragraph", "title: 产品周会", None),
        (3, "paragraph", "date: 2024-07-10", None),
        (5, "heading", "纪要", 1),
    ]


def test_gbk_markdown_file_and_normalisation(tmp_path):
    path = tmp_path / "旧系统.markdown"
    path.write_bytes("# 周会\r\n截止：７月１５日\u3000前\r\n".encode("gbk"))
    doc = read_path(path)
    assert doc.encoding == "gbk"
    assert doc.blocks == (
        Block("heading", "周会", Source(1, "# 周会", "L1"), level=1),
        Block("paragraph", "截止：7月15日 前", Source(2, "截止：7月15日 前", "L2")),
    )


def test_html_entities_are_normalised():
    doc = md("王芳&nbsp;负责 &amp; 跟进\n")
    assert doc.blocks[0].text == "王芳 负责 & 跟进"


def test_html_tables_with_merged_cells():
    doc = md("""
        # 行动项

        <table>
        <tr><th>任务</th><th>负责人</th><th>截止</th></tr>
        <tr><td rowspan="2">主视觉</td><td>王芳</td><td>7月15日</td></tr>
        <tr><td colspan="2">张伟 周五<br>补充</td></tr>
        </table>
    """)
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert [(b.source.line, b.table, b.row, b.cells, b.vmerged) for b in rows] == [
        (4, 1, 0, ("任务", "负责人", "截止"), None),
        (5, 1, 1, ("主视觉", "王芳", "7月15日"), None),
        (6, 1, 2, ("", "张伟 周五\n补充", ""), (0,)),
    ]


def test_stdin_with_bold_label_lines_reads_as_markdown():
    from minutes.readers import read_stdin

    doc = read_stdin("**负责人**：张伟\n**截止**：周五\n".encode("utf-8"))
    assert doc.format == "markdown"
    assert [b.text for b in doc.blocks] == ["负责人：张伟", "截止：周五"]
