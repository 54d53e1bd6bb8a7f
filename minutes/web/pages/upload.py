"""Upload or paste minutes: the same ingest as `minutes ingest`, the same errors."""
from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.routing import Route

from minutes.errors import BadInput, MinutesError
from minutes.web.views import Ctx, action, page
from tracker.dates import parse_day
from tracker.ingest import ingest_files

_UNSAFE = re.compile(r'[\x00-\x1f\\/:*?"<>|]+')


def safe_name(name: str) -> str:
    """A file name that is only a name: no folders, no control or reserved characters."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .") or "upload"
    stem, dot, suffix = base.rpartition(".")
    if dot and len(suffix) <= 8:
        return f"{stem[:100]}.{suffix}"
    return base[:100]


def read_upload(upload_file: UploadFile, limit: int) -> bytes:
    """The uploaded bytes, or BadInput naming the file when it exceeds `limit`."""
    data = upload_file.file.read(limit + 1)
    if len(data) > limit:
        raise BadInput(f"file too large (> {limit // 1024 // 1024} MB)", path=safe_name(upload_file.filename))
    return data


@page("upload")
def form(ctx: Ctx):
    return ctx.page("upload.html", error=None, text="", meeting_date="")


def _save(ctx: Ctx, name: str, data: bytes) -> tuple[Path, bool]:
    folder = ctx.config.upload_dir / hashlib.sha256(data).hexdigest()[:16]
    path = folder / safe_name(name)
    if path.exists():
        return path, False
    folder.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path, True


@action("upload")
def upload(ctx: Ctx):
    text = ctx.value("text")
    day_text = ctx.value("meeting_date").strip()
    files = [f for f in ctx.form.getlist("file") if isinstance(f, UploadFile) and f.filename]

    def again(message: str):
        return ctx.page("upload.html", 400, error=message, text=text, meeting_date=day_text)

    if not files and not text.strip():
        return again("请选择文件或粘贴纪要文本 / choose a file or paste the minutes")
    limit = ctx.config.max_upload_bytes
    saved: list[tuple[Path, str, bool]] = []  # path, name the user knows, created now
    try:
        day = parse_day(day_text, "meeting date") if day_text else None
        for upload_file in files:
            path, created = _save(ctx, upload_file.filename, read_upload(upload_file, limit))
            saved.append((path, upload_file.filename, created))
        if text.strip():
            name = f"粘贴-{datetime.now():%Y%m%d-%H%M%S}.txt"
            path, created = _save(ctx, name, text.encode("utf-8"))
            saved.append((path, "粘贴的文本", created))
        results = ingest_files(ctx.store, [p for p, _, _ in saved], meeting_date=day)
    except MinutesError as exc:
        message = str(exc)
        for path, name, created in saved:
            message = message.replace(str(path), safe_name(name))
            if created:
                path.unlink(missing_ok=True)
                _remove_empty(path.parent)
        return again(message)
    if len(results) == 1:
        r = results[0]
        flagged = len(r.flagged)
        verb = {"created": "已导入", "updated": "已更新", "unchanged": "内容未变"}[r.action]
        return ctx.redirect(f"/meetings/{r.meeting_id}",
                            f"{verb}：新增 {r.added} 条、更新 {r.updated} 条行动项；{flagged} 条需要修改")
    return ctx.redirect("/meetings", f"已导入 {len(results)} 份纪要")


def _remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


ROUTES = [
    Route("/upload", form, methods=["GET"]),
    Route("/upload", upload, methods=["POST"]),
]
