"""The text reader: encodings, normalisation, plain lines, IM pastes and transcripts."""
from __future__ import annotations

import codecs
import hashlib
import textwrap

import pytest

from minutes.model import Source
from minutes.readers import read_path, read_stdin, read_text_bytes
from minutes.readers.shapes import speaker_name

SAMPLE = "会议纪要\n时间：2024年7月10日\n王芳负责主视觉初稿，周五前完成。\n"


def kinds(doc):
    return [(b.kind, b.text) for b in doc.blocks]


def chat(doc):
    return [(b.source.line, b.kind, b.speaker, b.time, b.text) for b in doc.blocks]


def paste(text: str):
    return read_stdin(textwrap.dedent(text).strip("\n").encode("utf-8"))


def text_file(text: str):
    return read_text_bytes(textwrap.dedent(text).strip("\n").encode("utf-8"), "纪要.txt")


# --- encodings -------------------------------------------------------------

@pytest.mark.parametrize("raw, encoding", [
    (SAMPLE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
    (SAMPLE.encode("gbk"), "gbk"),
    (SAMPLE.encode("utf-16"), "utf-16"),  # with BOM
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
    (SAMPLE.encode("utf-16-le"), "utf-16"),  # Notepad without BOM
], ids=["utf8", "utf8-bom", "gbk", "utf16-bom-le", "utf16-bom-be", "utf16-no-bom"])
def test_encodings_decode_to_the_same_blocks(tmp_path, raw, encoding):
    path = tmp_path / "纪要.txt"
    path.write_bytes(raw)
    doc = read_path(path)
    assert doc.encoding == encoding
    assert doc.format == "text"
    assert [b.text for b in doc.blocks] == ["会议纪要", "时间：2024年7月10日", "王芳负责主视觉初稿，周五前完成。"]
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_gb18030_only_characters(tmp_path):
    path = tmp_path / "g.txt"
    path.write_bytes("参会人：王芳、𠀀明\n".encode("gb18030"))
    doc = read_path(path)
    assert doc.encoding == "gb18030" and doc.blocks[0].text == "参会人：王芳、𠀀明"


def test_big5_is_not_read_as_gbk_mojibake(tmp_path):
    text = "會議紀要\n時間：2024年7月10日\n王芳負責主視覺初稿，週五前完成。張偉負責介面聯調，下週三之前完成測試報告。"
    path = tmp_path / "tw.txt"
    path.write_bytes(text.encode("big5"))
    doc = read_path(path)
    assert doc.encoding == "big5"
    assert doc.blocks[0].text == "會議紀要"


def test_utf8_with_one_broken_byte_stays_utf8():
    raw = ("王芳负责主视觉初稿，周五前完成。张伟负责接口联调。" * 3).encode("utf-8") + b"\xe4\xb8"
    doc = read_text_bytes(raw, "cut.txt")
    assert doc.encoding == "utf-8"
    assert doc.blocks[0].text.startswith("王芳负责主视觉初稿")


def test_crlf_and_cr_line_numbers(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("第一行\r\n\r\n第三行\r第四行\r\n".encode("gbk"))
    doc = read_path(path)
    assert [(b.source.line, b.text) for b in doc.blocks] == [(1, "第一行"), (3, "第三行"), (4, "第四行")]
    assert doc.blocks[1].source == Source(line=3, text="第三行", locator="L3")


def test_normalisation_of_spaces_full_width_and_zero_width():
    doc = read_text_bytes("负责人：\u3000王芳\u00a0，截止：７月１５日，ＰＲＤ\u200b初稿，（见附件）".encode("utf-8"), "n.txt")
    assert doc.blocks[0].text == "负责人： 王芳 ，截止：7月15日，PRD初稿，（见附件）"


# --- plain lines -----------------------------------------------------------

def test_plain_lines_headings_lists_and_paragraphs():
    doc = text_file("""
        # 周会纪要
        一、会议背景
        讨论发布会筹备。
        （一）主视觉
        - 王芳介绍进度
          * 细节一
        • 物料清单
        · 场地确认
        1) 第一件事
        - [ ] 王芳 7月15日前完成初稿
        - [x] 张伟 已完成接口
        ☐ 李娜 确认物料
        ------
        —— 2024年7月10日 ——
        1. 王芳负责主视觉，周五前完成。
    """)
    assert doc.shape == "plain"
    assert [(b.kind, b.text, b.level, b.checked) for b in doc.blocks] == [
        ("heading", "周会纪要", 1, None),
        ("heading", "一、会议背景", 1, None),
        ("paragraph", "讨论发布会筹备。", None, None),
        ("heading", "（一）主视觉", 2, None),
        ("list_item", "王芳介绍进度", 0, None),
        ("list_item", "细节一", 1, None),
        ("list_item", "物料清单", 0, None),
        ("list_item", "场地确认", 0, None),
        ("list_item", "1) 第一件事", 0, None),
        ("list_item", "王芳 7月15日前完成初稿", 0, False),
        ("list_item", "张伟 已完成接口", 0, True),
        ("list_item", "李娜 确认物料", 0, False),
        ("paragraph", "—— 2024年7月10日 ——", None, None),
        ("list_item", "1. 王芳负责主视觉，周五前完成。", 0, None),
    ]
    assert doc.blocks[4].source.text == "- 王芳介绍进度"
    assert [b.source.line for b in doc.blocks][-3:] == [12, 14, 15]


def test_adjacent_short_numbered_lines_are_a_list_not_headings():
    doc = paste("""
        行动项
        1、主视觉
        2、物料
        3、场地
    """)
    assert [b.kind for b in doc.blocks] == ["paragraph", "list_item", "list_item", "list_item"]


def test_assignment_lines_in_plain_minutes_stay_paragraphs():
    doc = paste("""
        周会纪要
        时间：2024-07-10
        行动项：
        王芳：7月15日前完成主视觉初稿
        张伟：周五前完成接口联调
        李娜：下周三前确认物料
    """)
    assert doc.shape == "plain"
    assert all(b.kind == "paragraph" and b.speaker is None for b in doc.blocks)


# --- IM pastes --------------------------------------------------------------

def test_im_bracketed_times():
    doc = paste("""
        —— 2024年7月10日 ——
        [10:32] 刘凯：大家看下主视觉排期
        [10:33] 王芳：收到
        [10:35] 王芳：我周五前出初稿
    """)
    assert doc.shape == "im"
    assert chat(doc) == [
        (1, "paragraph", None, None, "—— 2024年7月10日 ——"),
        (2, "message", "刘凯", "10:32", "大家看下主视觉排期"),
        (3, "message", "王芳", "10:33", "收到"),
        (4, "message", "王芳", "10:35", "我周五前出初稿"),
    ]
    assert doc.blocks[1].source.text == "[10:32] 刘凯：大家看下主视觉排期"


def test_im_dingtalk_headers_with_dates_and_replies():
    doc = paste("""
        刘凯 2024-07-10 10:32:15
        大家看下主视觉排期
        @王芳 这个你跟一下

        王芳 2024-07-10 10:35:02
        「刘凯：大家看下主视觉排期」
        - - - - - - - - - - - - - - -
        好的，周五前出初稿

        张伟 2024-07-11 09:01:00
        回复 刘凯：接口周四联调完
    """)
    assert doc.shape == "im"
    assert chat(doc) == [
        (1, "paragraph", None, None, "2024-07-10"),
        (2, "message", "刘凯", "10:32:15", "大家看下主视觉排期"),
        (3, "message", "刘凯", "10:32:15", "@王芳 这个你跟一下"),
        (8, "message", "王芳", "10:35:02", "好的，周五前出初稿"),
        (10, "paragraph", None, None, "2024-07-11"),
        (11, "message", "张伟", "09:01:00", "接口周四联调完"),
    ]
    assert doc.blocks[3].quoted == "刘凯：大家看下主视觉排期"
    assert doc.blocks[5].quoted == "刘凯：@王芳 这个你跟一下"
    assert doc.blocks[0].source.text == "刘凯 2024-07-10 10:32:15"


def test_im_feishu_header_without_date():
    doc = paste("""
        刘凯 10:32
        主视觉什么时候能出？
        王芳 10:40
        周五前
        张伟 下午 3:05
        我跟进接口
    """)
    assert doc.shape == "im"
    assert chat(doc) == [
        (2, "message", "刘凯", "10:32", "主视觉什么时候能出？"),
        (4, "message", "王芳", "10:40", "周五前"),
        (6, "message", "张伟", "15:05", "我跟进接口"),
    ]


def test_im_wechat_paren_times_and_gt_quotes():
    doc = paste("""
        刘凯 (10:32):
        大家看下主视觉排期
        王芳(10:33)：收到
        > 刘凯：大家看下主视觉排期
        王芳：我周五前出初稿
        10:50
        张伟：好的
    """)
    assert doc.shape == "im"
    assert chat(doc) == [
        (2, "message", "刘凯", "10:32", "大家看下主视觉排期"),
        (3, "message", "王芳", "10:33", "收到"),
        (5, "message", "王芳", "10:33", "我周五前出初稿"),  # same sender, same minute
        (6, "paragraph", None, None, "10:50"),
        (7, "message", "张伟", "10:50", "好的"),
    ]
    assert doc.blocks[2].quoted == "刘凯：大家看下主视觉排期"


def test_im_colon_lines_without_times_are_chat_when_people_talk():
    doc = paste("""
        刘凯：主视觉这周能出吗
        王芳：收到
        王芳：我周五前给初稿
        张伟：好的
        刘凯：辛苦
    """)
    assert doc.shape == "im"
    assert [b.speaker for b in doc.blocks] == ["刘凯", "王芳", "王芳", "张伟", "刘凯"]


# --- transcripts --------------------------------------------------------------

def test_transcript_numbered_speakers_with_offsets():
    doc = paste("""
        会议主题：发布会筹备
        说话人1 00:00:05
        好，我们开始。今天主要过一下发布会的筹备进度。
        孙浩 00:01:23
        我这边周五前把测试报告发出来，
        然后下周一跟研发对一下问题单。
    """)
    assert doc.shape == "transcript"
    assert chat(doc) == [
        (1, "paragraph", None, None, "会议主题：发布会筹备"),
        (3, "turn", "说话人1", "00:00:05", "好，我们开始。今天主要过一下发布会的筹备进度。"),
        (5, "turn", "孙浩", "00:01:23", "我这边周五前把测试报告发出来，"),
        (6, "turn", "孙浩", "00:01:23", "然后下周一跟研发对一下问题单。"),
    ]


def test_transcript_colon_turns_and_labels_are_never_turns():
    doc = paste("""
        时间：2024-07-10 14:00
        参会人：孙浩、刘凯、王芳
        孙浩：我这边周五前把测试报告发出来，然后下周一跟研发对一下问题单。
        刘凯：主视觉那边进度怎么样了，王芳你这边有没有风险需要提前同步？
        王芳: 我这周五前给初稿，下周三前定稿，物料的话需要市场部配合确认尺寸。
        负责人：王芳
    """)
    assert doc.shape == "transcript"
    assert [(b.kind, b.speaker) for b in doc.blocks] == [
        ("paragraph", None), ("paragraph", None), ("turn", "孙浩"), ("turn", "刘凯"), ("turn", "王芳"),
        ("paragraph", None),
    ]
    assert doc.blocks[4].text == "我这周五前给初稿，下周三前定稿，物料的话需要市场部配合确认尺寸。"
    assert doc.blocks[5].text == "负责人：王芳"


def test_transcript_bracketed_offsets():
    doc = paste("""
        [00:01:23] 孙浩：我这边周五前把测试报告发出来。
        [00:02:40] Kevin: 那我下周一安排评审吧。
        [00:03:05] 孙浩：可以。
    """)
    assert doc.shape == "transcript"
    assert chat(doc) == [
        (1, "turn", "孙浩", "00:01:23", "我这边周五前把测试报告发出来。"),
        (2, "turn", "Kevin", "00:02:40", "那我下周一安排评审吧。"),
        (3, "turn", "孙浩", "00:03:05", "可以。"),
    ]


# --- speakers -----------------------------------------------------------------

@pytest.mark.parametrize("word, expected", [
    ("刘凯", "刘凯"),
    ("欧阳娜娜", "欧阳娜娜"),
    ("孙浩说", "孙浩"),
    ("Kevin", "Kevin"),
    ("Kevin Li", "Kevin Li"),
    ("说话人 2", "说话人2"),
    ("Speaker 1", "Speaker 1"),
    ("时间", None),
    ("负责人", None),
    ("议题", None),
    ("Owner", None),
    ("研发部", None),
    ("备注", None),
    ("https", None),
    ("下午", None),
    ("周五", None),
    ("讨论结果汇总", None),
    ("议题1", None),
])
def test_speaker_names(word, expected):
    assert speaker_name(word) == expected


def test_urls_are_not_speaker_lines():
    doc = paste("""
        链接：https://example.com/a
        https://example.com/b
        http://example.com/c
    """)
    assert doc.shape == "plain"
    assert [b.kind for b in doc.blocks] == ["paragraph"] * 3


def test_stdin_markdown_is_detected():
    doc = paste("""
        ## 行动项
        | 任务 | 负责人 |
        |---|---|
        | 主视觉 | 王芳 |
    """)
    assert doc.format == "markdown"
    assert doc.path == "-"
    assert [b.kind for b in doc.blocks] == ["heading", "table_row", "table_row"]


def test_stdin_gbk_chat_paste():
    raw = "[10:32] 刘凯：大家看下主视觉排期\n[10:33] 王芳：收到\n".encode("gbk")
    doc = read_stdin(raw, name="paste")
    assert doc.format == "text" and doc.encoding == "gbk" and doc.shape == "im" and doc.path == "paste"


def test_log_and_text_extensions(tmp_path):
    for name in ("a.log", "b.text", "C.TXT"):
        path = tmp_path / name
        path.write_text("会议纪要", encoding="utf-8")
        assert read_path(path).format == "text"


def test_speaker_with_department_in_parentheses():
    doc = paste("""
        王芳（设计部）：我这周五前给初稿
        张伟(研发部)：接口我来跟，下周三前
        王芳（设计部）：好的
    """)
    assert doc.shape == "im"  # "好的" is chat talk
    assert [b.speaker for b in doc.blocks] == ["王芳", "张伟", "王芳"]


def test_readers_import_no_heavy_libraries():
    import subprocess
    import sys

    code = (
        "import sys, minutes.readers as r, tempfile, pathlib;"
        "p = pathlib.Path(tempfile.mkdtemp()) / 'a.txt'; p.write_text('会议纪要', encoding='utf-8');"
        "r.read_path(p);"
        "print(sorted(m for m in ('docx', 'markdown_it', 'charset_normalizer', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_times_inside_message_bodies_do_not_open_new_messages():
    doc = paste("""
        刘凯 10:32
        大家看下主视觉排期
        会议改到 15:00
        王芳 10:40
        周五前
        [10:41] 张伟
        接口我跟
        [10:42] 大家好
    """)
    assert doc.shape == "im"
    assert chat(doc) == [
        (2, "message", "刘凯", "10:32", "大家看下主视觉排期"),
        (3, "message", "刘凯", "10:32", "会议改到 15:00"),
        (5, "message", "王芳", "10:40", "周五前"),
        (7, "message", "张伟", "10:41", "接口我跟"),
        (8, "message", None, "10:42", "大家好"),
    ]


def test_multi_line_wechat_quote_and_plain_corner_brackets():
    doc = paste("""
        王芳 10:35
        「刘凯：主视觉
        这周能出吗」
        - - - - - - -
        周五前
        刘凯 10:36
        「用户第一」是原则
    """)
    assert doc.blocks[0].quoted == "刘凯：主视觉\n这周能出吗"
    assert doc.blocks[0].text == "周五前"
    assert (doc.blocks[1].speaker, doc.blocks[1].text, doc.blocks[1].quoted) == ("刘凯", "「用户第一」是原则", None)


def test_numbered_field_records_are_list_items_not_headings():
    doc = text_file("""
        【行动项清单】
        1. 任务描述：数据库敏感字段加密
        负责人：赵磊
        截止时间：6月6日
        2. 任务描述：堡垒机账号清理，离职账号全部回收
        负责人：马主管
        3. 任务描述：导出审批流程开发
        负责人：研发部
    """)
    assert [b.kind for b in doc.blocks if b.text[0].isdigit()] == ["list_item"] * 3


def test_sibling_headings_keep_one_kind_by_majority():
    doc = text_file("""
        1. 主视觉
        王芳介绍了两个方向。
        2. 物料清单
        何佳汇总了清单。
        3. 预算，超支风险
        陈静说明了情况。
    """)
    assert [b.kind for b in doc.blocks if b.text[0].isdigit()] == ["heading", "heading", "list_item"]


def test_speaker_names_with_a_dash_affiliation():
    from minutes.readers.shapes import speaker_name

    assert speaker_name("郭建华-市一院信息科") == "郭建华"
    assert speaker_name("HR-黄丽") == "黄丽"
    assert speaker_name("王芳（设计部）") == "王芳"


def test_decorated_chat_display_names_are_senders():
    from minutes.readers.shapes import speaker_name

    assert speaker_name("婷婷📷跟拍") == "婷婷"
    assert speaker_name("杨帆｜主策划") == "杨帆"
    assert speaker_name("李娜☀️") == "李娜"
    text = ("婚礼执行群\n\n杨帆｜主策划 09:03\n今天把执行细节过一遍\n\n阿Ken花艺 09:20\n主桌花艺参考图\n\n"
            "婷婷📷跟拍 09:31\n机位图下礼拜给你\n\n何佳-行政 09:40\n酒店确认了\n")
    doc = read_text_bytes(text.encode("utf-8"), "群聊.txt")
    assert [b.speaker for b in doc.blocks if b.kind == "message"] == ["杨帆", "阿Ken花艺", "婷婷", "何佳"]


def test_meeting_tool_export_headings_and_chapter_lists():
    text = ("客户成功部周会\n钉钉闪记 | 2025年4月28日 周一 10:00\n\n【AI 摘要】\n本次周会回顾了指标。\n\n"
            "【章节速览】\n00:00 上周指标回顾\n01:30 Q2 到期客户续费风险\n\n【待办】（AI 生成，请与会人核对）\n"
            "☐ 整理续费风险清单  负责人：田甜  截止：五一前\n\n【发言记录】\n许敏  00:00:08\n好，我们开始吧。\n\n"
            "田甜  00:01:52\n好的，谢谢敏姐。\n\n许敏  00:02:10\n续费风险清单这个我来吧，五一前弄完。\n\n"
            "田甜  00:02:40\n润泽那边我这周去一趟。\n\n许敏  00:03:00\n好。\n\n田甜  00:03:20\n报价我周三前发。\n\n"
            "许敏  00:03:40\n行，那就这样。\n\n"
            "Leon Liang 梁志远 09:02\n今天 3pm SGT 开 weekly sync\n")
    doc = read_text_bytes(text.encode("utf-8"), "闪记.txt")
    speakers = {b.speaker for b in doc.blocks if b.speaker}
    assert speakers == {"许敏", "田甜", "Leon Liang 梁志远"}  # no chapter topic is a sender
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["整理续费风险清单  负责人：田甜  截止：五一前"] == "list_item"
