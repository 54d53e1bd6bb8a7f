"""Load and validate the grammar's word lists (extract/data/*.yaml), once.

A malformed file raises DataFileError naming the file and the key, so a bad edit
to the vocabulary fails loudly at the first call instead of silently matching
nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

from extract.dates.datafile import Reader, strict_loader

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATE_WORDS = DATA_DIR / "date_words.yaml"
VAGUE_TERMS = DATA_DIR / "vague_terms.yaml"
FESTIVALS = DATA_DIR / "festivals.yaml"


@dataclass(frozen=True)
class DateWords:
    weekday_prefixes: tuple[str, ...]
    weekday_names: dict[str, int]
    shifts: dict[str, int]
    anaphoric_shifts: frozenset[str]  # 同 (同月): refers back, so its bare periods are weak
    week_parts: dict[str, tuple[int, bool]]  # part -> (weekday, vague)
    week_suggest_weekday: int
    relative_days: dict[str, tuple[int, Optional[str]]]  # word -> (days, time)
    month_parts: dict[str, Optional[int]]  # part -> day, None = last day
    year_shifts: dict[str, int]
    clause_start_years: frozenset[str]  # 后年 / 前年: only where a clause starts
    year_parts: dict[str, tuple[int, int]]
    year_periods: dict[str, tuple[int, int]]
    year_periods_weak: frozenset[str]
    quarter_end_words: tuple[str, ...]
    duration_units: dict[str, tuple[str, int]]  # unit -> (days|months|hours|workdays, n)
    duration_half: dict[str, tuple[str, int]]
    within: tuple[str, ...]
    after: tuple[str, ...]
    lead: tuple[str, ...]
    anchoring_leads: frozenset[str]  # 会后 / 未来: the count alone is a deadline
    marking_leads: frozenset[str]  # 会后: ... and marks it, as 内 does
    clause_start_leads: frozenset[str]  # 过: a lead only at the start of a clause
    times_of_day: dict[str, str]
    clock_periods: dict[str, str]  # word -> am|pm|noon|night
    bare_pm_below: int  # a bare hour below this is afternoon (2点 = 14:00)
    suffix_in_mention: tuple[str, ...]
    suffix_markers: tuple[str, ...]
    prefix_markers: tuple[str, ...]
    not_prefix: tuple[str, ...]
    word_starts: dict[str, frozenset[str]]  # marker char -> chars that make it part of a word
    quantity_units: tuple[str, ...]
    day_not_before: tuple[str, ...]
    day_not_after: frozenset[str]
    past_window_days: int
    lunar_markers: tuple[str, ...]
    lunar_months: dict[str, int]
    lunar_day_prefixes: tuple[str, ...]
    month_last_words: tuple[str, ...]
    en_weekdays: dict[str, int]
    en_months: dict[str, int]
    en_numbers: dict[str, int]
    en_relative_days: dict[str, tuple[int, Optional[str]]]
    month_spans: frozenset = frozenset()  # parts naming ten days, not a day (上旬): vague, day suggested


@dataclass(frozen=True)
class VagueTerm:
    word: str
    suggested_days: Optional[int] = None
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    weak: bool = False


@dataclass(frozen=True)
class Festival:
    names: tuple[str, ...]
    solar: Optional[tuple[int, int]] = None
    lunar: Optional[tuple[int, int]] = None
    term: Optional[str] = None
    weekday_of_month: Optional[tuple[int, int, int]] = None  # (month, weekday, n)
    offset: int = 0
    public: bool = False


@dataclass(frozen=True)
class FestivalVocab:
    festivals: tuple[Festival, ...]
    by_name: dict[str, Festival]
    guarded: frozenset[str]
    guard_suffixes: tuple[str, ...]
    event_words: tuple[str, ...]
    holiday_words: tuple[str, ...]
    holiday_not_after: frozenset[str]
    first_workday: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def date_words(path: Path = DATE_WORDS) -> DateWords:
    r = Reader(path)
    raw = r.load()
    weekdays = r.get(raw, "weekdays", dict)
    shifts_raw = r.get(raw, "shifts", dict)
    shifts: dict[str, int] = {}
    for offset, words in shifts_raw.items():
        if offset in ("examples", "anaphoric"):
            continue
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise r.fail(f"shifts.{offset}", "expected an integer week/month offset")
        for word in r.words(shifts_raw, offset, "shifts"):
            shifts[word] = offset

    week_parts = {}
    for part, spec in r.get(raw, "week_parts", dict).items():
        if part == "examples":
            continue
        if not isinstance(spec, dict):
            raise r.fail(f"week_parts.{part}", "expected a mapping with weekday")
        weekday = r.get(spec, "weekday", int, f"week_parts.{part}")
        if not 0 <= weekday <= 6:
            raise r.fail(f"week_parts.{part}.weekday", "expected 0..6")
        week_parts[part] = (weekday, bool(spec.get("vague", False)))

    def day_offsets(data: dict, where: str) -> dict[str, tuple[int, Optional[str]]]:
        out = {}
        for word, spec in r.get(data, "relative_days", dict, where).items():
            name = f"{where}.relative_days.{word}".lstrip(".")
            if word == "examples":
                continue
            if isinstance(spec, int) and not isinstance(spec, bool):
                out[str(word)] = (spec, None)
            elif isinstance(spec, dict):
                out[str(word)] = (r.get(spec, "days", int, name), r.time(spec.get("time"), f"{name}.time"))
            else:
                raise r.fail(name, f"expected days or {{days, time}}, got {spec!r}")
        return out

    relative_days = day_offsets(raw, "")

    month_parts = {}
    for part, spec in r.get(raw, "month_parts", dict).items():
        if part == "examples":
            continue
        if spec == "last":
            month_parts[part] = None
        elif isinstance(spec, int) and not isinstance(spec, bool) and 1 <= spec <= 28:
            month_parts[part] = spec
        else:
            raise r.fail(f"month_parts.{part}", f"expected a day 1..28 or 'last', got {spec!r}")

    year_shifts: dict[str, int] = {}
    for offset, words in r.get(raw, "year_shifts", dict).items():
        if offset == "clause_start":
            continue
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise r.fail(f"year_shifts.{offset}", "expected an integer year offset")
        for word in r.words(raw["year_shifts"], offset, "year_shifts"):
            year_shifts[word] = offset

    def month_days(key: str) -> dict[str, tuple[int, int]]:
        return {str(word): r.month_day(value, f"{key}.{word}")
                for word, value in r.get(raw, key, dict).items() if word not in ("examples", "weak")}

    year_shifts_raw = r.get(raw, "year_shifts", dict)
    clause_start_years = (frozenset(r.words(year_shifts_raw, "clause_start", "year_shifts"))
                          if "clause_start" in year_shifts_raw else frozenset())
    if clause_start_years - set(year_shifts):
        raise r.fail("year_shifts.clause_start", f"not a year word: {sorted(clause_start_years - set(year_shifts))}")
    anaphoric = frozenset(r.words(shifts_raw, "anaphoric", "shifts")) if "anaphoric" in shifts_raw else frozenset()
    unknown = anaphoric - set(shifts)
    if unknown:
        raise r.fail("shifts.anaphoric", f"not a shift word: {sorted(unknown)}")
    year_periods = month_days("year_periods")
    year_periods_raw = r.get(raw, "year_periods", dict)
    year_weak = frozenset(r.words(year_periods_raw, "weak", "year_periods")) if "weak" in year_periods_raw else frozenset()
    if year_weak - set(year_periods):
        raise r.fail("year_periods.weak", f"not a period: {sorted(year_weak - set(year_periods))}")

    durations = r.get(raw, "durations", dict)
    units = {}
    for unit, spec in r.get(durations, "units", dict, "durations").items():
        if not isinstance(spec, dict) or len(spec) != 1:
            raise r.fail(f"durations.units.{unit}", "expected one of {days|months|hours|workdays: n}")
        (kind, count), = spec.items()
        if kind not in ("days", "months", "hours", "workdays") or not isinstance(count, int):
            raise r.fail(f"durations.units.{unit}", f"unknown unit spec {spec!r}")
        units[unit] = (kind, count)
    half = {}
    for unit, spec in r.get(durations, "half", dict, "durations").items():
        text = str(spec)
        m = re.fullmatch(r"(\d+)([dm]?)", text)
        if not m:
            raise r.fail(f"durations.half.{unit}", f"expected N, Nd or Nm, got {spec!r}")
        half[unit] = ("months" if m.group(2) == "m" else "days", int(m.group(1)))

    times = {}
    for word, value in r.get(raw, "times_of_day", dict).items():
        if word != "examples":
            times[str(word)] = r.time(value, f"times_of_day.{word}")
    clock_periods = {}
    periods_raw = r.get(raw, "clock_periods", dict)
    for period in ("am", "noon", "pm", "night"):
        for word in r.words(periods_raw, period, "clock_periods"):
            clock_periods[word] = period
    bare_pm_below = r.get(periods_raw, "bare_pm_below", int, "clock_periods")
    if not 0 <= bare_pm_below <= 12:
        raise r.fail("clock_periods.bare_pm_below", "expected an hour 0..12")

    markers = r.get(raw, "markers", dict)
    day_number = r.get(raw, "day_number", dict)
    numeric = r.get(raw, "numeric_dates", dict)
    english = r.get(raw, "english", dict)
    quarters = r.get(raw, "quarters", dict)
    lunar = r.get(raw, "lunar_dates", dict)
    lead = r.words(durations, "lead", "durations")
    leads = {}
    for key in ("anchoring_leads", "marking_leads", "clause_start_leads"):
        leads[key] = frozenset(r.words(durations, key, "durations"))
        if leads[key] - set(lead):
            raise r.fail(f"durations.{key}", f"not a lead word: {sorted(leads[key] - set(lead))}")
    suggest = r.get(r.get(raw, "week_period", dict), "suggest_weekday", int, "week_period")
    spans = frozenset(r.words(raw, "month_spans")) if "month_spans" in raw else frozenset()
    unknown = spans - set(month_parts)
    if unknown:
        raise r.fail("month_spans", f"not a month part: {sorted(unknown)}")
    return DateWords(
        month_spans=spans,
        weekday_prefixes=r.words(weekdays, "prefixes", "weekdays"),
        weekday_names=r.int_map(weekdays, "names", "weekdays", 0, 6),
        shifts=shifts,
        anaphoric_shifts=anaphoric,
        week_parts=week_parts,
        week_suggest_weekday=suggest,
        relative_days=relative_days,
        month_parts=month_parts,
        year_shifts=year_shifts,
        clause_start_years=clause_start_years,
        year_parts=month_days("year_parts"),
        year_periods=year_periods,
        year_periods_weak=year_weak,
        quarter_end_words=r.words(quarters, "end_words", "quarters"),
        duration_units=units,
        duration_half=half,
        within=r.words(durations, "within", "durations"),
        after=r.words(durations, "after", "durations"),
        lead=lead,
        anchoring_leads=leads["anchoring_leads"],
        marking_leads=leads["marking_leads"],
        clause_start_leads=leads["clause_start_leads"],
        times_of_day=times,
        clock_periods=clock_periods,
        bare_pm_below=bare_pm_below,
        suffix_in_mention=r.words(markers, "suffix_in_mention", "markers"),
        suffix_markers=r.words(markers, "suffix", "markers"),
        prefix_markers=tuple(w.lower() for w in r.words(markers, "prefix", "markers")),
        not_prefix=tuple(w.lower() for w in r.words(markers, "not_prefix", "markers")),
        word_starts={str(marker): frozenset(r.words(starts, marker, "markers.word_starts"))
                     for starts in [r.get(markers, "word_starts", dict, "markers")] for marker in starts},
        quantity_units=r.words(raw, "quantity_units"),
        day_not_before=r.words(day_number, "not_before", "day_number"),
        day_not_after=frozenset(r.words(day_number, "not_after", "day_number")),
        past_window_days=r.get(numeric, "past_window_days", int, "numeric_dates"),
        lunar_markers=r.words(lunar, "markers", "lunar_dates"),
        lunar_months=r.int_map(lunar, "months", "lunar_dates", 1, 12),
        lunar_day_prefixes=r.words(lunar, "day_prefixes", "lunar_dates"),
        month_last_words=r.words(r.get(raw, "month_weekdays", dict), "last", "month_weekdays"),
        en_weekdays=r.int_map(english, "weekdays", "english", 0, 6),
        en_months=r.int_map(english, "months", "english", 1, 12),
        en_numbers=r.int_map(english, "numbers", "english", 1, 100),
        en_relative_days={word.lower(): spec for word, spec in day_offsets(english, "english").items()},
    )


@lru_cache(maxsize=None)
def vague_terms(path: Path = VAGUE_TERMS) -> dict[str, VagueTerm]:
    r = Reader(path)
    raw = r.load()
    terms: dict[str, VagueTerm] = {}
    for index, group in enumerate(r.get(raw, "groups", list)):
        where = f"groups[{index}]"
        if not isinstance(group, dict):
            raise r.fail(where, "expected a mapping with words")
        suggested = group.get("suggested")
        days = None
        if suggested is not None:
            m = re.fullmatch(r"days:(-?\d+)", str(suggested))
            if not m:
                raise r.fail(f"{where}.suggested", f"expected days:N, got {suggested!r}")
            days = int(m.group(1))
        not_after = frozenset(r.words(group, "not_after", where)) if "not_after" in group else frozenset()
        not_before = frozenset(r.words(group, "not_before", where)) if "not_before" in group else frozenset()
        for word in r.words(group, "words", where):
            if word in terms:
                raise r.fail(f"{where}.words", f"duplicate word {word!r}")
            terms[word] = VagueTerm(word, days, not_after, not_before, bool(group.get("weak", False)))
    return terms


@lru_cache(maxsize=None)
def festival_vocab(path: Path = FESTIVALS) -> FestivalVocab:
    r = Reader(path)
    raw = r.load()
    festivals = []
    by_name: dict[str, Festival] = {}
    for index, spec in enumerate(r.get(raw, "festivals", list)):
        where = f"festivals[{index}]"
        if not isinstance(spec, dict):
            raise r.fail(where, "expected a mapping with names")
        names = r.words(spec, "names", where)
        kinds = [key for key in ("solar", "lunar", "term", "weekday_of_month") if key in spec]
        if len(kinds) != 1:
            raise r.fail(where, f"needs exactly one of solar / lunar / term / weekday_of_month, has {kinds}")
        nth = spec.get("weekday_of_month")
        if nth is not None and (not isinstance(nth, list) or len(nth) != 3
                                or not all(isinstance(v, int) and not isinstance(v, bool) for v in nth)
                                or not (1 <= nth[0] <= 12 and 0 <= nth[1] <= 6 and 1 <= nth[2] <= 5)):
            raise r.fail(f"{where}.weekday_of_month", f"expected [month 1-12, weekday 0-6, n 1-5], got {nth!r}")
        offset = spec.get("offset", 0)
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise r.fail(f"{where}.offset", "expected an integer")
        term = spec.get("term")
        if term is not None and not isinstance(term, str):
            raise r.fail(f"{where}.term", "expected a solar term name")
        festival = Festival(
            names=names,
            solar=r.month_day(spec["solar"], f"{where}.solar") if "solar" in spec else None,
            lunar=r.month_day(spec["lunar"], f"{where}.lunar") if "lunar" in spec else None,
            term=term,
            weekday_of_month=tuple(nth) if nth is not None else None,
            offset=offset,
            public=bool(spec.get("public", False)),
        )
        festivals.append(festival)
        for name in names:
            if name in by_name:
                raise r.fail(f"{where}.names", f"duplicate festival name {name!r}")
            by_name[name] = festival
    guarded = frozenset(r.words(raw, "guarded"))
    unknown = guarded - set(by_name)
    if unknown:
        raise r.fail("guarded", f"not a festival name: {sorted(unknown)}")
    holiday = r.get(raw, "holiday_words", dict)
    return FestivalVocab(
        festivals=tuple(festivals),
        by_name=by_name,
        guarded=guarded,
        guard_suffixes=r.words(raw, "guard_suffixes"),
        event_words=r.words(raw, "event_words"),
        holiday_words=r.words(holiday, "words", "holiday_words"),
        holiday_not_after=frozenset(r.words(holiday, "not_after", "holiday_words")),
        first_workday=r.words(raw, "first_workday") if "first_workday" in raw else (),
    )


def iter_examples(paths: tuple[Path, ...] = (DATE_WORDS, VAGUE_TERMS, FESTIVALS)) -> Iterator[tuple[str, list]]:
    """(where, row) for every `examples` row in the data files, for the tests."""
    import yaml

    def walk(node: Any, where: str) -> Iterator[tuple[str, list]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "examples" and isinstance(value, list):
                    for index, row in enumerate(value):
                        yield f"{where}.examples[{index}]", row
                else:
                    yield from walk(value, f"{where}.{key}" if where else str(key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}[{index}]")

    for path in paths:
        yield from walk(yaml.load(path.read_text(encoding="utf-8"), Loader=strict_loader()), path.name)


def example_fields(row: list) -> tuple[date, str, Optional[date], Optional[str], bool, Optional[date]]:
    """Unpack [ref, text, date, time, vague, suggested] with defaults."""
    padded = list(row) + [None] * (6 - len(row))
    ref, text, day, time, vague, suggested = padded[:6]
    return ref, str(text), day, time, bool(vague), suggested
