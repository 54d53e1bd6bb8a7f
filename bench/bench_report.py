"""`minutes report` over a big tracker: 5,000 meetings and 50,000 action items.

    .venv/bin/python bench/bench_report.py [--meetings 5000] [--items 50000] [--keep DIR]

The database is created by the tracker (its migrations) and filled directly
through sqlite-utils in the tracker's schema, which takes seconds instead of the
minutes a real ingest of 5,000 files would. Meetings are spread over 2024; their
discussions mix routine sentences with problem sentences built from a
vocabulary (subjects x wordings x templates, so the same issue is worded many
ways), disagreements, and progress updates that complete, block or delay items.
The timed part is the whole report for 2024Q3 (problems of Q2 and Q3 grouped,
execution health, minutes quality) rendered as Markdown and as HTML.
Target: <= 5 s on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEPARTMENTS = ["研发部", "测试部", "设计部", "市场部", "销售部", "运营部", "客服部", "财务部", "采购部", "人力资源部"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静磊洋勇艳杰娟涛明超秀兰霞平刚桂英华丽强军"
# Issues: a subject and the wordings people use for it ({s} is a wording of the subject).
ISSUES = [
    (["测试环境", "测试服务器", "测试机器", "联调环境"], ["{s}资源不足", "{s}不够用", "缺{s}", "{s}紧张，排队严重"]),
    (["测试环境", "测试服务器"], ["{s}经常宕机", "{s}又挂了", "{s}稳定性差，频繁故障"]),
    (["研发人手", "开发人员", "前端人力", "后端人力"], ["{s}不足", "{s}不够，多个项目并行", "{s}紧张，需要招聘"]),
    (["供应商", "原材料供货", "外包方"], ["{s}交货延迟", "{s}到货推迟", "{s}交付滞后，产线等料"]),
    (["物流配送", "快递时效", "配送"], ["客户投诉{s}慢", "用户抱怨{s}太慢", "{s}时效差引发客诉"]),
    (["合同审批", "费用审批", "采购审批"], ["{s}流程太长", "{s}太慢影响进度", "{s}迟迟没有批复"]),
    (["需求", "产品需求"], ["{s}频繁变更导致返工", "{s}反复调整，开发返工", "{s}变动太多，排期无法确定"]),
    (["营销预算", "活动经费", "推广费用"], ["{s}不足", "{s}不够", "{s}超支风险"]),
    (["跨部门沟通", "部门之间信息同步", "各方对接"], ["{s}不畅", "{s}不及时", "{s}不顺，口径不一致"]),
    (["App登录", "登录接口", "用户登录"], ["{s}报错", "{s}失败的bug反复出现", "{s}偶发异常"]),
    (["报表系统", "数据看板", "BI报表"], ["{s}加载很慢", "{s}响应慢", "{s}数据不准确的问题"]),
    (["客服热线", "在线客服"], ["{s}接通率下降", "{s}排队太久，客户不满", "{s}人手紧张"]),
    (["门店POS系统", "收银系统"], ["{s}故障", "{s}宕机影响营业", "{s}经常报错"]),
    (["设计资源", "设计人力"], ["{s}紧张", "{s}不够，设计稿排不上", "缺{s}"]),
    (["数据安全整改", "等保测评"], ["{s}进度滞后", "{s}存在合规风险", "{s}延期风险"]),
    (["招聘进度", "校招进度"], ["{s}落后", "{s}延迟，岗位空缺", "{s}慢，候选人不足"]),
]
ROUTINE = ["{d}介绍了{t}的整体进展。", "与会人员讨论了{t}的优先级。", "上周遗留事项已全部完成。",
           "{d}同步了下一阶段的工作安排。", "会议确认了{t}的验收标准。", "大家对方案B没有异议。"]
PREFIXES = ["", "", "{d}反馈", "{d}提出", "目前", "本周"]
SUFFIXES = ["。", "。", "，需要尽快解决。", "，影响上线进度。", "，请相关部门关注。"]
TOPICS = ["新品发布会筹备", "营销预算", "客户投诉处理", "官网改版", "供应链交付", "招聘计划", "数据安全整改",
          "移动端性能", "门店数字化", "报销系统上线", "季度复盘", "渠道政策"]
TASKS = ["完成{o}", "输出{o}", "整理{o}", "确认{o}", "推进{o}", "评审{o}", "提交{o}", "协调{o}"]
OBJECTS = ["主视觉初稿", "接口联调方案", "预算明细表", "压测报告", "用户调研问卷", "竞品分析", "合同审批",
           "供应商比价", "招聘JD", "漏洞修复", "培训材料", "活动执行方案", "数据看板", "需求说明书", "测试用例"]
BLOCK_NOTES = ["等待测试环境", "缺测试服务器，无法联调", "供应商还没到货", "审批还没下来", "人手不够，排不上",
               "需求又变了，需要返工", "等设计稿", "预算没批", ""]


class Generator:
    def __init__(self, seed: int = 20240930):
        self.rng = random.Random(seed)
        names = set()
        while len(names) < 80:
            given = self.rng.choice(GIVEN) + self.rng.choice(["", self.rng.choice(GIVEN)])
            names.add(self.rng.choice(SURNAMES) + given)
        self.people = [(n, self.rng.choice(DEPARTMENTS)) for n in sorted(names)]

    def problem(self, dept: str) -> str:
        subjects, wordings = self.rng.choice(ISSUES)
        body = self.rng.choice(wordings).format(s=self.rng.choice(subjects))
        return self.rng.choice(PREFIXES).format(d=dept) + body + self.rng.choice(SUFFIXES)

    def meeting(self, n: int, day: date, items_left: int, meetings_left: int) -> tuple[dict, list[dict], list[dict]]:
        rng = self.rng
        organizer = rng.choice(DEPARTMENTS)
        start = rng.choice(["09:30", "10:00", "14:00", "15:30"])
        end = (datetime.strptime(start, "%H:%M") + timedelta(minutes=rng.choice([60, 90, 120]))).strftime("%H:%M")
        late = rng.random() < 0.15
        uploaded = datetime.combine(day, datetime.strptime(end, "%H:%M").time()) + timedelta(
            hours=rng.uniform(3, 30) if late else rng.uniform(0.2, 1.8))
        flags = ["late_upload"] if late else []
        topics = []
        for position in range(1, rng.randint(1, 3) + 1):
            title = rng.choice(TOPICS)
            discussion = [rng.choice(ROUTINE).format(d=rng.choice(DEPARTMENTS), t=title)
                          for _ in range(rng.randint(1, 3))]
            discussion += [self.problem(rng.choice(DEPARTMENTS)) for _ in range(rng.choice([0, 1, 1, 2]))]
            rng.shuffle(discussion)
            disagreements = [f"{rng.choice(DEPARTMENTS)}对{title}的排期有不同意见。"] if rng.random() < 0.1 else []
            topics.append({"meeting_id": n, "position": position, "title": title,
                           "discussion": json.dumps(discussion, ensure_ascii=False), "consensus": "[]",
                           "disagreements": json.dumps(disagreements, ensure_ascii=False)})
        meeting = {"id": n, "sha256": f"{n:064x}", "title": f"{topics[0]['title']}第{n}次例会", "date": day.isoformat(),
                   "date_source": "metadata", "start_time": start, "end_time": end, "organizer": organizer,
                   "departments": json.dumps([organizer], ensure_ascii=False),
                   "recorder": rng.choice(self.people)[0], "attendees": "[]", "source_path": f"bench_{n}.md",
                   "source_format": "markdown", "source_encoding": "utf-8",
                   "flags": json.dumps(flags), "uploaded_at": uploaded.isoformat(timespec="seconds"),
                   "updated_at": uploaded.isoformat(timespec="seconds")}
        count = max(1, round(items_left / max(meetings_left, 1) + rng.randint(-3, 3)))
        if meetings_left == 1:  # the last meeting takes what is left, so the total is exact
            count = items_left
        items = [self.item(n, k, day, uploaded) for k in range(1, min(count, items_left) + 1)]
        return meeting, topics, items

    def item(self, meeting_id: int, k: int, day: date, uploaded: datetime) -> dict:
        rng = self.rng
        flags = []
        r = rng.random()
        if r < 0.75:
            name, dept = rng.choice(self.people)
            mention, match = name, "exact"
        elif r < 0.88:
            name, dept, mention, match = None, None, rng.choice(DEPARTMENTS), "department"
            flags.append("vague_owner")
        else:
            name, dept, mention, match = None, None, rng.choice(["大家", "各部门", "相关部门"]), "collective"
            flags.append("vague_owner")
        due = None
        if rng.random() < 0.8:
            due = (day + timedelta(days=rng.randint(2, 30))).isoformat()
        else:
            flags.append("vague_deadline")
        stamp = uploaded.isoformat(timespec="seconds")
        return {"meeting_id": meeting_id, "ext_id": f"a{k}", "origin": "extracted",
                "task": rng.choice(TASKS).format(o=rng.choice(OBJECTS)), "owner_mention": mention,
                "owner_name": name, "owner_department": dept, "owner_match": match, "due_date": due,
                "deadline_vague": int(due is None), "deliverable": "方案文档", "source_line": 10 + k,
                "source_text": mention, "flags": json.dumps(flags), "status": "待开始", "progress": 0,
                "review": "accepted" if rng.random() < 0.6 else "pending", "created_at": stamp, "updated_at": stamp,
                "last_progress_at": stamp}

    def updates(self, item: dict, item_id: int) -> list[dict]:
        """Progress for one item: mostly done (on time or late), some blocked or delayed with a note."""
        rng = self.rng
        start = datetime.fromisoformat(item["created_at"])
        due = date.fromisoformat(item["due_date"]) if item["due_date"] else start.date() + timedelta(days=14)
        out, status = [], "待开始"
        r = rng.random()
        if r < 0.15:
            status = rng.choice(["受阻", "延期"])
            when = start + timedelta(days=rng.randint(1, 10))
            out.append({"item_id": item_id, "status": status, "progress": 30, "note": rng.choice(BLOCK_NOTES) or None,
                        "author": "bench", "at": when.isoformat(timespec="seconds")})
        if r < 0.7 or r >= 0.9:
            when = datetime.combine(due + timedelta(days=rng.randint(-5, 8)), start.time())
            if when > start:
                status = "已完成" if r < 0.7 else "已取消"
                out.append({"item_id": item_id, "status": status, "progress": 100 if status == "已完成" else 0,
                            "note": None, "author": "bench", "at": when.isoformat(timespec="seconds")})
        if out:
            item["status"], item["last_progress_at"] = status, out[-1]["at"]
        return out


def build(path: Path, meetings: int, items: int) -> dict:
    from tracker.store import open_store

    gen = Generator()
    started = time.perf_counter()
    with open_store(path, create=True) as store:
        db = store.db
        db["people"].insert_all(({"name": n, "department": d, "updated_at": "2024-01-01T00:00:00"}
                                 for n, d in gen.people), batch_size=1000)
        all_meetings, all_topics, all_items, all_updates = [], [], [], []
        for n in range(1, meetings + 1):
            day = date(2024, 1, 1) + timedelta(days=(n - 1) * 366 // meetings)
            m, topics, rows = gen.meeting(n, day, items - len(all_items), meetings - n + 1)
            all_meetings.append(m)
            all_topics += topics
            for row in rows:
                all_updates += gen.updates(row, len(all_items) + 1)
                all_items.append(row)
        with store.write():
            db["meetings"].insert_all(all_meetings, batch_size=2000)
            db["topics"].insert_all(all_topics, batch_size=2000)
            db["items"].insert_all(all_items, batch_size=2000)
            db["status_updates"].insert_all(all_updates, batch_size=2000)
    return {"meetings": len(all_meetings), "items": len(all_items), "updates": len(all_updates),
            "topics": len(all_topics), "seconds": time.perf_counter() - started}


def run_report(path: Path) -> tuple[float, object, int, int]:
    from tracker.quarters import parse_quarter
    from tracker.report import quarterly_report
    from tracker.report_render import render
    from tracker.store import open_store

    started = time.perf_counter()
    with open_store(path) as store:
        report = quarterly_report(store, parse_quarter("2024Q3"), date(2024, 10, 15))
    md, html = render(report, "md"), render(report, "html")
    return time.perf_counter() - started, report, len(md), len(html)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench_report_"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        path = work / "report.db"
        path.unlink(missing_ok=True)
        built = build(path, args.meetings, args.items)
        print(f"report: built {built['meetings']} meetings, {built['items']} items, {built['topics']} topics, "
              f"{built['updates']} status updates in {built['seconds']:.1f} s")
        elapsed, report, md_len, html_len = run_report(path)
        rec, total = report.recurring, report.health.total
        print(f"report 2024Q3: {report.meetings} meetings, {report.items} items, {rec.problems} problem mentions, "
              f"{len(rec.issues)} recurring issues ({len(rec.new)} new, {len(rec.persisting)} persisting, "
              f"{len(rec.gone)} gone), on-time {total.on_time}/{total.decided}; md {md_len} chars, html {html_len}")
        for issue in rec.issues[:8]:
            print(f"  {issue.mentions:5d}x {len(issue.meetings):4d} meetings  {issue.label}  [{'、'.join(issue.terms)}]")
        print(f"report: {elapsed:.2f} s  target <= 5 s [{'ok' if elapsed <= 5 else 'SLOW'}]")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
