"""The people table is the roster of record; aliases include those reviewers taught it.

Roster files are read by `extract.roster.load_roster` and upserted here; ingest
hands the stored people (plus learned aliases) back to the extractor as its roster.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from minutes.errors import BadInput
from tracker.records import PersonRow
from tracker.store import Store, now


@dataclass(frozen=True)
class RosterImport:
    path: str
    added: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


def _people_of(roster) -> list:
    return list(roster.people) if hasattr(roster, "people") else list(roster)


def import_roster(store: Store, path: Path | str) -> RosterImport:
    """Load a roster file (CSV / XLSX) and upsert its people in one transaction."""
    from extract.roster import load_roster

    people = _people_of(load_roster(Path(path)))
    with store.write():
        return upsert_people(store, people, source=str(path))


def upsert_people(store: Store, people: Iterable, source: str = "") -> RosterImport:
    """Insert or update people by name; their roster aliases are replaced, learned ones kept."""
    db = store.db
    stamp = now().isoformat()
    added = updated = unchanged = 0
    with store.write():
        for person in people:
            name = person.name.strip()
            fields = {
                "department": getattr(person, "department", None) or None,
                "title": getattr(person, "title", None) or None,
                "email": getattr(person, "email", None) or None,
            }
            aliases = sorted({a.strip() for a in (getattr(person, "aliases", None) or ()) if a and a.strip() != name})
            row = db.execute("SELECT id, department, title, email FROM people WHERE name = ?", [name]).fetchone()
            if row is None:
                person_id = db.execute(
                    "INSERT INTO people (name, department, title, email, updated_at) VALUES (?, ?, ?, ?, ?)",
                    [name, fields["department"], fields["title"], fields["email"], stamp],
                ).lastrowid
                added += 1
                changed = True
            else:
                person_id = row[0]
                changed = tuple(row[1:]) != (fields["department"], fields["title"], fields["email"])
                if changed:
                    db.execute(
                        "UPDATE people SET department = ?, title = ?, email = ?, updated_at = ? WHERE id = ?",
                        [fields["department"], fields["title"], fields["email"], stamp, person_id],
                    )
            old = {r[0] for r in db.execute(
                "SELECT alias FROM aliases WHERE person_id = ? AND source = 'roster'", [person_id])}
            if old != set(aliases):
                changed = True
                db.execute("DELETE FROM aliases WHERE person_id = ? AND source = 'roster'", [person_id])
                for alias in aliases:
                    db.execute(
                        "INSERT OR REPLACE INTO aliases (alias, person_id, source, created_at) VALUES (?, ?, 'roster', ?)",
                        [alias, person_id, stamp],
                    )
            if row is not None:
                if changed:
                    updated += 1
                else:
                    unchanged += 1
    return RosterImport(source, added, updated, unchanged)


def list_people(store: Store, department: Optional[str] = None) -> list[PersonRow]:
    db = store.db
    aliases: dict[int, dict[str, list[str]]] = {}
    for alias, person_id, source in db.execute("SELECT alias, person_id, source FROM aliases ORDER BY alias"):
        aliases.setdefault(person_id, {"roster": [], "correction": []}).setdefault(source, []).append(alias)
    sql = "SELECT id, name, department, title, email FROM people"
    params: list = []
    if department:
        sql += " WHERE department = ?"
        params.append(department)
    rows = []
    for person_id, name, dept, title, email in db.execute(sql + " ORDER BY department, name", params):
        mine = aliases.get(person_id, {})
        rows.append(PersonRow(name, dept, title, email, tuple(mine.get("roster", [])), tuple(mine.get("correction", []))))
    return rows


def roster_for_extraction(store: Store, extra: Iterable = ()):
    """The stored people (with `extra` people taking precedence) as an
    `extract.roster.Roster`, or None when there is nobody."""
    extra = list(extra)
    stored = list_people(store)
    if not stored and not extra:
        return None
    from extract.roster import Person, Roster

    fresh = {p.name.strip() for p in extra}
    members = [
        Person(name=p.name, department=p.department, title=p.title, aliases=p.aliases, email=p.email)
        for p in stored if p.name not in fresh
    ]
    roster = Roster([*members, *extra])
    learned = {alias: p.name for p in stored for alias in p.learned}
    return roster.with_aliases(learned) if learned else roster


def person_by_name_or_alias(store: Store, text: str) -> Optional[tuple[str, Optional[str]]]:
    """(name, department) of the person a name or alias means, or None."""
    text = text.strip()
    row = store.db.execute("SELECT name, department FROM people WHERE name = ?", [text]).fetchone()
    if row is None:
        row = store.db.execute(
            "SELECT p.name, p.department FROM aliases a JOIN people p ON p.id = a.person_id WHERE a.alias = ?",
            [text],
        ).fetchone()
    return (row[0], row[1]) if row else None


def resolve_owner(store: Store, text: str) -> tuple[str, Optional[str]]:
    """The roster person a reviewer names; any name is accepted while the roster is empty."""
    found = person_by_name_or_alias(store, text)
    if found:
        return found
    names = [r[0] for r in store.db.execute("SELECT name FROM people")]
    if not names:
        return text.strip(), None
    from rapidfuzz import process

    close = [m[0] for m in process.extract(text, names, limit=3, score_cutoff=50)]
    hint = f" (did you mean {', '.join(close)}?)" if close else " (import them with `minutes roster import` first)"
    raise BadInput(f"'{text}' is not in the roster{hint}")


def learn_alias(store: Store, mention: Optional[str], name: str) -> bool:
    """Remember `mention` as an alias of `name` so the next ingest resolves it."""
    if not mention or not mention.strip():
        return False
    mention = mention.strip()
    db = store.db
    if mention == name or db.execute("SELECT 1 FROM people WHERE name = ?", [mention]).fetchone():
        return False  # an exact roster name always means that person
    row = db.execute("SELECT id FROM people WHERE name = ?", [name]).fetchone()
    if row is None:
        return False
    db.execute(
        "INSERT OR REPLACE INTO aliases (alias, person_id, source, created_at) VALUES (?, ?, 'correction', ?)",
        [mention, row[0], now().isoformat()],
    )
    return True
