"""Rule data for people and teams: titles, surnames, departments, owner markers.

Everything here is loaded from extract/data on first use, checked, and cached,
so a bad edit to a data file fails with the file and key named instead of
quietly matching nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Optional

from minutes.errors import DataFileError

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_READING = re.compile(r"^[a-z]+(?:-[a-z]+)?$")  # "zeng", "yu-chi" for two characters


def _path(name: str):
    return resources.files("extract") / "data" / name


def _read(name: str) -> str:
    path = _path(name)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read: {exc}", str(path)) from None


def _yaml(name: str) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, ~10x faster, same result
    try:
        data = yaml.load(_read(name), Loader=loader)
    except yaml.YAMLError as exc:
        raise DataFileError(f"invalid YAML: {exc}", str(_path(name))) from None
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at top level", str(_path(name)))
    return data


def _lines(name: str) -> list[str]:
    out = []
    for line in _read(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    if not out:
        raise DataFileError("no entries", str(_path(name)))
    return out


def _words(data: dict, key: str, name: str, *, required: bool = True, where: str = "") -> tuple[str, ...]:
    """A list of non-empty strings under `key`, longest first (so scans prefer the most specific)."""
    value = data.get(key)
    label = f"{where}.{key}" if where else key
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not value:
        raise DataFileError(f"'{label}' must be a non-empty list", str(_path(name)))
    words = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (str, int)) or str(item).strip() == "":
            raise DataFileError(f"'{label}' holds a bad entry {item!r}", str(_path(name)))
        words.append(str(item).strip())
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


# --- titles ------------------------------------------------------------------


@dataclass(frozen=True)
class TitleRule:
    """One title word and the roster titles it fits."""

    word: str
    fits: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    any: bool = False

    def fits_title(self, title: Optional[str]) -> bool:
        if self.any:
            return True
        low = (title or "").lower()
        if not low:
            return False
        if any(x.lower() in low for x in self.excludes):
            return False
        return any(f.lower() in low for f in self.fits)


@dataclass(frozen=True)
class Titles:
    rules: tuple[TitleRule, ...]  # longest word first
    name_suffixes: tuple[str, ...]
    latin_titles: dict  # lower-case English title -> title word of `rules`
    familiar_prefixes: tuple[str, ...]

    def rule(self, word: str) -> Optional[TitleRule]:
        return next((r for r in self.rules if r.word == word), None)

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(r.word for r in self.rules)


@lru_cache(maxsize=1)
def titles() -> Titles:
    name = "titles.yaml"
    data = _yaml(name)
    table = data.get("titles")
    if not isinstance(table, dict) or not table:
        raise DataFileError("'titles' must be a non-empty mapping", str(_path(name)))
    rules = []
    for word, spec in table.items():
        key = f"titles.{word}"
        if not isinstance(spec, dict):
            raise DataFileError(f"'{key}' must be a mapping with fits/except/any", str(_path(name)))
        unknown = set(spec) - {"fits", "except", "any"}
        if unknown:
            raise DataFileError(f"'{key}' has unknown keys {sorted(unknown)}", str(_path(name)))
        any_ = spec.get("any", False)
        if not isinstance(any_, bool):
            raise DataFileError(f"'{key}.any' must be true or false", str(_path(name)))
        fits = _words(spec, "fits", name, required=not any_, where=key)
        excludes = _words(spec, "except", name, required=False, where=key)
        rules.append(TitleRule(str(word), fits, excludes, any_))
    rules.sort(key=lambda r: len(r.word), reverse=True)
    latin = data.get("latin_titles")
    if not isinstance(latin, dict) or not latin:
        raise DataFileError("'latin_titles' must be a non-empty mapping", str(_path(name)))
    for key, word in latin.items():
        if word not in table:
            raise DataFileError(f"'latin_titles.{key}' names {word!r}, which is not under 'titles'", str(_path(name)))
    return Titles(
        rules=tuple(rules),
        name_suffixes=_words(data, "name_suffixes", name),
        latin_titles={str(k).lower(): str(v) for k, v in latin.items()},
        familiar_prefixes=_words(data, "familiar_prefixes", name),
    )


# --- surnames ----------------------------------------------------------------


@dataclass(frozen=True)
class Surnames:
    readings: dict  # surname -> pinyin reading or None (use the usual reading)

    def __contains__(self, text: str) -> bool:
        return text in self.readings

    def prefix(self, text: str) -> Optional[str]:
        """The surname `text` starts with (compound surnames first), or None."""
        if text[:2] in self.readings and len(text[:2]) == 2:
            return text[:2]
        if text[:1] in self.readings:
            return text[:1]
        return None

    def reading(self, surname: str) -> Optional[str]:
        return self.readings.get(surname)


@lru_cache(maxsize=1)
def surnames() -> Surnames:
    name = "surnames.txt"
    readings: dict[str, Optional[str]] = {}
    for line in _lines(name):
        parts = line.split()
        if len(parts) > 2 or not _CJK.match(parts[0]) or len(parts[0]) > 2:
            raise DataFileError(f"bad surname line {line!r} (want: 1-2 Chinese characters [reading])", str(_path(name)))
        if len(parts) == 2 and (not _READING.match(parts[1]) or len(parts[1].split("-")) != len(parts[0])):
            raise DataFileError(f"bad reading in line {line!r} (want tone-less pinyin, one syllable per character, '-' between)",
                                str(_path(name)))
        readings[parts[0]] = parts[1] if len(parts) == 2 else None
    return Surnames(readings)


# --- word lists ----------------------------------------------------------------


@lru_cache(maxsize=1)
def collectives() -> frozenset[str]:
    """Group mentions, case-folded."""
    return frozenset(w.casefold() for w in _lines("collectives.txt"))


@lru_cache(maxsize=1)
def collective_form() -> re.Pattern:
    """A pattern for built group mentions (各模块负责人) from collective_forms.yaml."""
    name = "collective_forms.yaml"
    data = _yaml(name)
    middle = data.get("max_middle")
    if isinstance(middle, bool) or not isinstance(middle, int) or not 0 <= middle <= 10:
        raise DataFileError("'max_middle' must be a whole number 0-10", str(_path(name)))
    prefixes = "|".join(re.escape(w) for w in _words(data, "prefixes", name))
    heads = "|".join(re.escape(w) for w in _words(data, "heads", name))
    stops = "".join(re.escape(c) for c in "".join(_words(data, "middle_stops", name, required=False)))
    char = f"(?![{stops}])[\u4e00-\u9fffA-Za-z0-9]" if stops else "[\u4e00-\u9fffA-Za-z0-9]"
    return re.compile(f"(?:{prefixes})(?:{char}){{0,{middle}}}(?:{heads})", re.IGNORECASE)


@lru_cache(maxsize=1)
def english_collective_form() -> re.Pattern:
    """"All account managers", "every team lead": English group mentions (collective_forms.yaml)."""
    name = "collective_forms.yaml"
    data = _yaml(name)
    middle = data.get("english_max_middle")
    if isinstance(middle, bool) or not isinstance(middle, int) or not 0 <= middle <= 5:
        raise DataFileError("'english_max_middle' must be a whole number 0-5", str(_path(name)))
    prefixes = "|".join(r"\s+".join(map(re.escape, w.split())) for w in _words(data, "english_prefixes", name))
    heads = "|".join(re.escape(w) for w in _words(data, "english_heads", name))
    return re.compile(rf"(?<![A-Za-z])(?:{prefixes})(?:\s+[A-Za-z][\w&/-]*){{0,{middle}}}\s+(?:{heads})s?(?![A-Za-z])",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def non_names() -> frozenset[str]:
    """Ordinary words that look like names (case-folded)."""
    return frozenset(w.casefold() for w in _lines("non_names.txt"))


# --- departments -------------------------------------------------------------


@dataclass(frozen=True)
class Departments:
    suffixes: tuple[str, ...]  # longest first
    side_words: tuple[str, ...]
    stems: frozenset[str]
    english: dict  # lower-case English name -> stem
    english_suffixes: tuple[str, ...]
    aliases: dict  # stem -> other stems a roster may use for the same team, in order
    standalone: frozenset = frozenset()  # offices named without a stem: 办公室, 教务处
    levels: tuple[str, ...] = ()  # 省 / 市 / 县 …: a public body's administrative level
    level_suffixes: tuple[str, ...] = ()  # 局 / 委 / 办 …: how a public body's name ends

    def split(self, text: str) -> Optional[tuple[str, str]]:
        """("研发", "组") for "研发组"; None when `text` has no department suffix."""
        low = text.lower()
        for suffix in self.suffixes:
            if low.endswith(suffix.lower()) and len(text) > len(suffix):
                return text[: -len(suffix)], text[-len(suffix):]
        return None


@lru_cache(maxsize=1)
def departments() -> Departments:
    name = "departments.yaml"
    data = _yaml(name)
    english = data.get("english")
    if not isinstance(english, dict) or not english:
        raise DataFileError("'english' must be a non-empty mapping", str(_path(name)))
    for key, stem in english.items():
        if not isinstance(stem, str) or not stem.strip():
            raise DataFileError(f"'english.{key}' must name a department stem", str(_path(name)))
    aliases = data.get("aliases")
    if not isinstance(aliases, dict) or not aliases:
        raise DataFileError("'aliases' must be a non-empty mapping", str(_path(name)))
    for key, value in aliases.items():
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise DataFileError(f"'aliases.{key}' must be a non-empty list of department stems", str(_path(name)))
    return Departments(
        suffixes=_words(data, "suffixes", name),
        side_words=_words(data, "side_words", name),
        stems=frozenset(_words(data, "stems", name)),
        english={str(k).lower(): v.strip() for k, v in english.items()},
        english_suffixes=_words(data, "english_suffixes", name),
        aliases={str(k): tuple(v.strip() for v in vs) for k, vs in aliases.items()},
        standalone=frozenset(_words(data, "standalone", name)) if "standalone" in data else frozenset(),
        levels=_words(data, "administrative_levels", name, required=False),
        level_suffixes=_words(data, "administrative_suffixes", name, required=False),
    )


# --- owner markers -------------------------------------------------------------

_PATTERN_KEYS = (
    "lead_before", "lead_after", "lead_adjacent", "requester_after", "assist_after", "assisted_before", "with_before",
    "object_before", "joiners", "work_verbs", "self_words", "self_not_before", "placeholders",
    "cell_lead_notes", "cell_assist_notes", "help_after", "specific_lead_after", "approver_after", "status_after",
    "status_lead_in", "handover_before", "team_self_words", "team_self_before_department", "we_words",
    "greetings",
)


@dataclass(frozen=True)
class Patterns:
    lead_before: tuple[str, ...]
    lead_after: tuple[str, ...]
    lead_adjacent: tuple[str, ...]
    requester_after: tuple[str, ...]
    assist_after: tuple[str, ...]
    assisted_before: tuple[str, ...]
    with_before: tuple[str, ...]
    object_before: tuple[str, ...]
    joiners: tuple[str, ...]
    work_verbs: tuple[str, ...]
    self_words: tuple[str, ...]
    self_not_before: tuple[str, ...]
    placeholders: tuple[str, ...]
    cell_lead_notes: tuple[str, ...]
    cell_assist_notes: tuple[str, ...]
    help_after: tuple[str, ...]
    specific_lead_after: tuple[str, ...]
    approver_after: tuple[str, ...]
    status_after: tuple[str, ...]
    status_lead_in: tuple[str, ...]
    handover_before: tuple[str, ...]
    team_self_words: tuple[str, ...]
    team_self_before_department: tuple[str, ...]
    we_words: tuple[str, ...]
    greetings: tuple[str, ...]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    name = "owner_patterns.yaml"
    data = _yaml(name)
    values = {}
    for key in _PATTERN_KEYS:
        raw = data.get(key)
        if key == "joiners" and isinstance(raw, list):
            # a lone space is a real joiner ("王芳 林晓"); keep it unstripped
            if not raw or not all(isinstance(w, str) and w != "" for w in raw):
                raise DataFileError(f"'{key}' must be a non-empty list of strings", str(_path(name)))
            values[key] = tuple(sorted(dict.fromkeys(raw), key=len, reverse=True))
            continue
        values[key] = _words(data, key, name)
    stray = sorted(set(values["handover_before"]) - set(values["lead_before"]))
    if stray:
        raise DataFileError(f"'handover_before' words must also be under 'lead_before': {stray}", str(_path(name)))
    return Patterns(**values)


# --- people outside the company ------------------------------------------------------


@dataclass(frozen=True)
class Parties:
    parties: tuple[str, ...]  # longest first
    links: tuple[str, ...]
    roles: tuple[str, ...]


@lru_cache(maxsize=1)
def external_parties() -> Parties:
    """Parties outside the company and the role words that stand for one of their people."""
    name = "external_parties.yaml"
    data = _yaml(name)
    return Parties(_words(data, "parties", name), _words(data, "links", name), _words(data, "roles", name))


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Tone-less pinyin syllables: what a correctly spelt Latin name is made of."""
    name = "pinyin_syllables.txt"
    found = set()
    for line in _lines(name):
        if not re.fullmatch(r"[a-z]{1,6}", line):
            raise DataFileError(f"bad syllable {line!r} (want 1-6 lower-case letters)", str(_path(name)))
        found.add(line)
    return frozenset(found)


# --- roster columns, near sounds -------------------------------------------------

ROSTER_FIELDS = ("name", "department", "title", "aliases", "email")


@lru_cache(maxsize=1)
def roster_columns() -> dict[str, str]:
    """Normalised header text -> roster field."""
    name = "roster_columns.yaml"
    data = _yaml(name)
    index: dict[str, str] = {}
    for field in ROSTER_FIELDS:
        for header in _words(data, field, name):
            index.setdefault(norm_header(header), field)
    return index


def norm_header(text: str) -> str:
    return re.sub(r"[\s*_:：\ufeff]+", "", str(text)).lower()


@lru_cache(maxsize=1)
def near_sounds() -> tuple[frozenset, frozenset]:
    """Confusable initial pairs and final pairs, each pair a frozenset of two parts."""
    name = "near_sounds.yaml"
    data = _yaml(name)
    out = []
    for key in ("initials", "finals"):
        pairs = data.get(key)
        if not isinstance(pairs, list) or not pairs:
            raise DataFileError(f"'{key}' must be a non-empty list of pairs", str(_path(name)))
        found = set()
        for pair in pairs:
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and p.isalpha() and p.islower()
                                                                     for p in pair)):
                raise DataFileError(f"'{key}' entry {pair!r} must be two lower-case pinyin parts", str(_path(name)))
            found.add(frozenset(pair))
        out.append(frozenset(found))
    return out[0], out[1]
