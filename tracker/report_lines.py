"""Line numbers for quoted topic sentences, found again in the uploaded file.

Topics are stored as plain text lists without positions, so the line of a quoted
sentence is looked up in the meeting's file when it is still where it was
ingested from and unchanged (same sha256). This is best effort within a time
budget: a moved or edited file just leaves the line out of the report.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable, Optional

from tracker.report_text import normalize
from tracker.store import Store

BUDGET_S = 1.5  # total time for reading files back; a report must stay fast


def _blocks(store: Store, meeting_id: int) -> Optional[list[tuple[Optional[int], str]]]:
    row = store.db.execute("SELECT source_path FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    path = Path(row[0]) if row and row[0] else None
    if path is None or not path.is_file():
        return None
    known = {r[0] for r in store.db.execute(
        "SELECT sha256 FROM meetings WHERE id = ? UNION SELECT sha256 FROM ingests WHERE meeting_id = ?",
        [meeting_id, meeting_id])}
    try:
        from minutes.readers import read_path

        document = read_path(path)
    except Exception:  # any unreadable file: no line, never a failed report
        return None
    if document.sha256 not in known:
        return None
    out = []
    for block in document.blocks:
        text = " ".join(block.cells) if block.cells else block.text
        out.append((block.source.line, normalize(text)))
    return out


def find_lines(store: Store, wanted: Iterable[tuple[int, str]], budget_s: float = BUDGET_S) -> dict:
    """(meeting id, text) -> line, for the pairs whose file could be read back in time."""
    started = time.perf_counter()
    cache: dict[int, Optional[list]] = {}
    found: dict[tuple[int, str], int] = {}
    for meeting_id, text in wanted:
        if meeting_id not in cache:
            if time.perf_counter() - started > budget_s:
                break
            cache[meeting_id] = _blocks(store, meeting_id)
        blocks, key = cache[meeting_id], normalize(text)
        if not blocks or not key:
            continue
        for line, block in blocks:
            if line is not None and key in block:
                found[(meeting_id, text)] = line
                break
    return found
