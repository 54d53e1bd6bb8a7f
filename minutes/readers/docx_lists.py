"""Word's automatic list numbering, rendered as the reader sees it ("一、", "（1）").

Chinese Word and WPS users number outlines automatically, so the "一、" that
makes a paragraph a section heading is not in its text; it lives in
numbering.xml as a format ("chineseCounting") and a template ("%1、"). This
module replays the counters in document order to recover the label.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    legal: bool  # w:isLgl: show every level as a decimal


def cn_number(n: int, digits: str = _CN_DIGITS) -> str:
    """1 -> 一, 12 -> 十二, 105 -> 一百零五 (larger numbers stay Arabic)."""
    if n < 0 or n >= 1000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20 and digits is _CN_DIGITS:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = digits[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + digits[rest]
    return head + digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else "")


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "koreanCounting"):
        return cn_number(n)
    if fmt == "chineseLegalSimplified":
        return cn_number(n, _CN_LEGAL)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


def _val(el, path: str) -> Optional[str]:
    found = el.find(path)
    return found.get(W + "val") if found is not None else None


class ListNumbering:
    """Counters for every list in numbering.xml; call `label` in document order."""

    def __init__(self, numbering_element=None):
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._seen: set[str] = set()
        if numbering_element is not None:
            self._load(numbering_element)

    def _load(self, root) -> None:
        for absn in root.findall(W + "abstractNum"):
            levels = {}
            for lvl in absn.findall(W + "lvl"):
                try:
                    ilvl = int(lvl.get(W + "ilvl", "0"))
                    start = int(_val(lvl, W + "start") or 1)
                except ValueError:
                    continue
                levels[ilvl] = _Level(start, _val(lvl, W + "numFmt") or "decimal",
                                      _val(lvl, W + "lvlText") or "", lvl.find(W + "isLgl") is not None)
            self._abstract[absn.get(W + "abstractNumId", "")] = levels
        for num in root.findall(W + "num"):
            overrides = {}
            for ov in num.findall(W + "lvlOverride"):
                start = _val(ov, W + "startOverride")
                if start is not None and start.isdigit():
                    overrides[int(ov.get(W + "ilvl", "0"))] = int(start)
            self._nums[num.get(W + "numId", "")] = (_val(num, W + "abstractNumId") or "", overrides)

    def is_bullet(self, num_id: str, ilvl: int) -> bool:
        level = self._level(num_id, ilvl)
        return level is not None and level.fmt == "bullet"

    def _level(self, num_id: str, ilvl: int) -> Optional[_Level]:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        return self._abstract.get(entry[0], {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> Optional[str]:
        """Advance the list and return the paragraph's label, or None for bullets and unknown lists."""
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        abs_id, overrides = entry
        levels = self._abstract.get(abs_id, {})
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(abs_id, {})
        if num_id not in self._seen:  # a restarted list: startOverride applies on first use
            self._seen.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        current = counters.get(ilvl)
        counters[ilvl] = current + 1 if current is not None else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return None
        return self._render(level, levels, counters).strip() or None

    def _render(self, level: _Level, levels: dict[int, _Level], counters: dict[int, int]) -> str:
        out = []
        text = level.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                k = int(text[i + 1]) - 1
                ref = levels.get(k)
                n = counters.get(k, ref.start if ref else 1)
                fmt = "decimal" if level.legal else (ref.fmt if ref else "decimal")
                out.append(format_number(n, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)
