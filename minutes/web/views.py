"""Route decorators: open the store, load the session, check permission and CSRF.

Handlers are plain functions `(ctx) -> Response` run in Starlette's thread pool,
each with its own SQLite connection; `Ctx` carries the request, the parsed form,
the store and the viewer. Library errors become a page with the CLI's one-line
message and status 400 (404 for a missing row), never a traceback.
"""
from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from minutes.errors import MinutesError, NotFound
from minutes.web import sessions
from minutes.web.config import WebConfig
from minutes.web.render import render
from tracker import accounts
from tracker.store import Store, open_store

FLASH = "minutes_flash"
MAX_FIELDS = 2000
# One queue for this server's writers (tracker.store.Store.write_lock).
WRITE_LOCK = threading.Lock()


@dataclass
class Ctx:
    request: Request
    config: WebConfig
    store: Store
    viewer: sessions.Viewer
    form: Optional[FormData] = None
    cookies: list = field(default_factory=list)  # (name, value, max_age) to set

    @property
    def today(self):
        return self.config.day()

    def page(self, template: str, status: int = 200, **values) -> Response:
        flash = self.request.cookies.get(FLASH)
        html = render(template, ctx=self, viewer=self.viewer, flash=_unquote(flash), today=self.today,
                      path=self.request.url.path, **values)
        response = Response(html, status_code=status, media_type="text/html; charset=utf-8")
        if flash:
            response.delete_cookie(FLASH, path="/")
        return response

    def redirect(self, url: str, message: Optional[str] = None) -> Response:
        response = RedirectResponse(url, status_code=303)
        if message:
            response.set_cookie(FLASH, quote(message), max_age=60, path="/", httponly=True, samesite="strict")
        return response

    def value(self, name: str, default: str = "") -> str:
        if self.form is None:
            return default
        got = self.form.get(name)
        return got if isinstance(got, str) else default


def _unquote(text: Optional[str]) -> Optional[str]:
    from urllib.parse import unquote

    return unquote(text)[:300] if text else None


def config_of(request: Request) -> WebConfig:
    return request.app.state.config


def _viewer(ctx_store: Store, request: Request, config: WebConfig) -> sessions.Viewer:
    auth = config.auth or accounts.has_users(ctx_store)
    return sessions.load(ctx_store, request.cookies.get(sessions.COOKIE), auth=auth)


def _finish(response: Response, ctx: Ctx) -> Response:
    if ctx.viewer.new:
        response.set_cookie(sessions.COOKIE, ctx.viewer.token, max_age=ctx.config.session_hours * 3600,
                            path="/", httponly=True, samesite="lax",
                            secure=ctx.request.url.scheme == "https")
    return response


def _run(handler: Callable, request: Request, form, permission: Optional[str], public: bool) -> Response:
    config = config_of(request)
    try:
        with open_store(config.db, create=True) as store:
            store.write_lock = WRITE_LOCK
            ctx = Ctx(request, config, store, _viewer(store, request, config), form)
            try:
                if form is not None and not _same_origin(request):
                    return _finish(ctx.page("error.html", 403, message="跨站请求被拒绝 / cross-site request refused"), ctx)
                if form is not None and not sessions.csrf_ok(ctx.viewer, form.get("csrf") or request.headers.get("x-csrf-token")):
                    return _finish(ctx.page("error.html", 403, message="表单已过期或缺少 CSRF 令牌，请刷新页面后重试 / "
                                                                       "missing or stale CSRF token"), ctx)
                if not public and not ctx.viewer.signed_in:
                    if form is None:
                        return _finish(ctx.redirect("/login?next=" + quote(str(request.url.path))), ctx)
                    return _finish(ctx.page("error.html", 401, message="请先登录 / please log in"), ctx)
                if permission and not ctx.viewer.can(permission):
                    return _finish(ctx.page("error.html", 403, message=f"你的角色（{ctx.viewer.role}）无权执行此操作"
                                                                       f" / not allowed for role {ctx.viewer.role}"), ctx)
                return _finish(handler(ctx), ctx)
            except NotFound as exc:
                return _finish(ctx.page("error.html", 404, message=str(exc)), ctx)
            except MinutesError as exc:
                return _finish(ctx.page("error.html", 400, message=str(exc)), ctx)
    except MinutesError as exc:  # the database itself is unusable
        return Response(f"minutes: error: {exc}\n", status_code=503, media_type="text/plain; charset=utf-8")


def _same_origin(request: Request) -> bool:
    """Browsers send Origin on POST; when present it must be this server."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin != "null"
    from urllib.parse import urlsplit

    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def page(permission: Optional[str] = "view", *, public: bool = False):
    """A GET route."""
    def wrap(handler):
        @functools.wraps(handler)
        async def endpoint(request: Request):
            return await run_in_threadpool(_run, handler, request, None, permission, public)
        return endpoint
    return wrap


def action(permission: Optional[str], *, public: bool = False):
    """A POST route: the form is read (bounded) before the handler runs, CSRF checked."""
    def wrap(handler):
        @functools.wraps(handler)
        async def endpoint(request: Request):
            limit = config_of(request).max_upload_bytes
            try:
                form = await request.form(max_files=20, max_fields=MAX_FIELDS, max_part_size=limit)
            except Exception as exc:  # malformed multipart: one clear line, like the CLI
                from starlette.exceptions import HTTPException

                if isinstance(exc, HTTPException):
                    return Response(f"{exc.detail}\n", status_code=exc.status_code, media_type="text/plain; charset=utf-8")
                raise
            try:
                return await run_in_threadpool(_run, handler, request, form, permission, public)
            finally:
                await form.close()
        return endpoint
    return wrap
