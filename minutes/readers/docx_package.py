"""Is this really a .docx we may open? Checked from the zip directory alone.

python-docx unpacks every part into memory and reports trouble with library
exceptions; these checks run first so a zip bomb is refused before anything is
decompressed and every rejection is one line naming the problem.
"""
from __future__ import annotations

import io
import re
import zipfile

from minutes.errors import BadInput, UnsupportedFormat
from minutes.readers.files import MB, is_ole, is_zip

MAX_UNPACKED_BYTES = 50 * MB
MAX_PARTS = 10_000
MAIN_PART = "word/document.xml"
_OFFICE_DOC = re.compile(
    r'<Relationship\b[^>]*?Type="[^"]*/officeDocument"[^>]*?Target="([^"]+)"'
    r'|<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Type="[^"]*/officeDocument"'
)
_OTHER_OFFICE = {"xl/workbook.xml": "an Excel workbook", "ppt/presentation.xml": "a PowerPoint deck"}


def _utf16(word: str) -> bytes:
    return word.encode("utf-16-le")


def check_ole(data: bytes, name: str, ext: str) -> None:
    """OLE2 container: an encrypted OOXML package or a legacy binary .doc."""
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        raise BadInput("encrypted or password-protected .docx; remove the password and save again", name)
    if ext == ".doc" or _utf16("WordDocument") in data:
        raise UnsupportedFormat("old binary Word .doc; save it as .docx", name)
    raise BadInput("encrypted or password-protected .docx; remove the password and save again", name)


def check_package(data: bytes, name: str, ext: str = ".docx") -> str:
    """Raise BadInput unless `data` is a sane Word package; return the main part's name."""
    if not data.strip():
        raise BadInput("empty document", name)
    if is_ole(data):
        check_ole(data, name, ext)
    if not is_zip(data):
        if data.lstrip().startswith(b"{\\rtf"):
            raise UnsupportedFormat("an RTF file, not a .docx; save it as .docx", name)
        raise BadInput("not a valid .docx (not a zip archive)", name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise BadInput(f"corrupt or truncated .docx (bad zip archive: {exc})", name) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise BadInput(f"too many parts in .docx ({len(infos)} > {MAX_PARTS})", name)
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED_BYTES:
            raise BadInput(
                f"unpacks to {total / MB:.1f} MB > {MAX_UNPACKED_BYTES // MB} MB; refusing to open", name)
        names = {info.filename for info in infos}
        main = _main_part(archive, names) or MAIN_PART
    for part, what in _OTHER_OFFICE.items():
        if main == part or (main not in names and part in names):
            raise UnsupportedFormat(f"{what}, not a Word document; use .docx, .md or .txt", name)
    if main not in names:
        raise BadInput(f"not a Word document: missing {main}", name)
    return main


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """The officeDocument target of _rels/.rels (nearly always word/document.xml)."""
    if "_rels/.rels" not in names:
        return None
    try:
        rels = archive.read("_rels/.rels")[:200_000].decode("utf-8", errors="replace")
    except Exception:  # a broken rels part is reported by the main-part check
        return None
    m = _OFFICE_DOC.search(rels)
    if not m:
        return None
    target = (m.group(1) or m.group(2)).lstrip("/")
    return target if not target.startswith("..") else None
