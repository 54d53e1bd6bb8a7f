"""Every person, team, group and "me" mention in one sentence, with its span.

extract.owners decides which mention owns the action; this module only finds
them: roster and guessed person names (extract.nlp), departments (研发部,
设计组, 产品侧, the QA team), collectives (大家, 各部门), self references (我,
I), and capitalised Latin names that may be people outside the roster.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from extract import nlp
from extract.owner_rules import collective_form, collectives, departments, non_names, patterns, titles

if TYPE_CHECKING:  # pragma: no cover
    from extract.roster import Roster

_DEPT_THEN_PERSON = re.compile(r"^(?:的|\s*[-－—·•]\s*|\s*)$")
_PERSON_THEN_DEPT = re.compile(r"^\s*[（(]\s*$")
_PERSON_FROM_DEPT = re.compile(r"^\s+(?:from|of|in)\s+$", re.IGNORECASE)

_ENGLISH_OWNER_AFTER = re.compile(r"\s+to\s+[a-z]|\s*[:：(（]", re.IGNORECASE)
_ENGLISH_OWNER_BEFORE = re.compile(r"(?:owner|assignee|assigned to|action)\s*[:：]?\s*$", re.IGNORECASE)
_SELF_LATIN = re.compile(r"(?<![A-Za-z])I(?![A-Za-z]|[-.]\w)")


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int
    kind: str  # person | department | collective | self | guess (may be a person; needs a marker to own)
    department: Optional[str] = None  # a department written just before the person (设计部王芳)
    person: Optional[str] = None  # the person part of `text` when a department precedes it


def find_mentions(text: str, roster: "Roster") -> list[Mention]:
    """Non-overlapping mentions in text order."""
    toks = nlp.tokens(text, roster)
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}
    found: list[tuple[int, Mention]] = []
    found += [(0, Mention(m, s, e, _person_kind(m, roster))) for m, s, e in nlp.person_candidates(text, roster)]
    found += [(1, m) for m in _collective_hits(text, starts, ends)]
    found += [(1, m) for m in _department_hits(text, roster, starts, ends)]
    found += [(2, m) for m in _self_hits(text)]
    found += [(3, m) for m in _latin_hits(text)]
    chosen: list[Mention] = []
    for _, m in sorted(found, key=lambda rm: (rm[0], -(rm[1].end - rm[1].start), rm[1].start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return _join_departments(text, chosen)


def _person_kind(mention: str, roster: "Roster") -> str:
    """"guess" for an off-roster name that is also a dictionary word (连接池, 文明): it owns only when marked."""
    if roster.resolve(mention).match == "unknown" and nlp.in_dictionary(mention):
        return "guess"
    return "person"


def _aligned(s: int, e: int, starts: set[int], ends: set[int]) -> bool:
    return s in starts and e in ends


def _collective_hits(text: str, starts: set[int], ends: set[int]) -> list[Mention]:
    out = [Mention(m.group(), m.start(), m.end(), "collective") for m in collective_form().finditer(text)
           if m.start() in starts]
    for word in _collective_pattern().finditer(text):
        s, e = word.span()
        piece = word.group()
        if not piece.isascii() and not _aligned(s, e, starts, ends):
            continue
        out.append(Mention(piece, s, e, "collective"))
    return out


@lru_cache(maxsize=1)
def _collective_pattern() -> re.Pattern:
    words = sorted(collectives(), key=len, reverse=True)
    parts = [(r"(?<![A-Za-z])" + re.escape(w) + r"(?![A-Za-z])") if w.isascii() else re.escape(w) for w in words]
    return re.compile("|".join(parts), re.IGNORECASE)


def _department_hits(text: str, roster: "Roster", starts: set[int], ends: set[int]) -> list[Mention]:
    """Roster departments, known stems with a suffix or side word, English team names."""
    out = []
    index = roster.index
    for m in _department_pattern(frozenset(index.dept_by_stem), frozenset(index.departments)).finditer(text):
        s, e = m.span()
        if _aligned(s, e, starts, ends) or m.group() in index.departments:
            out.append(Mention(m.group(), s, e, "department"))
    for m in _english_department_pattern().finditer(text):
        name = m.group("name")
        bare_word = name[:1].isupper() and not name.isupper() and "&" not in name  # "Design", not "QA" / "R&D"
        if m.group("suffix") or name.isupper() or "&" in name or (bare_word and _owner_slot(text, m.start(), m.end())):
            out.append(Mention(m.group(), m.start(), m.end(), "department"))
    return out


def _owner_slot(text: str, start: int, end: int) -> bool:
    """A bare capitalised team word only where minutes put owners: "Legal to review", "Owner: Sales"."""
    return bool(_ENGLISH_OWNER_AFTER.match(text, end) or _ENGLISH_OWNER_BEFORE.search(text[:start]))


@lru_cache(maxsize=16)
def _department_pattern(roster_stems: frozenset, roster_departments: frozenset) -> re.Pattern:
    """研发部 / 研发组 / 研发这边 / 产品侧, and every roster department by its full name."""
    rules = departments()
    stems = sorted(set(rules.stems) | roster_stems, key=len, reverse=True)
    stem = "|".join(re.escape(s) for s in stems)
    tails = sorted(set(rules.suffixes) | set(rules.side_words), key=len, reverse=True)
    tail = "|".join(re.escape(t) for t in tails)
    exact = "|".join(re.escape(s) for s in sorted(roster_departments, key=len, reverse=True))
    body = f"(?:{stem})(?:{tail})"
    # a match starts with one of these: other positions fail on one class test, not ~100 alternatives
    firsts = "".join(re.escape(c) for c in sorted({s[0] for s in stems} | {d[0] for d in roster_departments}))
    return re.compile(f"(?=[{firsts}])(?:{body}|{exact})" if exact else f"(?=[{firsts}]){body}")


@lru_cache(maxsize=1)
def _english_department_pattern() -> re.Pattern:
    rules = departments()
    teams = "|".join(re.escape(n) for n in sorted(rules.english, key=len, reverse=True))
    suffixes = "|".join(re.escape(s) for s in rules.english_suffixes)
    return re.compile(rf"(?<![A-Za-z])(?:the\s+)?(?P<name>{teams})(?:\s+(?P<suffix>{suffixes}))?(?![A-Za-z])",
                      re.IGNORECASE)


def _self_hits(text: str) -> list[Mention]:
    not_before = set(patterns().self_not_before)
    out = []
    for i, ch in enumerate(text):
        if ch == "我" and (i + 1 >= len(text) or text[i + 1] not in not_before):
            out.append(Mention("我", i, i + 1, "self"))
    out += [Mention("I", m.start(), m.end(), "self") for m in _SELF_LATIN.finditer(text)]
    return out


@lru_cache(maxsize=1)
def _latin_name() -> re.Pattern:
    """Tom, Anna Lee, Ms. Zhou Min, Dr Wang."""
    titles_ = "|".join(re.escape(t.capitalize()) for t in sorted(titles().latin_titles, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:(?:{titles_})\.?[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?(?![A-Za-z])")


def _latin_hits(text: str) -> list[Mention]:
    """Capitalised Latin words that may be people outside the roster (Tom, Anna Lee)."""
    banned = non_names()
    out = []
    for m in _latin_name().finditer(text):
        words = m.group().split()
        keep = [w for w in words if w.casefold().rstrip(".") not in banned]
        if len(keep) != len(words):
            if not keep:
                continue
            first = m.start() + m.group().index(keep[0])
            out.append(Mention(keep[0], first, first + len(keep[0]), "guess"))
            continue
        out.append(Mention(m.group(), m.start(), m.end(), "guess"))
    return out


def _join_departments(text: str, mentions: list[Mention]) -> list[Mention]:
    """设计部王芳 / 设计部的王芳 / 王芳（设计部） -> one person mention carrying its department."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev and prev.kind == "department" and m.kind in ("person", "guess")
                and _DEPT_THEN_PERSON.match(text[prev.end:m.start])):
            out[-1] = Mention(text[prev.start:m.end], prev.start, m.end, m.kind, prev.text, m.text)
            continue
        if prev and prev.kind in ("person", "guess") and prev.department is None and m.kind == "department":
            gap = text[prev.end:m.start]
            if _PERSON_THEN_DEPT.match(gap) and text[m.end:m.end + 1] in ("）", ")"):  # 王芳（设计部）
                out[-1] = Mention(text[prev.start:m.end + 1], prev.start, m.end + 1, prev.kind, m.text, prev.text)
                continue
            if _PERSON_FROM_DEPT.match(gap):  # Liu from Product
                out[-1] = Mention(text[prev.start:m.end], prev.start, m.end, prev.kind, m.text, prev.text)
                continue
        out.append(m)
    return out
