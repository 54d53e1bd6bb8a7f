"""Chinese outline numbering: when "一、" / "（一）" / "1." opens a heading.

Chinese minutes number their outline by hand: 一、 for sections, （一） below,
then 1. / 1、 / （1） / ①. The same marks also open ordinary list items, so a
numbered line counts as a heading only when it reads like a title (short, no
sentence punctuation), and a run of adjacent siblings in the same style is a
list however short its lines are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from minutes.model import Block

_CN = "[一二三四五六七八九十百零〇两]+"
_CIRCLED = "\u2460-\u2473\u2474-\u2487\u2488-\u249b"  # ①-⑳ ⑴-⒇ ⒈-⒛

# (style, level, pattern); the first match wins, so longer forms come first.
_PATTERNS: tuple[tuple[str, int, re.Pattern], ...] = (
    ("cn_ordinal", 1, re.compile(rf"^第(?:{_CN}|\d{{1,2}})(?:部分|章|篇)\s*[、:：.．]?\s*")),
    ("cn_comma", 1, re.compile(rf"^{_CN}\s*[、．.]\s*")),
    ("cn_paren", 2, re.compile(rf"^[（(]\s*{_CN}\s*[)）]\s*[、.．]?\s*")),
    ("dotted", 0, re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}(?:[、.．]\s*|\s+)")),
    ("arabic_paren", 3, re.compile(r"^[（(]\s*\d{1,2}\s*[)）]\s*")),
    ("arabic_dot", 3, re.compile(r"^\d{1,2}\s*[.．、](?!\d)\s*")),
    ("arabic_close", 3, re.compile(r"^\d{1,2}\s*[)）]\s*")),
    ("circled", 3, re.compile(rf"^[{_CIRCLED}]\s*")),
)
_SENTENCE = re.compile(r"[。；;！？!?]")
_CLAUSE = re.compile(r"[，,]")
_FIELD = re.compile(r"^[^：:]{1,12}[：:]\s*\S")
MAX_HEADING_CHARS = 30


@dataclass(frozen=True)
class Numbering:
    style: str  # which family of marks, e.g. "cn_comma" for 一、
    level: int  # heading level the mark stands for (1 for 一、, 2 for （一）, 3 for 1.)
    end: int  # where the text after the mark starts


def numbering_of(text: str) -> Optional[Numbering]:
    """The outline mark that opens `text`, if any."""
    for style, level, pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            if style == "dotted":
                level = min(6, 2 + m.group(0).strip(" 、.．").count(".") + 1)
            return Numbering(style, level, m.end())
    return None


def reads_like_heading(text: str, numbering: Numbering) -> bool:
    """Short, something after the mark, and no sentence punctuation.

    Level-3 marks (1. / 1、) open most list items too, so there a comma or a
    "字段：值" pair ("1. 任务描述：…") also says "entry, not title".
    """
    body = text[numbering.end:].strip()
    if not body or len(text) > MAX_HEADING_CHARS or "\n" in text:
        return False
    if _SENTENCE.search(body):
        return False
    return not (numbering.level >= 3 and (_CLAUSE.search(body) or _FIELD.match(body)))


@dataclass(frozen=True)
class LineRole:
    kind: str  # "heading" | "list_item" | "paragraph"
    level: Optional[int]


def outline_roles(texts: Sequence[Optional[str]], list_only: frozenset[str] = frozenset()) -> list[Optional[LineRole]]:
    """Heading or list-item role of each numbered text, judged with its siblings.

    `None` entries break adjacency (a table between paragraphs, a bulleted
    line); non-numbered texts get None. A heading candidate whose neighbour is
    a candidate of the same style is a list item instead: headings have body
    text between them, lists do not. Siblings (same style, not separated by a
    shallower mark) share one kind when most of them read as list items, so
    "1. 任务：…" entries do not flip between heading and item. Styles in
    `list_only` never make headings.
    """
    marks = [numbering_of(t) if t else None for t in texts]
    heading = [False] * len(texts)
    for i, (text, mark) in enumerate(zip(texts, marks)):
        if mark is None or text is None:
            continue
        heading[i] = mark.style not in list_only and reads_like_heading(text, mark)
        if heading[i]:
            for j in (i - 1, i + 1):
                if 0 <= j < len(marks) and marks[j] is not None and marks[j].style == mark.style:
                    heading[i] = False
    for run in _sibling_runs(marks):
        if len(run) >= 2 and sum(heading[i] for i in run) * 2 < len(run):
            for i in run:
                heading[i] = False
    return [None if mark is None else LineRole("heading", mark.level) if heading[i] else LineRole("list_item", 0)
            for i, mark in enumerate(marks)]


def _sibling_runs(marks: Sequence[Optional[Numbering]]) -> list[list[int]]:
    """Indexes of same-style marks, a run ending where a shallower mark appears."""
    open_runs: dict[str, list[int]] = {}
    runs: list[list[int]] = []
    for i, mark in enumerate(marks):
        if mark is None:
            continue
        for style in [s for s, run in open_runs.items() if marks[run[0]].level > mark.level]:
            runs.append(open_runs.pop(style))
        open_runs.setdefault(mark.style, []).append(i)
    return runs + list(open_runs.values())


def apply_outline(blocks: Sequence[Block], eligible: Sequence[bool]) -> list[Block]:
    """Re-kind eligible paragraph blocks that open with outline numbering.

    Ineligible blocks (list items, table rows, headings with a style) break
    adjacency, as in `outline_roles`.
    """
    texts = [b.text if ok else None for b, ok in zip(blocks, eligible)]
    roles = outline_roles(texts)
    out = []
    for block, role in zip(blocks, roles):
        if role is not None:
            block = replace(block, kind=role.kind, level=role.level)
        out.append(block)
    return out
