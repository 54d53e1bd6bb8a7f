"""Readers: .docx, Markdown and text (files or pasted stdin) to a `Document` of blocks.

`read_path` picks the reader from the file extension and `read_stdin` from the
pasted text itself. Every bad input (missing, wrong type, corrupt, encrypted,
oversized, binary, empty) raises BadInput naming the file and the problem.
Heavy libraries (python-docx, markdown-it, charset-normalizer) load only in the
reader that needs them.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from minutes.errors import BadInput, UnsupportedFormat
from minutes.model import Document
from minutes.readers.files import check_path, check_size, display_name, is_ole, is_zip, read_bytes, sha256

DOCX_EXTS = (".docx", ".docm", ".dotx")
MARKDOWN_EXTS = (".md", ".markdown", ".mdown", ".mkd")
TEXT_EXTS = (".txt", ".text", ".log")
_MARKDOWN_HINT = re.compile(r"^#{1,6}\s+\S|^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)
_BOLD_LEAD = re.compile(r"^\s*(?:[-*+]\s+)?\*\*[^*\n]+\*\*", re.M)

__all__ = ["read_path", "read_stdin", "read_text_bytes", "read_markdown_bytes", "read_docx", "looks_like_markdown"]


def read_path(path: str | os.PathLike) -> Document:
    """Read a minutes file; the extension picks the reader."""
    name = display_name(path)
    ext = Path(path).suffix.lower()
    check_path(path)
    if ext not in DOCX_EXTS + MARKDOWN_EXTS + TEXT_EXTS + (".doc",):
        shown = ext if ext else "(no extension)"
        raise UnsupportedFormat(f"unsupported file type {shown}; use .docx, .md or .txt", name)
    data = read_bytes(path)
    if ext in DOCX_EXTS or ext == ".doc":
        return _read_word(data, os.fspath(path), ext)
    if is_ole(data) or is_zip(data):
        raise BadInput(f"binary data, not text (an Office or zip file named {ext})", name)
    if ext in MARKDOWN_EXTS:
        return read_markdown_bytes(data, os.fspath(path))
    return read_text_bytes(data, os.fspath(path))


def _read_word(data: bytes, path: str, ext: str) -> Document:
    from minutes.readers.docx import read_docx_bytes

    if ext == ".doc" and not is_zip(data):
        if is_ole(data):
            raise UnsupportedFormat("old binary Word .doc; save it as .docx", display_name(path))
        if not data.strip():
            raise BadInput("empty document", display_name(path))
        raise UnsupportedFormat("unsupported file type .doc (not a Word document); use .docx, .md or .txt",
                                display_name(path))
    return read_docx_bytes(data, path, ext)


def read_stdin(data: bytes, name: str = "-") -> Document:
    """Pasted text: Markdown when it clearly is (headings, tables), else text/chat."""
    from minutes.readers.markdown import read_markdown_text
    from minutes.readers.text import decode_text, read_text_str

    check_size(data, display_name(name))
    text, encoding = decode_text(data, name)
    if looks_like_markdown(text):
        return read_markdown_text(text, name, encoding=encoding, digest=sha256(data))
    return read_text_str(text, name, encoding=encoding, digest=sha256(data))


def looks_like_markdown(text: str) -> bool:
    """An ATX heading ("## 行动项"), a table rule ("|---|---|"), or several lines led by **bold**."""
    if _MARKDOWN_HINT.search(text):
        return True
    bold = _BOLD_LEAD.finditer(text)
    return next(bold, None) is not None and next(bold, None) is not None


def read_text_bytes(data: bytes, path: str) -> Document:
    from minutes.readers.text import read_text_bytes as read

    return read(data, path)


def read_markdown_bytes(data: bytes, path: str) -> Document:
    from minutes.readers.markdown import read_markdown_bytes as read

    return read(data, path)


def read_docx(path: str | os.PathLike) -> Document:
    from minutes.readers.docx import read_docx as read

    return read(path)
