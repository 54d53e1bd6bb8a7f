"""Logging in and out; the local user's name for the audit trail."""
from __future__ import annotations

from starlette.routing import Route

from minutes.web import sessions
from minutes.web.views import Ctx, action, page
from tracker import accounts

THROTTLE = sessions.LoginThrottle()


def _next(ctx: Ctx, default: str = "/") -> str:
    target = ctx.value("next") or ctx.request.query_params.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


@page(None, public=True)
def login_form(ctx: Ctx):
    if ctx.viewer.signed_in:
        return ctx.redirect(_next(ctx))
    return ctx.page("login.html", error=None, name="", next=_next(ctx))


@action(None, public=True)
def login(ctx: Ctx):
    name = ctx.value("name").strip()
    if THROTTLE.blocked(name):
        return ctx.page("login.html", 429, error="登录失败次数过多，请 15 分钟后再试 / too many attempts",
                        name=name, next=_next(ctx))
    user = accounts.authenticate(ctx.store, name, ctx.value("password"))
    if user is None:
        THROTTLE.failed(name)
        return ctx.page("login.html", 401, error="用户名或密码错误 / wrong name or password", name=name,
                        next=_next(ctx))
    THROTTLE.succeeded(name)
    ctx.viewer = sessions.login(ctx.store, ctx.viewer, user, ctx.config.session_hours)
    return ctx.redirect(_next(ctx))


@action(None, public=True)
def logout(ctx: Ctx):
    sessions.logout(ctx.store, ctx.viewer)
    response = ctx.redirect("/login")
    response.delete_cookie(sessions.COOKIE, path="/")
    return response


@action(None)
def whoami(ctx: Ctx):
    """Without accounts: the name the local user's changes are recorded under."""
    if not ctx.viewer.local:
        return ctx.page("error.html", 403, message="有账号时姓名即账号名 / with accounts your name is your login")
    sessions.set_display_name(ctx.store, ctx.viewer, ctx.value("name")[:64])
    return ctx.redirect(_next(ctx, "/"), f"之后的修改记录在“{ctx.viewer.name}”名下")


@page(None)
def home(ctx: Ctx):
    if ctx.viewer.can("dashboard"):
        return ctx.redirect("/dashboard")
    if ctx.viewer.user and ctx.viewer.user.role == "owner":
        from urllib.parse import quote

        return ctx.redirect("/people/" + quote(ctx.viewer.user.name))
    return ctx.redirect("/meetings")


ROUTES = [
    Route("/", home),
    Route("/login", login_form, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/whoami", whoami, methods=["POST"]),
]
