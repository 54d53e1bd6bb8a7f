"""Opening the tracker database: pragmas, schema migrations, transactions, errors.

Every command opens the store with `open_store`, which maps SQLite failures
(not a database, corrupt pages, a writer that never lets go) to one-line
TrackerErrors. Writes go through `Store.write()`, one `BEGIN IMMEDIATE`
transaction per command: the write lock is taken up front, so a second writer
waits (busy_timeout) instead of failing half-way, and a process killed inside
the block leaves the previous state intact.
"""
from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Iterator

from minutes.errors import TrackerError
from tracker import migrations
from tracker.rules import policy


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Store:
    """An open tracker database (a sqlite-utils Database plus its path)."""

    def __init__(self, db, path: Path):
        self.db = db
        self.path = path
        self._instance_id: str | None = None
        self.backup_path: Path | None = None  # set when opening migrated an older schema
        # Writers in one process (the web server's threads) queue on this lock
        # instead of on SQLite's busy handler, whose growing sleeps let late
        # arrivals overtake early ones (a long latency tail under load).
        self.write_lock = None

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False) -> "Store":
        import sqlite_utils

        path = Path(path)
        if path.is_dir():
            raise TrackerError("is a directory, not a tracker database", path=str(path))
        if not path.exists():
            if not create:
                raise TrackerError(
                    "no tracker database here (run `minutes ingest` or `minutes roster import` first)",
                    path=str(path),
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise TrackerError(f"cannot create database folder: {exc.strerror}", path=str(path)) from None
        try:
            db = sqlite_utils.Database(path)
        except sqlite3.Error as exc:
            raise TrackerError(f"cannot open database: {exc}", path=str(path)) from None
        store = cls(db, path)
        try:
            store._prepare()
        except sqlite3.Error as exc:
            store.close()
            raise _tracker_error(exc, path) from None
        except BaseException:
            store.close()
            raise
        return store

    def _prepare(self) -> None:
        # busy_timeout first: even switching to WAL must wait for another writer.
        self.db.execute(f"PRAGMA busy_timeout = {policy().busy_timeout_ms}")
        self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails on non-SQLite files
        self.db.execute("PRAGMA foreign_keys = ON")
        if self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            self.db.enable_wal()
        self._migrate()

    def _migrate(self) -> None:
        version = migrations.current_version(self.db)
        if version > migrations.LATEST:
            raise TrackerError(
                f"database schema version {version} is newer than this tool supports "
                f"({migrations.LATEST}); upgrade minutes",
                path=str(self.path),
            )
        if version == migrations.LATEST:
            return
        if version == 0 and self.db.table_names():
            raise TrackerError("not a minutes tracker database (it holds other tables)", path=str(self.path))
        if version > 0:
            self.backup_path = self.backup(version)
        with self.write():
            migrations.apply(self.db)  # re-reads the version under the write lock

    def backup(self, version: int) -> Path:
        """Copy the database beside itself before migrating it."""
        target = self.path.with_name(f"{self.path.name}.v{version}.bak")
        if target.exists():
            target = self.path.with_name(f"{self.path.name}.v{version}.{now():%Y%m%d%H%M%S}.bak")
        dest = sqlite3.connect(str(target))
        try:
            self.db.conn.backup(dest)
        finally:
            dest.close()
        return target

    @contextlib.contextmanager
    def write(self) -> Iterator:
        """One write transaction; nested calls become savepoints."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        if self.write_lock is not None:
            with self.write_lock:
                yield from self._transaction()
            return
        yield from self._transaction()

    def _transaction(self) -> Iterator:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            raise
        else:
            self.db.conn.execute("COMMIT")

    @property
    def instance_id(self) -> str:
        if self._instance_id is None:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()
            self._instance_id = row[0] if row else "unknown"
        return self._instance_id

    @property
    def notice(self) -> str | None:
        """A line for the user when opening changed the file (an older schema was migrated)."""
        if self.backup_path is None:
            return None
        return f"upgraded {self.path} to schema v{migrations.LATEST}; the old file is kept at {self.backup_path}"

    @property
    def schema_version(self) -> int:
        return migrations.current_version(self.db)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()


def _tracker_error(exc: sqlite3.Error, path: Path) -> TrackerError:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return TrackerError(f"not a usable SQLite database ({text})", path=str(path))
    if "locked" in text or "busy" in text:
        return TrackerError("database is busy: another process kept it locked too long; try again", path=str(path))
    if "readonly" in text or "unable to open" in text:
        return TrackerError(f"cannot write the database ({text})", path=str(path))
    return TrackerError(f"database error: {text}", path=str(path))


@contextlib.contextmanager
def open_store(path: Path | str, *, create: bool = False) -> Iterator[Store]:
    """Open, yield and close a Store; SQLite failures become TrackerError."""
    store = Store.open(path, create=create)
    try:
        yield store
    except sqlite3.Error as exc:
        raise _tracker_error(exc, Path(path)) from None
    finally:
        store.close()
