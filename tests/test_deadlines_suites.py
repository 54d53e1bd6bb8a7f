"""extract.deadlines.resolve against other parsers' public Chinese test suites.

tests/data/date_suites.tsv holds the deadline-like cases of Microsoft Recognizers-Text's
Chinese DateTime specs and JioNLP's time-parser tests, re-expected per SPEC (see its header).
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from extract.deadlines import resolve

SUITES = Path(__file__).parent / "data" / "date_suites.tsv"
COLUMNS = ["source", "ref", "text", "expected_date", "expected_vague", "note"]


def load_rows(path: Path = SUITES) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    assert reader.fieldnames == COLUMNS, reader.fieldnames
    return list(reader)


ROWS = load_rows()


def _param(row: dict):
    marks = []
    if row["note"].startswith("xfail:"):
        marks.append(pytest.mark.xfail(reason=row["note"][6:].strip(), strict=True))
    return pytest.param(row, id=f"{row['ref']}-{row['text']}", marks=marks)


def test_table_is_well_formed():
    assert 100 <= len(ROWS) <= 400
    for row in ROWS:
        assert row["source"].split("/")[0] in ("Recognizers-Text", "JioNLP"), row
        date.fromisoformat(row["ref"])
        assert row["expected_vague"] in ("true", "false"), row
        assert (row["expected_vague"] == "true") == (row["expected_date"] == ""), row
    keys = [(row["ref"], row["text"]) for row in ROWS]
    assert len(keys) == len(set(keys)), "duplicate (ref, text) rows"
    xfails = [row for row in ROWS if row["note"].startswith("xfail:")]
    assert len(xfails) <= len(ROWS) // 20, "keep the known failures few"


@pytest.mark.parametrize("row", [_param(row) for row in ROWS])
def test_suite_case(row):
    ref = date.fromisoformat(row["ref"])
    got = resolve(row["text"], ref)
    if row["expected_vague"] == "true":
        assert (got.date, got.vague) == (None, True), got
        return
    day, _, clock = row["expected_date"].partition(" ")
    assert (got.date, got.vague) == (date.fromisoformat(day), False), got
    if clock:
        assert got.time == clock, got
