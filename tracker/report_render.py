"""The quarterly report as Markdown (for pasting into chat) or HTML (tracker.report_html).

Text from the minutes is untrusted: in Markdown it is flattened to one line and
the characters that would start markup, links or HTML are backslash-escaped.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from tracker.report import Issue, Mention, Report
from tracker.report_data import cues
from tracker.report_health import Execution, Quality

FORMATS = ("md", "html")
TREND = {"new": "新出现", "persisting": "持续", "gone": "已消失"}
SOURCE = {"topic": "议题", "discussion": "讨论", "consensus": "共识", "disagreement": "分歧", "status": "进度备注"}
MD_OWNER_ROWS = 20  # chat messages get long; the HTML report lists every owner
MD_DETAILS = 10  # issues described in full in Markdown (all of them are in its table)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def render(report: Report, fmt: str = "md") -> str:
    if fmt == "html":
        from tracker.report_html import html_report

        return html_report(report)
    return markdown_report(report)


# --- shared wording ----------------------------------------------------------------


def title(report: Report) -> str:
    return f"{report.quarter.label_zh}高频问题分析与执行情况（{report.quarter.label}）"


def scope(report: Report) -> str:
    q = report.quarter
    return (f"统计范围 {q.start.isoformat()} 至 {q.end.isoformat()}，数据截至 {report.as_of.isoformat()}；"
            f"会议 {report.meetings} 场，行动项 {report.items} 条")


def empty_message(report: Report) -> str:
    q = report.quarter
    text = (f"{q.label_zh}（{q.start.isoformat()} 至 {q.end.isoformat()}）没有会议记录，无可统计内容。"
            f" / No meetings in {q.label}: nothing to report.")
    if report.undated_meetings:
        text += f" 另有 {report.undated_meetings} 场会议没有日期，不计入任何季度。"
    return text


def percent(value: Optional[float]) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def lateness(hours: Optional[float]) -> str:
    if hours is None:
        return "—"
    return f"{hours:g} 小时" if hours < 48 else f"{hours / 24:.1f} 天"


def days(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:g} 天"


def kinds(issue: Issue) -> str:
    return "、".join(cues().label(k) for k in issue.kinds)


def departments(issue: Issue, limit: int = 4) -> str:
    parts = [f"{name}({n})" for name, n in issue.departments[:limit]]
    if len(issue.departments) > limit:
        parts.append(f"等{len(issue.departments)}个")
    return "、".join(parts) or "—"


def meetings(issue: Issue, limit: int = 6) -> str:
    """The first meetings that raised it, then how many more."""
    names = [" ".join(p for p in (day, name or f"会议#{mid}") if p) for mid, name, day in issue.meetings[:limit]]
    more = len(issue.meetings) - limit
    return "；".join(names) + (f" 等 {len(issue.meetings)} 场" if more > 0 else "")


def where(m: Mention) -> str:
    parts = [m.meeting_title or "未命名会议", m.meeting_date]
    if m.line:
        parts.append(f"第{m.line}行")
    parts.append(SOURCE.get(m.source, m.source))
    if m.source == "status" and m.seen != m.meeting_date:
        parts.append(f"{m.seen} 更新")
    return " · ".join(p for p in parts if p)


def quote(m: Mention) -> str:
    if m.source == "status" and m.context:
        return f"{m.text}（任务：{m.context}）"
    if m.source == "status":
        return f"[{cues().label(m.kind)}] {m.text}"
    return m.text


def summary(report: Report) -> str:
    r = report.recurring
    text = (f"本季度共记录问题 {r.problems} 条，其中 {len(r.issues)} 个问题在 2 场及以上会议中反复出现"
            f"（新出现 {len(r.new)} 个，上季度已出现 {len(r.persisting)} 个）")
    if r.gone:
        text += f"；上季度的 {len(r.gone)} 个高频问题本季度未再出现"
    return text + f"；另有 {r.single} 个问题只在一场会议中出现。"


def health_line(total: Execution) -> str:
    return (f"新建 {total.created} 条，已完成 {total.done} 条，取消 {total.cancelled} 条，未关闭 {total.open} 条；"
            f"逾期 {total.overdue} 条（其中仍未完成 {total.open_overdue} 条），升级（逾期≥3天）{total.escalated} 条；"
            f"按时完成率 {percent(total.on_time_rate)}（{total.on_time}/{total.decided}），"
            f"关闭用时中位数 {days(total.median_days_to_close)}；无明确截止日期 {total.no_due_date} 条。")


EXECUTION_HEAD = ("新建", "完成", "逾期", "仍逾期", "升级", "按时完成率", "关闭用时中位数")
QUALITY_HEAD = ("会议", "行动项", "负责人不明确", "占比", "截止时间模糊", "占比", "迟交纪要", "迟交率")


def execution_cells(e: Execution) -> list[str]:
    rate = f"{percent(e.on_time_rate)} ({e.on_time}/{e.decided})" if e.decided else "—"
    return [str(e.created), str(e.done), str(e.overdue), str(e.open_overdue), str(e.escalated), rate,
            days(e.median_days_to_close)]


def quality_cells(q: Quality) -> list[str]:
    return [str(q.meetings), str(q.items), str(q.vague_owner), percent(q.vague_owner_share),
            str(q.vague_deadline), percent(q.vague_deadline_share), str(q.late_uploads), percent(q.late_share)]


# --- Markdown ----------------------------------------------------------------------


def md(text) -> str:
    """Untrusted text as one line of inert Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text if text is not None else "").split()))


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(head)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(rows_cell for rows_cell in row) + " |" for row in rows]
    return lines + [""]


def _md_issue(n: int, issue: Issue) -> list[str]:
    lines = [f"### {n}. {md(issue.label)}", ""]
    trend = TREND[issue.trend]
    if issue.trend == "persisting":
        trend += f"（上季度 {issue.previous_meetings} 场会议、{issue.previous_mentions} 次）"
    lines.append(f"- 类型：{md(kinds(issue))}；关键词：{md('、'.join(issue.terms)) or '—'}；与上季度相比：{trend}")
    lines.append(f"- 出现 {issue.mentions} 次，{len(issue.meetings)} 场会议，{issue.first_seen} 至 {issue.last_seen}；"
                 f"部门：{md(departments(issue, limit=8))}")
    lines.append(f"- 会议：{md(meetings(issue))}")
    lines.append("- 例句：")
    lines += [f"  - “{md(quote(m))}” —— {md(where(m))}" for m in issue.examples]
    return lines + [""]


def markdown_report(report: Report) -> str:
    lines = [f"# {md(title(report))}", ""]
    if report.empty:
        return "\n".join(lines + [md(empty_message(report)), ""])
    lines += [scope(report) + "。", ""]
    if report.undated_meetings:
        lines += [f"> 另有 {report.undated_meetings} 场会议没有日期，未计入。", ""]
    r = report.recurring
    lines += ["## 一、高频问题（2 场及以上会议出现）", "", summary(report), ""]
    if r.issues:
        lines += _table(("#", "问题", "类型", "次数", "会议数", "部门", "首次", "最近", "与上季度"), (
            [str(n), md(i.label), md(kinds(i)), str(i.mentions), str(len(i.meetings)), md(departments(i)),
             i.first_seen, i.last_seen, TREND[i.trend]] for n, i in enumerate(r.issues, 1)))
        for n, issue in enumerate(r.issues[:MD_DETAILS], 1):
            lines += _md_issue(n, issue)
        if len(r.issues) > MD_DETAILS:
            lines += [f"（其余 {len(r.issues) - MD_DETAILS} 个问题的例句见 HTML 报告）", ""]
    else:
        lines += ["本季度没有在两场以上会议中反复出现的问题。", ""]
    if r.topics:
        lines += ["### 反复出现的议题", ""]
        lines += _table(("议题", "会议数", "首次", "最近", "与上季度"), (
            [md(i.label), str(len(i.meetings)), i.first_seen, i.last_seen, TREND[i.trend]] for i in r.topics))
    if r.gone:
        lines += ["### 上季度高频、本季度未再出现", ""]
        lines += _table(("问题", "上季度次数", "上季度会议数", "最后出现"), (
            [md(i.label), str(i.mentions), str(len(i.meetings)), i.last_seen] for i in r.gone))
    h = report.health
    lines += ["## 二、执行情况", "", health_line(h.total), ""]
    lines += ["### 按负责人部门", ""]
    lines += _table(("部门", *EXECUTION_HEAD), ([md(e.name), *execution_cells(e)] for e in h.by_department))
    lines += ["### 按负责人", ""]
    lines += _table(("负责人", *EXECUTION_HEAD),
                    ([md(e.name), *execution_cells(e)] for e in h.by_owner[:MD_OWNER_ROWS]))
    if len(h.by_owner) > MD_OWNER_ROWS:
        lines += [f"（其余 {len(h.by_owner) - MD_OWNER_ROWS} 位负责人见 HTML 报告）", ""]
    lines += ["## 三、纪要质量", "", quality_line(h.quality_total), ""]
    lines += ["### 按记录人", ""]
    lines += _table(("记录人", *QUALITY_HEAD), ([md(q.name), *quality_cells(q)] for q in h.by_recorder))
    lines += ["### 按组织部门", ""]
    lines += _table(("组织部门", *QUALITY_HEAD), ([md(q.name), *quality_cells(q)] for q in h.by_organizer))
    if h.late_uploads:
        lines += ["### 迟交的纪要（会后 2 小时内未上传）", ""]
        lines += _table(("会议", "日期", "记录人", "上传时间", "超时"), (
            [md(u.title or f"会议#{u.meeting_id}"), u.date, md(u.recorder or "—"), u.uploaded_at.replace("T", " "),
             lateness(u.hours_late)] for u in h.late_uploads))
    return "\n".join(lines).rstrip() + "\n"


def quality_line(q: Quality) -> str:
    return (f"{q.items} 条行动项中，负责人不明确 {q.vague_owner} 条（{percent(q.vague_owner_share)}），"
            f"截止时间模糊 {q.vague_deadline} 条（{percent(q.vague_deadline_share)}）；"
            f"{q.meetings} 场会议中迟交纪要 {q.late_uploads} 场（{percent(q.late_share)}）。")
