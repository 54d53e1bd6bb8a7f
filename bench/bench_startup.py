"""Cold-start cost of `minutes extract` against merely opening the same .docx.

A note-taker runs the tool right after the meeting; the budget is that a full
extraction of a ~20-page table-heavy document costs at most 3x a bare
`python -c "import docx; docx.Document(path)"`. Each run is a fresh process
(imports, data files and models load every time), and the two commands are
interleaved so drift in machine load hits both equally.

    .venv/bin/python bench/bench_startup.py [--runs 7] [--target 3] [--enforce]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docgen import generate_minutes  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def minutes_command() -> tuple[list[str], str]:
    """The installed console script beside this interpreter, else the same entry point via -c."""
    script = Path(sys.executable).parent / "minutes"
    if script.exists():
        return [str(script)], str(script)
    return [sys.executable, "-c", "import sys; from minutes.cli import main; sys.argv[0] = 'minutes'; main()"], \
        "python -c minutes.cli.main (console script not installed)"


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with bytecode caches, as users run it
    return env


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(argv[:3])} … exited {proc.returncode}: " + " | ".join(tail))
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (default 7)")
    parser.add_argument("--target", type=float, default=3.0, help="highest acceptable ratio (default 3)")
    parser.add_argument("--enforce", action="store_true", help="exit 1 when the ratio is above --target")
    parser.add_argument("--seed", type=int, default=20240710)
    args = parser.parse_args(argv)

    env = child_env()
    minutes_argv, minutes_label = minutes_command()
    with tempfile.TemporaryDirectory(prefix="minutes-bench-") as tmp:
        info = generate_minutes(Path(tmp) / "协作会议纪要.docx", seed=args.seed, action_rows=150)
        path = str(info.path)
        commands = {
            "minutes extract": minutes_argv + ["extract", path, "--format", "json"],
            "docx.Document": [sys.executable, "-c", "import sys, docx; docx.Document(sys.argv[1])", path],
        }
        print(f"document: {info.path.name}, {info.path.stat().st_size // 1024} KiB, {info.tables} tables, "
              f"{info.action_rows} action rows, {info.paragraphs} paragraphs")
        print(f"minutes:  {minutes_label}")
        times: dict[str, list[float]] = {name: [] for name in commands}
        try:
            for name, command in commands.items():  # warm the OS file cache; not counted
                timed(command, env)
            for _ in range(args.runs):
                for name, command in commands.items():
                    times[name].append(timed(command, env))
        except RuntimeError as exc:
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1

    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["minutes extract"] / medians["docx.Document"]
    width = max(map(len, commands))
    print(f"\n{'command':<{width}}  {'median s':>9}  {'min s':>7}  {'max s':>7}  runs")
    for name, values in times.items():
        print(f"{name:<{width}}  {medians[name]:>9.3f}  {min(values):>7.3f}  {max(values):>7.3f}  {len(values)}")
    verdict = "ok" if ratio <= args.target else "OVER TARGET"
    print(f"{'ratio':<{width}}  {ratio:>9.2f}  (target <= {args.target:g}: {verdict})")
    return 1 if args.enforce and ratio > args.target else 0


if __name__ == "__main__":
    sys.exit(main())
