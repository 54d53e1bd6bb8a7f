"""Deterministic generator of realistic, table-heavy .docx meeting minutes for benchmarks.

Real 会议纪要 from Word templates are mostly tables: a metadata grid, then per
topic a heading, discussion paragraphs and an action table whose 负责人 /
责任部门 cells are merged down over several rows and whose group rows are
merged across. Benchmarks need that shape at scale (tens of pages), and the
same bytes every run, so everything comes from one seeded `random.Random`.

    from docgen import generate_minutes
    info = generate_minutes(Path("big.docx"), seed=7, action_rows=150)
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

PEOPLE = [
    ("张伟", "研发部"), ("王芳", "设计部"), ("王磊", "研发部"), ("李娜", "市场部"), ("李强", "销售部"),
    ("刘凯", "产品部"), ("何佳", "行政部"), ("孙浩", "测试部"), ("赵磊", "研发部"), ("陈静", "财务部"),
    ("梁志远", "总经办"), ("周杰", "研发部"), ("吴凯文", "销售部"), ("黄丽", "人力资源部"), ("马超", "运维部"),
    ("杨帆", "市场部"), ("林晓", "设计部"), ("徐明", "采购部"), ("宋雨", "运营部"), ("曹阳", "测试部"),
]
OWNER_STYLES = ["{name}", "{dept}{name}", "{surname}经理", "{surname}工", "{dept}", "大家", "{name}牵头，{other}配合"]
TOPICS = [
    "新品发布会筹备", "Q3 营销预算分配", "客户投诉处理流程优化", "官网改版进度", "供应链交付风险",
    "招聘计划与编制", "数据安全合规整改", "年度客户大会", "移动端性能优化", "渠道返利政策调整",
    "门店数字化试点", "财务报销系统上线", "售后工单积压", "品牌视觉升级",
]
VERBS = ["完成", "输出", "整理", "确认", "推进", "评审", "上线", "提交", "协调", "更新", "梳理", "对接"]
OBJECTS = [
    "发布会主视觉初稿", "接口联调", "预算明细表", "压测报告", "用户调研问卷", "竞品分析", "合同审批",
    "供应商比价", "招聘 JD", "安全漏洞修复", "培训材料", "活动执行方案", "数据看板", "需求规格说明书",
    "测试用例", "上线检查清单", "门店巡检表", "报销流程图", "客户回访名单", "物料清单",
]
DELIVERABLES = ["方案文档", "评审纪要", "Excel 明细", "PPT 汇报材料", "测试报告", "设计稿 3 版", "上线公告", "", "会议纪要"]
DEADLINES = ["{m}月{d}日前", "{m}月{d}日", "{y}-{mm}-{dd}", "周五前", "下周三", "本周内", "尽快", "3个工作日内",
             "月底前", "{m}/{d}", "下周一下班前", "待定"]
SENTENCES = [
    "{dept}反馈当前{obj}存在较大延期风险，主要原因是上游需求多次变更，需各方对齐口径。",
    "{name}介绍了{topic}的整体进展，目前已完成约{pct}%，剩余工作集中在{obj}环节。",
    "与会人员就{obj}的优先级展开讨论，{dept}认为应优先保障上线节点，{dept2}建议先完成内部评审。",
    "经讨论达成共识：{topic}按原计划推进，涉及跨部门协作的事项由{name}统一协调。",
    "存在分歧：关于{obj}的预算口径，市场部与财务部意见不一致，会后另行沟通。",
    "上周遗留的{obj}已于本周完成，{name}确认无需再跟进。",
    "{name}提出，历史上类似问题在上季度已出现{n}次，建议纳入高频问题分析。",
]


@dataclass(frozen=True)
class GeneratedDoc:
    """What was written, so a benchmark can report its size."""

    path: Path
    meeting_date: date
    topics: int
    paragraphs: int
    action_rows: int
    tables: int


def _owner(rng: random.Random) -> tuple[str, str]:
    """An owner cell as people write it (name, 王经理, a department, 大家...) and the department."""
    name, dept = rng.choice(PEOPLE)
    other = rng.choice([p for p in PEOPLE if p[0] != name])[0]
    return rng.choice(OWNER_STYLES).format(name=name, dept=dept, surname=name[0], other=other), dept


def _task(rng: random.Random) -> str:
    obj = rng.choice(OBJECTS)
    verb = rng.choice([v for v in VERBS if not obj.startswith(v)])
    return f"{verb}{obj}"


def _deadline(rng: random.Random, meeting: date) -> str:
    due = meeting + timedelta(days=rng.randint(1, 40))
    return rng.choice(DEADLINES).format(y=due.year, m=due.month, d=due.day,
                                        mm=f"{due.month:02d}", dd=f"{due.day:02d}")


def _sentence(rng: random.Random, topic: str) -> str:
    return rng.choice(SENTENCES).format(
        dept=rng.choice(PEOPLE)[1], dept2=rng.choice(PEOPLE)[1], name=rng.choice(PEOPLE)[0],
        obj=rng.choice(OBJECTS), topic=topic, pct=rng.randint(20, 90), n=rng.randint(2, 5))


def _set_cell(cell, text: str, bold: bool = False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold


def _metadata_table(document, rng: random.Random, meeting: date, title: str) -> None:
    attendees = "、".join(f"{d}{n}" for n, d in rng.sample(PEOPLE, 8))
    rows = [
        ("会议主题", title), ("会议时间", f"{meeting.year}年{meeting.month}月{meeting.day}日 14:00-16:30"),
        ("会议地点", "总部 3 楼 301 会议室 / 腾讯会议"), ("发起部门", "市场部"),
        ("参与部门", "研发部、设计部、财务部、销售部"), ("主持人", "梁志远"), ("记录人", "何佳"),
        ("参会人员", attendees),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, (label, value) in enumerate(rows):
        _set_cell(table.cell(r, 0), label, bold=True)
        merged = table.cell(r, 1).merge(table.cell(r, 3))  # value spans three columns
        _set_cell(merged, value)


def _action_table(document, rng: random.Random, meeting: date, rows: int, start: int) -> None:
    header = ["序号", "任务描述", "负责人", "责任部门", "截止时间", "交付成果", "备注"]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for c, text in enumerate(header):
        _set_cell(table.rows[0].cells[c], text, bold=True)
    written = 0
    while written < rows:
        if rng.random() < 0.15:  # a group row merged across the whole table: "一、研发侧"
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            _set_cell(merged, f"{rng.choice(['研发侧', '市场侧', '职能侧', '遗留事项'])}", bold=True)
        span = min(rng.choice([1, 1, 2, 3]), rows - written)  # same owner merged down `span` rows
        owner, dept = _owner(rng)
        first = None
        for i in range(span):
            cells = table.add_row().cells
            _set_cell(cells[0], str(start + written + 1))
            _set_cell(cells[1], _task(rng))
            _set_cell(cells[4], _deadline(rng, meeting))
            _set_cell(cells[5], rng.choice(DELIVERABLES))
            _set_cell(cells[6], rng.choice(["", "", "需法务确认", "依赖第 2 项", "高优先级"]))
            if i == 0:
                first = cells
                _set_cell(cells[2], owner)
                _set_cell(cells[3], dept)
            else:
                first[2].merge(cells[2])
                first[3].merge(cells[3])
            written += 1


def generate_minutes(path: Path, *, seed: int = 20240710, topics: int = 10, action_rows: int = 150,
                     paragraphs_per_topic: int = 9) -> GeneratedDoc:
    """Write a table-heavy minutes .docx to `path`; same arguments, same document.

    The defaults make about 20 pages: a metadata table, `topics` sections of
    headings and discussion, and `action_rows` rows spread over per-topic
    action tables with vertical and horizontal merges.
    """
    import docx

    rng = random.Random(seed)
    meeting = date(2024, 1, 8) + timedelta(days=rng.randint(0, 300))
    title = f"{meeting.year}年第{meeting.isocalendar()[1]}周跨部门协作会议纪要"
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.created = datetime.combine(meeting, time(17, 5))
    document.add_heading(title, level=0)
    _metadata_table(document, rng, meeting, title)
    names = [TOPICS[i % len(TOPICS)] for i in range(topics)]
    per_topic = [action_rows // topics + (1 if i < action_rows % topics else 0) for i in range(topics)]
    paragraphs = tables = 0
    for number, (topic, rows) in enumerate(zip(names, per_topic), start=1):
        document.add_heading(f"议题{number}：{topic}", level=1)
        document.add_heading("讨论要点", level=2)
        for _ in range(paragraphs_per_topic):
            document.add_paragraph(" ".join(_sentence(rng, topic) for _ in range(rng.randint(2, 4))))
            paragraphs += 1
        document.add_heading("各方反馈", level=2)
        document.add_paragraph(f"共识：{_sentence(rng, topic)}", style="List Bullet")
        document.add_paragraph(f"分歧：{_sentence(rng, topic)}", style="List Bullet")
        paragraphs += 2
        if rows:
            document.add_heading("行动项清单", level=2)
            _action_table(document, rng, meeting, rows, start=sum(per_topic[:number - 1]))
            tables += 1
    document.add_paragraph("请各负责人每 3 天更新一次进度，截止前一天同步最终状态。记录人：何佳")
    path = Path(path)
    document.save(str(path))
    return GeneratedDoc(path=path, meeting_date=meeting, topics=topics, paragraphs=paragraphs + 1,
                        action_rows=action_rows, tables=tables + 1)


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench_minutes.docx")
    info = generate_minutes(out)
    print(f"{info.path}: {info.action_rows} action rows, {info.tables} tables, {info.paragraphs} paragraphs")
