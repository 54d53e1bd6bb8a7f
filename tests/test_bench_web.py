"""bench/bench_web.py's core on a tiny database: a real server, 2 clients x 5 requests, nothing timed."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("docx")
pytest.importorskip("uvicorn")
BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
from bench_web import Server, build_db, check_loopback, count_rows, run_load  # noqa: E402
from web_load import percentile  # noqa: E402

PHASE_KEYS = {"name", "requests", "errors", "p50_ms", "p90_ms", "p99_ms", "max_ms", "mean_ms", "seconds",
              "per_second", "statuses", "server_cpu_ms_per_request", "error_samples"}


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench_web")
    return build_db(work, 2, rows=(12, 12))


def test_load_phases_answer_and_edits_are_written(tiny_db):
    result = run_load(tiny_db, clients=2, requests=5, edits=5)
    phases = result["phases"]
    assert list(phases) == ["static", "list", "edit"]
    for phase in phases.values():
        assert set(phase) == PHASE_KEYS
        assert phase["errors"] == 0, phase["error_samples"]
        assert phase["p50_ms"] <= phase["p90_ms"] <= phase["p99_ms"] <= phase["max_ms"]
    assert phases["static"]["statuses"] == {"200": 10}
    assert phases["list"]["statuses"] == {"200": 10}
    assert phases["edit"]["statuses"] == {"303": 10}
    assert result["items"] == count_rows(tiny_db, "SELECT COUNT(*) FROM items") > 0
    assert result["pages"] == 1  # fewer than 100 items
    # every edit was a real write: one correction each, and each item holds its last value
    assert result["edits_saved"] == result["corrections_added"] == 10
    assert result["items_not_holding_last_edit"] == 0 and result["edits_verified"]
    assert count_rows(tiny_db, "SELECT COUNT(*) FROM corrections WHERE field = 'deliverable' "
                               "AND new LIKE '压测交付物%'") == 10
    assert set(result["ratios"]) == {"list_p50_x_static", "list_p99_x_static", "edit_p50_x_static",
                                     "edit_p99_x_static"}


def test_server_is_stopped_after_the_block(tiny_db):
    with Server(tiny_db) as server:
        proc = server.proc
        assert proc.poll() is None
    assert proc.poll() is not None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.com", ""])
def test_refuses_anything_but_loopback(tiny_db, host):
    with pytest.raises(ValueError, match="loopback"):
        check_loopback(host)
    with pytest.raises(ValueError, match="loopback"):
        run_load(tiny_db, clients=1, requests=1, edits=0, host=host)


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 99), percentile(values, 100)) == (50.0, 99.0, 100.0)
    assert percentile([7.0], 99) == 7.0
