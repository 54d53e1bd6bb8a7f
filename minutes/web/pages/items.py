"""Items: the filtered list, one item's page, and every reviewer action.

Each action is one library call (tracker.review / tracker.status), the same the
CLI makes, with the viewer's name as the audit author.
"""
from __future__ import annotations

from math import ceil
from typing import Optional

from starlette.routing import Route

from minutes.errors import BadInput
from minutes.web.views import Ctx, action, page
from tracker import review
from tracker.people import person_by_name_or_alias
from tracker.queries import ItemFilter, count_items, get_item, item_detail, list_items
from tracker.status import update_status

PAGE_SIZE = 100


def back(ctx: Ctx, default: str) -> str:
    """Where to go after an action: a local path from the form, never another site."""
    target = ctx.value("next")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def _anchor(item) -> str:
    return f"/meetings/{item.meeting_id}#item-{item.id}"


@page()
def items(ctx: Ctx):
    q = ctx.request.query_params
    filters = ItemFilter(owner=q.get("owner") or None, department=q.get("department") or None,
                         status=q.get("status") or None, flag=q.get("flag") or None,
                         meeting=q.get("meeting") or None,
                         review=q.get("review") or "visible")
    try:
        number = max(1, int(q.get("page", "1")))
    except ValueError:
        number = 1
    total = count_items(ctx.store, filters, ctx.today)
    rows = list_items(ctx.store, filters, ctx.today, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    departments = [r[0] for r in ctx.store.db.execute(
        "SELECT DISTINCT owner_department FROM items WHERE owner_department IS NOT NULL ORDER BY 1")]
    return ctx.page("items.html", items=rows, filters=filters, total=total, page_number=number,
                    pages=max(1, ceil(total / PAGE_SIZE)), departments=departments)


@page()
def item(ctx: Ctx):
    detail = item_detail(ctx.store, ctx.request.path_params["item_id"], ctx.today)
    return ctx.page("item.html", detail=detail, item=detail.item, may_update=may_update(ctx, detail.item))


def _changed(old: Optional[str], new: str) -> Optional[str]:
    new = new.strip()
    return None if new == (old or "").strip() else new


def _flagged_fields(item) -> set[str]:
    from tracker.rules import fields

    return {name for name, rule in fields().by_name.items() if set(rule.settles) & set(item.flags)}


@action("review")
def edit(ctx: Ctx):
    current = get_item(ctx.store, ctx.request.path_params["item_id"])
    sent = ctx.form  # a field the form did not send is left as it is
    owner = _changed(current.owner_name or current.owner_mention, ctx.value("owner")) if "owner" in sent else None
    due_text = " ".join(p for p in (ctx.value("due_date").strip(), ctx.value("due_time").strip()) if p)
    due = None
    if "due_date" in sent:
        due = _changed(" ".join(p for p in (current.due_date, current.due_time) if p), due_text)
        if due == "":
            raise BadInput("截止日期不能清空；请改为具体日期 / the due date cannot be cleared")
    task = _changed(current.task, ctx.value("task")) if "task" in sent else None
    deliverable = _changed(current.deliverable, ctx.value("deliverable")) if "deliverable" in sent else None
    if owner == "":
        raise BadInput("负责人不能清空 / the owner cannot be cleared")
    # Saving a flagged field unchanged confirms it (赵蕾 -> 赵磊 was right): the
    # correction is recorded and settles the flag, as `items edit` would.
    flagged = _flagged_fields(current)
    if owner is None and "owner" in flagged and ctx.value("owner").strip():
        owner = ctx.value("owner").strip()
    if due is None and "due" in flagged and due_text and "due_date" in sent:
        due = due_text
    if all(v is None for v in (owner, due, task, deliverable)):
        return ctx.redirect(back(ctx, _anchor(current)), f"#{current.id} 没有修改")
    updated = review.edit_item(ctx.store, current.id, owner=owner, due=due, task=task, deliverable=deliverable,
                               reason=ctx.value("reason") or None, by=ctx.viewer.name)
    return ctx.redirect(back(ctx, _anchor(updated)), f"#{updated.id} 已保存")


@action("review")
def accept(ctx: Ctx):
    done = review.accept_item(ctx.store, ctx.request.path_params["item_id"], by=ctx.viewer.name,
                              reason=ctx.value("reason") or None)
    return ctx.redirect(back(ctx, _anchor(done)), f"#{done.id} 已确认")


@action("review")
def reject(ctx: Ctx):
    done = review.reject_item(ctx.store, ctx.request.path_params["item_id"], by=ctx.viewer.name,
                              reason=ctx.value("reason") or None)
    return ctx.redirect(back(ctx, f"/meetings/{done.meeting_id}"), f"#{done.id} 已驳回（不是行动项）")


@action("review")
def split(ctx: Ctx):
    tasks = [line for line in ctx.value("tasks").splitlines() if line.strip()]
    made = review.split_item(ctx.store, ctx.request.path_params["item_id"], tasks, by=ctx.viewer.name,
                             reason=ctx.value("reason") or None)
    return ctx.redirect(back(ctx, _anchor(made[0])), f"已拆分为 {', '.join(f'#{i.id}' for i in made)}")


@action("review")
def merge(ctx: Ctx):
    ids = [v for v in ctx.form.getlist("ids") if isinstance(v, str) and v.strip()]
    target = review.merge_items(ctx.store, ids, task=ctx.value("task") or None, by=ctx.viewer.name,
                                reason=ctx.value("reason") or None)
    return ctx.redirect(back(ctx, _anchor(target)), f"已合并到 #{target.id}")


@action("review")
def add(ctx: Ctx):
    due = " ".join(p for p in (ctx.value("due_date").strip(), ctx.value("due_time").strip()) if p) or None
    made = review.add_item(ctx.store, str(ctx.request.path_params["meeting_id"]), task=ctx.value("task"),
                           owner=ctx.value("owner") or None, due=due, deliverable=ctx.value("deliverable") or None,
                           reason=ctx.value("reason") or None, by=ctx.viewer.name)
    return ctx.redirect(back(ctx, _anchor(made)), f"已添加 #{made.id}")


def may_update(ctx: Ctx, item) -> bool:
    """status_any, or status_own on an item the viewer's own roster person owns."""
    viewer = ctx.viewer
    if viewer.can("status_any"):
        return True
    if not viewer.can("status_own") or not item.owner_name:
        return False
    if viewer.local:
        return True
    me = person_by_name_or_alias(ctx.store, viewer.user.name)
    return (me[0] if me else viewer.user.name) == item.owner_name


@action(None)
def status(ctx: Ctx):
    current = get_item(ctx.store, ctx.request.path_params["item_id"])
    if not may_update(ctx, current):
        return ctx.page("error.html", 403, message="只能更新自己负责的行动项 / you may only update your own items")
    progress_text = ctx.value("progress").strip()
    try:
        progress = int(progress_text) if progress_text else None
    except ValueError:
        raise BadInput(f"invalid progress '{progress_text}': expected 0-100") from None
    new_status = ctx.value("status").strip() or None
    if new_status == current.status and progress == current.progress and not ctx.value("note").strip():
        return ctx.redirect(back(ctx, f"/items/{current.id}"), f"#{current.id} 没有变化")
    updated = update_status(ctx.store, current.id, status=None if new_status == current.status else new_status,
                            progress=None if progress == current.progress else progress,
                            note=ctx.value("note") or None, by=ctx.viewer.name)
    return ctx.redirect(back(ctx, f"/items/{updated.id}"), f"#{updated.id} 进度已更新：{updated.status} {updated.progress}%")


ROUTES = [
    Route("/items", items),
    Route("/items/merge", merge, methods=["POST"]),
    Route("/items/{item_id:int}", item),
    Route("/items/{item_id:int}/edit", edit, methods=["POST"]),
    Route("/items/{item_id:int}/accept", accept, methods=["POST"]),
    Route("/items/{item_id:int}/reject", reject, methods=["POST"]),
    Route("/items/{item_id:int}/split", split, methods=["POST"]),
    Route("/items/{item_id:int}/status", status, methods=["POST"]),
    Route("/meetings/{meeting_id:int}/items", add, methods=["POST"]),
]
