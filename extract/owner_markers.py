"""Which words around a mention mark the part it plays in an action sentence.

owner_patterns.yaml lists the markers: 由X / 请X / @X before a lead, X负责 /
X牵头 after one, X具体负责 for the one who does it, X配合 for a helper, X帮忙
for one asked to help, X审批 for an approver, X已经 / X正在 for a progress
report, 发给X / 把…交给X for an object. Chinese markers
count only on token boundaries (负责 in 负责人 is no marker); Latin ones as
whole words, case-insensitively. Each list is prepared once (Chinese words by
length in a set, Latin words as one pattern), because owner finding asks
about every mention of every sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from extract.owner_rules import departments, patterns

STOP = re.compile(r"[，,。；;！!？?\n：:]")  # a clause ends here
_TRAILING_OPEN = ("（", "(", "【", "[", "——", "—", "–", "-", "|", "｜", "/")
_WINDOW = 15
_CLOSERS = ")）】]」』\"”"  # not apostrophes: "I'll"


def _is_latin(word: str) -> bool:
    return word[:1].isascii() and word[:1].isalpha()


class _StartWords:
    """One marker list, tested at the start of a clause: Chinese words on a token
    boundary, Latin words (and 'll) whole and case-insensitively."""

    def __init__(self, words: tuple[str, ...], *, apostrophe_latin: bool = True):
        latin = [w for w in words if _is_latin(w) or (apostrophe_latin and w.startswith("'"))]
        self.words = frozenset(w for w in words if w not in latin)
        self.lengths = tuple(sorted({len(w) for w in self.words}, reverse=True))
        self.firsts = frozenset(w[0] for w in self.words)
        self.latin = re.compile("(?:" + "|".join(re.escape(w) for w in latin) + r")(?![A-Za-z])",
                                re.IGNORECASE) if latin else None

    def starts(self, clause: str, offset: int, bounds) -> bool:
        head = clause[:1]
        if head.isascii():
            return self.latin is not None and bool(self.latin.match(clause))
        if head not in self.firsts:
            return False
        for n in self.lengths:
            if len(clause) >= n and clause[:n] in self.words and _aligned(offset, offset + n, bounds):
                return True
        return False


class _EndWords:
    """One marker list, tested at the end of the text before a mention."""

    def __init__(self, words: tuple[str, ...]):
        self.signs = tuple(w for w in words if w in ("@", "＠"))
        latin = [w for w in words if _is_latin(w)]
        self.words = frozenset(w for w in words if w not in latin and w not in self.signs)
        self.lengths = tuple(sorted({len(w) for w in self.words}, reverse=True))
        self.latin = re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in latin) + ")$",
                                re.IGNORECASE) if latin else None

    def longest(self, trimmed: str, head: str, bounds) -> int:
        """Length of the longest word of the list that ends the head (0: none)."""
        best = max((len(w) for w in self.signs if head.endswith(w)), default=0)
        if self.latin is not None:
            m = self.latin.search(trimmed)  # leftmost start: the longest word
            if m:
                best = max(best, m.end() - m.start())
        for n in self.lengths:
            if n <= best:
                break
            if len(trimmed) >= n and trimmed[-n:] in self.words and len(trimmed) - n in bounds[0]:
                return n
        return best


class _Markers:
    """The marker lists of owner_patterns.yaml, prepared once for fast tests."""

    def __init__(self):
        p = patterns()
        self.requester = _StartWords(p.requester_after)
        # right after the mention, in this order of precedence
        self.adjacent = tuple((kind, _StartWords(words)) for kind, words in (
            ("status", p.status_after), ("approver", p.approver_after), ("specific", p.specific_lead_after),
            ("help", p.help_after), ("assist", p.assist_after), ("lead", p.lead_adjacent + p.lead_after)))
        self.lead_in = tuple(sorted(set(p.status_lead_in) | set(departments().side_words), key=len, reverse=True))
        self.lead_in_firsts = frozenset(w[0] for w in self.lead_in)
        # the few characters after a mention: Chinese words only, in this order of precedence
        self.nearby = tuple((kind, _StartWords(tuple(w for w in words if not _is_latin(w)), apostrophe_latin=False))
                            for kind, words in (("specific", p.specific_lead_after), ("assist", p.assist_after),
                                                ("help", p.help_after), ("lead", p.lead_after),
                                                ("work", p.work_verbs)))
        self.before = tuple((kind, _EndWords(words)) for kind, words in (
            ("lead", p.lead_before), ("assisted", p.assisted_before), ("with", p.with_before),
            ("object", p.object_before)))
        self.handover = _EndWords(p.handover_before)
        self.nearby_firsts = frozenset().union(*(words.firsts for _, words in self.nearby))


@lru_cache(maxsize=1)
def _markers() -> _Markers:
    return _Markers()


def after_marker(text: str, end: int, limit: int, bounds) -> Optional[str]:
    """requester / status / approver / specific / help / assist / lead / work: the first
    marker after a mention, in the same clause."""
    mk = _markers()
    rest = text[end:min(limit, len(text))]
    if _ASKED.match(rest):
        return "lead"  # "Markus, can you upload…?": the one asked does it
    stop = STOP.search(rest)
    clause = rest[: stop.start()] if stop else rest
    lstripped = clause.lstrip().lstrip(_CLOSERS).lstrip()  # "(Ms. Zhou) to provide", "【张伟】负责"
    offset = end + len(clause) - len(lstripped)
    if lstripped.startswith(("的", "之", "'s", "’s")):  # 张伟的反馈: a possessor, not a worker
        return None
    if mk.requester.starts(lstripped, offset, bounds):
        return "requester"
    if _status(lstripped, offset, bounds):
        return "status"
    for kind, words in mk.adjacent[1:]:
        if words.starts(lstripped, offset, bounds):
            return kind
    lead_in = next((w for w in mk.lead_in if lstripped.startswith(w)), None)
    if lead_in and mk.adjacent[-1][1].starts(lstripped[len(lead_in):], offset + len(lead_in), bounds):
        return "lead"  # 大家都要考完, 张伟也要参加: past 都/也/还 to 要/会/负责
    window = clause[:_WINDOW]
    firsts = mk.nearby_firsts
    for at in range(len(window)):  # the earliest marker wins; at one place, assist before lead before work
        if window[at] not in firsts:
            continue
        piece = window[at:]
        for kind, words in mk.nearby:
            if words.starts(piece, end + at, bounds):
                return kind
    if _dated_work(lstripped):
        return "work"  # 孟主任19号前打印好, 郝老师周五前交: who, by when, what
    return None


def _dated_work(clause: str) -> bool:
    """The clause opens with a limit (19号前, 周五之前, 3天内) followed by a verb."""
    from extract import deadlines as dl

    if not clause or not (clause[0].isdigit() or clause[0] in _DATE_FIRSTS):
        return False
    found = dl.find_deadline(clause[:16], None)
    if found is None or found.span is None or found.span[0] > 0 or not found.mention:
        return False
    return dl.is_limit(found.mention) and opens_with_work(clause[found.span[1]:])


def opens_with_work(text: str) -> bool:
    """Text that starts, past 要 / 须 / 把 / 将, with a work verb: what is to be done by a limit
    ("…前交", "…之前弄完", "…前把名单报…")."""
    rest = text.lstrip("要需须得把将都 ")
    if not rest:
        return False
    if rest[0] in _DONE_BY_VERBS:
        return True
    known = verb_set()
    return any(rest[:n] in known for n in _verb_lengths())


@lru_cache(maxsize=1)
def verb_set() -> frozenset:
    return frozenset(verbs())


@lru_cache(maxsize=1)
def _verb_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(v) for v in verbs()}, reverse=True))


@lru_cache(maxsize=1)
def verbs() -> tuple[str, ...]:
    """Work and lead verbs of both rule files, longest first."""
    from extract.detect import cues

    p = patterns()
    words = set(p.work_verbs) | set(p.lead_after) | set(cues().words["work"]) | {"交", "打印", "送", "报"}
    return tuple(sorted((w for w in words if w and not w.isascii()), key=len, reverse=True))


# one-character verbs that follow a limit in speech: 月底之前弄完, 周五前交, 今天下班前补
_DONE_BY_VERBS = frozenset("弄搞办交修换录排催整贴送报给出做写发补清改查定")
_ASKED = re.compile(r"\s*[,，]\s*(?:can|could|would|will)\s+you\b|\s*[,，]\s*please\b", re.I)
_DATE_FIRSTS = frozenset("今明后下本这周星礼月年一二三四五六七八九十两几半上当次")


def _status(clause: str, offset: int, bounds) -> bool:
    """张伟已完成 / 我们这边在改 / 目前正在排查: work under way or done, not an assignment."""
    mk = _markers()
    status = mk.adjacent[0][1]
    for _ in range(3):  # past up to two side words or adverbs: 这边目前在改, 也已经
        if status.starts(clause, offset, bounds):
            return True
        if clause[:1] not in mk.lead_in_firsts:
            return False
        word = next((w for w in mk.lead_in if clause.startswith(w)), None)
        if word is None:
            return False
        rest = clause[len(word):].lstrip()
        offset += len(clause) - len(rest)
        clause = rest
    return False


def handed_to(text: str, start: int, bounds) -> bool:
    """把PPT交给磊哥: a thing handed to the mention, which receives rather than works."""
    head = text[:start].rstrip()
    n = _markers().handover.longest(head, head, bounds)
    if not n:
        return False
    stops = list(STOP.finditer(head, 0, len(head) - n))
    clause = head[stops[-1].end() if stops else 0:len(head) - n]
    return "把" in clause


def _aligned(s: int, e: int, bounds) -> bool:
    """Whether [s, e) starts and ends on token boundaries (bounds: (starts, ends))."""
    starts, ends = bounds
    return s in starts and e in ends


def before_marker(text: str, start: int, bounds) -> Optional[str]:
    """lead / assisted / with / object / trailing: the marker right before a mention.

    The longest marker wins; of two as long, the earlier kind.
    """
    head = text[:start]
    cut = len(head)
    while cut and (head[cut - 1].isspace() or head[cut - 1] in ":："):
        cut -= 1
    trimmed = head[:cut]
    best: Optional[tuple[int, str]] = None
    for kind, words in _markers().before:
        n = words.longest(trimmed, head, bounds)
        if n and (best is None or n > best[0]):
            best = (n, kind)
    at = head.rstrip()
    if at.endswith(("@", "＠")) and (best is None or best[1] == "lead"):
        # "把预览链接给到 @刘洋 走查": an @ after 给到 / 发给 points at the receiver
        inner = at[:-1].rstrip()
        if _markers().before[-1][1].longest(inner, inner, bounds):
            return "object"
    if best:
        return best[1]
    bare = head.rstrip()
    if any(bare.endswith(o) for o in _TRAILING_OPEN) and bare:
        return "trailing"
    return None
