"""Plain text, chat pastes and transcripts (files or stdin) to blocks.

Every non-empty line is one block with its own line number; the shape of the
whole paste (plain / im / transcript) decides whether lines become paragraphs
or speakers' messages and turns.
"""
from __future__ import annotations

from minutes.errors import BadInput
from minutes.model import Document
from minutes.readers.encoding import decode
from minutes.readers.files import check_size, display_name, sha256
from minutes.readers.normalize import normalize_text
from minutes.readers.plain import plain_blocks, split_lines
from minutes.readers.shapes import read_chat


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Normalised text and encoding name; empty or binary input is BadInput."""
    name = display_name(path)
    check_size(data, name)
    if not data.strip():
        raise BadInput("empty document", name)
    text, encoding = decode(data, name)
    text = normalize_text(text)
    if not text.strip():
        raise BadInput("empty document", name)
    return text, encoding


def read_text_bytes(data: bytes, path: str) -> Document:
    text, encoding = decode_text(data, path)
    return read_text_str(text, path, encoding=encoding, digest=sha256(data))


def read_text_str(text: str, path: str, *, encoding: str, digest: str) -> Document:
    lines = split_lines(text)
    shape, blocks = read_chat(lines)
    if blocks is None:
        blocks = plain_blocks(lines)
    if not blocks:
        raise BadInput("empty document (no text)", display_name(path))
    return Document(path=str(path), format="text", encoding=encoding, sha256=digest,
                    blocks=tuple(blocks), shape=shape)
