"""Calendar quarters as people type them: 2024Q3, 2024-Q3, 2024年第三季度, 24Q3 ...

Managers write the quarter the way their own reports do, so every common form
is accepted; anything else is bad input with the forms listed in the message.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from minutes.errors import BadInput

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ZH = {1: "一", 2: "二", 3: "三", 4: "四"}
_NUM = r"[1-4一二三四]"
_YEAR = r"(?P<year>\d{4}|\d{2})"
_FORMS = [
    # 2024Q3, 2024-Q3, 2024 Q3, 2024/Q3, 2024年Q3, 2024年 Q3, 24Q3
    re.compile(rf"^{_YEAR}\s*(?:年|[-/_.])?\s*Q\s*(?P<q>{_NUM})$"),
    # Q3 2024, Q3-2024, Q3/24
    re.compile(rf"^Q\s*(?P<q>{_NUM})\s*[-/_.]?\s*{_YEAR}(?:年)?$"),
    # 2024年第三季度, 2024年三季度, 2024年第3季度, 2024第三季度, 2024-3季度
    re.compile(rf"^{_YEAR}\s*(?:年度|年)?\s*[-/_.]?\s*第?\s*(?P<q>{_NUM})\s*季度?$"),
    # 2024-3, 2024/3 (year then quarter number only)
    re.compile(rf"^(?P<year>\d{{4}})\s*[-/_.]\s*(?P<q>[1-4])$"),
]
FORMS_HINT = "2024Q3, 2024-Q3, 2024 Q3, 2024年Q3, 2024年第三季度 or 24Q3"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The last day, inclusive."""
        return self.next.start - timedelta(days=1)

    @property
    def previous(self) -> "Quarter":
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @property
    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def label_zh(self) -> str:
        return f"{self.year}年第{_ZH[self.number]}季度"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)


def parse_quarter(text: str) -> Quarter:
    """A Quarter from any accepted spelling; BadInput otherwise."""
    raw = text if isinstance(text, str) else ""
    # NFKC folds full-width digits and letters (２０２４Ｑ３) typed with a Chinese IME.
    cleaned = unicodedata.normalize("NFKC", raw).strip().upper()
    for form in _FORMS:
        match = form.match(cleaned)
        if match:
            year = int(match.group("year"))
            if len(match.group("year")) == 2:
                year += 2000
            if not 1900 <= year <= 2999:
                break
            return Quarter(year, _NUMERALS[match.group("q")])
    raise BadInput(f"invalid quarter '{raw.strip()}': expected {FORMS_HINT}")
