"""The minutes and roster the browser tests feed the app, built fresh in tmp."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROSTER = [
    # name, department, title, aliases, email
    ("张伟", "研发部", "高级工程师", "伟哥", "zhangwei@example.cn"),
    ("刘洋", "研发部", "测试工程师", "", "liuyang@example.cn"),
    ("林燕", "市场部", "市场专员", "", "linyan@example.cn"),  # same initials as 刘洋: the picker must offer both
    ("王芳", "设计部", "交互设计师", "", "wangfang@example.cn"),
    ("陈静", "产品部", "产品经理", "静姐", "chenjing@example.cn"),
    ("何佳", "产品部", "项目经理", "", "hejia@example.cn"),
]


def write_roster(path: Path) -> Path:
    lines = ["name,department,title,aliases,email"] + [",".join(row) for row in ROSTER]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Row:
    task: str
    owner: str
    deadline: str
    deliverable: str


TODAY = "2024-11-25"  # the servers' --today
# One vague owner (a department), one vague deadline, one overdue and one due-soon item.
VAGUE_OWNER = Row("完成支付接口压力测试", "研发部", "2024年11月29日", "压测报告")
VAGUE_DEADLINE = Row("输出退款流程交互稿", "王芳", "尽快", "交互稿")
OVERDUE = Row("整理评审意见并发送全员", "陈静", "2024年11月22日", "评审意见邮件")
DUE_SOON = Row("更新上线检查清单", "张伟", "2024年11月26日", "检查清单")
ROWS = (VAGUE_OWNER, VAGUE_DEADLINE, OVERDUE, DUE_SOON)


def minutes_docx(path: Path, *, title: str, day: str, rows=ROWS) -> Path:
    """A 会议纪要 .docx: a title, metadata lines, then the action table."""
    import docx

    doc = docx.Document()
    doc.add_heading(title, level=0)
    for line in (f"会议时间：{day} 14:00-15:30", "会议地点：3楼会议室", "主持人：陈静", "记录人：何佳",
                 "参会人员：陈静、张伟、刘洋、王芳、何佳"):
        doc.add_paragraph(line)
    doc.add_heading("一、讨论内容", level=1)
    doc.add_paragraph("支付系统本次迭代的性能与退款流程仍有风险，需要在上线前补齐测试与设计。")
    doc.add_heading("二、行动项", level=1)
    table = doc.add_table(rows=1, cols=5)
    for cell, head in zip(table.rows[0].cells, ("序号", "任务", "负责人", "截止时间", "交付成果")):
        cell.text = head
    for n, row in enumerate(rows, 1):
        for cell, value in zip(table.add_row().cells, (str(n), row.task, row.owner, row.deadline, row.deliverable)):
            cell.text = value
    doc.save(path)
    return path


XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_ATTR = '"><img src=x onerror="window.__xss=2">'
XSS_TITLE = '<img src=x onerror="window.__xss=3">'

# Pasted minutes (the text reader keeps angle brackets, unlike Markdown's).
XSS_PASTE = (f"【安全评审会{XSS_TITLE}】\n会议日期：2024年11月21日\n\n行动项：\n"
             f"张伟：清理模板 {XSS_SCRIPT} 周五前完成\n"
             f"刘洋：修复输入框 {XSS_ATTR} 的转义问题，11月28日前提交补丁\n")
