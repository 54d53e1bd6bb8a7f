"""The tracker's rule data (tracker/data/*.yaml), loaded once and validated.

A malformed file raises DataFileError naming the file and the key, so a bad
edit to a rule file fails loudly instead of silently changing behaviour.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from minutes.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Policy:
    late_upload_hours: float
    assumed_meeting_hours: float
    due_soon_days: int
    escalate_days: int
    stale_days: int
    busy_timeout_ms: int
    pair_threshold: float


@dataclass(frozen=True)
class Status:
    name: str
    closed: bool
    ics: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Statuses:
    default: str
    by_name: dict  # name -> Status, in file order

    def resolve(self, text: str) -> str | None:
        """The canonical status for a name or alias, or None."""
        wanted = text.strip().casefold()
        for status in self.by_name.values():
            if wanted == status.name.casefold() or wanted in (a.casefold() for a in status.aliases):
                return status.name
        return None

    def is_closed(self, name: str) -> bool:
        status = self.by_name.get(name)
        return bool(status and status.closed)

    @property
    def open_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.by_name.values() if not s.closed)


@dataclass(frozen=True)
class EditableField:
    name: str
    columns: tuple[str, ...]
    settles: tuple[str, ...]


@dataclass(frozen=True)
class Fields:
    by_name: dict  # name -> EditableField
    teach_alias_from: frozenset

    def settled_flags(self, corrected: set[str]) -> set[str]:
        flags: set[str] = set()
        for name in corrected:
            if name in self.by_name:
                flags.update(self.by_name[name].settles)
        return flags


@dataclass(frozen=True)
class Labels:
    columns: dict
    flags: dict
    headings: dict

    def flag(self, name: str) -> str:
        return self.flags.get(name, name)


def _load(name: str):
    import yaml

    from minutes import yamlio

    path = DATA_DIR / name
    try:
        data = yamlio.load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read rule data: {exc}", path=str(path)) from None
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at the top level", path=str(path))
    return path, data


def _need(path: Path, data: dict, key: str, kind, where: str = ""):
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        label = f"{where}.{key}" if where else key
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise DataFileError(f"key '{label}' must be a {names}", path=str(path))
    return value


@functools.lru_cache(maxsize=None)
def policy() -> Policy:
    path, data = _load("policy.yaml")
    number = (int, float)
    values = {}
    for key in ("late_upload_hours", "assumed_meeting_hours", "pair_threshold"):
        values[key] = float(_need(path, data, key, number))
    for key in ("due_soon_days", "escalate_days", "stale_days", "busy_timeout_ms"):
        values[key] = _need(path, data, key, int)
        if values[key] < 0:
            raise DataFileError(f"key '{key}' must not be negative", path=str(path))
    return Policy(**values)


@functools.lru_cache(maxsize=None)
def statuses() -> Statuses:
    path, data = _load("statuses.yaml")
    table = _need(path, data, "statuses", dict)
    by_name = {}
    for name, spec in table.items():
        if not isinstance(spec, dict):
            raise DataFileError(f"key 'statuses.{name}' must be a mapping", path=str(path))
        closed = _need(path, spec, "closed", bool, f"statuses.{name}")
        ics = _need(path, spec, "ics", str, f"statuses.{name}")
        aliases = spec.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise DataFileError(f"key 'statuses.{name}.aliases' must be a list of strings", path=str(path))
        by_name[str(name)] = Status(str(name), closed, ics, tuple(aliases))
    default = _need(path, data, "default", str)
    if default not in by_name:
        raise DataFileError(f"key 'default' names unknown status {default!r}", path=str(path))
    return Statuses(default=default, by_name=by_name)


@functools.lru_cache(maxsize=None)
def fields() -> Fields:
    path, data = _load("fields.yaml")
    by_name = {}
    for name in ("owner", "due", "deliverable", "task"):
        spec = _need(path, data, name, dict)
        cols = _need(path, spec, "columns", list, name)
        settles = _need(path, spec, "settles", list, name)
        by_name[name] = EditableField(name, tuple(map(str, cols)), tuple(map(str, settles)))
    teach = _need(path, data, "teach_alias_from", list)
    return Fields(by_name=by_name, teach_alias_from=frozenset(map(str, teach)))


@functools.lru_cache(maxsize=None)
def labels() -> Labels:
    path, data = _load("labels.yaml")
    parts = {}
    for key in ("columns", "flags", "headings"):
        table = _need(path, data, key, dict)
        for sub, value in table.items():
            if not isinstance(value, str):
                raise DataFileError(f"key '{key}.{sub}' must be a string", path=str(path))
        parts[key] = {str(k): v for k, v in table.items()}
    return Labels(**parts)
