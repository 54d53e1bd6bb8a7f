"""Who owns an action sentence, and who helps.

Each mention gets a role from the words around it (owner_patterns.yaml):
由X负责 / @X / 请X / X牵头 / X to … make X a lead; X配合 / X协助 an assistant;
和X / 与X a co-worker; 发给X / 通知X an object, never the owner. Mentions joined
by 、/和/and share one role, and the first of them owns ("张伟、赵磊负责").
Without a marker, a "X：" label, then the subject before a work verb
(张伟周五前提交…), then a trailing (王芳) owns the action.
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
from extract.owner_markers import STOP, after_marker, before_marker
from extract.owner_rules import patterns
from extract.resolve import NONE, clean, is_placeholder
from extract.roster import Roster

_LABEL_LEAD = re.compile(r"^[\s\-*•·>#\d.、)）(（\[\]]*")
_COLLAB_ROLES = ("lead", "lead_weak", "assist", "with", "subject", "trailing")
_RESOLVED = ("exact", "alias", "title", "pinyin", "fuzzy", "ambiguous")
_CELL_SPLIT = re.compile(r"[^/／、,，;；&＆|｜+\n]+")
_CJK_SPACE = re.compile(r"([\u4e00-\u9fff])\s+([\u4e00-\u9fff])")


@dataclass(frozen=True)
class OwnerFinding:
    owner: OwnerMatch
    collaborators: tuple[OwnerMatch, ...] = ()
    span: Optional[tuple[int, int]] = None  # the owner mention in the text
    spans: tuple[tuple[int, int], ...] = ()  # owner and collaborator mentions, for stripping from the task


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
    label = _label(text, mentions)
    if label is not None and speaker is None and mentions[label].kind in ("person", "guess"):
        speaker = mentions[label].text  # "王芳：我来整理" -> 我 is 王芳
    groups = _groups(text, mentions)
    roles = [_role(text, mentions, g, bounds) for g in groups]
    if label is not None:
        for i, g in enumerate(groups):
            if g[0] == label and roles[i] in ("none", "subject"):
                roles[i] = "label"

    def resolve(m: Mention) -> OwnerMatch:
        return _resolve(roster, m, speaker, department)

    owner_group = _pick_owner(mentions, groups, roles, resolve)
    collab: list[Mention] = [] if owner_group is None else [mentions[k] for k in groups[owner_group][1:]]
    for i, g in enumerate(groups):
        if i == owner_group or roles[i] not in _COLLAB_ROLES:
            continue
        if owner_group is None and roles[i] != "assist":
            continue
        # a guess is a person only where a marker says so ("with Tony"), not as a bare subject
        collab += [mentions[k] for k in g if mentions[k].kind != "guess" or roles[i] != "subject"]
    if owner_group is None:
        return _finding(None, [(m, resolve(m)) for m in collab])
    owner_mention = mentions[groups[owner_group][0]]
    return _finding((owner_mention, resolve(owner_mention)), [(m, resolve(m)) for m in collab])


def resolve_field(value: str, roster: Optional[Roster], *, department: Optional[str] = None) -> OwnerFinding:
    """An owner cell of an action table: 王芳 / 王芳/林晓 / 张伟（牵头）、赵磊 / 研发部 / 待定 / Kevin.

    The first person named owns, unless a note marks another as lead (（牵头）)
    or the first as helper (（配合）); the rest are collaborators.
    """
    roster = roster if roster is not None else Roster()
    text = value or ""
    if not clean(text) or is_placeholder(clean(text)):
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
    lead = next((e for e in entries if e[2] == "lead"), None) or next((e for e in entries if e[2] != "assist"), entries[0])
    rest = tuple(e[0] for e in entries if e is not lead)
    return OwnerFinding(lead[0], rest, lead[1], tuple(sorted(spans)))


def _is_phrase(piece: str) -> bool:
    core = clean(piece)
    return len(core) > 4 and not core.isascii()


# --- roles ---------------------------------------------------------------------------


def _label(text: str, mentions: list[Mention]) -> Optional[int]:
    """Index of a mention written as a label: "张伟：周五前提交", "代理商的Grace：提交排期表".

    The label is the last mention before the first colon, with at most a short
    descriptor and no clause break in front of it.
    """
    colon = re.search(r"[:：]", text)
    if not colon:
        return None
    before = [i for i, m in enumerate(mentions) if m.end <= colon.start()]
    if not before:
        return None
    k = before[-1]
    m = mentions[k]
    if text[m.end:colon.start()].strip() or m.kind not in ("person", "department", "collective", "guess"):
        return None
    head = text[_LABEL_LEAD.match(text).end():m.start]
    if len(head) > 12 or STOP.search(head) or (head and k > 0):
        return None
    return k


def _groups(text: str, mentions: list[Mention]) -> list[list[int]]:
    """Runs of mentions joined only by 、/和/and: "张伟、赵磊", "Kevin and Tony"."""
    joiners = patterns().joiners
    groups: list[list[int]] = [[0]]
    for i in range(1, len(mentions)):
        gap = text[mentions[i - 1].end:mentions[i].start]
        stripped = gap.strip()
        joined = gap != "" and ((stripped == "" and " " in joiners) or stripped.lower() in joiners or gap in joiners)
        if joined and mentions[i].kind != "self" and mentions[i - 1].kind != "self":
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _role(text: str, mentions: list[Mention], group: list[int], bounds) -> str:
    first, last = mentions[group[0]], mentions[group[-1]]
    next_start = _next_start(mentions, group)
    after = after_marker(text, last.end, next_start, bounds)
    if after == "requester":  # 萧总要求各模块负责人…: the one asked works, not the one asking
        stop = STOP.search(text, last.end)
        return "requester" if next_start < (stop.start() if stop else len(text)) else "subject"
    if after == "assist":
        return "assist"
    before = before_marker(text, first.start, bounds)
    if before == "lead":
        return "lead"
    if before == "assisted":
        return "lead_weak"
    if before in ("with", "object"):
        return before
    if after in ("lead", "work"):
        return "lead" if after == "lead" else "subject"
    if before == "trailing" or _stands_alone(text, first.start, last.end):
        return "trailing"
    return "none"


def _stands_alone(text: str, start: int, end: int) -> bool:
    """The mention is a clause by itself: "CRM字段调整：研发部，一季度末", "王芳，周五前完成主视觉"."""
    head = text[:start]
    stops = list(STOP.finditer(head))
    if not stops or head[stops[-1].end():].strip():
        return False
    tail = STOP.search(text, end)
    return (tail is None and not text[end:].strip()) or (tail is not None and not text[end:tail.start()].strip())


def _next_start(mentions: list[Mention], group: list[int]) -> int:
    k = group[-1] + 1
    return mentions[k].start if k < len(mentions) else 1 << 30


# --- choosing ------------------------------------------------------------------------


def _pick_owner(mentions, groups, roles, resolve) -> Optional[int]:
    def usable(i: int, *, weak_ok: bool = True) -> bool:
        first = mentions[groups[i][0]]
        if first.kind == "guess" and roles[i] not in ("lead", "label", "lead_weak"):
            return False
        return weak_ok or resolve(first).match in _RESOLVED

    for wanted in ("lead", "label", "lead_weak", "subject", "trailing"):
        for i, role in enumerate(roles):
            if role == wanted and usable(i):
                return i
    # one clearly named roster person and nothing else: "完成主视觉 王芳 7/15"
    loose = [i for i, role in enumerate(roles) if role == "none" and mentions[groups[i][0]].kind == "person"]
    if len(loose) == 1 and usable(loose[0], weak_ok=False):
        return loose[0]
    return None


def _resolve(roster: Roster, m: Mention, speaker: Optional[str], department: Optional[str]) -> OwnerMatch:
    if m.kind == "self":
        return roster.resolve(m.text, speaker=speaker, department=department)
    if m.person:  # 设计部王芳: the named department narrows, and stays when no one person is meant
        match = roster.resolve(m.person, department=m.department)
        dept = match.department
        if match.name is None:
            dept = dept or roster.resolve(m.department).department or m.department
        return replace(match, mention=m.text, department=dept)
    match = roster.resolve(m.text, department=department)
    return replace(match, mention=m.text) if match.mention else match


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
