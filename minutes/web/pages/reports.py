"""The quarterly report page and the due-soon / overdue / escalated dashboard."""
from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from minutes.web.views import Ctx, page
from tracker.quarters import Quarter, parse_quarter
from tracker.remind import reminders


def _quarter_of(day) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def _quarters(ctx: Ctx) -> list[Quarter]:
    days = [r[0] for r in ctx.store.db.execute(
        "SELECT DISTINCT substr(date, 1, 7) FROM meetings WHERE date IS NOT NULL AND date != '' ORDER BY 1 DESC")]
    seen: list[Quarter] = []
    for month in days:
        q = Quarter(int(month[:4]), (int(month[5:7]) - 1) // 3 + 1)
        if q not in seen:
            seen.append(q)
    return seen


def _default_quarter(known: list[Quarter], current: Quarter) -> Quarter:
    """This quarter when it has meetings, else the latest one before it that has, else this one."""
    key = lambda q: (q.year, q.number)  # noqa: E731
    past = [q for q in known if key(q) <= key(current)]
    return current if current in known or not past else past[0]


@page("reports")
def report(ctx: Ctx):
    from tracker.report import quarterly_report
    from tracker.report_html import html_body

    known = _quarters(ctx)
    asked = ctx.request.query_params.get("quarter")
    quarter = parse_quarter(asked) if asked else _default_quarter(known, _quarter_of(ctx.today))
    result = quarterly_report(ctx.store, quarter, as_of=ctx.today)
    fmt = ctx.request.query_params.get("format")
    if fmt in ("md", "html"):
        from tracker.report_render import render

        text = render(result, fmt)
        kind = "text/markdown" if fmt == "md" else "text/html"
        return Response(text, media_type=f"{kind}; charset=utf-8", headers={
            "content-disposition": f'attachment; filename="report-{quarter.label}.{fmt}"'})
    return ctx.page("report.html", body=html_body(result), quarter=quarter, quarters=known)


@page("dashboard")
def dashboard(ctx: Ctx):
    from tracker.queries import NEEDS_FIX, ItemFilter, count_items

    rem = reminders(ctx.store, ctx.today)
    totals = {k: sum(len(getattr(b, k)) for b in rem.departments) for k in ("due_soon", "overdue", "escalate")}
    needs_fix = count_items(ctx.store, ItemFilter(flag=NEEDS_FIX), ctx.today)
    return ctx.page("dashboard.html", reminders=rem, totals=totals, needs_fix=needs_fix)


def report_css(request):
    from tracker.report_html import STYLE

    return Response(STYLE, media_type="text/css; charset=utf-8")


ROUTES = [
    Route("/report", report),
    Route("/dashboard", dashboard),
    Route("/static/report.css", report_css),
]
