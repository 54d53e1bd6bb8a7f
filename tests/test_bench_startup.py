"""bench/bench_startup.py's per-stage split: every stage is measured, and they add up."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("docx")
BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
from bench_startup import STAGES, child_env  # noqa: E402
from docgen import generate_minutes  # noqa: E402


def test_stage_child_times_every_stage(tmp_path):
    info = generate_minutes(tmp_path / "small.docx", seed=3, topics=2, action_rows=12)
    out = subprocess.run([sys.executable, str(BENCH / "startup_stages.py"), str(info.path)],
                         capture_output=True, text=True, env=child_env(), check=True)
    stages = json.loads(out.stdout.strip().splitlines()[-1])
    assert set(stages) == (set(STAGES) - {"interpreter start + exit"}) | {"in process"}
    for name in ("import minutes.cli", "read", "structure", "extract: owners", "extract: rest"):
        assert stages[name] > 0, name  # a renamed entry point would read 0 here
    assert all(v >= 0 for v in stages.values())
    parts = sum(v for k, v in stages.items() if k != "in process")
    assert parts == pytest.approx(stages["in process"], rel=0.05)
