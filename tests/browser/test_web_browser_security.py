"""Hostile text stays text in a real browser, and owner accounts may update only their own items."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from .app_pages import MEETING_URL, card, flash, fresh_item, item_by_task, upload_text
from .documents import (DUE_SOON, OVERDUE, TODAY, XSS_ATTR, XSS_PASTE, XSS_SCRIPT, XSS_TITLE, minutes_docx,
                        write_roster)
from .server import run_cli, start_server

INJECTED = "img[src='x'], img[onerror], script:not([src])"


def _assert_inert(page) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator(INJECTED).count() == 0, page.locator(INJECTED).evaluate_all(
        "nodes => nodes.map(n => n.outerHTML)")


def test_pasted_markup_is_shown_as_text_everywhere(page, server, shoot):
    meeting_id = upload_text(page, server.url, XSS_PASTE)
    assert "已导入" in flash(page)
    _assert_inert(page)
    assert f"安全评审会{XSS_TITLE}" in page.locator("h1").inner_text()
    assert XSS_TITLE in page.title()
    with_script = item_by_task(server.db, meeting_id, f"清理模板 {XSS_SCRIPT} 完成")
    with_attr = item_by_task(server.db, meeting_id, f"修复输入框 {XSS_ATTR} 的转义问题，提交补丁")
    for item, markup in ((with_script, XSS_SCRIPT), (with_attr, XSS_ATTR)):
        article = card(page, item.id)
        assert markup in article.locator(".source blockquote").inner_text()
        assert article.locator("textarea[name=task]").input_value() == item.task
    shoot(page, "10-xss-meeting")

    for path in ("/meetings", "/items", "/dashboard", f"/people/{quote('张伟')}", f"/items/{with_attr.id}",
                 f"/meetings/{meeting_id}/history"):
        page.goto(server.url + path)
        _assert_inert(page)
    page.goto(f"{server.url}/items?meeting={meeting_id}")
    _assert_inert(page)
    assert XSS_SCRIPT in page.locator("table.items-table").inner_text()
    assert XSS_ATTR in page.locator("table.items-table").inner_text()


def test_reject_asks_first_and_cancel_keeps_the_item(page, watch, server):
    meeting_id = upload_text(page, server.url, "【周会】2024年11月22日\n行动项：\n王芳：下周一前提交首页改版方案\n")
    item = item_by_task(server.db, meeting_id, "提交首页改版方案")
    watch.expect_dialog("确定这不是行动项？")  # dismissed, as a hesitant reviewer would
    card(page, item.id).get_by_role("button", name="驳回").click()
    assert watch.dialogs == ["确定这不是行动项？"]
    assert MEETING_URL.search(page.url)  # dismissed: no request left the page
    assert fresh_item(server.db, item.id).review == "pending"


# --- accounts ---------------------------------------------------------------------------

PASSWORD = "correct-horse-42"


@pytest.fixture(scope="module")
def account_server(tmp_path_factory):
    """A second server whose database has accounts, so every request needs a login."""
    from tracker.ingest import ingest_files
    from tracker.people import import_roster
    from tracker.store import open_store

    workdir = tmp_path_factory.mktemp("accounts")
    db = workdir / "minutes.db"
    with open_store(db, create=True) as store:
        import_roster(store, write_roster(workdir / "roster.csv"))
        meeting_id = ingest_files(store, [minutes_docx(workdir / "周会.docx", title="交付周会纪要",
                                                       day="2024年11月18日")])[0].meeting_id
    run_cli("users", "add", "张伟", "--role", "owner", "--password-stdin", "--db", str(db),
            stdin=PASSWORD + "\n", cwd=workdir)
    running = start_server(db, today=TODAY, workdir=workdir)
    yield running, meeting_id
    running.stop()


def _log_in(page, base: str, name: str, password: str):
    page.goto(base + "/")
    page.wait_for_url(re.compile(r"/login\?next="))
    page.locator("input[name=name]").fill(name)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="登录").click()


def test_owner_updates_own_item_but_not_anothers(page, watch, account_server, shoot):
    server, meeting_id = account_server
    base, db = server.url, server.db
    own = item_by_task(db, meeting_id, DUE_SOON.task)  # 张伟's
    other = item_by_task(db, meeting_id, OVERDUE.task)  # 陈静's
    watch.allow_status(401, 403)

    _log_in(page, base, "张伟", "wrong-password")
    assert "用户名或密码错误" in page.locator("p.error").inner_text()
    _log_in(page, base, "张伟", PASSWORD)
    page.wait_for_url(f"{base}/people/{quote('张伟')}")
    assert page.locator("header .user").inner_text().startswith("张伟")
    assert page.get_by_role("link", name="上传纪要").count() == 0  # owners may not upload

    form = page.locator(f"article#item-{own.id} form.status-form")
    form.locator("select[name=status]").select_option("进行中")
    form.locator("input[name=progress]").fill("50")
    form.locator("input[name=note]").fill("压测环境已就绪")
    form.get_by_role("button", name="更新").click()
    page.locator("p.flash").wait_for()
    assert flash(page) == f"#{own.id} 进度已更新：进行中 50%"
    shoot(page, "11-owner-own-items")
    updated = fresh_item(db, own.id)
    assert (updated.status, updated.progress) == ("进行中", 50)
    from tracker.store import open_store

    with open_store(db) as store:
        author = store.db.execute("SELECT author FROM status_updates WHERE item_id = ? ORDER BY id DESC",
                                  [own.id]).fetchone()[0]
    assert author == "张伟"

    page.goto(f"{base}/items/{other.id}")
    assert page.locator("textarea[name=task]").count() == 0  # no review form for an owner
    assert page.locator("form.status-form").count() == 0  # nor a status form on another's item
    # The server refuses too: post the form anyway, with this session's valid CSRF token.
    status, body = page.evaluate("""async (url) => {
        const form = new URLSearchParams({csrf: document.body.dataset.csrf, status: "已完成", progress: "100"});
        const res = await fetch(url, {method: "POST", body: form, credentials: "same-origin"});
        return [res.status, await res.text()];
    }""", f"/items/{other.id}/status")
    assert status == 403 and "只能更新自己负责的行动项" in body
    shoot(page, "12-owner-other-item")
    assert fresh_item(db, other.id).status == "待开始"

    refused = page.goto(f"{base}/upload")
    assert refused.status == 403 and "无权" in page.locator("p.error").inner_text()
