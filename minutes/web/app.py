"""The Starlette application: routes from each page module, static files, the guard."""
from __future__ import annotations

from pathlib import Path

from minutes.web.config import WebConfig

HERE = Path(__file__).parent


def create_app(config: WebConfig):
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    from minutes.web.guard import Guard
    from minutes.web.pages import auth, items, meetings, people, reports, upload

    routes = [*auth.ROUTES, *upload.ROUTES, *meetings.ROUTES, *items.ROUTES, *people.ROUTES, *reports.ROUTES,
              Mount("/static", StaticFiles(directory=HERE / "static"), name="static")]

    async def not_found(request, exc):
        return PlainTextResponse("页面不存在 / not found\n", status_code=404)

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found})
    app.state.config = config
    return Guard(app, allowed_hosts=config.allowed_hosts, max_body=config.max_upload_bytes)
