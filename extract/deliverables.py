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
_QTY = r"(?:\d+|[一二三两四五六七八九十几]+)\s*(?:份|版|套|张|篇|稿)"
_BOUNDARY = re.compile(r"[，,。；;：:！!？?\s（）()、①-⑳]")


@lru_cache(maxsize=1)
def _vocab() -> dict:
    from minutes import yamlio

    path = resources.files("extract") / "data" / "deliverables.yaml"
    data = yamlio.load(path.read_text(encoding="utf-8")) or {}
    for key in ("nouns", "english", "english_verbs", "verbs", "none_words"):
        if not isinstance(data.get(key), list):
            raise DataFileError(f"'{key}' must be a list", str(path))
    if not isinstance(data.get("modified_heads"), list):
        raise DataFileError("'modified_heads' must be a list", str(path))
    nouns = sorted({str(n) for n in data["nouns"]}, key=len, reverse=True)
    verbs = sorted({str(v) for v in data["verbs"]}, key=len, reverse=True)
    english = sorted({str(e).lower() for e in data["english"]}, key=len, reverse=True)
    return {
        # Latin nouns (PO, PPT, KV) only as whole words: "POS升级" holds no PO
        "noun_rx": re.compile("|".join(
            rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])" if n.isascii() else re.escape(n) for n in nouns)),
        "verb_rx": re.compile("|".join(map(re.escape, verbs))),
        "qty_rx": re.compile(rf"{_QTY}(?:[^\s，,。；;]{{0,12}}?(?:{'|'.join(map(re.escape, nouns))})|[A-Za-z][A-Za-z0-9_-]*)?"),
        "en_rx": re.compile(
            r"\b(?:" + "|".join(map(re.escape, sorted(data["english_verbs"], key=len, reverse=True))) + r")\s+"
            r"((?:(?:the|a|an|our|their|his|her|its|new|revised|final|updated|first)\s+)*"
            r"(?:[\w-]+\s+){0,3}?(?:" + "|".join(map(re.escape, english)) + r")s?)\b", re.I),
        "none": {str(w).lower() for w in data["none_words"]},
        "modified_rx": re.compile("|".join(map(re.escape, sorted(data["modified_heads"], key=len, reverse=True)))),
        "en_noun_rx": re.compile(r"(?:\b[\w-]+\s+)?\b(?:" + "|".join(map(re.escape, english)) + r")s?\b", re.I),
    }


def from_field(value: str) -> Optional[str]:
    """A 交付成果 cell; None for 无 / 待定 / -."""
    v = value.strip()
    if not v or v.lower() in _vocab()["none"] or not re.sub(r"[\W_]", "", v):
        return None
    return v


def find_deliverable(text: str) -> Optional[str]:
    """The output a task sentence promises, or None."""
    book = _BOOK.search(text)
    if book:
        return book.group(0)
    v = _vocab()
    fallback = None
    pos = 0
    while (m := v["noun_rx"].search(text, pos)):
        end = m.end()
        if len(m.group()) == 1 and _inside_word(text, m.start()):
            pos = end  # 表示, 图书馆, 单位: the character starts another word
            continue
        while (nxt := v["noun_rx"].match(text, end)):  # "主视觉" + "初稿" form one phrase
            end = nxt.end()
        if v["modified_rx"].match(text, end):
            pos = end  # "合同归档柜": the noun only modifies what follows
            continue
        phrase, after_verb = _expand_left(text, m.start(), end, v["verb_rx"])
        if after_verb:
            return phrase  # "…，提交接口文档": the output a verb hands over wins
        fallback = fallback or phrase
        pos = end
    if fallback:
        return fallback
    q = v["qty_rx"].search(text)
    if q:
        return q.group(0).strip()
    e = v["en_rx"].search(text)
    if e:
        return re.sub(r"^(?:the|a|an|our|their)\s+", "", e.group(1), flags=re.I).strip()
    e = v["en_noun_rx"].search(text)
    if e:  # "UI mockup（积分中心）", "KOL list 整理好"
        return re.sub(r"^(?:the|a|an|our|their|to|and|of|for)\s+", "", e.group(0), flags=re.I).strip()
    return None


def _inside_word(text: str, at: int) -> bool:
    """A one-character noun that begins a dictionary word with the next character."""
    from extract.nlp import in_dictionary

    pair = text[at:at + 2]
    return len(pair) == 2 and "\u4e00" <= pair[1] <= "\u9fff" and in_dictionary(pair)


def _expand_left(text: str, start: int, end: int, verb_rx: re.Pattern) -> tuple[str, bool]:
    """Grow a noun leftwards to the output verb or a punctuation boundary (≤ 14 chars).

    Returns the phrase and whether an output verb introduced it."""
    left = start
    while left > 0 and start - left < 14 and not _BOUNDARY.match(text[left - 1]):
        left -= 1
    chunk = text[left:end]
    verbs = list(verb_rx.finditer(chunk[: start - left]))
    if verbs:
        chunk = chunk[verbs[-1].end():]
    chunk = re.sub(r"^(?:我这边|我们这边|这边|那边|我们|我|前|之前|以前|后|内|的|把|将|一下|好)+", "", chunk)
    return (chunk.strip() or text[start:end]), bool(verbs)
