"""Who owns an action sentence, and who helps.

Each mention gets a role from the words around it (owner_patterns.yaml):
由X负责 / @X / 请X / X牵头 / X to … make X a lead, X具体负责 a lead over every
other; X配合 / X协助 an assistant; 和X / 与X a co-worker; 发给X / 通知X /
把…交给X an object, never the owner. Mentions joined by 、/和/and share one
role, and the first of them owns ("张伟、赵磊负责"). Without a marker, a "X："
label, then the subject before a work verb (张伟周五前提交…), then a trailing
(王芳) owns the action; one asked to help (X帮忙), an approver (需要X审批) or
one reporting progress (X已经…) owns only when nobody else is named.
A department owner gives way to a person of that department named in the same
sentence (请人力资源部组织…，黄丽负责; 刘经理说产品侧再评估): the person answers for it.
A bracket after a name holds notes on it (田甜（许敏 support）, 冯刚（各责任人配合）).
"""
from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from minutes.model import OwnerMatch

from extract import nlp
from extract.mentions import Mention, find_mentions
from extract.owner_markers import STOP
from extract.owner_roles import LABEL_LEAD, groups_of, label_of, roles_of
from extract.owner_rules import patterns
from extract.resolve import NONE, clean, is_placeholder, same_department
from extract.roster import Roster

_COLLAB_ROLES = ("specific", "lead", "lead_weak", "assist", "with", "subject", "trailing", "helper", "member")
_RESOLVED = ("exact", "alias", "title", "pinyin", "fuzzy", "ambiguous")
# who owns, best first; "none" (no marker at all) is decided apart
_RANKING = ("specific", "lead", "label", "lead_weak", "subject", "trailing", "helper")
_LAST_RESORT = ("approver", "status")  # after the one loosely named person: 钱总明确，…须报总经办审批
_GUESS_OWNS = ("specific", "lead", "label", "lead_weak", "helper")  # a guessed name owns only where marked
# roles of a person who answers for their own department named as owner
_FOR_TEAM = ("specific", "lead", "label", "lead_weak", "subject", "trailing", "helper", "member", "none")
_CELL_SPLIT = re.compile(r"[^/／、,，;；&＆|｜+\n]+")
_CJK_SPACE = re.compile(r"([\u4e00-\u9fff])\s+([\u4e00-\u9fff])")


@dataclass(frozen=True)
class OwnerFinding:
    owner: OwnerMatch
    collaborators: tuple[OwnerMatch, ...] = ()
    span: Optional[tuple[int, int]] = None  # the mention the sentence gives the work to (see role)
    spans: tuple[tuple[int, int], ...] = ()  # owner and collaborator mentions, for stripping from the task
    # how the sentence marks the owner: specific (X具体负责) | lead | label | lead_weak | subject | trailing |
    # helper | approver | status | team (a person answering for the department at `span`) | field (an owner
    # cell) | none (named with no marker: the one person in the sentence, or a group addressed)
    role: str = "none"


NO_OWNER = OwnerFinding(NONE)


def find_owners(text: str, roster: Optional[Roster], *, speaker: Optional[str] = None,
                department: Optional[str] = None) -> OwnerFinding:
    """The owner and collaborators named in one sentence; `speaker` is who 我 / I means,
    `department` narrows ambiguous mentions (the table's department column, say).

    Results are remembered per roster: extraction asks about the same clause
    more than once (splitting a paragraph into items, then each item).
    """
    roster = roster if roster is not None else _no_roster()
    key = (text or "", speaker, department)
    with _MEMO_LOCK:
        memo = _MEMO.get(roster)
        if memo is None:
            memo = _MEMO[roster] = {}
        found = memo.get(key)
    if found is None:
        found = _find_owners(key[0], roster, speaker, department)
        with _MEMO_LOCK:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[key] = found
    return found


_MEMO: "weakref.WeakKeyDictionary[Roster, dict]" = weakref.WeakKeyDictionary()
_MEMO_LOCK = threading.Lock()
_MEMO_SIZE = 4096


@lru_cache(maxsize=1)
def _no_roster() -> Roster:
    return Roster()


def _find_owners(text: str, roster: Roster, speaker: Optional[str], department: Optional[str]) -> OwnerFinding:
    mentions = find_mentions(text, roster)
    if not mentions:
        return NO_OWNER
    toks = nlp.tokens(text, roster)
    bounds = ({t.start for t in toks} | {len(text)}, {t.end for t in toks} | {0})
    label = label_of(text, mentions)
    if label is not None and speaker is None and mentions[label].kind in ("person", "guess"):
        speaker = mentions[label].text  # "王芳：我来整理" -> 我 is 王芳
    groups = groups_of(text, mentions)
    roles = roles_of(text, mentions, groups, bounds)
    if label is not None:
        for i, g in enumerate(groups):
            if g[0] == label and roles[i] in ("none", "subject"):
                roles[i] = "label"

    def resolve(m: Mention) -> OwnerMatch:
        return _resolve(roster, m, speaker, department)

    picked = _pick_owner(text, mentions, groups, roles, resolve)
    owner_group = _for_team(mentions, groups, roles, resolve, picked) if picked is not None else None
    team = resolve(mentions[groups[owner_group][0]]).department if owner_group is not None else None
    teams = ("department", "team_self")
    collab: list[Mention] = [] if owner_group is None else [mentions[k] for k in groups[owner_group][1:]]
    for i, g in enumerate(groups):
        if i == owner_group or roles[i] not in _COLLAB_ROLES:
            continue
        if owner_group is None and roles[i] != "assist":
            continue
        if (roles[i] not in ("assist", "with") and mentions[g[0]].kind in teams and team
                and same_department(resolve(mentions[g[0]]).department, team)):
            continue  # the owner's own department named as the one to do it (请人力资源部…，黄丽负责)
        # a guess is a person only where a marker says so ("with Tony"), not as a bare subject
        collab += [mentions[k] for k in g if mentions[k].kind != "guess" or roles[i] != "subject"]
    if owner_group is None:
        return _finding(None, [(m, resolve(m)) for m in collab])
    owner_mention = mentions[groups[owner_group][0]]
    found = _finding((owner_mention, resolve(owner_mention)), [(m, resolve(m)) for m in collab])
    if owner_group != picked:  # the department still marks where the sentence gives the work
        acting = mentions[groups[picked][0]]
        return replace(found, span=(acting.start, acting.end), role="team")
    return replace(found, role=roles[owner_group])


def resolve_field(value: str, roster: Optional[Roster], *, department: Optional[str] = None) -> OwnerFinding:
    """An owner cell of an action table: 王芳 / 王芳/林晓 / 张伟（牵头）、赵磊 / 研发部 / 待定 / Kevin.

    The first person named owns, unless a note marks another as lead (（牵头）)
    or the first as helper (（配合）); the rest are collaborators.
    """
    roster = roster if roster is not None else Roster()
    text = _WITH_NOTE.sub(r"、\1（配合）", value or "")  # "HL (with GM)": GM helps
    if not clean(text) or is_placeholder(clean(text)) or is_placeholder(text.strip()):
        return NO_OWNER
    entries: list[tuple[OwnerMatch, Optional[tuple[int, int]], Optional[str]]] = []  # match, span, note
    spans: set[tuple[int, int]] = set()
    for piece, start, end, note in _cell_parts(text, roster, department):
        match = roster.resolve(piece, department=department)
        if match.match == "unknown" and _is_phrase(piece):  # "王芳负责视觉，林晓配合": read it as a sentence
            inner = find_owners(piece, roster, department=department)
            if inner.owner.match != "none":
                entries.append((inner.owner, (inner.span[0] + start, inner.span[1] + start), note))
                entries += [(c, None, "assist") for c in inner.collaborators]
                spans.update((a + start, b + start) for a, b in inner.spans)
                continue
        if match.match != "none":
            entries.append((match, (start, end), note))
            spans.add((start, end))
    if not entries:
        return NO_OWNER
    # "客服部/许敏": a team written beside a person names the person's team; the person owns
    people = [e for e in entries if e[0].match not in ("department", "collective")]
    if people and len(people) < len(entries):
        teams = [e for e in entries if e not in people]
        entries = people + teams
    lead = next((e for e in entries if e[2] == "lead"), None) or next((e for e in entries if e[2] != "assist"), entries[0])
    rest = tuple(e[0] for e in entries if e is not lead)
    return OwnerFinding(lead[0], rest, lead[1], tuple(sorted(spans)), "field")


def _is_phrase(piece: str) -> bool:
    core = clean(piece)
    return len(core) > 4 and not core.isascii()


# --- choosing ------------------------------------------------------------------------


def _pick_owner(text: str, mentions, groups, roles, resolve) -> Optional[int]:
    def usable(i: int, *, weak_ok: bool = True) -> bool:
        first = mentions[groups[i][0]]
        if first.kind == "guess" and roles[i] not in _GUESS_OWNS:
            return False
        return weak_ok or resolve(first).match in _RESOLVED

    chosen = None
    for wanted in _RANKING:
        tied = [i for i, role in enumerate(roles) if role == wanted and usable(i)]
        if tied:
            # same role for a group and a person ("各部门…安排，排期表杨帆出"): the named person owns
            people = [i for i in tied if mentions[groups[i][0]].kind == "person"]
            chosen = people[0] if people and mentions[groups[tied[0]][0]].kind == "collective" else tied[0]
            break
    if chosen is None:
        # one clearly named roster person and nothing else: "完成主视觉 王芳 7/15"
        loose = [i for i, role in enumerate(roles) if role == "none" and mentions[groups[i][0]].kind == "person"]
        if len(loose) == 1 and usable(loose[0], weak_ok=False):
            chosen = loose[0]
    if chosen is None:
        chosen = next((i for wanted in _LAST_RESORT for i, role in enumerate(roles) if role == wanted and usable(i)),
                      None)
    if chosen is None:
        # a group addressed at the head of a clause: "大家记一下，下周五前把述职PPT交给磊哥"
        chosen = next((i for i, role in enumerate(roles) if role == "none" and mentions[groups[i][0]].kind == "collective"
                       and mentions[groups[i][0]].text.casefold() not in _folded("we_words")
                       and _heads_clause(text, mentions[groups[i][0]])), None)
    return chosen


def _for_team(mentions, groups, roles, resolve, chosen: int) -> int:
    """A person of the owning department, named in the same sentence, answers for it."""
    if mentions[groups[chosen][0]].kind not in ("department", "team_self", "guess"):
        return chosen
    team = resolve(mentions[groups[chosen][0]])
    if team.match != "department" or not team.department:
        return chosen
    for wanted in _FOR_TEAM:
        for i, role in enumerate(roles):
            first = mentions[groups[i][0]]
            if i == chosen or role != wanted or first.kind != "person":
                continue
            who = resolve(first)
            if (who.name or who.match == "ambiguous") and same_department(who.department, team.department):
                return i
    return chosen


@lru_cache(maxsize=4)
def _folded(key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in getattr(patterns(), key))


def _heads_clause(text: str, m: Mention) -> bool:
    """The mention opens its clause and the clause goes on: "大家记一下", not a bare "各位，"."""
    head = text[:m.start]
    stops = list(STOP.finditer(head))
    if LABEL_LEAD.sub("", head[stops[-1].end() if stops else 0:]).strip():
        return False
    stop = STOP.search(text, m.end)
    rest = text[m.end:stop.start() if stop else len(text)].strip()
    greeting = rest.casefold().rstrip("!！~～。. ") in _folded("greetings")
    return bool(rest) and not greeting and not rest.startswith(("的", "之"))


def _resolve(roster: Roster, m: Mention, speaker: Optional[str], department: Optional[str]) -> OwnerMatch:
    if m.kind == "self":
        return roster.resolve(m.text, speaker=speaker, department=department)
    if m.kind == "team_self":
        return _our_team(roster, m, speaker)
    if m.party:  # 客户方的王总 is not our 王总: only a full roster name stays ours
        match = roster.resolve(m.person)
        return replace(match if match.match == "exact" else OwnerMatch(m.text, None, None, "unknown"), mention=m.text)
    if m.person:  # 设计部王芳: the named department narrows, and stays when no one person is meant
        match = roster.resolve(m.person, department=m.department)
        dept = match.department
        if match.name is None:
            dept = dept or roster.resolve(m.department).department or m.department
        return replace(match, mention=m.text, department=dept)
    match = roster.resolve(m.text, department=department)
    return replace(match, mention=m.text) if match.mention else match


def _our_team(roster: Roster, m: Mention, speaker: Optional[str]) -> OwnerMatch:
    """我们这边 -> the speaker, answering for their team (a collective when nobody speaks);
    我们市场部 -> the speaker when 市场部 is the speaker's department, else the department."""
    if not m.department:
        match = roster.resolve(m.text, speaker=speaker)
        return match if match.match == "unknown" else replace(match, mention=m.text)  # unknown: who spoke
    team = roster.resolve(m.department)
    dept = team.department or m.department
    if speaker:
        who = roster.resolve(speaker)
        if who.name and same_department(who.department, dept):
            return replace(who, mention=m.text)
    return OwnerMatch(m.text, None, dept, "department")


def _finding(owner: Optional[tuple[Mention, OwnerMatch]], collab: list[tuple[Mention, OwnerMatch]]) -> OwnerFinding:
    seen, kept = set(), []
    for m, match in collab:
        key = match.name or match.mention
        if owner and (match.name and match.name == owner[1].name):
            continue
        if key in seen or match.match == "none":
            continue
        seen.add(key)
        kept.append((m, match))
    spans = sorted([(m.start, m.end) for m, _ in kept] + ([(owner[0].start, owner[0].end)] if owner else []))
    if owner is None:
        return OwnerFinding(NONE, tuple(x for _, x in kept), None, tuple(spans))
    return OwnerFinding(owner[1], tuple(x for _, x in kept), (owner[0].start, owner[0].end), tuple(spans))


_WITH_NOTE = re.compile(r"\s*[（(]\s*(?:with|w/|together with|配合[:：]?|协助[:：]?)\s*([^（）()]+?)\s*[)）]", re.I)


def _cell_parts(text: str, roster: Roster, department: Optional[str]) -> list[tuple[str, int, int, Optional[str]]]:
    """Split an owner cell into (piece, start, end, role note)."""
    out = []
    for m in _CELL_SPLIT.finditer(text):
        chunk = m.group()
        pieces = [(chunk, 0)]
        if _CJK_SPACE.search(chunk) and roster.resolve(_CJK_SPACE.sub(r"\1\2", chunk),
                                                       department=department).match not in _RESOLVED:
            pieces = [(w.group(), w.start()) for w in re.finditer(r"\S+", chunk)]  # "王芳 林晓", not "设计部 王芳"
        for piece, offset in pieces:
            stripped = piece.strip()
            if not stripped:
                continue
            start = m.start() + offset + piece.index(stripped)
            name, note = _cell_note(stripped)
            out.append((stripped, start, start + len(name), note))
    return out


def _cell_note(piece: str) -> tuple[str, Optional[str]]:
    """("张伟", "lead") for 张伟（牵头）; ("林晓", "assist") for 林晓配合."""
    p = patterns()
    lead_notes = {w.casefold() for w in p.cell_lead_notes}
    assist_notes = {w.casefold() for w in p.cell_assist_notes}
    nm = re.search(r"[（(]\s*([^（）()]+?)\s*[）)]\s*$", piece)
    if nm:
        word = nm.group(1).casefold()
        if word in lead_notes:
            return piece[: nm.start()].rstrip(), "lead"
        if word in assist_notes:
            return piece[: nm.start()].rstrip(), "assist"
    for kind, words in (("assist", p.assist_after), ("lead", p.lead_after)):
        for word in words:
            if piece.endswith(word) and len(piece) > len(word):
                return piece[: -len(word)].rstrip(), kind
    return piece, None
