"""What a paragraph's Word style says about it: heading level, list, numbering.

Styles are looked up by id in styles.xml and followed through basedOn, so a
house style "纪要标题" based on Heading 2 is still a level-2 heading, and a
Chinese Word's style id "1" (named "heading 1") still reads as Heading 1.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_NAMES = {"title", "标题"}
_LIST_NAME = re.compile(r"^(?:list|列表|列出段落|项目符号|编号)", re.I)
_LIST_DEPTH = re.compile(r"\s([2-9])$")
MAX_HEADING_LEVEL = 6


@dataclass(frozen=True)
class ParagraphStyle:
    heading: Optional[int]  # heading level, or None
    is_list: bool
    num: Optional[tuple[str, int]]  # (numId, ilvl) of Word list numbering, if any
    list_depth: int  # from "List Bullet 2" style names when there is no ilvl


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: Optional[str]
    outline: Optional[int]
    num_id: Optional[str]
    ilvl: Optional[int]


def _val(el, path: str) -> Optional[str]:
    found = el.find(path) if el is not None else None
    return found.get(W + "val") if found is not None else None


def _int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class StyleSheet:
    def __init__(self, styles_element=None):
        self._styles: dict[str, _Style] = {}
        self._default: Optional[str] = None
        if styles_element is None:
            return
        for st in styles_element.findall(W + "style"):
            if st.get(W + "type") not in (None, "paragraph"):
                continue
            sid = st.get(W + "styleId") or ""
            ppr = st.find(W + "pPr")
            self._styles[sid] = _Style(
                name=(_val(st, W + "name") or sid).strip(),
                based_on=_val(st, W + "basedOn"),
                outline=_int(_val(ppr, W + "outlineLvl")),
                num_id=_val(ppr, f"{W}numPr/{W}numId"),
                ilvl=_int(_val(ppr, f"{W}numPr/{W}ilvl")),
            )
            if st.get(W + "default") in ("1", "true", "on"):
                self._default = sid

    def _chain(self, style_id: Optional[str]):
        seen = set()
        sid = style_id if style_id is not None else self._default
        while sid is not None and sid not in seen and sid in self._styles:
            seen.add(sid)
            yield self._styles[sid]
            sid = self._styles[sid].based_on

    def paragraph(self, p) -> ParagraphStyle:
        ppr = p.find(W + "pPr")
        style_id = _val(ppr, W + "pStyle")
        heading = _heading_from_outline(_int(_val(ppr, W + "outlineLvl")))
        is_list = False
        depth = 0
        num_id = _val(ppr, f"{W}numPr/{W}numId")
        ilvl = _int(_val(ppr, f"{W}numPr/{W}ilvl"))
        for st in self._chain(style_id):
            name = st.name.lower()
            if heading is None:
                m = _HEADING_NAME.match(name)
                if m:
                    heading = min(int(m.group(1)), MAX_HEADING_LEVEL)
                elif name in _TITLE_NAMES:
                    heading = 1
                else:
                    heading = _heading_from_outline(st.outline)
            if _LIST_NAME.match(name):
                is_list = True
                d = _LIST_DEPTH.search(name)
                depth = max(depth, int(d.group(1)) - 1 if d else 0)
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if ilvl is None and st.ilvl is not None:
                ilvl = st.ilvl
        num = (num_id, ilvl or 0) if num_id not in (None, "0") else None
        return ParagraphStyle(heading=heading, is_list=is_list or num is not None, num=num, list_depth=depth)


def _heading_from_outline(level: Optional[int]) -> Optional[int]:
    # outlineLvl 0..8 are headings 1..9; 9 means body text
    if level is None or not 0 <= level <= 8:
        return None
    return min(level + 1, MAX_HEADING_LEVEL)
