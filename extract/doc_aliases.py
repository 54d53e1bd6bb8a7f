"""Initials a document defines for its people: "Ms Chen Jing (CJ)", "张伟（ZW）".

Board and committee minutes name owners by initials ("Action: CJ by 6 June"),
defined once in the attendance list, or left for the reader to infer from a
name in the text ("Mr Zhang Wei … Action: ZW"). The definitions are read from
the document and known to the roster for that document only; initials nobody
in the document stands for stay unknown.
"""
from __future__ import annotations

import re
from typing import Iterable

from extract.roster import Roster

_TITLE = r"(?:(?:Mr|Ms|Mrs|Miss|Dr|Prof|Professor)\.?\s+)?"
_LATIN_NAME = r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})"
_DEFINED_LATIN = re.compile(_TITLE + _LATIN_NAME + r"\s*[（(]\s*([A-Z]{2,4})\s*[)）]")
_DEFINED_CJK = re.compile(r"([\u4e00-\u9fff]{2,4})\s*[（(]\s*([A-Z]{2,4})\s*[)）]")
_NAMED = re.compile(r"(?<![A-Za-z])" + _TITLE + _LATIN_NAME + r"(?![A-Za-z])")


def document_aliases(texts: Iterable[str], roster: Roster) -> dict[str, str]:
    """initials -> roster name, for the initials this document gives or implies."""
    texts = list(texts)
    defined: dict[str, set[str]] = {}
    implied: dict[str, set[str]] = {}
    for text in texts:
        for name, initials in _DEFINED_LATIN.findall(text) + _DEFINED_CJK.findall(text):
            person = _person(roster, name)
            if person:
                defined.setdefault(initials, set()).add(person)
        for name in _NAMED.findall(text):
            person = _person(roster, name)
            if person:  # "Mr Zhang Wei, an IT volunteer": ZW from the name as written
                implied.setdefault("".join(w[0] for w in re.split(r"[ -]", name)).upper(), set()).add(person)
    out = {k: next(iter(v)) for k, v in implied.items() if len(v) == 1 and len(k) >= 2}
    out.update({k: next(iter(v)) for k, v in defined.items() if len(v) == 1})  # a definition wins
    return out


def _person(roster: Roster, name: str):
    found = roster.resolve(name)
    return found.name if found.match in ("exact", "alias", "pinyin") else None
