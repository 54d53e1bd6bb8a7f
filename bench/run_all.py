"""Run every bench/bench_*.py in turn, each in its own process, and summarise.

Benchmarks are written by different people at different times, so a name given
on the command line that has no file yet is reported as skipped, not an error.

    .venv/bin/python bench/run_all.py                 # every bench_*.py here
    .venv/bin/python bench/run_all.py startup tracker # just these (bench_startup.py, bench_tracker.py)
    .venv/bin/python bench/run_all.py web             # the web app under 20 concurrent clients (bench_web.py)
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def bench_path(name: str) -> Path:
    stem = Path(name).stem
    return HERE / f"{stem if stem.startswith('bench_') else 'bench_' + stem}.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: every bench_*.py)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per benchmark")
    args = parser.parse_args(argv)

    paths = [bench_path(n) for n in args.names] if args.names else sorted(HERE.glob("bench_*.py"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), str(HERE), env.get("PYTHONPATH")]))
    results: list[tuple[str, str, float]] = []
    for path in paths:
        if not path.is_file():
            print(f"== {path.name}: skipped (missing)")
            results.append((path.name, "skipped", 0.0))
            continue
        print(f"== {path.name}", flush=True)
        started = time.perf_counter()
        try:
            code = subprocess.run([sys.executable, str(path)], cwd=REPO, env=env, timeout=args.timeout).returncode
            status = "ok" if code == 0 else f"failed (exit {code})"
        except subprocess.TimeoutExpired:
            status = f"timed out after {args.timeout:g}s"
        results.append((path.name, status, time.perf_counter() - started))
        print(flush=True)

    if not results:
        print("no bench_*.py files found")
        return 0
    width = max(len(name) for name, _, _ in results)
    print(f"{'benchmark':<{width}}  {'seconds':>8}  status")
    for name, status, seconds in results:
        print(f"{name:<{width}}  {seconds:>8.1f}  {status}")
    return 1 if any(s not in ("ok", "skipped") for _, s, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
