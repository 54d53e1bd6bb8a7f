"""Tables typed or exported into plain text: tab-separated rows, or pipe rows.

OA systems and spreadsheets paste tables as tab-separated lines; people paste
Markdown-style `| a | b |` rows into chats and .txt files. A run of at least a
header and one row with the same column count (a row may drop trailing empty
cells) becomes `table_row` blocks, so action tables in text go through the same
header-synonym path as .docx and Markdown tables.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

_PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
MIN_COLUMNS = 3


def _cells(text: str) -> Optional[list[str]]:
    if "\t" in text:
        cells = [c.strip() for c in text.split("\t")]
    elif text.startswith("|") and text.endswith("|") and text.count("|") >= MIN_COLUMNS + 1:
        cells = [c.strip() for c in text.strip("|").split("|")]
    else:
        return None
    return cells if len(cells) >= MIN_COLUMNS else None


def find_tables(texts: Sequence[str]) -> dict[int, tuple[int, int, tuple[str, ...]]]:
    """index into `texts` -> (table number, row number, cells), for every table line found."""
    found: dict[int, tuple[int, int, tuple[str, ...]]] = {}
    table = 0
    i = 0
    while i < len(texts):
        head = _cells(texts[i])
        if head is None:
            i += 1
            continue
        rows = [(i, head)]
        j = i + 1
        while j < len(texts):
            if _PIPE_RULE.match(texts[j]):  # | --- | --- | under a pipe header
                j += 1
                continue
            cells = _cells(texts[j])
            if cells is None or not 2 <= len(cells) <= len(head) + 1:
                break
            rows.append((j, cells + [""] * (len(head) - len(cells))))
            j += 1
        if len(rows) >= 2:
            table += 1
            for n, (at, cells) in enumerate(rows):
                found[at] = (table, n, tuple(cells))
        i = j if len(rows) >= 2 else i + 1
    return found
