"""Shapes of Chinese names: surname split, tone-less pinyin, same-sound tests.

Minutes spell people by ear (章伟 for 张伟) and in pinyin (Zhang Wei, Wei Zhang),
so the resolver compares sounds, not only characters.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from minutes.errors import DataFileError

from extract.owner_rules import near_sounds, pinyin_syllables, surnames

_CJK_RUN = re.compile(r"^[\u4e00-\u9fff]+$")
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[ .'-]?[A-Z][a-z]+){0,2}$")
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w")


def is_cjk(text: str) -> bool:
    return bool(_CJK_RUN.match(text))


def is_latin_name(text: str) -> bool:
    """A capitalised Latin name: Kevin, Tom Smith, Mary-Jane."""
    return bool(_LATIN_NAME.match(text))


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name); compound surnames (欧阳, 司马) are kept whole."""
    surname = surnames().prefix(name) if len(name) >= 3 else None
    if surname and len(surname) == 2:
        return surname, name[2:]
    return name[:1], name[1:]


@lru_cache(maxsize=4096)
def syllables(text: str) -> tuple[str, ...]:
    """Tone-less pinyin, one syllable per character; surnames use their surname reading (曾 → zeng)."""
    if not text or not is_cjk(text):
        return ()
    surname, given = split_name(text)
    reading = surnames().reading(surname)
    head = reading.split("-") if reading else [char_reading(c) for c in surname]
    return tuple(_plain(s) for s in [*head, *(char_reading(c) for c in given)])


@lru_cache(maxsize=8192)
def char_reading(char: str) -> str:
    """The usual tone-less reading of one character (pypinyin's first reading; the character
    itself when it has none), as pypinyin's lazy_pinyin gives a name outside its phrase list."""
    import json
    import unicodedata

    table = _pinyin_table()
    at = _entry(table, ord(char))
    if at < 0:
        return char
    value, _ = json.JSONDecoder().raw_decode(table, table.index('"', table.index(":", at)))
    first = str(value).split(",")[0]
    return "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c)) or char


def _entry(table: str, code: int) -> int:
    """Offset of the '"code":' entry, or -1. The table lists code points in increasing order, one a
    line, so halving the span to a few lines and searching there beats scanning ~0.8 MB per character."""
    key = f'"{code}":'
    lo, hi = 0, len(table)
    while hi - lo > 256:
        mid = (lo + hi) // 2
        start = table.find('\n"', mid, hi)
        if start < 0:
            hi = mid
            continue
        end = table.find('"', start + 2, start + 16)
        number = table[start + 2:end] if end > 0 else ""
        if not number.isdigit():
            return table.find(key)  # not the layout expected: search it all
        if int(number) == code:
            return start + 1
        if int(number) < code:
            lo = start + 1
        else:
            hi = start + 1
    return table.find(key, lo, hi + len(key))


@lru_cache(maxsize=1)
def _pinyin_table() -> str:
    """pypinyin's per-character readings as text, searched rather than parsed: importing
    pypinyin loads its phrase dictionary too (~0.2 s), and names need a few characters only."""
    from importlib.util import find_spec

    spec = find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise DataFileError("pypinyin is not installed", "pypinyin/pinyin_dict.json")
    path = Path(list(spec.submodule_search_locations)[0]) / "pinyin_dict.json"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read: {exc}", str(path)) from None


def _plain(s: str) -> str:
    return s.lower().replace("ü", "u").replace("v", "u")


def latin_key(text: str) -> str:
    """Letters only, lower case, ü/v folded to u: "Zhang Wei" and "zhang-wei" give "zhangwei"."""
    return _plain(re.sub(r"[^A-Za-zÜü]+", "", text))


def pinyin_keys(name: str) -> set[str]:
    """Keys under which a Chinese name may be written in Latin letters, in both orders."""
    if not is_cjk(name) or len(name) < 2:
        return set()
    surname, _ = split_name(name)
    sy = syllables(name)
    head, given = "".join(sy[: len(surname)]), "".join(sy[len(surname):])
    return {head + given, given + head}


def surname_key(name: str) -> str:
    """The pinyin of a name's surname ("zhang" for 张伟)."""
    surname, _ = split_name(name)
    return "".join(syllables(name)[: len(surname)])


def _split_syllable(s: str) -> tuple[str, str]:
    for ini in _INITIALS:
        if s.startswith(ini) and len(s) > len(ini):
            return ini, s[len(ini):]
    return "", s


def near_syllable(a: str, b: str) -> bool:
    """Same syllable, or one that differs only by a confusable initial and/or final (陈静 ~ 陈进)."""
    if a == b:
        return True
    initials, finals = near_sounds()
    (ia, fa), (ib, fb) = _split_syllable(a), _split_syllable(b)
    same_initial = ia == ib or frozenset((ia, ib)) in initials
    same_final = fa == fb or frozenset((fa, fb)) in finals
    return same_initial and same_final


# --- Latin spellings of Chinese names ---------------------------------------------------


@lru_cache(maxsize=1024)
def pinyin_split(word: str) -> Optional[tuple[str, ...]]:
    """"jiaxin" -> ("jia", "xin"), in the fewest syllables; None when `word` is no run of
    pinyin syllables, which in a name means a typo ("jei", "tain")."""
    word = latin_key(word)
    if not word:
        return None
    known = pinyin_syllables()
    best: dict[int, tuple[str, ...]] = {0: ()}
    for i in range(len(word)):
        if i not in best:
            continue
        for n in range(min(6, len(word) - i), 0, -1):
            piece = word[i:i + n]
            if piece in known and (i + n not in best or len(best[i + n]) > len(best[i]) + 1):
                best[i + n] = best[i] + (piece,)
    return best.get(len(word))


def near_spelling(written: str, syllables_: tuple[str, ...]) -> Optional[str]:
    """How one Latin name part (a surname or given name) comes near a name part's syllables:
    "same", "sound" (real pinyin, each syllable a confusable of the other: Jin ~ jing),
    "typo" (no real pinyin, one letter off or two swapped: Jei ~ jie), or None."""
    target = "".join(syllables_)
    key = latin_key(written)
    if key == target:
        return "same"
    split = pinyin_split(key)
    if split is not None:
        if len(split) == len(syllables_) and all(near_syllable(a, b) for a, b in zip(split, syllables_)):
            return "sound"
        return None
    if len(target) >= 3 and _typo_distance(key, target) <= 1:
        return "typo"
    return None


def _typo_distance(a: str, b: str) -> int:
    """Edits between two spellings, a swap of neighbours counting as one (optimal string alignment)."""
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b)
