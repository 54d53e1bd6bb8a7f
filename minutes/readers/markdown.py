"""Markdown minutes to blocks, one block per source line where a person would see one.

Minutes written in Markdown put "**负责人**：张伟" and "**截止**：周五" on
consecutive lines of one paragraph, so paragraphs are split at their line
breaks; markup is stripped to plain text while Source.text keeps the line as
written. Tables become rows (header row 0), task lists carry `checked`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from minutes.errors import BadInput
from minutes.model import Block, Document, Source
from minutes.readers.encoding import decode
from minutes.readers.files import check_size, display_name, sha256
from minutes.readers.normalize import normalize_text
from minutes.readers.numbering import apply_outline

_TASK = re.compile(r"^\[([ xX√✓])\]\s+")
_BR = re.compile(r"^<br\s*/?>$", re.I)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"[。；;！？!?]")
_FRONT_KEY = re.compile(r"^([\w\u4e00-\u9fff -]{1,30}?)\s*[:：]\s*(.*)$")
MAX_BOLD_HEADING = 40


def read_markdown_bytes(data: bytes, path: str) -> Document:
    name = display_name(path)
    check_size(data, name)
    if not data.strip():
        raise BadInput("empty document", name)
    text, encoding = decode(data, name)
    return read_markdown_text(normalize_text(text), path, encoding=encoding, digest=sha256(data))


def read_markdown_text(text: str, path: str, *, encoding: str, digest: str) -> Document:
    lines = text.split("\n")
    front, title, created = _front_matter(lines)
    blocks = front + _parse("\n".join(lines), lines)
    if not blocks:
        raise BadInput("empty document", display_name(path))
    return Document(path=str(path), format="markdown", encoding=encoding, sha256=digest,
                    blocks=tuple(blocks), title=title, created=created)


def _front_matter(lines: list[str]) -> tuple[list[Block], Optional[str], Optional[date]]:
    """YAML front matter as "key: value" paragraphs; blanked so Markdown skips it.

    Left in place, CommonMark would read it as a rule and a setext heading.
    """
    if not lines or lines[0].strip() != "---":
        return [], None, None
    end = next((i for i in range(1, min(len(lines), 80)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return [], None, None
    blocks, title, created = [], None, None
    for i in range(1, end):
        m = _FRONT_KEY.match(lines[i].strip())
        if not m or not m.group(2).strip():
            continue
        key, value = m.group(1).strip(), m.group(2).strip().strip("'\"")
        text = f"{key}: {value}"
        blocks.append(Block("paragraph", text, Source(i + 1, lines[i].strip(), f"L{i + 1}")))
        if key.lower() in ("title", "标题", "主题") and title is None:
            title = value
        if key.lower() in ("date", "日期", "created") and created is None:
            created = _iso_date(value)
    for i in range(end + 1):
        lines[i] = ""
    return blocks, title, created


def _iso_date(value: str) -> Optional[date]:
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@dataclass
class _Segment:
    """One source line of an inline run: its plain text and whether it is all bold."""

    text: str = ""
    bold_only: bool = True
    any_text: bool = False


def _segments(inline) -> list[_Segment]:
    segs = [_Segment()]
    strong = 0
    for child in inline.children or ():
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            segs.append(_Segment())
            continue
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind in ("text", "code_inline", "image"):
            piece = normalize_text(child.content)  # entities such as &nbsp; decode late
            seg = segs[-1]
            seg.text += piece
            if piece.strip():
                seg.any_text = True
                if strong <= 0:
                    seg.bold_only = False
        elif kind == "html_inline" and _BR.match(child.content.strip()):
            segs[-1].text += "\n"
    return segs


def _cell_text(inline) -> str:
    return "\n".join(s.text.strip() for s in _segments(inline)).strip()


def _parse(source: str, lines: list[str]) -> list[Block]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(source)
    return _Walker(lines).walk(tokens)


class _Walker:
    """One pass over markdown-it tokens, tracking list depth, quotes and tables."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.blocks: list[Block] = []
        self.outline: list[bool] = []  # top-level paragraph lines may be numbered headings
        self.list_depth = 0
        self.quote_depth = 0
        self.item_fresh: list[bool] = []  # per open list item: no paragraph seen yet
        self.table = 0
        self.row = -1
        self.cells: list[str] = []
        self.row_map: Optional[list[int]] = None
        self.heading_level = 0  # last Markdown heading level, for bold pseudo-headings

    def source(self, line0: int) -> Source:
        raw = self.lines[line0].strip() if 0 <= line0 < len(self.lines) else ""
        return Source(line=line0 + 1, text=raw, locator=f"L{line0 + 1}")

    def add(self, block: Block, outline: bool = False) -> None:
        self.blocks.append(block)
        self.outline.append(outline)

    def walk(self, tokens) -> list[Block]:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
            elif kind == "list_item_open":
                self.item_fresh.append(True)
            elif kind == "list_item_close":
                self.item_fresh.pop()
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind == "heading_open" and nxt is not None and nxt.type == "inline":
                self.heading(tok, nxt)
            elif kind == "paragraph_open" and nxt is not None and nxt.type == "inline":
                self.paragraph(tok, nxt)
            elif kind == "table_open":
                self.table += 1
                self.row = -1
            elif kind == "tr_open":
                self.row += 1
                self.cells = []
                self.row_map = tok.map
            elif kind in ("th_open", "td_open"):
                self.cells.append(_cell_text(nxt) if nxt is not None and nxt.type == "inline" else "")
            elif kind == "tr_close":
                self.table_row()
            elif kind in ("fence", "code_block"):
                self.code(tok)
            elif kind == "html_block":
                self.html(tok)
            i += 1
        return apply_outline(self.blocks, self.outline)

    def heading(self, tok, inline) -> None:
        level = int(tok.tag[1])
        text = " ".join(s.text.strip() for s in _segments(inline) if s.text.strip())
        if text:
            self.heading_level = level
            self.add(Block("heading", text, self.source(tok.map[0]), level=level))

    def paragraph(self, tok, inline) -> None:
        start = tok.map[0] if tok.map else 0
        fresh = bool(self.item_fresh) and self.item_fresh[-1]
        if self.item_fresh:
            self.item_fresh[-1] = False
        for n, seg in enumerate(_segments(inline)):
            text = seg.text.strip()
            if not text:
                continue
            src = self.source(start + n)
            if self.list_depth:
                checked = None
                m = _TASK.match(text) if fresh and n == 0 else None
                if m:
                    checked = m.group(1) != " "
                    text = text[m.end():].strip()
                self.add(Block("list_item", text, src, level=self.list_depth - 1, checked=checked))
            elif not self.quote_depth and seg.bold_only and seg.any_text and _bold_heading(text):
                self.add(Block("heading", text, src, level=min(6, self.heading_level + 1 if self.heading_level else 2)))
            else:
                self.add(Block("paragraph", text, src), outline=not self.quote_depth)

    def table_row(self) -> None:
        cells = tuple(self.cells)
        if not any(c.strip() for c in cells):
            return
        line0 = self.row_map[0] if self.row_map else 0
        text = " | ".join(c for c in cells if c.strip())
        src = Source(line=line0 + 1, text=text, locator=f"L{line0 + 1}")
        self.add(Block("table_row", text, src, cells=cells, table=self.table, row=self.row))

    def code(self, tok) -> None:
        """Fenced text is often a pasted chat or mail; keep its lines as paragraphs."""
        first = (tok.map[0] + (1 if tok.type == "fence" else 0)) if tok.map else 0
        for n, line in enumerate(tok.content.split("\n")):
            if line.strip():
                src = Source(line=first + n + 1, text=line.strip(), locator=f"L{first + n + 1}")
                self.add(Block("paragraph", line.strip(), src))

    def html(self, tok) -> None:
        if tok.content.lstrip().startswith("<!--"):
            return
        first = tok.map[0] if tok.map else 0
        if "<table" in tok.content.lower():
            self.html_tables(tok.content, first)
            return
        for n, line in enumerate(tok.content.split("\n")):
            text = _TAG.sub("", line).strip()
            if text:
                src = Source(line=first + n + 1, text=line.strip(), locator=f"L{first + n + 1}")
                self.add(Block("paragraph", text, src))


    def html_tables(self, html: str, first: int) -> None:
        """<table> blocks (merged cells exported from online editors) as table rows."""
        from minutes.readers.html_tables import parse_tables

        rows = []
        for table in parse_tables(html):
            self.table += 1
            for r, row in enumerate(table.rows):
                rows.append((row.line, self.table, r, row))
        for line0, table_no, r, row in sorted(rows, key=lambda x: x[0]):
            cells = tuple(normalize_text(c) for c in row.cells)
            if not any(cells):
                continue
            text = " | ".join(c for c in cells if c)
            src = Source(line=first + line0 + 1, text=text, locator=f"L{first + line0 + 1}")
            self.add(Block("table_row", text, src, cells=cells, table=table_no, row=r,
                           vmerged=tuple(row.vmerged) or None))


def _bold_heading(text: str) -> bool:
    """A short all-bold line such as "**行动项**" acts as a heading; "**负责人：张伟**" does not."""
    if len(text) > MAX_BOLD_HEADING or "\n" in text or _SENTENCE.search(text):
        return False
    colon = max(text.find("："), text.find(":"))
    return colon == -1 or colon == len(text) - 1
