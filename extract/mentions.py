"""Every person, team, group and "me" mention in one sentence, with its span.

extract.owners decides which mention owns the action; this module only finds
them: roster and guessed person names (extract.nlp), departments (研发部,
设计组, 产品侧, the QA team, HR那边), collectives (大家, 各部门, all account
managers), self references (我, I), "our side" (我们这边, 我们市场部), capitalised
Latin names and @handles that may be people outside the roster, and people of
outside parties (客户方的Mike, Jordan (Contoso), 猎头公司的顾问).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, Optional

from extract import nlp
from extract.owner_rules import (collective_form, collectives, departments, english_collective_form, external_parties,
                                 non_names, patterns, titles)

if TYPE_CHECKING:  # pragma: no cover
    from extract.roster import Roster

_DEPT_THEN_PERSON = re.compile(r"^(?:的|\s*[-－—·•]\s*|\s*)$")
_PERSON_THEN_DEPT = re.compile(r"^\s*[（(]\s*$")
_PERSON_FROM_DEPT = re.compile(r"^\s+(?:from|of|in)\s+$", re.IGNORECASE)

_ENGLISH_OWNER_AFTER = re.compile(r"\s+(?:to|will|shall|should|must|needs?\s+to|has\s+to|is\s+(?:going\s+)?to|can|"
                                  r"owns?|leads?|takes?|drives?)\s+[a-z]|'ll\s|\s*[:：(（]", re.IGNORECASE)
_ENGLISH_OWNER_BEFORE = re.compile(r"(?:owner|assignee|assigned to|action)\s*[:：]?\s*$", re.IGNORECASE)
_SELF_LATIN = re.compile(r"(?<![A-Za-z])I(?![A-Za-z]|[-.]\w)")
_HANDLE = re.compile(r"(?<![\w.@＠])[@＠]([A-Za-z][A-Za-z0-9_.\-]{0,38}[A-Za-z0-9])")
_OPEN, _CLOSE = "（(", "）)"
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]")
_BRACKETED = re.compile(r"\s*[（(]\s*([^（）()]{1,30}?)\s*[）)]")
_LATIN_ORG = re.compile(r"[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}")
_FROM_ORG = re.compile(r"\s+(?:from|at|of)\s+([A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})")


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int
    # person | department | collective | self | team_self ("our side": 我们这边, 我们市场部) |
    # guess (may be a person; needs a marker to own)
    kind: str
    department: Optional[str] = None  # a department written with the person (设计部王芳, 王芳（设计部）, 我们市场部)
    person: Optional[str] = None  # the person part of `text` when more than the person is written
    party: Optional[str] = None  # an outside party the person belongs to (客户方, Contoso)


def find_mentions(text: str, roster: "Roster") -> list[Mention]:
    """Non-overlapping mentions in text order."""
    toks = nlp.tokens(text, roster)
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}
    found: list[tuple[int, Mention]] = []
    found += [(0, Mention(m, s, e, _person_kind(m, roster))) for m, s, e in nlp.person_candidates(text, roster)]
    parties = _party_hits(text, starts)
    found += [(0, m) for m in _party_role_hits(text, parties)]
    found += [(1, m) for m in _collective_hits(text, starts, ends)]
    found += [(1, m) for m in _team_self_hits(text, starts, ends)]
    found += [(1, m) for m in _department_hits(text, roster, starts, ends)]
    found += [(2, m) for m in _self_hits(text)]
    found += [(3, m) for m in _latin_hits(text)]
    found += [(3, m) for m in _handle_hits(text)]
    chosen: list[Mention] = []
    for _, m in sorted(found, key=lambda rm: (rm[0], -(rm[1].end - rm[1].start), rm[1].start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return _join_parties(text, _join_departments(text, chosen, roster), parties)


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
    if _LATIN_WORDS.search(text):  # "All account managers"
        out += [Mention(m.group(), m.start(), m.end(), "collective") for m in english_collective_form().finditer(text)]
    return out


def _team_self_hits(text: str, starts: set[int], ends: set[int]) -> list[Mention]:
    """我们这边 / 我们部门 / 我部: longer than the collective 我们, so they win."""
    out = []
    for m in _team_self_pattern().finditer(text):
        if _aligned(m.start(), m.end(), starts, ends):
            out.append(Mention(m.group(), m.start(), m.end(), "team_self"))
    return out


@lru_cache(maxsize=1)
def _team_self_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in patterns().team_self_words))


@lru_cache(maxsize=1)
def _collective_pattern() -> re.Pattern:
    words = sorted(collectives(), key=len, reverse=True)
    latin = "|".join(re.escape(w) for w in words if w.isascii())
    other = "|".join(re.escape(w) for w in words if not w.isascii())
    # Latin words whole, under one guard that fails at once on Chinese text
    return re.compile("|".join(filter(None, [other, latin and rf"(?=[A-Za-z])(?<![A-Za-z])(?:{latin})(?![A-Za-z])"])),
                      re.IGNORECASE)


def _department_hits(text: str, roster: "Roster", starts: set[int], ends: set[int]) -> list[Mention]:
    """Roster departments, known stems with a suffix or side word, English team names."""
    out = []
    index = roster.index
    for m in _department_pattern(frozenset(index.dept_by_stem), frozenset(index.departments)).finditer(text):
        s, e = m.span()
        if (_aligned(s, e, starts, ends) or m.group() in index.departments) and not _cut_word(text, e):
            out.append(Mention(m.group(), s, e, "department"))
    for m in _public_body_pattern().finditer(text):  # 县林业局, 市交通运输局
        s, e = m.span()
        if s in starts and not any(o.start <= s < o.end for o in out):
            out.append(Mention(m.group(), s, e, "department"))
    for m in _english_department_pattern().finditer(text):
        name = m.group("name")
        bare_word = name[:1].isupper() and not name.isupper() and "&" not in name  # "Design", not "QA" / "R&D"
        slot = _owner_slot(text, m.start(), m.end()) or _bracketed(text, m.start(), m.end())
        if m.group("suffix") or m.group("side") or name.isupper() or "&" in name or (bare_word and slot):
            out.append(Mention(m.group(), m.start(), m.end(), "department"))
    return out


def _cut_word(text: str, end: int) -> bool:
    """研发部分: the suffix starts a word (部分) that the next characters do not undo (财务部分析 is 部|分析)."""
    if end >= len(text) or end < 1 or not "\u4e00" <= text[end] <= "\u9fff":
        return False
    return _word(text[end - 1:end + 1]) and not _word(text[end:end + 2])


@lru_cache(maxsize=4096)
def _word(pair: str) -> bool:
    return nlp.in_dictionary(pair)


def _bracketed(text: str, start: int, end: int) -> bool:
    """"Xu Min (Customer Service)": a team word alone in brackets says where someone works."""
    return text[:start].rstrip()[-1:] in _OPEN and text[end:].lstrip()[:1] in _CLOSE


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
    named = roster_departments | rules.standalone
    exact = "|".join(re.escape(s) for s in sorted(named, key=len, reverse=True))
    # an administrative level may lead a public body: 区财政局, 市公安局
    body = f"(?:[省市区县镇乡](?=(?:{stem})(?:{tail})))?(?:{stem})(?:{tail})"
    # a match starts with one of these: other positions fail on one class test, not ~100 alternatives
    firsts = "".join(re.escape(c) for c in sorted({s[0] for s in stems} | {d[0] for d in named}
                                                  | set("省市区县镇乡")))
    return re.compile(f"(?=[{firsts}])(?:{body}|{exact})" if exact else f"(?=[{firsts}]){body}")


@lru_cache(maxsize=1)
def _public_body_pattern() -> re.Pattern:
    rules = departments()
    if not rules.levels or not rules.level_suffixes:
        return re.compile(r"(?!)")
    levels = "|".join(re.escape(w) for w in rules.levels)
    suffixes = "|".join(re.escape(w) for w in rules.level_suffixes)
    # shortest name first, so 县公安局森林警察大队 gives 县公安局
    return re.compile(rf"(?:{levels})[\u4e00-\u9fff]{{2,6}}?(?:{suffixes})(?![\u4e00-\u9fff]{{0,1}}(?:长|主任|书记))")


@lru_cache(maxsize=1)
def _english_department_pattern() -> re.Pattern:
    rules = departments()
    teams = "|".join(re.escape(n) for n in sorted(rules.english, key=len, reverse=True))
    suffixes = "|".join(re.escape(s) for s in rules.english_suffixes)
    sides = "|".join(re.escape(s) for s in rules.side_words if not s.isascii())  # HR那边, QA同学, Ops侧
    return re.compile(rf"(?=[A-Za-z])(?<![A-Za-z])(?:the\s+)?(?P<name>{teams})(?:\s+(?P<suffix>{suffixes}))?(?![A-Za-z])"
                      rf"(?:\s?(?P<side>{sides}))?", re.IGNORECASE)


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


def _handle_hits(text: str) -> list[Mention]:
    """@hzxuan, @frank-ye: a chat or forge handle names a person, who may be off the roster."""
    return [Mention(m.group(1), m.start(1), m.end(1), "guess") for m in _HANDLE.finditer(text)]


# --- outside parties -------------------------------------------------------------------


class _PartyRules(NamedTuple):
    party: re.Pattern  # any party word, longest first
    role_after: re.Pattern  # link + role word, matched where a party ends
    link_after: re.Pattern  # an optional link, matched from a party's end to a name
    words: frozenset  # party words, case-folded
    links: tuple[str, ...]


@lru_cache(maxsize=1)
def _party_rules() -> _PartyRules:
    rules = external_parties()

    def alt(words):  # Latin words whole, under one pair of guards: a smaller pattern, compiled faster
        latin = "|".join(re.escape(w) for w in words if w.isascii() and w[:1].isalpha())
        other = "|".join(re.escape(w) for w in words if not (w.isascii() and w[:1].isalpha()))
        return "|".join(filter(None, [other, latin and rf"(?<![A-Za-z])(?:{latin})(?![A-Za-z])"]))

    link, role = alt(rules.links), alt(rules.roles)
    firsts = "".join(sorted({re.escape(c) for w in rules.parties for c in {w[0].lower(), w[0].upper()}}))
    return _PartyRules(re.compile(f"(?=[{firsts}])(?:{alt(rules.parties)})", re.IGNORECASE),
                       re.compile(rf"\s*(?:{link})\s*(?P<role>{role})", re.IGNORECASE),
                       re.compile(rf"\s*(?:(?:{link})\s*)?", re.IGNORECASE),
                       frozenset(p.casefold() for p in rules.parties), tuple(w.casefold() for w in rules.links))


def _party_hits(text: str, starts: set[int]) -> list[tuple[int, int]]:
    """Spans of party words: Latin ones whole, Chinese ones where a word starts (not 大客户)."""
    return [m.span() for m in _party_rules().party.finditer(text) if m.group().isascii() or m.start() in starts]


def _party_role_hits(text: str, parties: list[tuple[int, int]]) -> list[Mention]:
    """猎头公司的顾问, 供应商的对接人: one outside person named by role."""
    out = []
    for s, e in parties:
        r = _party_rules().role_after.match(text, e)
        if r:
            out.append(Mention(text[s:r.end()], s, r.end(), "person", person=r.group("role"), party=text[s:e]))
    return out


def _join_parties(text: str, mentions: list[Mention], parties: list[tuple[int, int]]) -> list[Mention]:
    """客户方的Mike / 外包的周晓明 / vendor 那边的 Vivian / Jordan (Contoso): a person of an outside
    party, a person even where the name alone would need a marker to own."""
    link = _party_rules().link_after
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            continue  # the party in brackets after a name (Jordan (Contoso))
        if m.kind not in ("person", "guess") or m.party or m.department:
            out.append(m)
            continue
        floor = out[-1].end if out else 0
        head = next(((s, e) for s, e in parties if floor <= s and e <= m.start and link.fullmatch(text, e, m.start)),
                    None)
        if head is not None:
            out.append(Mention(text[head[0]:m.end], head[0], m.end, "person", None, m.text, text[head[0]:head[1]]))
            continue
        party, end = _party_after(text, m)
        if party:
            out.append(Mention(text[m.start:end], m.start, end, "person", None, m.text, party))
            continue
        out.append(m)
    return out


def _party_after(text: str, m: Mention) -> tuple[Optional[str], int]:
    """周晓明（外包）, Mike (客户方), Jordan (Contoso), Jordan from Contoso: the party and where it ends."""
    b = _BRACKETED.match(text, m.end)
    if b:
        inside = b.group(1).strip()
        if _party_word(inside) or (m.text.isascii() and _LATIN_ORG.fullmatch(inside) and not _team_word(inside)):
            return inside, b.end()
        return None, m.end
    f = _FROM_ORG.match(text, m.end) if m.text.isascii() else None
    if f and not _team_word(f.group(1)):
        return f.group(1), f.end()
    return None, m.end


def _party_word(words: str) -> bool:
    """客户 / 客户方 / 外包那边 / vendor: a party, with or without a link word after it."""
    rules = _party_rules()
    low = words.casefold()
    return any(low.endswith(link) and low[: len(low) - len(link)] in rules.words for link in ("",) + rules.links)


def _team_word(words: str) -> bool:
    return bool(_english_department_pattern().fullmatch(words)) or words.casefold() in collectives()


# --- joining ---------------------------------------------------------------------------


def _join_departments(text: str, mentions: list[Mention], roster: "Roster") -> list[Mention]:
    """设计部王芳 / 设计部的王芳 / 王芳（设计部） / 研发部（张伟） -> one person mention carrying its
    department; Tony（我） / 我（Tony） -> the person; 我们市场部 / 我们这边（研发） -> "our" team."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev and m.start < prev.end:
            continue  # inside a bracket the previous mention took in (Tony（我）)
        joined = _join_pair(text, prev, m) if prev else None
        if joined is not None:
            out[-1] = joined
            continue
        if (prev and prev.kind == "department" and m.kind in ("person", "guess")
                and (_DEPT_THEN_PERSON.match(text[prev.end:m.start]) or _post_between(text[prev.end:m.start]))):
            out[-1] = Mention(text[prev.start:m.end], prev.start, m.end, m.kind, prev.text, m.text)
            continue
        if m.kind == "team_self" or (m.kind == "collective" and m.text in patterns().team_self_before_department):
            m = _with_bracketed_department(text, m, roster)
        if prev and prev.kind in ("person", "guess") and prev.department is None and m.kind == "department":
            gap = text[prev.end:m.start]
            if _PERSON_THEN_DEPT.match(gap) and text[m.end:m.end + 1] in ("）", ")"):  # 王芳（设计部）
                out[-1] = Mention(text[prev.start:m.end + 1], prev.start, m.end + 1, prev.kind, m.text, prev.text)
                continue
            if _PERSON_FROM_DEPT.match(gap):  # Liu from Product
                out[-1] = Mention(text[prev.start:m.end], prev.start, m.end, prev.kind, m.text, prev.text)
                continue
        out.append(_with_bracketed_self(text, m))
    return out


def _post_between(gap: str) -> bool:
    """县应急管理局局长马超, 研发部经理王磊: a post between a team and its person."""
    gap = gap.strip().removeprefix("的")
    gap = gap[1:] if gap.startswith("副") else gap
    return bool(gap) and gap in titles().words


def _join_pair(text: str, prev: Mention, m: Mention) -> Optional[Mention]:
    """One mention for two written together, or None."""
    gap = text[prev.end:m.start]
    closes = text[m.end:m.end + 1] in _CLOSE
    if prev.kind == "department" and m.kind in ("person", "guess") and gap.strip() in _OPEN and gap.strip() and closes:
        return Mention(text[prev.start:m.end + 1], prev.start, m.end + 1, "person", prev.text, m.text)  # 研发部（张伟）
    if prev.kind == "self" and m.kind in ("person", "guess") and gap.strip() in _OPEN and gap.strip() and closes:
        return Mention(text[prev.start:m.end + 1], prev.start, m.end + 1, "person", None, m.text)  # 我（Tony）
    ours = prev.kind == "collective" and prev.text in patterns().team_self_before_department
    if ours and m.kind == "department" and gap in ("", "的"):
        return Mention(text[prev.start:m.end], prev.start, m.end, "team_self", m.text)  # 我们市场部
    return None


def _with_bracketed_self(text: str, m: Mention) -> Mention:
    """Tony（我）: the speaker's own name, written with 我 in brackets."""
    if m.kind not in ("person", "guess"):
        return m
    b = _BRACKETED.match(text, m.end)
    if b and b.group(1).strip().casefold() in _self_words():
        return Mention(text[m.start:b.end()], m.start, b.end(), "person", m.department, m.person or m.text, m.party)
    return m


def _with_bracketed_department(text: str, m: Mention, roster: "Roster") -> Mention:
    """我们这边（研发）: "our side", and which team that is."""
    from extract.resolve import department_of_mention

    b = _BRACKETED.match(text, m.end)
    dept = department_of_mention(b.group(1).strip(), roster.index) if b else None
    if not dept:
        return m
    return Mention(text[m.start:b.end()], m.start, b.end(), "team_self", b.group(1).strip())


@lru_cache(maxsize=1)
def _self_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in patterns().self_words)
