"""Two ingest processes at once both land; an ingest killed midway leaves the previous state."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from test_tracker_factory import AT, action, doc, new_store, standard_items
from tracker.ingest import ingest_extraction
from tracker.store import open_store

ROOT = Path(__file__).resolve().parents[1]

# Ingests every doc of a JSON file in one transaction. After the first doc it
# reports "midway" and, when asked, holds the transaction open for a while.
WORKER = textwrap.dedent("""
    import json, sys, time
    sys.path.insert(0, {root!r})
    from tracker.store import open_store
    from tracker.ingest import ingest_extraction

    db, docs_path, hold = sys.argv[1], sys.argv[2], float(sys.argv[3])
    docs = json.load(open(docs_path, encoding="utf-8"))
    with open_store(db, create=True) as store:
        with store.write():
            for n, body in enumerate(docs):
                ingest_extraction(store, body)
                if n == 0:
                    print("midway", flush=True)
                    time.sleep(hold)
    print("done", flush=True)
""")


def _docs(tmp_path: Path, prefix: str, count: int) -> Path:
    bodies = [doc(title=f"{prefix}周会{n}", date=f"2024-07-{n % 28 + 1:02d}",
                  items=[action(1, f"{prefix}任务{n}", "张伟", "2024-08-01", "报告")]) for n in range(count)]
    path = tmp_path / f"{prefix}.json"
    path.write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
    return path


def _worker(tmp_path: Path, db: Path, docs: Path, hold: float) -> subprocess.Popen:
    script = tmp_path / "worker.py"
    script.write_text(WORKER.format(root=str(ROOT)), encoding="utf-8")
    return subprocess.Popen([sys.executable, str(script), str(db), str(docs), str(hold)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(tmp_path))


def test_two_concurrent_ingests_both_land(tmp_path):
    db = tmp_path / "m.db"
    new_store(db).close()
    first = _worker(tmp_path, db, _docs(tmp_path, "甲", 20), hold=1.5)
    assert first.stdout.readline().strip() == "midway"  # the first holds the write lock now
    second = _worker(tmp_path, db, _docs(tmp_path, "乙", 20), hold=0)
    out1, err1 = first.communicate(timeout=60)
    out2, err2 = second.communicate(timeout=60)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    with open_store(db) as store:
        titles = [r[0] for r in store.db.execute("SELECT title FROM meetings")]
        assert len(titles) == 40
        assert sum(t.startswith("甲") for t in titles) == 20 and sum(t.startswith("乙") for t in titles) == 20
        assert store.db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 40


def test_ingest_killed_midway_leaves_the_previous_state(tmp_path):
    db = tmp_path / "m.db"
    store = new_store(db)
    ingest_extraction(store, doc(items=standard_items()), uploaded_at=AT)
    before = store.db.execute("SELECT * FROM items ORDER BY id").fetchall()
    store.close()

    worker = _worker(tmp_path, db, _docs(tmp_path, "丙", 10), hold=60)
    assert worker.stdout.readline().strip() == "midway"  # one meeting written inside the transaction
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)

    with open_store(db) as store:
        assert store.db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 1
        assert store.db.execute("SELECT * FROM items ORDER BY id").fetchall() == before
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ingest_extraction(store, doc(title="之后的会", items=standard_items()[:1]), uploaded_at=AT)
        assert store.db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 2
