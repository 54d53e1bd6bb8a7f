"""Look-up tables over one roster: names, aliases, given names, pinyin keys, surnames,
and each department under its stem and its other names (人事 / HR for 人力资源部).

Built once per roster, on first use, by extract.roster.Roster.index.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Optional

from extract import names
from extract.owner_rules import departments

if TYPE_CHECKING:  # pragma: no cover
    from extract.roster import Person


def alias_key(text: str) -> str:
    """How aliases are compared: no spaces, case-folded (Kevin = kevin, Zhang Wei = zhangwei)."""
    return re.sub(r"\s+", "", text).casefold()


class RosterIndex:
    """Look-up tables over one roster, built once per roster on first resolve."""

    def __init__(self, people: Iterable["Person"], learned: dict[str, str]):
        self.people = tuple(people)
        self.by_name = {p.name: p for p in self.people}
        self.order = {p.name: i for i, p in enumerate(self.people)}
        self.aliases: dict[str, list[str]] = {}
        self.given: dict[str, list[str]] = {}
        self.pinyin: dict[str, list[str]] = {}
        self.by_surname: dict[str, list[str]] = {}
        self.by_surname_key: dict[str, list[str]] = {}
        for p in self.people:
            for alias in p.aliases:
                _add(self.aliases, alias_key(alias), p.name)
            if not names.is_cjk(p.name):
                _add(self.pinyin, names.latin_key(p.name), p.name)  # a Latin roster name: "Kevin Wu"
                continue
            surname, given = names.split_name(p.name)
            _add(self.by_surname, surname, p.name)
            _add(self.by_surname_key, names.surname_key(p.name), p.name)
            if len(given) >= 2 and given not in self.by_name:
                _add(self.given, given, p.name)
            for key in names.pinyin_keys(p.name):
                _add(self.pinyin, key, p.name)
        self.learned = {alias_key(k): v for k, v in learned.items() if v in self.by_name}
        self.departments = tuple(dict.fromkeys(p.department for p in self.people if p.department))
        self.dept_by_stem: dict[str, str] = {}
        for dept in self.departments:
            self.dept_by_stem.setdefault(dept, dept)
            parts = departments().split(dept)
            if parts:
                self.dept_by_stem.setdefault(parts[0], dept)
        # 人事 / HR for the roster's 人力资源部: other names of a team the roster has
        for stem, others in departments().aliases.items():
            if stem not in self.dept_by_stem:
                dept = next((self.dept_by_stem[o] for o in others if o in self.dept_by_stem), None)
                if dept:
                    self.dept_by_stem[stem] = dept

    def sort(self, found: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(found), key=lambda n: self.order.get(n, 1 << 30)))

    def department_of(self, name: str) -> Optional[str]:
        person = self.by_name.get(name)
        return person.department if person else None


def _add(table: dict[str, list[str]], key: str, name: str) -> None:
    if key:
        bucket = table.setdefault(key, [])
        if name not in bucket:
            bucket.append(name)
