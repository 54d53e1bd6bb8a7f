"""The quarterly report as one self-contained HTML page: inline CSS and SVG, nothing fetched.

All text from the minutes goes through `html.escape`; the page carries no script.
The font stack names the Chinese system fonts of each platform, and @media print
keeps tables and charts whole on paper.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, Sequence

from tracker import report_render as words
from tracker.report import Issue, Report
from tracker.report_health import Execution, Quality
from tracker.report_svg import Row, Segment, bar_chart

CHART_ROWS = 12

STYLE = """
:root { color-scheme: light; }
body { font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #1f2328; background: #fff; margin: 0 auto; max-width: 1040px; padding: 24px 28px; line-height: 1.6; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 2px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 1.08em; margin-top: 1.4em; }
.scope, .note { color: #57606a; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: .92em; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.issue { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px; margin: 12px 0; }
.issue h3 { margin: 4px 0; }
.tag { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: .85em; margin-right: 4px; }
.tag.new { background: #ffebe9; color: #a40e26; } .tag.persisting { background: #fff8c5; color: #7d4e00; }
.tag.gone { background: #dafbe1; color: #116329; }
blockquote { margin: 4px 0; padding: 2px 10px; border-left: 3px solid #d0d7de; color: #24292f; }
.src { color: #57606a; font-size: .88em; }
svg.chart { max-width: 720px; display: block; margin: 8px 0 16px; font-size: 12px; }
svg.chart text { fill: #24292f; font-family: inherit; }
svg.chart .track { fill: #f1f3f5; }
.bar-new { fill: #cf222e; } .bar-persisting { fill: #d4a72c; } .bar-done { fill: #2da44e; }
.bar-open { fill: #8c959f; } .bar-late { fill: #cf222e; } .bar-rate { fill: #0969da; } .bar-owner { fill: #bf8700; }
.bar-deadline { fill: #8250df; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, table, .issue, svg.chart { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .tag, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg.chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _e(text) -> str:
    return escape("" if text is None else str(text), quote=True)


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric_from: int = 1) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(
            f'<td class="num">{_e(c)}</td>' if n >= numeric_from else f"<td>{_e(c)}</td>"
            for n, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _issue(n: int, issue: Issue) -> str:
    trend = words.TREND[issue.trend]
    if issue.trend == "persisting":
        trend += f"（上季度 {issue.previous_meetings} 场、{issue.previous_mentions} 次）"
    quotes = "".join(
        f"<blockquote>{_e(words.quote(m))}<div class=\"src\">—— {_e(words.where(m))}</div></blockquote>"
        for m in issue.examples)
    meetings = words.meetings(issue, limit=12)
    return (f'<section class="issue"><h3>{n}. {_e(issue.label)} <span class="tag {_e(issue.trend)}">{_e(trend)}'
            f"</span></h3><p>类型：{_e(words.kinds(issue))}；关键词：{_e('、'.join(issue.terms) or '—')}<br>"
            f"出现 {issue.mentions} 次，{len(issue.meetings)} 场会议，{_e(issue.first_seen)} 至 {_e(issue.last_seen)}；"
            f"部门：{_e(words.departments(issue, limit=8))}<br>会议：{_e(meetings)}</p>{quotes}</section>")


def _issue_chart(issues: Sequence[Issue]) -> str:
    rows = [Row(i.label, (Segment(i.mentions, f"bar-{i.trend}", f"{i.mentions} 次"),),
                f"{i.mentions} 次 / {len(i.meetings)} 场") for i in issues[:CHART_ROWS]]
    return bar_chart(rows, title="高频问题出现次数", legend=(("新出现", "bar-new"), ("持续", "bar-persisting")))


def _execution_chart(rows: Sequence[Execution]) -> str:
    bars = []
    for e in rows[:CHART_ROWS]:
        on_time_or_done = e.done
        open_ok = max(e.open - e.open_overdue, 0)
        bars.append(Row(e.name, (Segment(on_time_or_done, "bar-done", f"已完成 {e.done}"),
                                 Segment(open_ok, "bar-open", f"未到期/无截止 {open_ok}"),
                                 Segment(e.open_overdue, "bar-late", f"仍逾期 {e.open_overdue}")),
                        f"按时 {words.percent(e.on_time_rate)}"))
    return bar_chart(bars, title="各部门行动项状态", legend=(("已完成", "bar-done"), ("未关闭", "bar-open"),
                                                              ("仍逾期", "bar-late")))


def _rate_chart(rows: Sequence[Execution]) -> str:
    bars = [Row(e.name, (Segment(e.on_time_rate or 0, "bar-rate", words.percent(e.on_time_rate)),),
                f"{words.percent(e.on_time_rate)} ({e.on_time}/{e.decided})")
            for e in rows[:CHART_ROWS] if e.decided]
    return bar_chart(bars, title="各部门按时完成率", scale=1.0)


def _quality_chart(rows: Sequence[Quality], title: str) -> str:
    bars = [Row(q.name, (Segment(q.vague_owner_share or 0, "bar-owner", f"负责人不明确 {words.percent(q.vague_owner_share)}"),
                         Segment(q.vague_deadline_share or 0, "bar-deadline",
                                 f"截止时间模糊 {words.percent(q.vague_deadline_share)}")),
                f"{words.percent(q.vague_owner_share)} / {words.percent(q.vague_deadline_share)}")
            for q in rows[:CHART_ROWS] if q.items]
    return bar_chart(bars, title=title, scale=2.0,
                     legend=(("负责人不明确占比", "bar-owner"), ("截止时间模糊占比", "bar-deadline")))


def html_report(report: Report) -> str:
    """A standalone page: styles inline, so the file can be mailed or printed as is."""
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(words.title(report))}</title><style>{STYLE}</style></head><body>"
            f"{html_body(report)}</body></html>\n")


def html_body(report: Report) -> str:
    """The report's content without page chrome (the web app wraps it in its own layout)."""
    head = f"<h1>{_e(words.title(report))}</h1>"
    if report.empty:
        return head + f'<p class="scope">{_e(words.empty_message(report))}</p>'
    body = [f'<p class="scope">{_e(words.scope(report))}。</p>']
    if report.undated_meetings:
        body.append(f'<p class="note">另有 {report.undated_meetings} 场会议没有日期，未计入。</p>')
    r, h = report.recurring, report.health
    body += ["<h2>一、高频问题（2 场及以上会议出现）</h2>", f"<p>{_e(words.summary(report))}</p>"]
    if r.issues:
        body.append(_issue_chart(r.issues))
        body += [_issue(n, i) for n, i in enumerate(r.issues, 1)]
    else:
        body.append("<p>本季度没有在两场以上会议中反复出现的问题。</p>")
    if r.topics:
        body.append("<h3>反复出现的议题</h3>")
        body.append(_table(("议题", "会议数", "首次", "最近", "与上季度"), (
            [i.label, len(i.meetings), i.first_seen, i.last_seen, words.TREND[i.trend]] for i in r.topics)))
    if r.gone:
        body.append("<h3>上季度高频、本季度未再出现</h3>")
        body.append(_table(("问题", "上季度次数", "上季度会议数", "最后出现"), (
            [i.label, i.mentions, len(i.meetings), i.last_seen] for i in r.gone)))
    body += ["<h2>二、执行情况</h2>", f"<p>{_e(words.health_line(h.total))}</p>",
             _execution_chart(h.by_department), _rate_chart(h.by_department), "<h3>按负责人部门</h3>",
             _table(("部门", *words.EXECUTION_HEAD), ([e.name, *words.execution_cells(e)] for e in h.by_department)),
             "<h3>按负责人</h3>",
             _table(("负责人", *words.EXECUTION_HEAD), ([e.name, *words.execution_cells(e)] for e in h.by_owner))]
    body += ["<h2>三、纪要质量</h2>", f"<p>{_e(words.quality_line(h.quality_total))}</p>",
             "<h3>按记录人</h3>", _quality_chart(h.by_recorder, "各记录人纪要中模糊项占比"),
             _table(("记录人", *words.QUALITY_HEAD), ([q.name, *words.quality_cells(q)] for q in h.by_recorder)),
             "<h3>按组织部门</h3>", _quality_chart(h.by_organizer, "各组织部门纪要中模糊项占比"),
             _table(("组织部门", *words.QUALITY_HEAD), ([q.name, *words.quality_cells(q)] for q in h.by_organizer))]
    if h.late_uploads:
        body.append("<h3>迟交的纪要（会后 2 小时内未上传）</h3>")
        body.append(_table(("会议", "日期", "记录人", "上传时间", "超时"), (
            [u.title or f"会议#{u.meeting_id}", u.date, u.recorder or "—", u.uploaded_at.replace("T", " "),
             words.lateness(u.hours_late)] for u in h.late_uploads), numeric_from=4))
    return head + "".join(body)
