"""Finding roster people by what a reviewer types: name, alias, pinyin or initials.

Typing 'zw', 'zhangw' or '张' should all offer 张伟: people pick owners faster by
initials than by switching input methods. The pinyin keys of a roster are
computed once per roster version (people and alias counts, last update).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from tracker.store import Store


@dataclass(frozen=True)
class Match:
    name: str
    department: Optional[str]
    title: Optional[str]
    matched: str  # name | alias | pinyin | initials
    via: Optional[str] = None  # the alias that matched


@dataclass(frozen=True)
class _Entry:
    name: str
    department: Optional[str]
    title: Optional[str]
    aliases: tuple[str, ...]
    pinyin: str  # "zhangwei"
    initials: str  # "zw"


_cache: dict = {}


def _version(store: Store) -> tuple:
    row = store.db.execute(
        "SELECT (SELECT COUNT(*) FROM people), (SELECT MAX(updated_at) FROM people), (SELECT COUNT(*) FROM aliases)"
    ).fetchone()
    return (str(store.path), *row)


def _entries(store: Store) -> list[_Entry]:
    key = _version(store)
    if _cache.get("key") == key:
        return _cache["entries"]
    from pypinyin import Style, lazy_pinyin

    aliases: dict[int, list[str]] = {}
    for person_id, alias in store.db.execute("SELECT person_id, alias FROM aliases ORDER BY alias"):
        aliases.setdefault(person_id, []).append(alias)
    entries = []
    for person_id, name, department, title in store.db.execute(
            "SELECT id, name, department, title FROM people ORDER BY name"):
        syllables = lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
        entries.append(_Entry(name, department, title, tuple(aliases.get(person_id, ())),
                              "".join(syllables).lower(), "".join(s[:1] for s in syllables).lower()))
    _cache.update(key=key, entries=entries)
    return entries


def search_people(store: Store, query: str, limit: int = 12) -> list[Match]:
    """Best matches first: exact name, name prefix/substring, alias, initials, full pinyin."""
    q = (query or "").strip()
    entries = _entries(store)
    if not q:
        return [Match(e.name, e.department, e.title, "name") for e in entries[:limit]]
    folded = q.casefold().replace(" ", "")
    ranked: list[tuple[int, Match]] = []
    for e in entries:
        if e.name == q:
            ranked.append((0, Match(e.name, e.department, e.title, "name")))
        elif q in e.name:
            ranked.append((1 if e.name.startswith(q) else 2, Match(e.name, e.department, e.title, "name")))
        elif any(folded in a.casefold() for a in e.aliases):
            alias = next(a for a in e.aliases if folded in a.casefold())
            ranked.append((3, Match(e.name, e.department, e.title, "alias", alias)))
        elif folded.isascii() and e.initials.startswith(folded):
            ranked.append((4, Match(e.name, e.department, e.title, "initials")))
        elif folded.isascii() and e.pinyin.startswith(folded):
            ranked.append((5, Match(e.name, e.department, e.title, "pinyin")))
    ranked.sort(key=lambda pair: (pair[0], pair[1].name))
    return [m for _, m in ranked[:limit]]
