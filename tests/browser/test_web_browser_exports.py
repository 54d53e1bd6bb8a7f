"""An owner's calendar and spreadsheet downloads, the quarterly report and the dashboard, in Chromium."""
from __future__ import annotations

from datetime import date
from urllib.parse import quote

from .app_pages import item_by_task
from .documents import DUE_SOON, OVERDUE


def test_owner_ics_and_xlsx_downloads(page, server, review_meeting, shoot, tmp_path):
    item = item_by_task(server.db, review_meeting, OVERDUE.task)  # 陈静, due 2024-11-22
    page.goto(f"{server.url}/people/{quote('陈静')}")
    assert page.locator("h1").inner_text() == "陈静 的待办事项"
    assert page.locator(f"article#item-{item.id}").filter(has_text=OVERDUE.task).count() == 1
    shoot(page, "07-person")

    with page.expect_download() as got:
        page.get_by_role("link", name="日历 .ics").click()
    download = got.value
    assert download.suggested_filename == "陈静.ics"
    from icalendar import Calendar

    calendar = Calendar.from_ical(download.path().read_bytes())
    todos = [c for c in calendar.walk("VTODO") if str(c.get("summary")) == OVERDUE.task]
    assert len(todos) == 1
    assert todos[0].decoded("due") == date(2024, 11, 22)
    assert f"#{item.id}" in str(todos[0].get("description"))
    events = [c for c in calendar.walk("VEVENT") if str(c.get("summary")) == f"截止：{OVERDUE.task}"]
    assert len(events) == 1 and events[0].decoded("dtstart") == date(2024, 11, 22)

    with page.expect_download() as got:
        page.get_by_role("link", name="表格 .xlsx").click()
    download = got.value
    assert download.suggested_filename == "陈静.xlsx"
    from openpyxl import load_workbook

    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    mine = [row for row in rows[1:] if OVERDUE.task in row]
    assert len(mine) == 1
    assert item.id in mine[0]
    # The deadline is a real date cell, not text.
    assert [v.date() for v in mine[0] if hasattr(v, "date")] == [date(2024, 11, 22)]


def test_quarterly_report_page(page, server, review_meeting, shoot):
    page.goto(f"{server.url}/report?quarter=2024Q4")
    assert page.locator("article.report h1").inner_text() == "2024年第四季度高频问题分析与执行情况（2024Q4）"
    assert "2024-10-01 至 2024-12-31" in page.locator("article.report p.scope").inner_text()
    assert page.locator("select[name=quarter] option:checked").get_attribute("value") == "2024Q4"
    assert page.locator("article.report h2").count() >= 2  # findings and execution sections
    shoot(page, "08-report")

    page.get_by_role("link", name="季度报告").click()  # the nav link: latest quarter with meetings
    assert "（2024Q4）" in page.locator("article.report h1").inner_text()


def test_dashboard_lists_due_soon_and_escalated(page, server, review_meeting, shoot):
    late = item_by_task(server.db, review_meeting, OVERDUE.task)
    soon = item_by_task(server.db, review_meeting, DUE_SOON.task)
    page.goto(server.url + "/")  # local mode: home is the dashboard
    page.wait_for_url(server.url + "/dashboard")
    assert "2024-11-25" in page.locator("h1").inner_text()
    for kind in ("due_soon", "overdue", "escalate"):
        assert int(page.locator(f"a.card.{kind} strong").inner_text()) >= 1
    for details in page.locator("table.dashboard details").all():
        details.locator("summary").click()
    escalated = page.locator("table.dashboard li").filter(has=page.locator("span.tag.escalate"))
    assert escalated.filter(has_text=f"#{late.id}").filter(has_text="陈静").count() == 1
    due_soon = page.locator("table.dashboard li").filter(has=page.locator("span.tag.due_soon"))
    assert due_soon.filter(has_text=f"#{soon.id}").filter(has_text="张伟").count() == 1
    shoot(page, "09-dashboard")

    page.locator("a.card.escalate").click()
    page.wait_for_url(f"{server.url}/items?flag=escalate")
    rows = page.locator("table.items-table tbody tr")
    assert rows.filter(has=page.locator(f"a[href='/items/{late.id}']")).count() == 1
    assert rows.count() == rows.filter(has=page.locator("span.tag.escalate")).count()
