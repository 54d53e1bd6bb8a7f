"""The staff roster: who exists, in which department, under which aliases.

A roster comes from a CSV (UTF-8 with or without BOM, or GBK) or the first
sheet of an XLSX with the columns name, department, title, aliases, email
(Chinese headers accepted). An empty `Roster()` is valid: every person
mention then resolves as "unknown".
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Optional

from minutes.errors import RosterError
from minutes.model import OwnerMatch

from extract.owner_rules import norm_header, roster_columns

_ALIAS_SPLIT = re.compile(r"[;；|｜、，,]")
_REQUIRED = ("name", "department")
_HEADER_HINT = {"name": "name/姓名", "department": "department/部门"}
_RESOLVED_SIZE = 8192


@dataclass(frozen=True)
class Person:
    name: str
    department: Optional[str] = None
    title: Optional[str] = None
    aliases: tuple[str, ...] = ()
    email: Optional[str] = None

    def __post_init__(self):
        # callers pass lists (from SQLite rows, YAML); keep the dataclass hashable and immutable
        if not isinstance(self.aliases, tuple):
            object.__setattr__(self, "aliases", tuple(self.aliases or ()))


class Roster:
    """People by name, plus reviewer-taught aliases (mention -> name)."""

    def __init__(self, people: Iterable[Person] = (), *, learned: Optional[Mapping[str, str]] = None):
        self._people = tuple(people)
        self._by_name: dict[str, Person] = {}
        for person in self._people:
            if person.name in self._by_name:
                raise RosterError(f"duplicate name: {person.name}")
            self._by_name[person.name] = person
        self._learned = dict(learned or {})
        self._resolved: dict[tuple, OwnerMatch] = {}  # (mention, speaker, department) -> match

    @property
    def people(self) -> tuple[Person, ...]:
        return self._people

    @property
    def departments(self) -> frozenset[str]:
        return frozenset(p.department for p in self._people if p.department)

    @property
    def learned(self) -> dict[str, str]:
        """Aliases taught by reviewers' corrections (mention -> roster name)."""
        return dict(self._learned)

    def get(self, name: str) -> Optional[Person]:
        return self._by_name.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[Person]:
        return iter(self._people)

    def __len__(self) -> int:
        return len(self._people)

    def __repr__(self) -> str:
        return f"Roster({len(self._people)} people, {len(self._learned)} learned aliases)"

    def with_aliases(self, extra: Mapping[str, str]) -> "Roster":
        """A roster that also knows `extra` (mention -> person name); later entries win.

        Mentions of people no longer on the roster are dropped, so a stale
        correction cannot point at someone who left.
        """
        learned = dict(self._learned)
        for mention, name in extra.items():
            mention, name = str(mention).strip(), str(name).strip()
            if mention and name in self._by_name:
                learned[mention] = name
        return Roster(self._people, learned=learned)

    def resolve(self, mention: Optional[str], *, speaker: Optional[str] = None,
                department: Optional[str] = None) -> OwnerMatch:
        """The roster person `mention` means (extract.resolve); remembered, since a roster never changes."""
        key = (mention, speaker, department)
        found = self._resolved.get(key)
        if found is None:
            from extract.resolve import resolve

            found = resolve(self, mention, speaker=speaker, department=department)
            if len(self._resolved) >= _RESOLVED_SIZE:
                self._resolved.clear()
            self._resolved[key] = found
        return found

    @cached_property
    def index(self):
        """Look-up tables for the resolver (extract.roster_index.RosterIndex), built on first use."""
        from extract.roster_index import RosterIndex

        return RosterIndex(self._people, self._learned)

    def user_words(self) -> frozenset[str]:
        """Names, Chinese aliases and learned mentions: words the segmenter must keep whole."""
        return self._user_words

    @cached_property
    def _user_words(self) -> frozenset[str]:
        from extract.names import is_cjk

        words = set()
        for p in self._people:
            words.add(p.name)
            words.update(a for a in p.aliases if is_cjk(a))
        words.update(m for m in self._learned if is_cjk(m))
        return frozenset(w for w in words if len(w) >= 2)


# --- loading ------------------------------------------------------------------------


def load_roster(path) -> Roster:
    """Read a roster file; any problem raises RosterError naming the file."""
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise RosterError("roster file not found", where)
    if not path.is_file():
        raise RosterError("roster path is not a file", where)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RosterError(f"cannot read roster: {exc.strerror or exc}", where) from None
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise RosterError("old .xls workbooks are not supported; save as .xlsx or CSV", where)
    if suffix in (".xlsx", ".xlsm") or raw[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(raw, where)
    else:
        rows = _csv_rows(raw, where)
    return Roster(_people(rows, where))


def _decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:4096]:
        raise RosterError("not a text roster (binary data)", where)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterError("cannot decode roster (expected UTF-8 or GBK)", where)


def _csv_rows(raw: bytes, where: str) -> list[list[str]]:
    text = _decode(raw, where)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", "\t", "，", ";"), key=first.count) if first else ","
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise RosterError(f"unreadable CSV: {exc}", where) from None


def _xlsx_rows(raw: bytes, where: str) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise RosterError(f"unreadable XLSX workbook: {exc}", where) from None
    except Exception as exc:  # openpyxl raises its own InvalidFileException and friends
        raise RosterError(f"unreadable XLSX workbook: {exc.__class__.__name__}", where) from None
    try:
        if not book.worksheets:
            raise RosterError("workbook has no sheets", where)
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _people(rows: list[list[str]], where: str) -> list[Person]:
    rows = [[(c or "").strip().replace("\u3000", " ") for c in row] for row in rows]
    start = next((i for i, row in enumerate(rows) if any(row)), None)
    if start is None:
        raise RosterError("roster is empty", where)
    columns = _columns(rows[start], where)
    people: list[Person] = []
    seen: dict[str, int] = {}
    duplicates: list[str] = []
    for number, row in enumerate(rows[start + 1:], start=start + 2):
        if not any(row):
            continue
        value = {f: (row[i].strip() if i < len(row) else "") for f, i in columns.items()}
        name = value.get("name", "")
        if not name:
            raise RosterError(f"row {number}: empty name", where)
        if name in seen:
            duplicates.append(f"{name} (rows {seen[name]} and {number})")
            continue
        seen[name] = number
        aliases = tuple(dict.fromkeys(
            a.strip() for a in _ALIAS_SPLIT.split(value.get("aliases", "")) if a.strip() and a.strip() != name))
        people.append(Person(
            name=name,
            department=value.get("department") or None,
            title=value.get("title") or None,
            aliases=aliases,
            email=value.get("email") or None,
        ))
    if duplicates:
        raise RosterError("duplicate names: " + "; ".join(duplicates), where)
    if not people:
        raise RosterError("roster has a header but no people", where)
    return people


def _columns(header: list[str], where: str) -> dict[str, int]:
    """Field -> column index, from a header row in English or Chinese."""
    known = roster_columns()
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        field = known.get(norm_header(cell))
        if field and field not in columns:
            columns[field] = i
    missing = [f for f in _REQUIRED if f not in columns]
    if missing:
        wanted = ", ".join(_HEADER_HINT[f] for f in missing)
        raise RosterError(f"missing required column(s): {wanted} (found: {', '.join(h for h in header if h) or 'none'})",
                          where)
    return columns
