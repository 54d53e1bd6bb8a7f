"""People: the roster, a person's open items with status updates, and .ics / .xlsx downloads."""
from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from minutes.errors import BadInput, MinutesError
from minutes.web.pages.items import may_update
from minutes.web.pages.upload import read_upload, safe_name
from minutes.web.views import Ctx, action, page
from tracker.people import list_people
from tracker.people_search import search_people
from tracker.todo import file_name, todo_lists


@page()
def people(ctx: Ctx):
    counts = dict(ctx.store.db.execute(
        "SELECT owner_name, COUNT(*) FROM items WHERE review IN ('pending', 'accepted') AND owner_name IS NOT NULL "
        "GROUP BY owner_name").fetchall())
    return ctx.page("people.html", people=list_people(ctx.store), counts=counts, error=None)


@action("roster")
def roster_import(ctx: Ctx):
    """The same import as `minutes roster import`: CSV or XLSX, all rows or none."""
    from tracker.people import import_roster

    upload = ctx.form.get("roster")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise BadInput("请选择名册文件（CSV 或 XLSX）/ choose a roster file")
        name = safe_name(upload.filename)
        data = read_upload(upload, ctx.config.max_upload_bytes)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            try:
                result = import_roster(ctx.store, path)
            except MinutesError as exc:
                raise BadInput(str(exc).replace(str(path), name)) from None
    except MinutesError as exc:
        return ctx.page("people.html", 400, people=list_people(ctx.store), counts={}, error=str(exc))
    return ctx.redirect("/people", f"名册已导入：{result.total} 人（新增 {result.added}，更新 {result.updated}）")


def _todo(ctx: Ctx):
    return todo_lists(ctx.store, owner=ctx.request.path_params["name"], today=ctx.today)[0]


@page()
def person(ctx: Ctx):
    todo = _todo(ctx)
    row = ctx.store.db.execute("SELECT name, department, title, email FROM people WHERE name = ?",
                               [todo.owner]).fetchone()
    editable = {i.id for i in todo.items if may_update(ctx, i)}
    return ctx.page("person.html", todo=todo, person=row, editable=editable,
                    counts={k: todo.count(k) for k in ("due_soon", "overdue", "escalate", "stale")})


def _download(body: bytes, name: str, media_type: str) -> Response:
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    return Response(body, media_type=media_type, headers={
        "content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"})


@page()
def ics(ctx: Ctx):
    from tracker.export_ics import calendar_bytes

    todo = _todo(ctx)
    body = calendar_bytes(todo.items, ctx.store.instance_id, name=f"{todo.label} 待办")
    return _download(body, file_name(todo, "ics"), "text/calendar; charset=utf-8")


@page()
def xlsx(ctx: Ctx):
    from tracker.export_xlsx import write_workbook

    todo = _todo(ctx)
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(todo, Path(folder) / "todo.xlsx")
        body = path.read_bytes()
    return _download(body, file_name(todo, "xlsx"),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@page()
def search(ctx: Ctx):
    """The owner picker: name, alias, pinyin or initials."""
    found = search_people(ctx.store, ctx.request.query_params.get("q", "")[:40])
    return JSONResponse([{"name": m.name, "department": m.department, "title": m.title, "matched": m.matched,
                          "via": m.via} for m in found])


ROUTES = [
    Route("/people", people, methods=["GET"]),
    Route("/people", roster_import, methods=["POST"]),
    Route("/people/{name}", person),
    Route("/people/{name}/todo.ics", ics),
    Route("/people/{name}/todo.xlsx", xlsx),
    Route("/api/people", search),
]
