"""Schema migrations, recorded in the `_migrations` table.

Each migration runs once, in order, inside the caller's write transaction, so a
database is never left half-migrated. The schema version is the highest applied
migration. Append new migrations; never edit a released one.
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable

MIGRATIONS_TABLE = "_migrations"

_INITIAL = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL,
    title TEXT,
    date TEXT,
    date_source TEXT,
    start_time TEXT,
    end_time TEXT,
    location TEXT,
    organizer TEXT,
    departments TEXT NOT NULL DEFAULT '[]',
    recorder TEXT,
    attendees TEXT NOT NULL DEFAULT '[]',
    source_path TEXT,
    source_format TEXT,
    source_encoding TEXT,
    flags TEXT NOT NULL DEFAULT '[]',
    uploaded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE ingests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    path TEXT,
    at TEXT NOT NULL,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE topics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    discussion TEXT NOT NULL DEFAULT '[]',
    consensus TEXT NOT NULL DEFAULT '[]',
    disagreements TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    department TEXT,
    title TEXT,
    email TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE aliases (
    alias TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    ext_id TEXT,
    origin TEXT NOT NULL DEFAULT 'extracted',
    topic TEXT,
    task TEXT NOT NULL,
    owner_mention TEXT,
    owner_name TEXT,
    owner_department TEXT,
    owner_match TEXT,
    owner_candidates TEXT NOT NULL DEFAULT '[]',
    collaborators TEXT NOT NULL DEFAULT '[]',
    deadline_mention TEXT,
    due_date TEXT,
    due_time TEXT,
    deadline_vague INTEGER NOT NULL DEFAULT 0,
    deadline_suggested TEXT,
    deliverable TEXT,
    source_line INTEGER,
    source_text TEXT,
    flags TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT '待开始',
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    review TEXT NOT NULL DEFAULT 'pending',
    merged_into INTEGER REFERENCES items(id),
    split_from INTEGER REFERENCES items(id),
    suggestions TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_progress_at TEXT NOT NULL
);
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT,
    reason TEXT,
    author TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE status_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    progress INTEGER NOT NULL,
    note TEXT,
    author TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX idx_meetings_sha256 ON meetings(sha256);
CREATE INDEX idx_meetings_title_date ON meetings(title, date);
CREATE INDEX idx_ingests_sha256 ON ingests(sha256);
CREATE INDEX idx_items_meeting ON items(meeting_id);
CREATE INDEX idx_corrections_item ON corrections(item_id);
CREATE INDEX idx_status_updates_item ON status_updates(item_id);
"""

# The to-do and reminder queries filter open items by owner and due date.
_TODO_INDEXES = """
CREATE INDEX idx_items_owner_due ON items(owner_name, due_date);
CREATE INDEX idx_items_status_due ON items(status, due_date);
CREATE INDEX idx_aliases_person ON aliases(person_id);
"""

# Accounts and browser sessions for `minutes serve`. Passwords are scrypt hashes;
# a session row keeps only the sha256 of its cookie token, so a copied database
# file does not let anyone log in as someone else.
_WEB = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    display_name TEXT,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX idx_web_sessions_expiry ON web_sessions(expires_at);
"""


def _script(sql: str) -> Callable:
    def run(db) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)

    return run


def _initial(db) -> None:
    import uuid

    _script(_INITIAL)(db)
    # Stable per-database identity: calendar UIDs derive from it, so a re-export
    # updates the owner's calendar entries instead of duplicating them.
    db.execute("INSERT INTO meta (key, value) VALUES ('instance_id', ?)", [uuid.uuid4().hex])


# (version, name, function(db)). Versions are consecutive from 1.
MIGRATIONS: list[tuple[int, str, Callable]] = [
    (1, "initial", _initial),
    (2, "todo_indexes", _script(_TODO_INDEXES)),
    (3, "web_accounts", _script(_WEB)),
]

LATEST = MIGRATIONS[-1][0]


def current_version(db) -> int:
    """0 for a database without our migrations table."""
    if MIGRATIONS_TABLE not in db.table_names():
        return 0
    row = db.execute(f"SELECT MAX(version) FROM {MIGRATIONS_TABLE}").fetchone()
    return row[0] or 0


def applied(db) -> list[dict]:
    if MIGRATIONS_TABLE not in db.table_names():
        return []
    return list(db.query(f"SELECT version, name, applied_at FROM {MIGRATIONS_TABLE} ORDER BY version"))


def apply(db, target: int = LATEST) -> list[str]:
    """Apply pending migrations up to `target`; the caller holds the transaction."""
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = current_version(db)
    names = []
    for version, name, run in MIGRATIONS:
        if done < version <= target:
            run(db)
            db.execute(
                f"INSERT INTO {MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)",
                [version, name, datetime.now().isoformat(timespec="seconds")],
            )
            names.append(name)
    return names
