"""Tracker throughput: ingest 500 generated minutes, then `todo --all` over 50,000 items.

    .venv/bin/python bench/bench_tracker.py [--docs 500] [--items 50000] [--keep DIR]

The minutes are Markdown written from one seeded random generator, varied the way
real 会议纪要 are: metadata as a list or a table, action items as a table, a
bullet list or sentences, named / titled / departmental / collective owners,
exact, relative and vague deadlines. They go through the real extraction
pipeline (`minutes.pipeline.extract_path`) when it works; otherwise through
minutes/v1 dicts built from the same content, and the output says which.
Targets: >= 30 docs/s after start-up; `todo --all` <= 2 s over 50,000 items.
"""
from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TOPICS = ["新品发布会筹备", "Q3 营销预算", "客户投诉流程优化", "官网改版", "供应链交付风险", "招聘计划",
          "数据安全整改", "年度客户大会", "移动端性能优化", "渠道返利政策", "门店数字化试点", "报销系统上线"]
VERBS = ["完成", "输出", "整理", "确认", "推进", "评审", "提交", "协调", "更新", "梳理", "对接", "准备"]
OBJECTS = ["主视觉初稿", "接口联调方案", "预算明细表", "压测报告", "用户调研问卷", "竞品分析", "合同审批",
           "供应商比价", "招聘JD", "漏洞修复", "培训材料", "活动执行方案", "数据看板", "需求说明书", "测试用例",
           "上线检查清单", "巡检表", "客户回访名单", "物料清单", "季度复盘"]
DELIVERABLES = ["方案文档", "评审纪要", "Excel明细", "汇报PPT", "测试报告", "3版设计稿", "上线公告", "", ""]
DISCUSSION = ["{dept}反馈{obj}存在延期风险，需要各方对齐口径。", "{name}介绍了{topic}进展，已完成约{pct}%。",
              "与会人员讨论了{obj}的优先级，{dept}建议先完成内部评审。", "上周遗留的{obj}已完成，无需跟进。"]


def load_people() -> list[tuple[str, str, str]]:
    path = REPO / "corpora" / "roster.csv"
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            return [(r["name"], r["department"], r.get("title") or "") for r in csv.DictReader(handle)]
    return [("张伟", "研发部", "工程师"), ("王芳", "设计部", "设计师"), ("李娜", "市场部", "市场经理"),
            ("孙浩", "测试部", "测试工程师"), ("陈静", "财务部", "财务主管")]


class Generator:
    """One seeded source of minutes, as Markdown text and as the matching minutes/v1 dict."""

    def __init__(self, seed: int = 20240710):
        self.rng = random.Random(seed)
        self.people = load_people()

    def _deadline(self, day: date) -> tuple[str, str | None, bool]:
        r = self.rng.random()
        due = day + timedelta(days=self.rng.randint(1, 30))
        if r < 0.45:
            return f"{due.month}月{due.day}日前", due.isoformat(), False
        if r < 0.6:
            return due.isoformat(), due.isoformat(), False
        if r < 0.72:
            friday = day + timedelta(days=(4 - day.weekday()) % 7 or 7)
            return "周五前", friday.isoformat(), False
        if r < 0.82:
            return f"{self.rng.randint(2, 5)}天内", None, False  # the pipeline resolves it; dicts leave it open
        return self.rng.choice(["尽快", "本周内", "待定", "近期"]), None, True

    def _owner(self) -> tuple[str, str | None, str | None, str]:
        name, dept, title = self.rng.choice(self.people)
        r = self.rng.random()
        if r < 0.7:
            return name, name, dept, "exact"
        if r < 0.8:
            return f"{dept}{name}", name, dept, "exact"
        if r < 0.9:
            return dept, None, None, "department"
        return self.rng.choice(["大家", "各部门", "相关部门"]), None, None, "collective"

    def meeting(self, n: int) -> dict:
        rng = self.rng
        day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 360))
        start = rng.choice(["09:30", "10:00", "14:00", "15:30"])
        end = (datetime.strptime(start, "%H:%M") + timedelta(minutes=rng.choice([45, 60, 90, 120]))).strftime("%H:%M")
        topic = rng.choice(TOPICS)
        organizer = rng.choice(self.people)[1]
        items = []
        for k in range(rng.randint(3, 9)):
            mention, name, dept, match = self._owner()
            deadline, due, vague = self._deadline(day)
            task = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}"
            items.append({"mention": mention, "name": name, "dept": dept, "match": match, "deadline": deadline,
                          "due": due, "vague": vague, "task": task, "deliverable": rng.choice(DELIVERABLES)})
        return {"n": n, "title": f"{topic}第{n}次例会", "date": day, "start": start, "end": end,
                "organizer": organizer, "topic": topic, "items": items,
                "recorder": rng.choice(self.people)[0], "attendees": rng.sample([p[0] for p in self.people], 5)}

    def markdown(self, m: dict) -> str:
        rng = self.rng
        lines = [f"# {m['title']}", ""]
        meta = [("会议时间", f"{m['date'].year}年{m['date'].month}月{m['date'].day}日 {m['start']}-{m['end']}"),
                ("发起部门", m["organizer"]), ("记录人", m["recorder"]), ("参会人员", "、".join(m["attendees"]))]
        if rng.random() < 0.5:
            lines += [f"- {k}：{v}" for k, v in meta]
        else:
            lines += ["| 项目 | 内容 |", "|---|---|"] + [f"| {k} | {v} |" for k, v in meta]
        lines += ["", f"## 议题一：{m['topic']}", ""]
        for _ in range(rng.randint(1, 3)):
            name, dept, _title = rng.choice(self.people)
            lines.append(rng.choice(DISCUSSION).format(dept=dept, name=name, topic=m["topic"],
                                                       obj=rng.choice(OBJECTS), pct=rng.randint(10, 90)))
        lines += ["", "## 行动项", ""]
        style = rng.random()
        if style < 0.5:
            lines += ["| 序号 | 任务描述 | 负责人 | 截止时间 | 交付成果 |", "|---|---|---|---|---|"]
            lines += [f"| {k} | {i['task']} | {i['mention']} | {i['deadline']} | {i['deliverable']} |"
                      for k, i in enumerate(m["items"], 1)]
        elif style < 0.8:
            lines += [f"{k}. {i['mention']}：{i['deadline']}{i['task']}" + (f"，交付{i['deliverable']}" if i["deliverable"] else "")
                      for k, i in enumerate(m["items"], 1)]
        else:
            lines += [f"- {i['mention']}负责{i['task']}，{i['deadline']}完成" + (f"，输出{i['deliverable']}。" if i["deliverable"] else "。")
                      for i in m["items"]]
        return "\n".join(lines) + "\n"

    def v1(self, m: dict, text: str) -> dict:
        import hashlib

        items = []
        for k, i in enumerate(m["items"], 1):
            flags = []
            if i["match"] in ("department", "collective"):
                flags.append("vague_owner")
            if not i["due"]:
                flags.append("vague_deadline" if i["vague"] else "missing_deadline")
            if not i["deliverable"]:
                flags.append("missing_deliverable")
            items.append({
                "id": f"a{k}", "topic": m["topic"], "task": i["task"],
                "owner": {"mention": i["mention"], "name": i["name"], "department": i["dept"], "match": i["match"],
                          "candidates": []},
                "collaborators": [],
                "deadline": {"mention": i["deadline"], "date": i["due"], "time": None, "vague": i["vague"],
                             "suggested": None},
                "deliverable": i["deliverable"] or None,
                "source": {"line": 10 + k, "text": f"{i['mention']}负责{i['task']}，{i['deadline']}完成"},
                "flags": flags,
            })
        return {
            "schema": "minutes/v1",
            "source": {"path": f"bench_{m['n']:05d}.md", "format": "markdown", "encoding": "utf-8",
                       "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
            "meeting": {"title": m["title"], "date": m["date"].isoformat(), "date_source": "metadata",
                        "start": m["start"], "end": m["end"], "location": None, "organizer": m["organizer"],
                        "departments": [m["organizer"]], "recorder": m["recorder"], "attendees": m["attendees"]},
            "topics": [{"title": m["topic"], "discussion": [], "consensus": [], "disagreements": []}],
            "action_items": items,
            "flags": [],
        }


def pipeline_problem(sample: Path, roster: Path) -> str | None:
    """None when the real pipeline extracts action items from a sample; else why not."""
    try:
        from minutes.pipeline import extract_path

        body = extract_path(sample, roster=roster)
    except Exception as exc:  # any failure means: fall back, and say why
        return f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
    return None if body.get("action_items") else "the pipeline found no action items in a sample"


def bench_ingest(work: Path, docs: int) -> None:
    from extract.roster import load_roster  # noqa: F401  (start-up cost, not measured)
    from tracker import people
    from tracker.ingest import ingest_extraction, ingest_files
    from tracker.store import open_store

    gen = Generator()
    src = work / "minutes"
    src.mkdir()
    meetings = [gen.meeting(n) for n in range(docs + 1)]
    texts = [gen.markdown(m) for m in meetings]
    paths = []
    for m, text in zip(meetings, texts):
        path = src / f"bench_{m['n']:05d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    roster = REPO / "corpora" / "roster.csv"
    problem = pipeline_problem(paths[0], roster) if roster.exists() else "no corpora/roster.csv"
    with open_store(work / "ingest.db", create=True) as store:
        if problem is None:
            ingest_files(store, paths[:1], roster_path=roster)  # start-up: models, dictionaries, roster
            started = time.perf_counter()
            results = ingest_files(store, paths[1:])
            how = "through the real pipeline (minutes.pipeline.extract_path)"
        else:
            people.upsert_people(store, [type("P", (), dict(name=n, department=d, title=t, aliases=(), email=None))
                                         for n, d, t in load_people()])
            bodies = [gen.v1(m, t) for m, t in zip(meetings, texts)]
            ingest_extraction(store, bodies[0])
            started = time.perf_counter()
            with store.write():
                results = [ingest_extraction(store, b) for b in bodies[1:]]
            how = f"through prebuilt minutes/v1 dicts (pipeline unavailable: {problem})"
        elapsed = time.perf_counter() - started
        items = store.db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    rate = len(results) / elapsed if elapsed else float("inf")
    print(f"ingest: {len(results)} docs {how}")
    print(f"ingest: {elapsed:.2f} s, {rate:.1f} docs/s ({items} items stored)  target >= 30 docs/s "
          f"[{'ok' if rate >= 30 else 'SLOW'}]")


def bench_todo(work: Path, target_items: int) -> None:
    from typer.testing import CliRunner

    from minutes.cli import app
    from tracker import people
    from tracker.ingest import ingest_extraction
    from tracker.store import open_store

    gen = Generator(seed=7)
    db = work / "todo.db"
    started = time.perf_counter()
    stored = 0
    with open_store(db, create=True) as store:
        people.upsert_people(store, [type("P", (), dict(name=n, department=d, title=t, aliases=(), email=None))
                                     for n, d, t in load_people()])
        with store.write():
            n = 0
            while stored < target_items:
                m = gen.meeting(n)
                m["items"] = (m["items"] * 2)[:10]  # ten items a meeting keeps the set-up short
                for k, item in enumerate(m["items"]):
                    item = dict(item, task=f"{item['task']}（{n}-{k}）")
                    m["items"][k] = item
                body = gen.v1(m, f"todo-{n}")
                ingest_extraction(store, body)
                stored += len(body["action_items"])
                n += 1
    print(f"todo: built {stored} items in {n} meetings in {time.perf_counter() - started:.1f} s")
    out = work / "todo_out"
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["todo", "--all", "--out", str(out), "--db", str(db), "--today", "2024-07-01"])
    elapsed = time.perf_counter() - started
    if result.exit_code != 0:
        print(f"todo: failed: {result.output} {getattr(result, 'stderr', '')}")
        raise SystemExit(1)
    files = len(list(out.iterdir()))
    print(f"todo --all: {elapsed:.2f} s for {stored} items, {files} files  target <= 2 s "
          f"[{'ok' if elapsed <= 2 else 'SLOW'}]")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench_tracker_"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bench_ingest(work, args.docs)
        bench_todo(work, args.items)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
