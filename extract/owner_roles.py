"""The part each mention plays in an action sentence.

A mention's role comes from the words around it (extract.owner_markers) and
from how it is written: a "X：" label, a run of names joined by 、/和/and (one
group, one role), a name standing alone as a clause, and a bracket right after
a name, read as notes on that name (田甜（许敏 support）: a helper; 研发部（张伟、
赵磊）: the people doing the team's part). extract.owners ranks the roles.
"""
from __future__ import annotations

import re
from typing import Optional

from extract.mentions import Mention
from extract.owner_markers import STOP, after_marker, before_marker, handed_to
from extract.owner_rules import patterns

LABEL_LEAD = re.compile(r"^[\s\-*•·>#\d.、)）(（\[\]]*")
_OPENERS, _CLOSERS = "（(", "）)"


def label_of(text: str, mentions: list[Mention]) -> Optional[int]:
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
    head = text[LABEL_LEAD.match(text).end():m.start]
    if len(head) > 12 or STOP.search(head) or (head and k > 0):
        return None
    return k


def groups_of(text: str, mentions: list[Mention]) -> list[list[int]]:
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


def roles_of(text: str, mentions: list[Mention], groups: list[list[int]], bounds) -> list[str]:
    """Each group's role; a bracket after a name is read as notes on that name."""
    notes = bracket_notes(text, mentions)
    inside = {k: close for _, (close, ks) in notes.items() for k in ks}
    roles = []
    for g in groups:
        last = g[-1]
        if g[0] in inside:  # 田甜（许敏 support）: a helper, or someone working with the named one
            role = _role(text, mentions, g, bounds, limit=inside[g[0]])
            roles.append(role if role in ("assist", "helper", "object", "status", "approver") else "member")
        elif last in notes:  # read on after the bracket: 张伟（赵磊协助）负责
            close, ks = notes[last]
            after = next((mentions[k].start for k in range(ks[-1] + 1, len(mentions))), 1 << 30)
            roles.append(_role(text, mentions, g, bounds, after_from=close + 1, limit=after))
        else:
            roles.append(_role(text, mentions, g, bounds))
    for i, g in enumerate(groups):  # 研发部（张伟、赵磊）负责: the people named for a team do its part
        if g[0] in notes and mentions[g[0]].kind == "department":
            k = next((j for j, h in enumerate(groups) if h[0] == notes[g[0]][1][0]), None)
            if k is not None and roles[k] == "member":
                roles[k], roles[i] = roles[i], "member"
    return roles


def bracket_notes(text: str, mentions: list[Mention]) -> dict[int, tuple[int, list[int]]]:
    """Mention index -> (closing bracket position, indexes of the mentions inside) for a
    bracket opened right after that mention."""
    notes = {}
    for i, m in enumerate(mentions[:-1]):
        gap = text[m.end:mentions[i + 1].start]
        if gap.strip()[:1] not in _OPENERS or gap.strip()[1:].strip():
            continue
        close = min((c for c in (text.find(x, m.end) for x in _CLOSERS) if c >= 0), default=-1)
        opened = text.find(gap.strip()[:1], m.end)
        if close < 0 or any(o in text[opened + 1:close] for o in _OPENERS):
            continue
        inner = [k for k in range(i + 1, len(mentions)) if mentions[k].end <= close]
        if inner:
            notes[i] = (close, inner)
    return notes


def _role(text: str, mentions: list[Mention], group: list[int], bounds, *,
          after_from: Optional[int] = None, limit: Optional[int] = None) -> str:
    first, last = mentions[group[0]], mentions[group[-1]]
    end = last.end if after_from is None else after_from
    next_start = _next_start(mentions, group) if limit is None else limit
    after = after_marker(text, end, next_start, bounds)
    if after == "requester":  # 萧总要求各模块负责人…: the one asked works, not the one asking
        stop = STOP.search(text, end)
        return "requester" if next_start < (stop.start() if stop else len(text)) else "subject"
    if after in ("status", "approver", "specific", "assist"):
        return after
    if after == "help":
        return "helper"
    before = before_marker(text, first.start, bounds)
    if (first.kind == "collective" and _OPENING.fullmatch(text[:first.start]) and re.match(r"\s*[，,]", text[end:])
            and "都" in text[end:]):
        return "label"  # "然后大家，…月底前都交上来": the group addressed does the work ("各位，…同步下" does not)
    if before is None and first.kind in ("collective", "department") and _after_verb(text, first.start):
        return "object"  # 完成所有模块分析, 通知各部门: what is worked on or told, not who works
    if before == "lead":
        if after not in ("lead", "work") and handed_to(text, first.start, bounds):
            return "object"  # 把PPT交给磊哥: who receives, not who works
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


_OPENING = re.compile(r"[\s，,。]*(?:(?:然后|那个|还有|另外|嗯|呃|好|那|就是|最后)[\s，,。…]*)*")


def _after_verb(text: str, start: int) -> bool:
    from extract.owner_markers import verb_set

    head = text[max(0, start - 4):start]
    return any(head[-n:] in verb_set() for n in (2, 3, 4) if len(head) >= n)


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
