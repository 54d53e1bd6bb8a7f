"""Getting bytes off disk safely: the checks every reader shares.

Each failure is a BadInput that names the file, so the CLI prints one line.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from minutes.errors import BadInput

MB = 1024 * 1024
MAX_FILE_BYTES = 20 * MB

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def display_name(path: str | os.PathLike) -> str:
    """How a path appears in messages; stdin reads as <stdin>."""
    text = os.fspath(path)
    return "<stdin>" if text in ("", "-") else text


def too_large(size: int, name: str) -> BadInput:
    return BadInput(f"file too large ({size / MB:.1f} MB > {MAX_FILE_BYTES // MB} MB)", name)


def check_size(data: bytes, name: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise too_large(len(data), name)


def check_path(path: str | os.PathLike) -> int:
    """The size of an existing regular file, or BadInput (missing, directory, device...)."""
    name = display_name(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise BadInput("file not found", name) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise BadInput(f"cannot read file: {getattr(exc, 'strerror', None) or exc}", name) from None
    if stat.S_ISDIR(st.st_mode):
        raise BadInput("is a directory, not a file", name)
    if not stat.S_ISREG(st.st_mode):
        raise BadInput("not a regular file", name)
    return st.st_size


def read_bytes(path: str | os.PathLike) -> bytes:
    """The file's bytes, or BadInput for a missing file, a directory or an oversized file."""
    name = display_name(path)
    size = check_path(path)
    if size > MAX_FILE_BYTES:
        raise too_large(size, name)
    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise BadInput(f"cannot read file: {exc.strerror or exc}", name) from None
    check_size(data, name)
    return data


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_ole(data: bytes) -> bool:
    """An OLE2 compound file: legacy .doc/.xls, or an encrypted OOXML package."""
    return data.startswith(OLE_MAGIC)


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGICS)
