"""tracker.store and tracker.migrations against real SQLite files."""
from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from minutes.errors import TrackerError
from tracker import migrations
from tracker.store import Store, open_store


def test_new_database_gets_schema_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "minutes.db"
    with open_store(path, create=True) as store:
        assert store.schema_version == migrations.LATEST
        assert [m["name"] for m in migrations.applied(store.db)] == [name for _, name, _ in migrations.MIGRATIONS]
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert {"meetings", "topics", "items", "people", "aliases", "corrections", "status_updates"} <= set(
            store.db.table_names())
        assert len(store.instance_id) == 32
    assert path.exists()


def test_instance_id_is_stable_across_opens(tmp_path):
    path = tmp_path / "m.db"
    with open_store(path, create=True) as store:
        first = store.instance_id
    with open_store(path) as store:
        assert store.instance_id == first


def test_missing_database_is_not_created_for_reads(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(TrackerError, match="no tracker database"):
        Store.open(path)
    assert not path.exists()


def test_directory_is_refused(tmp_path):
    with pytest.raises(TrackerError, match="directory"):
        Store.open(tmp_path, create=True)


def test_non_sqlite_file_is_a_one_line_tracker_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库，只是一段文字。\n" * 50, encoding="utf-8")
    with pytest.raises(TrackerError) as info:
        Store.open(path)
    assert "not a usable SQLite database" in str(info.value)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_corrupt_sqlite_file_is_a_tracker_error(tmp_path):
    path = tmp_path / "m.db"
    with open_store(path, create=True):
        pass
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page after the header
    path.write_bytes(bytes(data))
    (tmp_path / "m.db-wal").unlink(missing_ok=True)
    with pytest.raises(TrackerError):
        with open_store(path) as store:
            store.db.execute("SELECT COUNT(*) FROM items").fetchone()


def test_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    sqlite_utils.Database(path)["dogs"].insert({"name": "Cleo"})
    with pytest.raises(TrackerError, match="not a minutes tracker database"):
        Store.open(path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "m.db"
    with open_store(path, create=True) as store:
        store.db.execute("INSERT INTO _migrations VALUES (99, 'future', '2030-01-01T00:00:00')")
    with pytest.raises(TrackerError, match="newer than this tool supports"):
        Store.open(path)


def test_older_schema_is_backed_up_then_migrated(tmp_path):
    path = tmp_path / "m.db"
    db = sqlite_utils.Database(path)
    with db.atomic():
        migrations.apply(db, target=1)
    db.execute("INSERT INTO people (name, department, updated_at) VALUES ('张伟', '研发部', '2024-07-01T09:00:00')")
    db.close()

    with open_store(path) as store:
        assert store.schema_version == migrations.LATEST
        assert store.db.execute("SELECT name FROM people").fetchall() == [("张伟",)]
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "idx_items_owner_due" in indexes

    backup = tmp_path / "m.db.v1.bak"
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("SELECT MAX(version) FROM _migrations").fetchone()[0] == 1
    assert old.execute("SELECT name FROM people").fetchall() == [("张伟",)]
    old.close()


def test_write_rolls_back_everything_on_error(tmp_path):
    with open_store(tmp_path / "m.db", create=True) as store:
        with pytest.raises(RuntimeError):
            with store.write():
                store.db.execute("INSERT INTO people (name, updated_at) VALUES ('甲', 'x')")
                with store.write():  # nested: a savepoint inside the same transaction
                    store.db.execute("INSERT INTO people (name, updated_at) VALUES ('乙', 'x')")
                raise RuntimeError("killed midway")
        assert store.db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0


def test_sqlite_errors_inside_open_store_become_tracker_errors(tmp_path):
    with pytest.raises(TrackerError, match="database error"):
        with open_store(tmp_path / "m.db", create=True) as store:
            store.db.execute("SELECT * FROM no_such_table")


def test_write_lock_is_held_for_the_whole_outer_transaction(tmp_path):
    import threading

    from tracker.store import open_store

    class Recording:
        def __init__(self):
            self.lock, self.events = threading.Lock(), []

        def __enter__(self):
            self.lock.acquire()
            self.events.append("acquire")

        def __exit__(self, *exc):
            self.events.append("release")
            self.lock.release()

    with open_store(tmp_path / "m.db", create=True) as store:
        store.write_lock = Recording()
        with store.write():
            store.db.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
            with store.write():  # a savepoint: the lock is not taken twice
                store.db.execute("INSERT INTO meta (key, value) VALUES ('b', '2')")
            assert store.write_lock.events == ["acquire"]
        assert store.write_lock.events == ["acquire", "release"]
        try:
            with store.write():
                store.db.execute("INSERT INTO meta (key, value) VALUES ('c', '3')")
                raise RuntimeError("boom")
        except RuntimeError:
            pass
        assert store.write_lock.events[-1] == "release" and not store.write_lock.lock.locked()
        assert store.db.execute("SELECT COUNT(*) FROM meta WHERE key = 'c'").fetchone()[0] == 0
