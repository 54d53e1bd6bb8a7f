"""Typed, validated access to one YAML rule file: every failure is a
DataFileError naming the file and the key, so a bad edit fails at the first call."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from minutes.errors import DataFileError

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@lru_cache(maxsize=None)
def strict_loader():
    """A SafeLoader that refuses duplicate keys: YAML would keep the last one and
    silently drop a section (a second `examples:` hides the first)."""
    import yaml

    from minutes.yamlio import safe_loader

    class StrictLoader(safe_loader()):
        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return StrictLoader


class Reader:
    """Typed access to one YAML file; every failure names the file and key."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, key: str, problem: str) -> DataFileError:
        return DataFileError(f"key '{key}': {problem}", path=str(self.path))

    def load(self) -> dict:
        import yaml

        try:
            raw = yaml.load(self.path.read_text(encoding="utf-8"), Loader=strict_loader())
        except FileNotFoundError:
            raise DataFileError("data file is missing", path=str(self.path)) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark else ""
            problem = f": {exc.problem}" if getattr(exc, "problem", None) else ""
            raise DataFileError(f"not valid YAML{where}{problem}", path=str(self.path)) from None
        if not isinstance(raw, dict):
            raise self.fail("<top>", "expected a mapping")
        return raw

    def get(self, data: dict, key: str, kind: type, where: str = "") -> Any:
        name = f"{where}.{key}" if where else key
        if key not in data:
            raise self.fail(name, "missing")
        value = data[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self.fail(name, f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    def words(self, data: dict, key: str, where: str = "") -> tuple[str, ...]:
        values = self.get(data, key, list, where)
        name = f"{where}.{key}" if where else key
        out = []
        for value in values:
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                raise self.fail(name, f"expected non-empty words, got {value!r}")
            out.append(value)
        return tuple(out)

    def int_map(self, data: dict, key: str, where: str = "", low: int = -10**6, high: int = 10**6) -> dict[str, int]:
        mapping = self.get(data, key, dict, where)
        name = f"{where}.{key}" if where else key
        out = {}
        for word, value in mapping.items():
            if word == "examples":
                continue
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise self.fail(f"{name}.{word}", f"expected an integer in {low}..{high}, got {value!r}")
            out[str(word)] = value
        return out

    def time(self, value: Any, name: str) -> str:
        if not isinstance(value, str) or not _TIME.match(value):
            raise self.fail(name, f"expected a time HH:MM, got {value!r}")
        return value

    def month_day(self, value: Any, name: str) -> tuple[int, int]:
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
                or not 1 <= value[0] <= 12 or not 1 <= value[1] <= 31):
            raise self.fail(name, f"expected [month, day], got {value!r}")
        return value[0], value[1]
