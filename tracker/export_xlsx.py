"""To-do lists as Excel workbooks with Chinese headers (openpyxl)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker.todo_render import COLUMN_KEYS, headers, row_values

_WIDTHS = {"任务描述": 40, "原文": 60, "交付成果": 24, "会议": 24, "议题": 20, "提醒": 20}


def write_workbook(todo, path: Path) -> Path:
    """One sheet: a header row, then one row per item, due date as a real date cell."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = (todo.label or "待办")[:31]
    names = headers()
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    due_col = COLUMN_KEYS.index("due_date")
    for item in todo.items:
        values = row_values(item)
        if item.due_date:
            try:
                values[due_col] = date.fromisoformat(item.due_date)
            except ValueError:
                pass
        sheet.append(values)
        if isinstance(values[due_col], date):
            sheet.cell(row=sheet.max_row, column=due_col + 1).number_format = "yyyy-mm-dd"
    for n, name in enumerate(names, 1):
        sheet.column_dimensions[get_column_letter(n)].width = _WIDTHS.get(name, 12)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(path)
    return path
