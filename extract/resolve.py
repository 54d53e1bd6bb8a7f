"""Resolve one person mention to one roster person (SPEC "Resolving owners").

Order: the speaker for 我/我来, and for "our side" (我们这边, a collective when
nobody speaks); a collective; the exact name; a department (under any of its
names: 人事 / HR for 人力资源部); a reviewer-taught alias; a roster alias; a given
name; pinyin, or pinyin one typo or confusable sound away (Zhou Jei, Chen Jin);
surname + title word; 小X/老X; a near spelling or same-sound name (章伟, 何嘉同志).
Several fits at a step give "ambiguous" with candidates; a department named with
the person (设计部小王) narrows the fits. Nothing fits: "unknown", except lower-case
words (help wanted), which name no one.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from minutes.model import OwnerMatch

from extract import names
from extract.owner_rules import (collective_form, collectives, departments, english_collective_form, patterns, surnames,
                                 titles)
from extract.roster_index import RosterIndex, alias_key

if TYPE_CHECKING:  # pragma: no cover
    from extract.roster import Roster

__all__ = ["NONE", "RosterIndex", "alias_key", "clean", "department_of_mention", "is_collective", "is_placeholder",
           "is_self", "is_team_self", "resolve", "same_department"]

NONE = OwnerMatch(None, None, None, "none")

_EDGE = "\"'“”‘’「」『』《》【】[]<>〈〉 \t\u3000"
_TRAIL = ".,，。;；:：!！?？、~～…"
_BRACKET_TAIL = re.compile(r"^(.+?)\s*[（(]\s*([^（）()]+?)\s*[）)]$")
_DEPT_JOIN = re.compile(r"^(的|之|[-－—·•:：\s]+)")
_LOWER_PHRASE = re.compile(r"^[a-z]+(?:\s+[a-z]+)+$")


# --- small text helpers ------------------------------------------------------------


def clean(mention: str) -> str:
    """Strip quotes, @, role notes and trailing punctuation from a mention."""
    text = (mention or "").strip(_EDGE)
    text = text.lstrip("@＠").strip(_EDGE).rstrip(_TRAIL).strip(_EDGE)
    m = _BRACKET_TAIL.match(text)
    if m and _is_role_note(m.group(2)):
        text = m.group(1).strip()
    # "市场部负责", "张伟这边": the marker is no part of the name
    markers = _trailing_markers()
    if text.endswith(markers):
        for word in markers:
            if text.endswith(word) and len(text) > len(word) and not is_self(text):
                return text[: -len(word)].strip()
    return text


@lru_cache(maxsize=1)
def _trailing_markers() -> tuple[str, ...]:
    p = patterns()
    return p.lead_after + p.assist_after


def _is_role_note(note: str) -> bool:
    p = patterns()
    low = note.strip().casefold()
    return any(low == w.casefold() for w in p.cell_lead_notes + p.cell_assist_notes)


@lru_cache(maxsize=8)
def _folded(kind: str) -> frozenset[str]:
    if kind == "collectives":
        return frozenset(alias_key(c) for c in collectives())
    return frozenset(w.casefold() for w in getattr(patterns(), kind))


def is_placeholder(text: str) -> bool:
    return text.casefold() in _folded("placeholders")


def is_self(text: str) -> bool:
    """我 / 我来 / 我这边 / 本人 / I / I'll: the speaker."""
    p = patterns()
    low = text.casefold()
    if low in _folded("self_words") or low in ("i'll", "i will", "i’ll"):
        return True
    if text.startswith("我") and len(text) > 1 and text[1] not in p.self_not_before:
        rest = text[1:]
        return rest in p.lead_adjacent or rest in p.lead_after or rest in departments().side_words
    return False


def is_team_self(text: str) -> bool:
    """我们这边 / 我们部门 / 我部: "our side", the speaker answering for a team."""
    return text in patterns().team_self_words


def is_collective(text: str) -> bool:
    return (alias_key(text) in _folded("collectives") or bool(collective_form().fullmatch(text))
            or (text.isascii() and " " in text and bool(english_collective_form().fullmatch(text))))


def department_of_mention(text: str, index: RosterIndex, *, loose: bool = True) -> Optional[str]:
    """The department a mention names ("研发组" -> the roster's 研发部), or None.

    `loose` accepts any short Chinese name ending in a department suffix
    (供应链部); sentences use the strict form so 内部 / 全部 stay words.
    """
    if not text:
        return None
    if text in index.dept_by_stem and (text in index.departments or loose):
        return index.dept_by_stem[text]
    rules = departments()
    if text in rules.standalone:
        return text
    low = text.lower().strip()
    english = re.sub(r"^(the)\s+", "", low)
    for suffix in rules.english_suffixes:
        if english.endswith(" " + suffix):
            english = english[: -len(suffix) - 1].strip()
            break
    if english in rules.english:
        stem = rules.english[english]
        return index.dept_by_stem.get(stem, text)
    for side in rules.side_words:
        if text.endswith(side) and len(text) > len(side):
            stem = text[: -len(side)]
            if stem in index.dept_by_stem or stem in rules.stems:
                return index.dept_by_stem.get(stem, stem)
    parts = rules.split(text)
    if parts:
        stem = parts[0]
        if stem in index.dept_by_stem:
            return index.dept_by_stem[stem]
        if stem in rules.stems:
            return text
        if loose and names.is_cjk(stem) and 2 <= len(stem) <= 6 and stem not in index.by_name:
            return text
    if loose and text in rules.stems:
        return text
    return None


def same_department(a: Optional[str], b: Optional[str]) -> bool:
    """研发部 and 研发组 are one team; an unknown side is no match."""
    if not a or not b:
        return False
    if a == b:
        return True
    split_a, split_b = departments().split(a), departments().split(b)
    return (split_a[0] if split_a else a) == (split_b[0] if split_b else b)


def _split_department(text: str, index: RosterIndex) -> tuple[Optional[str], str]:
    """("设计部", "王芳") for 设计部王芳 / 设计部的王芳 / 王芳（设计部）; (None, text) otherwise."""
    m = _BRACKET_TAIL.match(text)
    if m:
        dept = department_of_mention(m.group(2), index)
        if dept:
            return dept, m.group(1).strip()
    for cut in range(len(text) - 1, 1, -1):  # longest department prefix first
        head, tail = text[:cut], text[cut:]
        dept = department_of_mention(head, index, loose=False)
        if dept:
            rest = _DEPT_JOIN.sub("", tail).strip()
            if rest and not department_of_mention(rest, index, loose=False):
                return dept, rest
    return None, text


# --- the resolver ----------------------------------------------------------------


def resolve(roster: "Roster", mention: Optional[str], *, speaker: Optional[str] = None,
            department: Optional[str] = None) -> OwnerMatch:
    """Behind Roster.resolve: `speaker` is who 我 means, `department` narrows several fits."""
    text = clean(mention or "")
    if not text or is_placeholder(text) or is_placeholder((mention or "").strip()):
        return NONE
    index = roster.index
    if is_self(text):
        return _speaker(roster, text, speaker, department)
    if is_team_self(text):
        return _speaker(roster, text, speaker, department) if speaker else OwnerMatch(text, None, None, "collective")
    if is_collective(text):
        return OwnerMatch(text, None, None, "collective")
    if text in index.by_name:
        return _one(index, text, text, "exact")
    dept = department_of_mention(text, index)
    if dept and text not in index.aliases and alias_key(text) not in index.learned:
        return OwnerMatch(text, None, dept, "department")
    for side in ("这边", "那边", "方面"):  # 张伟这边 / 小王那边: the person
        if text.endswith(side) and len(text) > len(side):
            inner = resolve(roster, text[: -len(side)], speaker=speaker, department=department)
            return replace(inner, mention=text) if inner.mention else inner
    named_dept, person = _split_department(text, index)
    found = _person(index, person, named_dept or department)
    if found is None:
        if _LOWER_PHRASE.match(person):
            return NONE  # "help wanted", "see above": words, not somebody's name
        return OwnerMatch(text, None, named_dept, "unknown")
    kind, hits = found
    hits = _narrow(index, hits, named_dept or department)
    if len(hits) == 1:
        return _one(index, text, hits[0], kind)
    shared = {index.department_of(n) for n in hits}
    return OwnerMatch(text, None, shared.pop() if len(shared) == 1 else named_dept, "ambiguous", index.sort(hits))


def _one(index: RosterIndex, mention: str, name: str, kind: str) -> OwnerMatch:
    return OwnerMatch(mention, name, index.department_of(name), kind)


def _speaker(roster: "Roster", text: str, speaker: Optional[str], department: Optional[str]) -> OwnerMatch:
    if not speaker or is_self(clean(speaker)):
        return OwnerMatch(text, None, None, "unknown")
    who = resolve(roster, speaker, department=department)
    if who.match in ("none", "collective", "department", "unknown"):
        return OwnerMatch(clean(speaker) or text, None, who.department, "unknown")
    return replace(who, mention=text)


def _narrow(index: RosterIndex, hits: list[str], department: Optional[str]) -> list[str]:
    """Keep the fits in `department` when that leaves any; otherwise keep them all."""
    if len(hits) <= 1 or not department:
        return list(hits)
    kept = [n for n in hits if same_department(index.department_of(n), department)]
    return kept or list(hits)


def _person(index: RosterIndex, text: str, department: Optional[str]) -> Optional[tuple[str, list[str]]]:
    """(match kind, roster names) for a mention with any department prefix removed, or None."""
    if text in index.by_name:
        return "exact", [text]
    bare = _strip_name_suffix(text, index)
    if bare:
        return "exact", [bare]
    key = alias_key(text)
    if key in index.learned:
        return "alias", [index.learned[key]]
    if key in index.aliases:
        return "alias", list(index.aliases[key])
    if text in index.given:
        return "alias", list(index.given[text])
    if not names.is_cjk(text):
        return _latin(index, text)
    for step in (_title, _familiar):
        found = step(index, text)
        if found is not None:
            return found
    fuzzy = _fuzzy(index, text)
    if fuzzy:
        return "fuzzy", fuzzy
    bare = _without_name_suffix(text)
    if bare and bare != text:  # 何嘉同志 / 章伟老师: a misspelt name under a courtesy suffix
        return _person(index, bare, department)
    return None


def _without_name_suffix(text: str) -> Optional[str]:
    """何嘉同志 -> 何嘉, 高锋老师 -> 高锋: a full name (two or more characters) before a
    courtesy suffix or a title word."""
    rules = titles()
    for suffix in sorted(rules.name_suffixes + rules.words, key=len, reverse=True):
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            return text[: -len(suffix)]
    return None


def _strip_name_suffix(text: str, index: RosterIndex) -> Optional[str]:
    """王芳同学 / 张伟经理 / 陈静姐 -> the roster name before the suffix."""
    rules = titles()
    for suffix in rules.name_suffixes + rules.words:
        if text.endswith(suffix) and text[: -len(suffix)] in index.by_name:
            return text[: -len(suffix)]
    return None


def _latin(index: RosterIndex, text: str) -> Optional[tuple[str, list[str]]]:
    """Zhang Wei, zhangwei, Wei Zhang; Mr. Zhang, Manager Liu; a bare surname (Liu) as in 老刘."""
    key = names.latin_key(text)
    if key in index.pinyin:
        return "pinyin", list(index.pinyin[key])
    words = re.findall(r"[A-Za-z]+", text)
    rules = titles()
    if len(words) == 2:
        for title, surname in ((words[0], words[1]), (words[1], words[0])):
            rule = rules.rule(rules.latin_titles.get(title.lower(), ""))
            hits = index.by_surname_key.get(names.latin_key(surname))
            if rule and hits:
                fits = [n for n in hits if rule.fits_title(index.by_name[n].title)]
                return ("title", fits) if fits else None
    if len(words) == 2:  # Leon Liang, Fiona Wang: an English alias with the surname
        for given, surname in ((words[0], words[1]), (words[1], words[0])):
            known = index.aliases.get(alias_key(given), [])
            fits = [n for n in known if names.surname_key(n) == names.latin_key(surname)]
            if len(fits) == 1:
                return "alias", fits
    if len(words) == 1 and key in index.by_surname_key:
        return "title", list(index.by_surname_key[key])
    fits = _latin_fuzzy(index, words)
    return ("fuzzy", fits) if fits else None


def _latin_fuzzy(index: RosterIndex, words: list[str]) -> list[str]:
    """Zhou Jei -> 周杰, Tian Tain -> 田甜, Chen Jin -> 陈静: a pinyin name one typo or one
    confusable sound away, surname first or last. A real but different reading (Li Qing,
    Zhang Wen) is another person, not a typo."""
    if not 2 <= len(words) <= 3:
        return []
    orders = [(words[0], "".join(words[1:])), (words[-1], "".join(words[:-1]))]
    out = []
    for person in index.people:
        if not names.is_cjk(person.name) or len(person.name) < 2:
            continue
        surname, _ = names.split_name(person.name)
        sounds = names.syllables(person.name)
        head, given = sounds[: len(surname)], sounds[len(surname):]
        for written_surname, written_given in orders:
            near = (names.near_spelling(written_surname, head), names.near_spelling(written_given, given))
            if None not in near and near.count("same") == 1:
                out.append(person.name)
                break
    return out


def _title(index: RosterIndex, text: str) -> Optional[tuple[str, list[str]]]:
    """王经理, 张工, 李总, 陈老师, 王设计师: a surname and a title word or roster title."""
    rules = titles()
    for size in (2, 1):
        surname, rest = text[:size], text[size:]
        if not rest or len(surname) < size:
            continue
        if surname not in index.by_surname and surname not in surnames():
            continue
        people = [index.by_name[n] for n in index.by_surname.get(surname, [])]
        rule = rules.rule(rest)
        if rule is not None:
            fits = [p.name for p in people if rule.fits_title(p.title)]
        elif len(rest) >= 2 and any(rest.lower() in (p.title or "").lower() for p in index.people):
            fits = [p.name for p in people if rest.lower() in (p.title or "").lower()]
        else:
            continue
        return ("title", fits) if fits else None
    return None


def _familiar(index: RosterIndex, text: str) -> Optional[tuple[str, list[str]]]:
    """小王 / 老马: every roster person with that surname fits."""
    if text[:1] not in titles().familiar_prefixes:
        return None
    surname = text[1:]
    if surname in index.by_surname:
        return "title", list(index.by_surname[surname])
    return None


def _fuzzy(index: RosterIndex, text: str) -> list[str]:
    """章伟 -> 张伟: same sound, or one character off with the same surname sound."""
    if not 2 <= len(text) <= 4:
        return []
    same_length = [p.name for p in index.people if len(p.name) == len(text) and names.is_cjk(p.name)]
    if not same_length:
        return []  # no pinyin needed
    sounds = names.syllables(text)
    out = []
    for name in same_length:
        theirs = names.syllables(name)
        if theirs == sounds:
            out.append(name)
            continue
        differ = [i for i, (a, b) in enumerate(zip(text, name)) if a != b]
        if len(differ) != 1:
            continue
        size = len(names.split_name(name)[0])
        if sounds[:size] != theirs[:size] or differ[0] < size:
            continue
        i = differ[0]
        if names.near_syllable(sounds[i], theirs[i]):
            out.append(name)
        elif len(text) >= 3 and _ratio("".join(sounds), "".join(theirs)) >= 90:
            out.append(name)
    return out


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b)
