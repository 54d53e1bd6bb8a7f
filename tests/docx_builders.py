"""Helpers that build real .docx files for the reader tests (python-docx plus a little XML)."""
from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn


def new_document():
    return docx.Document()


def add_line_break_paragraph(doc, *lines: str):
    """One paragraph whose lines are separated by w:br."""
    p = doc.add_paragraph(lines[0])
    for line in lines[1:]:
        p.add_run().add_break()
        p.add_run(line)
    return p


def set_cell_lines(cell, *lines: str) -> None:
    """Cell text with w:br line breaks inside one paragraph."""
    cell.text = lines[0]
    para = cell.paragraphs[0]
    for line in lines[1:]:
        para.add_run().add_break()
        para.add_run(line)


def add_chinese_numbering(doc, fmt: str = "chineseCounting", text: str = "%1、") -> str:
    """Register a one-level automatic list (e.g. 一、二、) and return its numId."""
    numbering = doc.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abs_id = max(abstract_ids, default=0) + 1
    num_id = max(num_ids, default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abs_id}">'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstractNum elements must precede num elements
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abs_id}"/></w:num>'
    ))
    return str(num_id)


def number_paragraph(paragraph, num_id: str, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))


def wrap_in_content_control(paragraph) -> None:
    """Move a body paragraph inside a w:sdt block content control, in place."""
    p = paragraph._p
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent/></w:sdt>')
    p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(p)


def add_deleted_run(paragraph, text: str) -> None:
    """A tracked deletion: shown struck through in Word, not part of the text."""
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>{text}</w:delText></w:r></w:del>'
    ))


def save(doc, path: Path) -> Path:
    doc.save(str(path))
    return path


def rezip(src: Path, dest: Path, *, drop: tuple[str, ...] = (), replace: dict[str, bytes] | None = None,
          add: dict[str, bytes] | None = None) -> Path:
    """Copy a .docx package, dropping, replacing or adding parts."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = replace.get(info.filename, zin.read(info.filename))
            zout.writestr(copy.copy(info), data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dest


def ole_bytes(*stream_names: str) -> bytes:
    """A tiny stand-in for an OLE2 compound file: the magic plus UTF-16 directory names."""
    body = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in stream_names)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + body + b"\x00" * 512
