"""Field-label lookup over minutes/data/labels.yaml.

Minutes label things in many ways ("时间：", "**负责人**:", "Owner -"); one
normaliser and one table of synonyms serve the readers and the structurer.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Optional

from minutes.errors import DataFileError

_STRIP = re.compile(r"[\s*_`#>【】\[\]]+")
# "key：value", "key: value", "key — value"; key is short and has no sentence punctuation.
_KV = re.compile(r"^\s*[*_]{0,2}\s*([^：:，。；,;\n]{1,14}?)\s*[*_]{0,2}\s*[：:]\s*(.*)$", re.S)


def norm_label(text: str) -> str:
    return _STRIP.sub("", text).strip("：: ").lower()


@lru_cache(maxsize=1)
def _load() -> dict:
    import yaml

    from minutes import yamlio

    path = resources.files("minutes") / "data" / "labels.yaml"
    try:
        data = yamlio.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:  # pragma: no cover - shipped data
        raise DataFileError(f"invalid YAML: {exc}", str(path)) from None
    for group in ("meeting", "action_table", "sections", "attendance_table"):
        if not isinstance(data.get(group), dict):
            raise DataFileError(f"missing mapping '{group}'", str(path))
        for key, words in data[group].items():
            if not isinstance(words, list) or not all(isinstance(w, (str, int)) for w in words):
                raise DataFileError(f"'{group}.{key}' must be a list of strings", str(path))
    words = data.get("publication_words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise DataFileError("'publication_words' must be a list of strings", str(path))
    return data


@lru_cache(maxsize=1)
def _publication() -> "re.Pattern":
    words = sorted(_load().get("publication_words", []), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)")


@lru_cache(maxsize=1)
def _meeting_verbs() -> tuple[str, ...]:
    return tuple(str(w).lower() for w in _load().get("meeting_verbs", []))


def says_meeting_held(text: str) -> bool:
    """"…召开…会议", "held on …": a sentence reporting the meeting itself."""
    low = text.lower()
    return any(w in low for w in _meeting_verbs())


def is_publication_line(text: str) -> bool:
    """"…2025年4月17日印发": the document's own date, not the meeting's."""
    return bool(_publication().search(text))


@lru_cache(maxsize=None)
def _index(group: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for key, words in _load()[group].items():
        for word in words:
            index.setdefault(norm_label(str(word)), key)
    return index


def lookup(group: str, label: str) -> Optional[str]:
    """The field key a label stands for in `group`, or None."""
    return _index(group).get(norm_label(label))


@lru_cache(maxsize=4096)
def lookup_loose(group: str, label: str) -> Optional[str]:
    """Like lookup, but also "问题/整改项", "计划完成时间", "负责人（部门）": parts and contained synonyms."""
    key = lookup(group, label)
    if key:
        return key
    norm = norm_label(label)
    if not norm or len(norm) > 16:
        return None
    for part in re.split(r"[/／、|()（）\-]", norm):
        if part and part != norm:
            key = lookup(group, part)
            if key:
                return key
    best = None
    for word, key in _index(group).items():
        if len(word) >= 2 and not word.isascii() and word in norm:
            if best is None or len(word) > len(best[0]):
                best = (word, key)
    return best[1] if best else None


def all_labels() -> set[str]:
    """Every normalised label of every group (readers use it to reject fake speakers)."""
    out: set[str] = set()
    for group in ("meeting", "action_table", "sections"):
        out.update(_index(group))
    return out


def split_kv(text: str) -> Optional[tuple[str, str]]:
    """Split "标签：值" into (label, value), or None when the line is no label line."""
    m = _KV.match(text)
    if not m:
        return None
    return m.group(1).strip(), m.group(2).strip()


def section_of(title: str) -> Optional[str]:
    """Which section kind a heading names: actions|discussion|consensus|disagreements|topics."""
    t = strip_numbering(title)
    t = re.sub(r"[（(].*?[)）]$", "", t)  # "行动项（Action Items）"
    t = re.sub(r"^[^\w]+", "", t.strip())  # "💬 评论", "📌 待办"
    key = lookup("sections", t)
    if key:
        return key
    key = lookup("sections", re.split(r"[\s/／|]", t.strip())[0]) if t.strip() else None
    if key is None and any(p.search(t) for p in _done_patterns()):
        return "done"
    return key


@lru_cache(maxsize=1)
def _done_patterns() -> tuple["re.Pattern", ...]:
    raw = _load().get("done_patterns", [])
    try:
        return tuple(re.compile(str(p), re.I) for p in raw)
    except re.error as exc:
        raise DataFileError(f"'done_patterns': invalid pattern ({exc})", "labels.yaml") from None


_NUMBERING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百\d]+[章节部分项条][、.．:：\s]*|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）][、.．]?|"
    r"\d{1,2}(?:\.\d{1,2})*[、.．)）](?!\d)|[①-⑳]|[A-Za-z][.、)](?=\s)|[-*•·●○■□▪◆◇]|Topic\s*\d+[:：.]?|议题[一二三四五六七八九十\d]+[:：、.]?)\s*"
)


_TITLE_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\s+(?=[^\d\s])")


def strip_numbering(text: str, title: bool = False) -> str:
    """Drop a leading 一、/（一）/1./①/bullet so the title reads cleanly.

    With `title`, also "2.4 预算与采购" and "4 预算": numbers before a heading's words
    (not in sentences, where "3 个工作日内" means three)."""
    out = _NUMBERING.sub("", text, count=1).strip()
    if title:
        out = _TITLE_NUMBER.sub("", out).strip() or out
    return out
