"""Upload a .docx in Chromium, then fix a vague owner and a vague deadline the way a reviewer would."""
from __future__ import annotations

import re

import pytest

from .app_pages import card, corrections, flash, fresh_item, item_by_task, set_author, upload_file
from .documents import DUE_SOON, OVERDUE, ROWS, VAGUE_DEADLINE, VAGUE_OWNER, minutes_docx


def _field(article, name: str):
    """The .field box around the input called `name` in an item card."""
    return article.locator(".field").filter(has=article.page.locator(f"[name={name}]"))


def test_upload_docx_shows_items_beside_source_and_flags(page, server, workdir, shoot):
    path = minutes_docx(workdir / "支付系统迭代评审会纪要.docx", title="支付系统迭代评审会纪要", day="2024年11月20日")
    page.goto(server.url + "/upload")
    page.locator("input#file").set_input_files(str(path))
    assert page.locator("#drop-files").inner_text() == path.name  # app.js shows the chosen file
    shoot(page, "01-upload-form")

    meeting_id = upload_file(page, server.url, path)

    assert re.search(r"已导入：新增 4 条.*2 条需要修改", flash(page))
    assert page.locator("h1").inner_text() == "支付系统迭代评审会纪要"
    assert "2024-11-20" in page.locator("section.meta-grid").inner_text()
    assert "2 条需要修改" in page.locator("section.items h2").inner_text()
    for row in ROWS:  # every row: its fields beside the table row it came from
        item = item_by_task(server.db, meeting_id, row.task)
        article = card(page, item.id)
        assert article.locator("textarea[name=task]").input_value() == row.task
        source = article.locator(".source blockquote").inner_text()
        assert row.task in source and row.owner in source and row.deadline in source

    owner_item = item_by_task(server.db, meeting_id, VAGUE_OWNER.task)
    assert owner_item.owner_name is None and "vague_owner" in owner_item.flags
    owner_card = card(page, owner_item.id)
    assert "needs-fix" in owner_card.get_attribute("class")
    owner_field = _field(owner_card, "owner")
    assert "flagged" in owner_field.get_attribute("class")
    reason = owner_field.locator("p.reason[data-flag=vague_owner]").inner_text()
    assert "研发部" in reason and "是部门" in reason
    assert "flagged" not in _field(owner_card, "due_date").get_attribute("class")

    due_item = item_by_task(server.db, meeting_id, VAGUE_DEADLINE.task)
    assert due_item.due_date is None and "vague_deadline" in due_item.flags
    due_field = _field(card(page, due_item.id), "due_date")
    assert "flagged" in due_field.get_attribute("class")
    reason = due_field.locator("p.reason[data-flag=vague_deadline]").inner_text()
    assert "尽快" in reason and "不是日期" in reason
    assert due_field.locator("input[type=date]").input_value() == ""
    assert "原文：“尽快”" in due_field.inner_text()

    # Tracker flags follow --today 2024-11-25: 11-22 is three days late, 11-26 is tomorrow.
    late_card = card(page, item_by_task(server.db, meeting_id, OVERDUE.task).id)
    assert "needs-fix" not in late_card.get_attribute("class")
    assert late_card.locator("p.reason[data-flag=escalate]").count() == 1
    soon_card = card(page, item_by_task(server.db, meeting_id, DUE_SOON.task).id)
    assert soon_card.locator("p.reason[data-flag=due_soon]").count() == 1
    shoot(page, "02-meeting-after-upload")


def test_fix_vague_owner_with_pinyin_picker(page, server, review_meeting, shoot):
    item = item_by_task(server.db, review_meeting, VAGUE_OWNER.task)
    page.goto(f"{server.url}/meetings/{review_meeting}")
    set_author(page, "何佳")
    assert "之后的修改记录在“何佳”名下" in flash(page)

    article = card(page, item.id)
    owner = article.locator("input.owner-picker[name=owner]")
    assert owner.input_value() == "研发部"
    owner.fill("")
    owner.press_sequentially("ly", delay=30)  # pinyin initials, as a reviewer types them
    choices = article.locator("ul.picker-list li")
    choices.filter(has_text="林燕").wait_for()
    names = sorted(choices.evaluate_all("items => items.map(li => li.dataset.name)"))
    assert names == ["刘洋", "林燕"]
    shoot(page, "03-owner-picker")
    choices.filter(has_text="刘洋").click()
    assert owner.input_value() == "刘洋"
    assert article.locator("ul.picker-list").is_hidden()
    article.get_by_role("button", name="保存修改").click()

    page.wait_for_url(re.compile(rf"/meetings/{review_meeting}#item-{item.id}$"))
    assert flash(page) == f"#{item.id} 已保存"
    article = card(page, item.id)
    assert article.locator("input[name=owner]").input_value() == "刘洋"
    assert "flagged" not in _field(article, "owner").get_attribute("class")
    assert article.locator("p.reason[data-flag=vague_owner]").count() == 0
    shoot(page, "04-owner-fixed")

    saved = fresh_item(server.db, item.id)
    assert saved.owner_name == "刘洋" and saved.owner_department == "研发部"
    assert "vague_owner" not in saved.flags
    audit = [c for c in corrections(server.db, item.id) if c["field"] == "owner"]
    assert audit and audit[-1]["new"] == "刘洋" and audit[-1]["author"] == "何佳"

    page.get_by_role("link", name="修改记录").click()
    page.wait_for_url(f"{server.url}/meetings/{review_meeting}/history")
    rows = page.locator("table.history tbody tr").filter(has_text=VAGUE_OWNER.task).filter(has_text="刘洋")
    assert rows.count() == 1
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[1] == "何佳" and cells[5] == "刘洋" and "研发部" in cells[4]
    shoot(page, "05-history")


def test_owner_picker_list_opens_below_its_input(page, server, review_meeting):
    item = item_by_task(server.db, review_meeting, OVERDUE.task)
    page.goto(f"{server.url}/meetings/{review_meeting}#item-{item.id}")
    owner = card(page, item.id).locator("input.owner-picker")
    owner.fill("")
    owner.press_sequentially("zw", delay=30)
    listed = card(page, item.id).locator("ul.picker-list")
    listed.locator("li", has_text="张伟").wait_for()
    box, under = owner.bounding_box(), listed.bounding_box()
    assert under["y"] >= box["y"] + box["height"] - 1, f"list {under} overlaps input {box}"


def test_fix_vague_deadline_with_date_input(page, server, review_meeting, shoot):
    item = item_by_task(server.db, review_meeting, VAGUE_DEADLINE.task)
    page.goto(f"{server.url}/meetings/{review_meeting}#item-{item.id}")
    article = card(page, item.id)
    article.locator("input[type=date][name=due_date]").fill("2024-11-29")
    article.locator("input[name=reason]").fill("与王芳确认为周五")
    article.get_by_role("button", name="保存修改").click()

    page.wait_for_url(re.compile(rf"/meetings/{review_meeting}#item-{item.id}$"))
    assert flash(page) == f"#{item.id} 已保存"
    article = card(page, item.id)
    assert article.locator("input[name=due_date]").input_value() == "2024-11-29"
    due_field = _field(article, "due_date")
    assert "flagged" not in due_field.get_attribute("class")
    assert due_field.locator("p.reason").count() == 0
    assert "needs-fix" not in article.get_attribute("class")
    shoot(page, "06-deadline-fixed")

    saved = fresh_item(server.db, item.id)
    assert saved.due_date == "2024-11-29"
    assert "vague_deadline" not in saved.flags
    audit = [c for c in corrections(server.db, item.id) if c["new"] and "2024-11-29" in c["new"]]
    assert audit and audit[-1]["reason"] == "与王芳确认为周五"
