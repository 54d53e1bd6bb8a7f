"""HTML tables inside Markdown, as exported by online editors for merged cells.

Rows come out like docx rows: a colspan cell once at its first column with ""
after it, a rowspan continuation as "" listed in `vmerged`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Optional


@dataclass
class HtmlRow:
    line: int  # 0-based line of the <tr> within the HTML block
    cells: list[str] = field(default_factory=list)
    vmerged: list[int] = field(default_factory=list)


@dataclass
class HtmlTable:
    rows: list[HtmlRow] = field(default_factory=list)


class _TableParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[HtmlTable] = []
        self._stack: list[HtmlTable] = []  # nested tables are read as tables of their own
        self._row: Optional[HtmlRow] = None
        self._cell: Optional[list[str]] = None
        self._span = (1, 1)
        self._pending: dict[int, list[int]] = {}  # column -> [rows still covered, width]
        self._saved: list[tuple] = []  # the enclosing table's state while a nested one is read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            table = HtmlTable()
            self.tables.append(table)
            self._stack.append(table)
            self._saved.append((self._row, self._cell, self._span, self._pending))
            self._row, self._cell, self._span, self._pending = None, None, (1, 1), {}
        elif tag == "tr" and self._stack:
            self._row = HtmlRow(self.getpos()[0] - 1)
            self._stack[-1].rows.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._fill_rowspans()
            self._cell = []
            self._span = (_int(attrs.get("colspan")), _int(attrs.get("rowspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif tag in ("p", "div", "li") and self._cell:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            text = "\n".join(line.strip() for line in "".join(self._cell).split("\n") if line.strip())
            col = len(self._row.cells)
            colspan, rowspan = self._span
            self._row.cells.append(text)
            self._row.cells.extend([""] * (colspan - 1))
            if rowspan > 1:
                self._pending[col] = [rowspan - 1, colspan]
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._fill_rowspans()
            self._row = None
        elif tag == "table" and self._stack:
            self._stack.pop()
            if self._saved:
                self._row, self._cell, self._span, self._pending = self._saved.pop()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def _fill_rowspans(self):
        """Columns covered by a rowspan from above are continuation cells of this row."""
        row = self._row
        while row is not None and self._pending.get(len(row.cells), [0])[0] > 0:
            col = len(row.cells)
            self._pending[col][0] -= 1
            row.vmerged.append(col)
            row.cells.extend([""] * self._pending[col][1])


def _int(value) -> int:
    try:
        return max(1, min(int(value), 100))
    except (TypeError, ValueError):
        return 1


def parse_tables(html: str) -> list[HtmlTable]:
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return parser.tables
