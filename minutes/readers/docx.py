"""Word minutes to blocks, in body order, with tables as rows of grid cells.

The body is walked as XML (paragraphs and tables interleaved, content controls
opened) rather than through python-docx's `paragraphs` / `tables` lists, which
lose the order, and `row.cells`, which repeats merged cells. Source.line is the
running number of body paragraphs and table rows, the locator says "p12" or
"t2r3" (nested: "t1r2c3/t4r1").
"""
from __future__ import annotations

import io
import os
import re
from datetime import date, datetime
from typing import Optional

from minutes.errors import BadInput, MinutesError
from minutes.model import Block, Document, Source
from minutes.readers.docx_lists import ListNumbering
from minutes.readers.docx_package import check_package
from minutes.readers.docx_styles import StyleSheet
from minutes.readers.files import display_name, read_bytes, sha256
from minutes.readers.normalize import normalize_text
from minutes.readers.numbering import apply_outline, numbering_of, reads_like_heading

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text is not the paragraph's own: properties, deletions,
# text boxes (a separate flow) and the fallback copy of alternate content.
_SKIP = {W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "txbxContent", MC + "Fallback",
         W + "delText", W + "instrText", W + "footnoteReference", W + "endnoteReference"}
_CONTAINERS = {W + "sdt": W + "sdtContent", W + "customXml": None, W + "smartTag": None}


def read_docx(path: str | os.PathLike) -> Document:
    return read_docx_bytes(read_bytes(path), os.fspath(path))


def read_docx_bytes(data: bytes, path: str, ext: str = ".docx") -> Document:
    name = display_name(path)
    check_package(data, name, ext)
    try:
        import docx

        word = docx.Document(io.BytesIO(data))
    except MinutesError:
        raise
    except Exception as exc:  # python-docx, lxml, zipfile and zlib all raise their own
        raise BadInput(f"corrupt .docx ({_why(exc)})", name) from None
    try:
        blocks = _Walker(word).walk()
        title, created = _core(word)
    except MinutesError:
        raise
    except Exception as exc:
        raise BadInput(f"corrupt .docx ({_why(exc)})", name) from None
    if not blocks:
        raise BadInput("empty document (no text in the .docx)", name)
    return Document(path=str(path), format="docx", encoding="utf-8", sha256=sha256(data),
                    blocks=tuple(blocks), title=title, created=created)


def _why(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__


def _core(word) -> tuple[Optional[str], Optional[date]]:
    try:
        props = word.core_properties
        title = normalize_text(props.title or "").strip() or None
        created = props.created
    except Exception:  # a malformed core.xml only costs us the metadata
        return None, None
    if isinstance(created, datetime):
        created = created.date()
    return title, created if isinstance(created, date) else None


def paragraph_text(p) -> str:
    """A paragraph's visible text: runs, hyperlinks, insertions; breaks as "\\n"."""
    parts: list[str] = []
    _collect(p, parts)
    return _tidy("".join(parts))


def _collect(el, parts: list[str]) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag in (W + "tab", W + "ptab"):
            parts.append(" ")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag in (W + "p", W + "tbl"):
            continue  # nested flows are read on their own
        else:
            _collect(child, parts)


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in normalize_text(text).split("\n")]
    return "\n".join(line for line in lines if line)


class _Walker:
    def __init__(self, word):
        self.styles = StyleSheet(_part_element(word, "styles"))
        self.numbering = ListNumbering(_part_element(word, "numbering"))
        self.body = word.element.body
        self.line = 0
        self.para = 0
        self.table_no = 0
        self.blocks: list[Block] = []
        self.outline: list[bool] = []

    def walk(self) -> list[Block]:
        self._container(self.body)
        return apply_outline(self.blocks, self.outline)

    def _add(self, block: Block, outline: bool = False) -> None:
        self.blocks.append(block)
        self.outline.append(outline)

    def _container(self, el) -> None:
        for child in _flat(el):
            if child.tag == W + "p":
                self._paragraph(child)
            elif child.tag == W + "tbl":
                self._table(child, None)

    def _labelled_text(self, p):
        """(text with any automatic number label, style facts, label)."""
        style = self.styles.paragraph(p)
        label = self.numbering.label(*style.num) if style.num else None
        text = paragraph_text(p)
        if label and text:
            text = f"{label}{'' if label[-1] in '、）．' or not label.isascii() else ' '}{text}"
        return text, style, label

    def _paragraph(self, p) -> None:
        self.line += 1
        self.para += 1
        text, style, label = self._labelled_text(p)
        if not text:
            return
        source = Source(line=self.line, text=text, locator=f"p{self.para}")
        if style.heading is not None:
            self._add(Block("heading", text, source, level=style.heading))
        elif style.is_list:
            mark = numbering_of(text) if label else None
            if mark is not None and mark.level <= 2 and reads_like_heading(text, mark):
                # auto-numbered "一、会议背景": an outline heading, not a list
                self._add(Block("heading", text, source, level=mark.level))
            else:
                depth = max(style.num[1] if style.num else 0, style.list_depth)
                self._add(Block("list_item", text, source, level=depth))
        else:
            self._add(Block("paragraph", text, source), outline=True)

    def _table(self, tbl, parent: Optional[str]) -> None:
        self.table_no += 1
        table_no = self.table_no
        grid = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        for r, tr in enumerate((c for c in _flat(tbl) if c.tag == W + "tr"), start=1):
            self.line += 1
            locator = f"{parent}/t{table_no}r{r}" if parent else f"t{table_no}r{r}"
            cells, vmerged, nested = self._row(tr)
            cells += [""] * (grid - len(cells))
            if any(cells):
                text = " | ".join(c for c in cells if c)
                self._add(Block("table_row", text, Source(self.line, text, locator), cells=tuple(cells),
                                table=table_no, row=r - 1, vmerged=tuple(vmerged) or None))
            for col, inner in nested:
                self._table(inner, f"{locator}c{col + 1}")

    def _row(self, tr) -> tuple[list[str], list[int], list[tuple[int, object]]]:
        before = _int_val(tr, f"{W}trPr/{W}gridBefore") or 0
        cells: list[str] = [""] * before
        vmerged: list[int] = []
        nested: list[tuple[int, object]] = []
        for tc in (c for c in _flat(tr) if c.tag == W + "tc"):
            col = len(cells)
            span = max(1, _int_val(tc, f"{W}tcPr/{W}gridSpan") or 1)
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            hmerge = tc.find(f"{W}tcPr/{W}hMerge")
            text, inner = self._cell(tc)
            continues_down = vmerge is not None and vmerge.get(W + "val", "continue") != "restart"
            continues_right = hmerge is not None and hmerge.get(W + "val", "continue") != "restart"
            if continues_down:
                vmerged.append(col)
                cells.append("")
            elif continues_right:  # legacy horizontal merge: a spanned position
                cells.append("")
            else:
                cells.append(text)
            cells.extend([""] * (span - 1))
            nested.extend((col, t) for t in inner)
        return cells, vmerged, nested

    def _cell(self, tc) -> tuple[str, list]:
        texts, tables = [], []
        for child in _flat(tc):
            if child.tag == W + "p":
                text, _, _ = self._labelled_text(child)
                if text:
                    texts.append(text)
            elif child.tag == W + "tbl":
                tables.append(child)
        return "\n".join(texts), tables


def _flat(el):
    """Children, with content controls and custom-XML wrappers opened in place."""
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in _CONTAINERS:
            inner_tag = _CONTAINERS[tag]
            inner = child.find(inner_tag) if inner_tag else child
            if inner is not None:
                yield from _flat(inner)
            continue
        yield child


def _int_val(el, path: str) -> Optional[int]:
    found = el.find(path)
    if found is None:
        return None
    try:
        return int(found.get(W + "val", ""))
    except ValueError:
        return None


def _part_element(word, kind: str):
    """The styles or numbering part's root element, or None when the package has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    reltype = RT.STYLES if kind == "styles" else RT.NUMBERING
    try:
        part = word.part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None
    return getattr(part, "element", None)
