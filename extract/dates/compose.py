"""From rule matches to deadlines: select, join, mark, choose.

1. every rule runs over the (width-normalised) text; overlapping matches are
   settled leftmost-longest (下周五 beats 下周, 2024年底 beats 年底);
2. neighbours join: a date and its time (周五 下班), a date and its weekday in
   brackets (下周三（10月29日）), the two ends of a range (7月15日-20日);
3. markers are read around each result: a trailing 前 / 之前 / 截止 joins the
   mention, verbs such as 完成 / 提交 and prefixes such as 截止 / by mark it as
   the deadline without joining;
4. `choose` prefers marked dates, then the last future date, then vague words.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Optional

from extract.dates import english, grammar
from extract.dates.calendar_math import safe_date, shift_month
from extract.dates.hits import Hit, alternation
from extract.dates.reading import marker_is_word
from extract.dates.vocab import date_words

_WIDE = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ：／．－～（）　"
_NARROW = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz:/.-~() "
_WIDTH = str.maketrans(_WIDE, _NARROW)

_OPEN = re.compile(r"\s*\(\s*")
_CLOSE = re.compile(r"\s*\)")
_BESIDE = re.compile(r"[\s,，、]*")
_RANGE = re.compile(r"\s*(?:-|~|—|–|至|到)\s*")
# a time zone may stand between a time and its day: "3pm SGT tmr", "18:00（北京时间）周五"
_ZONE = r"(?:\s*[（(]?\s*(?:[A-Z]{2,4}T|UTC|GMT)(?:\s*[+-]\s*\d{1,2})?\s*[)）]?|\s*[（(]?北京时间[)）]?)?"
_DATE_TIME_GAP = re.compile(r"[\s的,，]{0,3}(?:at\s+)?", re.IGNORECASE)
_TIME_DATE_GAP = re.compile(_ZONE + r"\s*(?:on\s+)?")
_PREFIX_TRIM = " \t:：,，"
# "…出个设计稿，9/6": a bare M/D that closes its line after a comma is the line's date
_CLAUSE_BEFORE = re.compile(r"[,，;；、]\s*$")
_LINE_END = re.compile(r"\s*[。.!！]?\s*$")


def normalize(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII, one char for one,
    so spans found in the normalised text hold for the original."""
    return text.translate(_WIDTH)


@lru_cache(maxsize=None)
def _dispatch() -> tuple[tuple, dict[str, int], list[int]]:
    """(all rules in order, {char: bit mask of the trigger groups holding it},
    each rule's required mask)."""
    ordered = grammar.rules() + english.rules()
    groups: list[frozenset[str]] = []
    needs: list[int] = []
    for rule in ordered:
        mask = 0
        for group in rule.triggers:
            if group not in groups:
                groups.append(group)
            mask |= 1 << groups.index(group)
        needs.append(mask)
    bits: dict[str, int] = {}
    for index, group in enumerate(groups):
        for ch in group:
            bits[ch] = bits.get(ch, 0) | 1 << index
    return ordered, bits, needs


_BY_MASK: dict[int, tuple] = {}  # trigger mask -> ((order, finditer, read), ...)


def _rules_for(norm: str) -> tuple:
    """(order, pattern.finditer, reader) of the rules whose triggers all occur in the text."""
    _, bits, _ = _dispatch()
    mask = 0
    for ch in norm:
        mask |= bits.get(ch, 0)
    chosen = _BY_MASK.get(mask)
    if chosen is None:
        ordered, _, needs = _dispatch()
        chosen = tuple((order, rule.pattern.finditer, rule.read)
                       for order, (rule, need) in enumerate(zip(ordered, needs)) if need & mask == need)
        if len(_BY_MASK) < 4096:
            _BY_MASK[mask] = chosen
    return chosen


def scan(text: str, ref: Optional[date]) -> list[Hit]:
    """Every expression in `text`, joined and marked, in reading order."""
    norm = normalize(text)
    matches = []
    for order, finditer, read in _rules_for(norm):
        for m in finditer(norm):
            start, end = m.span()
            if end > start:  # (order, seq) keep the sort from ever comparing matches
                matches.append((start, start - end, order, len(matches), m, read))
    if len(matches) > 1:
        matches.sort()
    kept: list[Hit] = []
    last_end = 0
    for start, _, _, _, m, read in matches:  # leftmost-longest; read only what may be kept
        if start < last_end:
            continue
        hit = read(m, ref)
        if hit is not None:  # a veto lets the next candidate at this place try
            kept.append(hit)
            last_end = hit.end
    if len(kept) > 1:
        kept = _join_all(kept, norm)
    size = len(norm)
    return [hit if hit.start == 0 and hit.end == size else _mark(hit, norm) for hit in kept]


def _join_all(hits: list[Hit], text: str) -> list[Hit]:
    out: list[Hit] = []
    for hit in hits:
        joined = _join(out[-1], hit, text) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(hit)
    return out


_FIELDS = {name: index for index, name in enumerate(Hit._fields)}


def _span(base: Hit, start: int, end: int, **changes) -> Hit:
    """base with a new span and fields (NamedTuple._replace is several times slower)."""
    values = list(base)
    values[0], values[1] = start, end
    for name, value in changes.items():
        values[_FIELDS[name]] = value
    return tuple.__new__(Hit, values)


def _anchor_day(first: Hit, second: Hit) -> Hit:
    """15-20日: the bare second day belongs to the first day's month."""
    if second.kind != "day" or first.date is None or second.day is None:
        return second
    year, month = first.date.year, first.date.month
    for _ in range(2):
        day = safe_date(year, month, second.day)
        if day is not None and day >= first.date:
            return _span(second, second.start, second.end, date=day, kind="absolute")
        year, month = shift_month(year, month, 1)
    return second


def _join(a: Hit, b: Hit, text: str) -> Optional[Hit]:
    gap = text[a.end:b.start]
    weak = a.weak and b.weak
    marked = a.marked or b.marked
    if (a.names_a_day or a.kind == "period") and (b.names_a_day or b.kind == "period"):
        close = _CLOSE.match(text, b.end)
        if _OPEN.fullmatch(gap) and b.kind == "weekday" and a.kind in ("absolute", "day", "relative"):
            # 10/12（周六调休上班）: the weekday in brackets annotates the date before it
            end = close.end() if close else b.end
            return _span(a, a.start, end, time=a.time or b.time, weak=weak, marked=marked)
        if _OPEN.fullmatch(gap) and close:  # 下周三（10月29日）: keep the explicit one
            keep = b if b.kind == "absolute" and a.kind != "absolute" else a
            return _span(keep, a.start, close.end(), time=keep.time or a.time or b.time, weak=weak, marked=marked)
        if _BESIDE.fullmatch(gap) and "weekday" in (a.kind, b.kind) and {a.kind, b.kind} & {"absolute", "day", "relative"}:
            keep = b if a.kind == "weekday" else a  # 10月12号，星期一
            return _span(keep, a.start, b.end, time=keep.time or a.time or b.time, weak=weak, marked=marked)
        if _RANGE.fullmatch(gap) and a.names_a_day and b.names_a_day:
            last = _anchor_day(a, b)
            return _span(last, a.start, b.end, time=b.time, weak=weak, marked=marked)
        return None
    if a.names_a_day and b.kind == "time" and _DATE_TIME_GAP.fullmatch(gap):
        return _span(a, a.start, b.end, time=b.time, marked=marked)
    if a.kind == "time" and b.names_a_day and _TIME_DATE_GAP.fullmatch(gap):
        return _span(b, a.start, b.end, time=a.time, marked=marked)
    if (a.kind == "time" or a.names_a_day and a.time) and b.kind == "time" and _RANGE.fullmatch(gap):
        return _span(a, a.start, b.end, time=b.time, marked=marked)  # 14:00-16:00 ends at 16:00
    return None


@lru_cache(maxsize=None)
def _marker_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    words = date_words()
    in_mention = re.compile(rf" *({alternation(words.suffix_in_mention)})")
    verbs = re.compile(rf"[ 的]*({alternation(words.suffix_markers)})")
    # prefixes are matched backwards on the reversed, lower-cased text before a hit
    trim = rf"[{re.escape(_PREFIX_TRIM)}]*(?:[于在到][{re.escape(_PREFIX_TRIM)}]*)?"
    prefixes = re.compile(rf"{trim}(?!(?:{alternation(p[::-1] for p in words.not_prefix)}))"
                          rf"({alternation(p[::-1] for p in words.prefix_markers)})")
    return in_mention, verbs, prefixes


def _mark(hit: Hit, text: str) -> Hit:
    end, marked = hit.end, hit.marked
    if end < len(text):
        in_mention, verbs, _ = _marker_patterns()
        m = in_mention.match(text, end)
        if m and not marker_is_word(text, m.end(), m.group(1)):
            end, marked = m.end(), True
        verb = verbs.match(text, end)
        if (not marked and verb and not marker_is_word(text, verb.end(), verb.group(1))
                and (not hit.weak or verb.group(1) == verb.group(0))):
            marked = True  # a weak hit needs its verb right beside it ("5.1 提交..." is numbering)
    if not marked and hit.start and _prefixed(text, hit.start, _marker_patterns()[2]):
        marked = True
    weak = hit.weak
    if weak and not marked and hit.kind == "absolute" and _closes_line(text, hit.start, end):
        weak = False
    if end == hit.end and marked == hit.marked and weak == hit.weak:
        return hit
    return _span(hit, hit.start, end, marked=marked, weak=weak)


def _closes_line(text: str, start: int, end: int) -> bool:
    """A fraction-like date (9/6, 7.20) set off by a comma at the very end of its line
    is the date the line hands out, IM style; "完成率 3/10" has no comma before it."""
    return bool(_CLAUSE_BEFORE.search(text, max(0, start - 4), start)) and bool(_LINE_END.match(text, end))


def _prefixed(text: str, start: int, prefixes: re.Pattern) -> bool:
    """截止 / 最晚于 / by just before the hit (a Latin prefix must be a whole word)."""
    before = text[max(0, start - 20):start].lower()[::-1]
    m = prefixes.match(before)
    if m is None:
        return False
    return not (m.group(1).isascii() and before[m.end():m.end() + 1].isalpha())


def in_sentence(hits: list[Hit]) -> list[Hit]:
    """Drop weak hits (3点, 7.20, Q3, 长期) that carry no marker."""
    return [hit for hit in hits if not hit.weak or hit.marked]


def _rank(hit: Hit, ref: Optional[date]) -> int:
    if hit.marked:
        if hit.date is None or hit.vague:
            return 2
        return 0 if hit.kind == "absolute" else 1  # "节前…，9月30日前": the written date
    if hit.kind == "time":
        return 5  # a time of day alone ("29日你上班吗"): the day named beside it wins
    if hit.date is not None and not hit.vague and (ref is None or hit.date >= ref):
        return 3
    if hit.vague:
        return 4
    return 5 if hit.date is not None else 6


def choose(hits: list[Hit], ref: Optional[date]) -> Optional[Hit]:
    """The deadline among several expressions: a marked written date, a marked
    relative one, a marked vague word, the last future date, a vague word, a past date.

    Among marked ones the first wins: later ones are mostly other people's inputs
    or follow-ups ("8/30前出初稿，大家的材料8/28前给我"). Among unmarked dates the
    last wins: sentences tend to end on the due date ("7月10日讨论的方案，7月15日")."""
    if len(hits) < 2:
        return hits[0] if hits else None
    best, best_rank = None, 9
    for hit in hits:
        rank = _rank(hit, ref)
        if rank < best_rank or rank == best_rank and rank >= 3:
            best, best_rank = hit, rank
    return best
