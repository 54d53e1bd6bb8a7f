"""Security of `minutes serve`: escaping, CSRF, roles, sessions, Host check, limits, loopback default."""
from __future__ import annotations

import re

import pytest

from minutes.errors import BadInput
from minutes.web.config import is_loopback
from minutes.web.server import build_config
from tracker.store import open_store
from web_support import MINUTES, add_user, client, csrf, items_by_task, login, make_db

XSS_TASK = '<script>alert(1)</script>核对"><img src=x onerror=alert(2)>报价单'
XSS_OWNER = "张伟\" onmouseover=\"alert(3)"


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path)


def _count(db, table: str) -> int:
    with open_store(db) as store:
        return store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# --- untrusted minutes text ---------------------------------------------------------


def test_script_and_attribute_breaking_text_is_rendered_inert(tmp_path):
    minutes = ("产品周会会议纪要\n会议时间：2024年11月20日\n记录人：何佳\n\n"
               "讨论：<script>alert('topic')</script>接口联调进度落后。\n\n行动项：\n"
               f"1. {XSS_TASK}，王芳负责，11月22日前完成。\n2. 张伟尽快提交性能测试报告。\n")
    db = make_db(tmp_path, minutes=minutes, name="纪要.txt")
    http = client(db)
    with open_store(db) as store:  # the payload really reached the tracker
        assert store.db.execute("SELECT COUNT(*) FROM items WHERE task LIKE '%<script>%'").fetchone()[0] == 1
    for url in ("/meetings/1", "/items", "/items?flag=overdue", "/people/王芳", "/dashboard", "/meetings"):
        html = http.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert not re.search(r"<[^>]+\sonerror=", html), url
    page = http.get("/meetings/1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&#34;" in page or "&quot;" in page  # the quote that would close value="…"


def test_payload_typed_by_a_reviewer_is_escaped_in_attributes(db):
    http = client(db)
    item = items_by_task(db)["完成会员接口联调"]
    http.post(f"/items/{item.id}/edit", data={"csrf": csrf(http), "deliverable": XSS_OWNER, "task": XSS_TASK})
    page = http.get("/meetings/1").text
    assert 'onmouseover="alert(3)"' not in page
    assert "value=\"张伟&#34; onmouseover=&#34;alert(3)\"" in page
    assert "<script>alert(1)" not in http.get(f"/meetings/1/history").text


def test_content_security_policy_forbids_inline_script(db):
    response = client(db).get("/meetings/1")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "<script>" not in response.text.replace('<script src="/static/app.js" defer></script>', "")


# --- CSRF ------------------------------------------------------------------------------


def test_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing(db):
    http = client(db)
    csrf(http)  # a session exists, so only the token is missing
    item = items_by_task(db)["完成会员接口联调"]
    for data in ({"owner": "李娜"}, {"owner": "李娜", "csrf": "forged"}, {"owner": "李娜", "csrf": ""}):
        response = http.post(f"/items/{item.id}/edit", data=data)
        assert response.status_code == 403 and "CSRF" in response.text
    assert http.post("/upload", data={"text": "张伟：周五前交报告"}).status_code == 403
    assert _count(db, "corrections") == 0 and _count(db, "meetings") == 1


def test_token_of_another_session_is_refused(db):
    alice, mallory = client(db), client(db)
    stolen = csrf(mallory)
    csrf(alice)
    item = items_by_task(db)["完成会员接口联调"]
    assert alice.post(f"/items/{item.id}/edit", data={"csrf": stolen, "owner": "李娜"}).status_code == 403


def test_cross_origin_post_is_refused_even_with_a_token(db):
    http = client(db)
    token = csrf(http)
    item = items_by_task(db)["完成会员接口联调"]
    response = http.post(f"/items/{item.id}/edit", data={"csrf": token, "owner": "李娜"},
                         headers={"origin": "http://evil.example"})
    assert response.status_code == 403
    same = http.post(f"/items/{item.id}/edit", data={"csrf": token, "owner": "李娜"},
                     headers={"origin": "http://testserver"})
    assert same.status_code == 303


# --- sessions and accounts ------------------------------------------------------------


def test_session_cookie_is_httponly_and_samesite(db):
    response = client(db).get("/meetings")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("minutes_session=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    with open_store(db) as store:
        token = cookie.split(";")[0].split("=", 1)[1]
        stored = [r[0] for r in store.db.execute("SELECT token_hash FROM web_sessions")]
    assert token not in stored and len(stored) == 1  # only the hash is kept


def test_accounts_make_login_required_and_wrong_passwords_fail(db):
    add_user(db, "何佳", "reviewer")
    http = client(db)
    assert http.get("/meetings").headers["location"].startswith("/login")
    item = items_by_task(db)["完成会员接口联调"]
    token = csrf(http, "/login")
    assert http.post(f"/items/{item.id}/edit", data={"csrf": token, "owner": "李娜"}).status_code == 401
    assert login(http, "何佳", "wrong-password").status_code == 401
    before = http.cookies.get("minutes_session")
    assert login(http, "何佳").status_code == 303
    assert http.cookies.get("minutes_session") != before  # a fresh session at login
    assert http.get("/meetings").status_code == 200
    token = csrf(http)
    assert http.post(f"/items/{item.id}/edit", data={"csrf": token, "owner": "李娜"}).status_code == 303
    with open_store(db) as store:
        assert store.db.execute("SELECT author FROM corrections").fetchone()[0] == "何佳"
    assert http.post("/logout", data={"csrf": token}).status_code == 303
    assert http.get("/meetings").status_code == 303


def test_repeated_failed_logins_are_throttled(db):
    from minutes.web.pages import auth

    auth.THROTTLE.failures.clear()
    add_user(db, "王芳", "owner")
    http = client(db)
    codes = [login(http, "王芳", f"guess-{n}").status_code for n in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    assert login(http, "王芳").status_code == 429  # even the right password, until the window passes
    auth.THROTTLE.failures.clear()


@pytest.mark.parametrize("role, allowed", [
    ("recorder", {"/upload": 200, "/meetings/1": 200, "/dashboard": 403, "/report": 403}),
    ("reviewer", {"/upload": 200, "/meetings/1": 200, "/dashboard": 200, "/report": 403}),
    ("owner", {"/upload": 403, "/meetings/1": 200, "/dashboard": 403, "/report": 403}),
    ("manager", {"/upload": 403, "/meetings/1": 200, "/dashboard": 200, "/report": 200}),
])
def test_pages_by_role(db, role, allowed):
    add_user(db, "用户", role)
    http = client(db)
    login(http, "用户")
    assert {url: http.get(url).status_code for url in allowed} == allowed


def test_only_reviewers_edit_items(db):
    item = items_by_task(db)["完成会员接口联调"]
    for role, expected in (("recorder", 403), ("owner", 403), ("manager", 403), ("reviewer", 303)):
        add_user(db, role, role)
        http = client(db)
        login(http, role)
        response = http.post(f"/items/{item.id}/edit", data={"csrf": csrf(http), "deliverable": f"{role} 改"})
        assert response.status_code == expected, role
    assert items_by_task(db)["完成会员接口联调"].deliverable == "reviewer 改"


def test_an_owner_updates_only_their_own_items(db):
    add_user(db, "张伟", "owner")
    http = client(db)
    login(http, "张伟")
    items = items_by_task(db)
    mine, theirs = items["提交性能测试报告"], items["完成首页视觉稿"]
    token = csrf(http, "/people/张伟")
    assert http.post(f"/items/{mine.id}/status", data={"csrf": token, "progress": "50"}).status_code == 303
    refused = http.post(f"/items/{theirs.id}/status", data={"csrf": token, "progress": "50"})
    assert refused.status_code == 403
    after = items_by_task(db)
    assert after["提交性能测试报告"].progress == 50 and after["完成首页视觉稿"].progress == 0
    assert 'action="/items/' + str(theirs.id) + '/status"' not in http.get("/people/王芳").text
    assert f'action="/items/{theirs.id}/status"' not in http.get(f"/items/{theirs.id}").text
    assert f'action="/items/{mine.id}/status"' in http.get(f"/items/{mine.id}").text


def test_removed_account_loses_its_session(db):
    add_user(db, "何佳", "reviewer")
    http = client(db)
    login(http, "何佳")
    assert http.get("/meetings").status_code == 200
    with open_store(db) as store:
        from tracker.accounts import remove_user

        remove_user(store, "何佳")
    add_user(db, "另一人", "reviewer")  # accounts still exist, so login is still required
    assert http.get("/meetings").status_code == 303


# --- Host header, body limits, bad multipart -------------------------------------------


def test_foreign_host_header_is_refused_on_loopback(db):
    http = client(db)
    assert http.get("/meetings", headers={"host": "evil.example"}).status_code == 400
    assert http.get("/meetings", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_upload_size_limit(db):
    http = client(db, max_upload_bytes=1024)
    token = csrf(http, "/upload")
    big = b"x" * (200 * 1024)
    response = http.post("/upload", data={"csrf": token}, files={"file": ("大.txt", big, "text/plain")})
    assert response.status_code == 413 and "too large" in response.text
    small_limit = http.post("/upload", data={"csrf": token}, files={"file": ("中.txt", b"y" * 5000, "text/plain")})
    assert small_limit.status_code == 400 and "too large" in small_limit.text
    assert _count(db, "meetings") == 1


def test_malformed_multipart_is_a_clean_400(db):
    http = client(db)
    csrf(http, "/upload")
    response = http.post("/upload", content=b"--xyz\r\nnot a part", headers={
        "content-type": "multipart/form-data; boundary=xyz"})
    assert response.status_code in (400, 403)
    assert "Traceback" not in response.text


# --- where the server listens ---------------------------------------------------------


def test_loopback_default_and_refusal_to_bind_elsewhere_without_accounts(tmp_path):
    from typer.main import get_command

    from minutes.cli.app import app, register_all

    register_all()
    serve = get_command(app).commands["serve"]
    assert next(p for p in serve.params if p.name == "host").default == "127.0.0.1"
    db = tmp_path / "m.db"
    with pytest.raises(BadInput, match="without accounts"):
        build_config(db, "0.0.0.0")
    config = build_config(db, "127.0.0.1")
    assert not config.auth and "127.0.0.1" in config.allowed_hosts and "localhost" in config.allowed_hosts
    add_user(db, "管理员", "manager")
    public = build_config(db, "0.0.0.0")
    assert public.auth and public.allowed_hosts == ()
    assert build_config(db, "::1").auth  # accounts exist: login even on loopback
    assert is_loopback("127.0.0.2") and is_loopback("[::1]") and not is_loopback("192.168.1.5")
