"""Bytes to text for .txt, .md and pasted input, without silent mojibake.

Chinese offices send UTF-8 (with or without BOM), GBK/GB18030 from older
Windows tools, UTF-16 from Notepad's "Unicode" option and occasionally Big5.
The order below trusts unambiguous evidence first (BOMs, strict UTF-8) and only
then guesses, so a real GBK file is never read as Big5 or the other way round.
"""
from __future__ import annotations

import codecs
import re
from typing import Optional

from minutes.errors import BadInput

# Encodings charset-normalizer may choose from; anything else would be a guess.
SENSIBLE = ["utf_8", "gb18030", "gbk", "big5", "utf_16"]
_NAMES = {"utf_8": "utf-8", "gb18030": "gb18030", "gbk": "gbk", "big5": "big5", "utf_16": "utf-16",
          "utf_16_le": "utf-16", "utf_16_be": "utf-16", "gb2312": "gbk", "cp950": "big5", "big5hkscs": "big5"}
# C0/C1 control characters other than tab and line/page breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name) or BadInput; the text still has its original line ends."""
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_strict(data[3:], "utf-8", name), "utf-8-sig", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_strict(data, "utf-16", name), "utf-16", name)
    bomless = _bomless_utf16(data)
    if bomless is not None:
        return _checked(bomless, "utf-16", name)
    if b"\x00" in data:
        raise BadInput("binary data, not text (contains NUL bytes)", name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return _checked(mostly_utf8, "utf-8", name)
    found = _gb(data)
    if found is not None:
        return _checked(*found, name)
    return _checked(*_guess(data, name), name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BadInput(f"cannot decode text as {encoding} (bad byte at offset {exc.start})", name) from None


def _bomless_utf16(data: bytes) -> Optional[str]:
    """Notepad-style UTF-16 without a BOM: NUL bytes all on one side of each pair."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    if odd >= 0.95 * (odd + even):
        encoding = "utf-16-le"
    elif even >= 0.95 * (odd + even):
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _control_share(text) < 0.02 else None


def _mostly_utf8(data: bytes) -> Optional[str]:
    """UTF-8 with a few broken bytes (a truncated last character, one bad paste).

    Decoding such a file as GBK would garble every line; replacing the few bad
    bytes keeps the rest exact.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = len(_NON_ASCII.findall(text)) - bad
    if multibyte >= 10 and bad <= max(1, multibyte // 100):
        return text
    return None


def _gb(data: bytes) -> Optional[tuple[str, str]]:
    """GBK (reported as "gbk") or its superset GB18030, unless it smells of Big5."""
    try:
        text, encoding = data.decode("gbk"), "gbk"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            return None
    if _looks_like_gb(text):
        return text, encoding
    return None


def _looks_like_gb(text: str) -> bool:
    """Real GBK text is nearly all GB2312 characters; Big5 read as GBK is full of rare ones."""
    han = _HAN.findall(text, 0, 200_000)
    if len(han) < 20:
        return _control_share(text) < 0.02
    common = 0
    for ch in han:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.85 * len(han)


def _guess(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=SENSIBLE).best()
    if best is None or best.encoding not in _NAMES:
        raise BadInput("cannot decode text: not UTF-8, GBK/GB18030, Big5 or UTF-16", name)
    return str(best), _NAMES[best.encoding]


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    """Refuse decoded text that is really binary (many control characters)."""
    if _control_share(text) > 0.05:
        raise BadInput("binary data, not text (many control characters)", name)
    return text, encoding
