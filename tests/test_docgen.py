"""bench/docgen.py: the benchmark document has the promised shape and is reproducible."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from docgen import generate_minutes  # noqa: E402


def text_of(path: Path) -> list[str]:
    document = docx.Document(str(path))
    rows = [tuple(c.text for c in row.cells) for t in document.tables for row in t.rows]
    return [p.text for p in document.paragraphs] + ["|".join(r) for r in rows]


def test_same_seed_same_document_other_seed_other_document(tmp_path):
    a = generate_minutes(tmp_path / "a.docx", seed=1, topics=3, action_rows=20)
    b = generate_minutes(tmp_path / "b.docx", seed=1, topics=3, action_rows=20)
    c = generate_minutes(tmp_path / "c.docx", seed=2, topics=3, action_rows=20)
    assert text_of(a.path) == text_of(b.path)
    assert text_of(a.path) != text_of(c.path)


def test_default_document_is_table_heavy_with_merged_cells(tmp_path):
    info = generate_minutes(tmp_path / "big.docx")
    document = docx.Document(str(info.path))
    numbered = [row for t in document.tables[1:] for row in t.rows if row.cells[0].text.isdigit()]
    assert len(numbered) == info.action_rows == 150
    assert [row.cells[0].text for row in numbered] == [str(i) for i in range(1, 151)]
    xml = document.element.xml
    assert "w:vMerge" in xml and "w:gridSpan" in xml  # owners merged down, group rows merged across
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert sum(h.startswith("议题") for h in headings) == info.topics == 10
    assert document.tables[0].cell(1, 0).text == "会议时间"
    assert sum(len(p.text) for p in document.paragraphs) > 8000  # roughly 20 pages with the tables
