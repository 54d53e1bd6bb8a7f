"""What a grammar rule reports: one recognised expression and its reading."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, NamedTuple, Optional

# kind: absolute (names month and day) | day (15号) | relative (明天, 下个月15号) |
# weekday | festival | duration (3天内) | period (本周内, Q3: vague) | vague (尽快) | time
DATE_KINDS = frozenset({"absolute", "day", "relative", "weekday", "festival", "duration"})


class Hit(NamedTuple):
    """A NamedTuple rather than a dataclass: rules create thousands of these and
    the resolver's speed target leaves no room for a frozen dataclass's __init__."""

    start: int
    end: int
    kind: str
    date: Optional[date] = None
    time: Optional[str] = None  # "HH:MM"
    vague: bool = False
    suggested: Optional[date] = None
    weak: bool = False  # inside a sentence, counts only with a marker or a date beside it
    marked: bool = False  # carries its own deadline sense (3天内, 本周内, 节前)
    day: Optional[int] = None  # kind "day": the bare day number, for ranges (15-20日)

    @property
    def names_a_day(self) -> bool:
        return self.kind in DATE_KINDS


@dataclass(frozen=True)
class Rule:
    """`triggers`: groups of characters; every match holds a character of each
    group (月 and a numeral for 7月15日), so the scanner skips the rule on text that
    lacks one. Most rules are skipped on most text; no groups: always run."""

    name: str
    pattern: re.Pattern
    read: Callable[[re.Match, Optional[date]], Optional[Hit]]
    triggers: tuple[frozenset[str], ...] = ()


def alternation(words) -> str:
    """Longest first, so the regex engine prefers 下下个 over 下."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def first_chars(words) -> set[str]:
    return {word[0] for word in words}


# Characters found in most date expressions: a poor trigger, since a rule keyed on
# them would run on nearly every text.
_COMMON = set("日天月年周前后内上下中之以个一二三四五六七八九十")


def distinctive_chars(words) -> set[str]:
    """A trigger group for a word list: from each word its first uncommon
    character (else its last), so every match holds one of them."""
    return {next((ch for ch in word if ch not in _COMMON), word[-1]) for word in words}


def by_trigger(words) -> list[tuple[list[str], tuple[set[str], ...]]]:
    """A word list split by how its words can be spotted, as (words, trigger groups):
    words holding an uncommon character trigger on it; words made only of common ones
    (后天, 年前) need their first and their last character both present, or the rule
    would run on most texts."""
    rare = [word for word in words if any(ch not in _COMMON for ch in word)]
    common = [word for word in words if word not in rare]
    parts = []
    if rare:
        parts.append((rare, (distinctive_chars(rare),)))
    if common:
        parts.append((common, (first_chars(common), {word[-1] for word in common})))
    return parts


def char_class(chars) -> str:
    return "".join(re.escape(ch) for ch in sorted(set(chars)))
