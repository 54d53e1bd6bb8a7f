"""Plain-text lines to blocks: headings, bullets, check boxes, paragraphs.

Used for .txt files that are not chats, and for the lines of a chat that no
speaker owns (a title, metadata above the first message).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from minutes.model import Block, Source
from minutes.readers.numbering import LineRole, outline_roles
from minutes.readers.timestamps import is_date_line
from minutes.readers.vocab import vocab

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# In plain text "1) …" is how people type list items, never section titles.
TEXT_LIST_STYLES = frozenset({"arabic_close"})
# Nothing but punctuation and symbols: rules, underlines, "……".
_WORDY = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number
    raw: str  # normalised, with its indentation

    @property
    def text(self) -> str:
        return self.raw.strip()


def split_lines(text: str) -> list[Line]:
    return [Line(i, raw) for i, raw in enumerate(text.split("\n"), start=1)]


def is_decoration(text: str) -> bool:
    """A rule, an underline or a lone bullet: no letter, digit or character in it."""
    return not _WORDY.search(text)


def indent_level(raw: str) -> int:
    width = 0
    for ch in raw:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4
        else:
            break
    return width // 2


def strip_bullet(text: str) -> Optional[str]:
    """The item text after a bullet glyph, or None when the line has no bullet."""
    for glyph in vocab().bullets:
        if text.startswith(glyph):
            rest = text[len(glyph):]
            # ASCII and dash bullets need a space ("-1", "*注*" are no bullets); "•x" is fine.
            if glyph.isascii() or glyph in "–—→":
                if rest[:1] not in (" ", "\t"):
                    continue
            rest = rest.strip()
            return rest if rest else None
    return None


@lru_cache(maxsize=1)
def _box_marks() -> tuple[tuple[str, bool], ...]:
    v = vocab()
    marks = [(m, False) for m in v.checkbox_open] + [(m, True) for m in v.checkbox_done]
    return tuple(sorted(marks, key=lambda p: len(p[0]), reverse=True))


def strip_checkbox(text: str) -> Optional[tuple[str, bool]]:
    """(item text, checked) for "[ ] x" / "☑ x", else None."""
    for mark, checked in _box_marks():
        if text.startswith(mark):
            rest = text[len(mark):]
            # "√" or "x" glued to a word is no box; bracketed and box glyphs are.
            if mark.isascii() and not mark.startswith("[") and rest[:1] not in (" ", "\t", ""):
                continue
            if mark in ("√", "✓", "✔") and rest[:1] not in (" ", "\t"):
                continue
            rest = rest.strip()
            if rest:
                return rest, checked
    return None


def list_parts(text: str) -> Optional[tuple[str, Optional[bool]]]:
    """Item text and check state of a bulleted or boxed line, else None."""
    bulleted = strip_bullet(text)
    body = bulleted if bulleted is not None else text
    boxed = strip_checkbox(body)
    if boxed:
        return boxed
    if bulleted is not None:
        return bulleted, None
    return None


def plain_roles(lines: Sequence[Line]) -> dict[int, LineRole]:
    """Outline role of each numbered line, judged with its neighbours (see numbering)."""
    content = [ln for ln in lines if ln.text and not is_decoration(ln.text)]
    texts: list[Optional[str]] = []
    for ln in content:
        structural = _MD_HEADING.match(ln.text) or list_parts(ln.text) is not None or is_date_line(ln.text)
        texts.append(None if structural else ln.text)
    roles = outline_roles(texts, list_only=TEXT_LIST_STYLES)
    return {ln.no: role for ln, role in zip(content, roles) if role is not None}


def plain_block(line: Line, role: Optional[LineRole]) -> Optional[Block]:
    text = line.text
    if not text or is_decoration(text):
        return None
    source = Source(line=line.no, text=text, locator=f"L{line.no}")
    if is_date_line(text):  # "—— 2024年7月10日 ——" is a date, not a dash bullet
        return Block("paragraph", text, source)
    m = _MD_HEADING.match(text)
    if m and m.group(2):
        return Block("heading", m.group(2), source, level=len(m.group(1)))
    if text.startswith(">"):  # a quoted line reads as its text
        quoted = text.lstrip("> ").strip()
        return Block("paragraph", quoted, source) if quoted else None
    parts = list_parts(text)
    if parts:
        body, checked = parts
        return Block("list_item", body, source, level=indent_level(line.raw), checked=checked)
    if role is not None:
        level = role.level if role.kind == "heading" else indent_level(line.raw)
        return Block(role.kind, text, source, level=level)
    return Block("paragraph", text, source)


def plain_blocks(lines: Sequence[Line]) -> list[Block]:
    from minutes.readers.text_tables import find_tables

    roles = plain_roles(lines)
    tables = find_tables([ln.text for ln in lines])
    out = []
    for n, line in enumerate(lines):
        if n in tables:
            table, row, cells = tables[n]
            text = " | ".join(c for c in cells if c)
            out.append(Block("table_row", text, Source(line=line.no, text=text, locator=f"L{line.no}"),
                             cells=cells, table=table, row=row))
            continue
        block = plain_block(line, roles.get(line.no))
        if block is not None:
            out.append(block)
    return out
