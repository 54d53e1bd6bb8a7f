"""Meetings: the list, the result page (metadata, topics, items beside their source) and history."""
from __future__ import annotations

from starlette.routing import Route

from minutes.web.views import Ctx, page
from tracker.queries import get_meeting, items_of_meeting
from tracker.records import loads
from tracker.status import with_tracker_flags


@page()
def meetings(ctx: Ctx):
    counts = {row[0]: (row[1], row[2]) for row in ctx.store.db.execute(
        "SELECT meeting_id, COUNT(*), SUM(flags != '[]') FROM items "
        "WHERE review IN ('pending', 'accepted') GROUP BY meeting_id")}
    rows = list(ctx.store.db.query(
        "SELECT id, title, date, organizer, recorder, source_path, flags, uploaded_at FROM meetings "
        "ORDER BY date IS NULL, date DESC, id DESC"))
    for row in rows:
        row["items"], row["flagged"] = counts.get(row["id"], (0, 0))
        row["flags"] = loads(row["flags"], [])
    return ctx.page("meetings.html", meetings=rows)


def _meeting_row(ctx: Ctx, meeting_id: int) -> dict:
    meeting = get_meeting(ctx.store, meeting_id)  # NotFound -> 404
    row = next(ctx.store.db.query("SELECT * FROM meetings WHERE id = ?", [meeting.id]))
    for key in ("departments", "attendees", "flags"):
        row[key] = loads(row[key], [])
    return row


@page()
def meeting(ctx: Ctx):
    meeting_id = ctx.request.path_params["meeting_id"]
    row = _meeting_row(ctx, meeting_id)
    topics = list(ctx.store.db.query("SELECT * FROM topics WHERE meeting_id = ? ORDER BY position", [meeting_id]))
    for topic in topics:
        for key in ("discussion", "consensus", "disagreements"):
            topic[key] = loads(topic[key], [])
    items = with_tracker_flags(items_of_meeting(ctx.store, meeting_id), ctx.today)
    hidden = ctx.store.db.execute(
        "SELECT COUNT(*) FROM items WHERE meeting_id = ? AND review NOT IN ('pending', 'accepted')",
        [meeting_id]).fetchone()[0]
    return ctx.page("meeting.html", meeting=row, topics=topics, items=items, hidden_count=hidden,
                    flagged=sum(1 for i in items if i.flags))


@page()
def history(ctx: Ctx):
    meeting_id = ctx.request.path_params["meeting_id"]
    row = _meeting_row(ctx, meeting_id)
    entries = list(ctx.store.db.query(
        "SELECT c.at, c.author, c.item_id, i.task, c.field, c.old, c.new, c.reason AS note, 'correction' AS kind "
        "FROM corrections c JOIN items i ON i.id = c.item_id WHERE i.meeting_id = ? "
        "UNION ALL "
        "SELECT s.at, s.author, s.item_id, i.task, 'status', NULL, s.status || ' ' || s.progress || '%', s.note, "
        "'status' FROM status_updates s JOIN items i ON i.id = s.item_id WHERE i.meeting_id = ? "
        "ORDER BY 1 DESC", [meeting_id, meeting_id]))
    ingests = list(ctx.store.db.query("SELECT * FROM ingests WHERE meeting_id = ? ORDER BY id DESC", [meeting_id]))
    return ctx.page("history.html", meeting=row, entries=entries, ingests=ingests)


ROUTES = [
    Route("/meetings", meetings),
    Route("/meetings/{meeting_id:int}", meeting),
    Route("/meetings/{meeting_id:int}/history", history),
]
