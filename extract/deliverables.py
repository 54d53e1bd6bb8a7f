"""The deliverable of an action item: what concrete output it promises.

Precedence: a 交付成果 field; a 《title》; an output noun phrase after an
output verb ("输出测试报告", "交3版"); a bare output noun. Vocabulary is data.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Optional

from minutes.errors import DataFileError

_BOOK = re.compile(r"《[^《》]{1,40}》")
_QTY = r"(?:\d+|[一二三两四五六七八九十几]+)\s*(?:份|版|个|页|套|张|篇|条|稿|轮)"
_BOUNDARY = re.compile(r"[，,。；;：:！!？?\s（）()、]")


@lru_cache(maxsize=1)
def _vocab() -> dict:
    import yaml

    path = resources.files("extract") / "data" / "deliverables.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for key in ("nouns", "english", "verbs", "none_words"):
        if not isinstance(data.get(key), list):
            raise DataFileError(f"'{key}' must be a list", str(path))
    nouns = sorted({str(n) for n in data["nouns"]}, key=len, reverse=True)
    verbs = sorted({str(v) for v in data["verbs"]}, key=len, reverse=True)
    english = sorted({str(e).lower() for e in data["english"]}, key=len, reverse=True)
    return {
        "noun_rx": re.compile("|".join(map(re.escape, nouns))),
        "verb_rx": re.compile("|".join(map(re.escape, verbs))),
        "qty_rx": re.compile(rf"{_QTY}(?:[^\s，,。；;]{{0,12}}?(?:{'|'.join(map(re.escape, nouns))}))?"),
        "en_rx": re.compile(r"\b(?:" + "|".join(map(re.escape, english)) + r")s?\b", re.I),
        "none": {str(w).lower() for w in data["none_words"]},
    }


def from_field(value: str) -> Optional[str]:
    """A 交付成果 cell; None for 无 / 待定 / -."""
    v = value.strip()
    if not v or v.lower() in _vocab()["none"]:
        return None
    return v


def find_deliverable(text: str) -> Optional[str]:
    """The output a task sentence promises, or None."""
    book = _BOOK.search(text)
    if book:
        return book.group(0)
    v = _vocab()
    m = v["noun_rx"].search(text)
    if m:
        end = m.end()
        while True:  # "主视觉" + "初稿": adjacent nouns form one phrase
            nxt = v["noun_rx"].match(text, end)
            if not nxt:
                break
            end = nxt.end()
        return _expand_left(text, m.start(), end, v["verb_rx"])
    q = v["qty_rx"].search(text)
    if q:
        return q.group(0).strip()
    e = v["en_rx"].search(text)
    if e:
        start = max(text.rfind(" ", 0, max(0, e.start() - 1)), 0)
        return text[start:e.end()].strip(" ,.;:") or e.group(0)
    return None


def _expand_left(text: str, start: int, end: int, verb_rx: re.Pattern) -> str:
    """Grow a noun leftwards to the output verb or a punctuation boundary (≤ 14 chars)."""
    left = start
    while left > 0 and start - left < 14 and not _BOUNDARY.match(text[left - 1]):
        left -= 1
    chunk = text[left:end]
    verbs = list(verb_rx.finditer(chunk[: start - left]))
    if verbs:
        chunk = chunk[verbs[-1].end():]
    chunk = re.sub(r"^(?:前|之前|以前|后|内|的|把|将|一下|好)+", "", chunk)
    return chunk.strip() or text[start:end]
