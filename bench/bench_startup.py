"""Cold-start cost of `minutes extract` against merely opening the same .docx.

A note-taker runs the tool right after the meeting; the budget is that a full
extraction of a ~20-page table-heavy document costs at most 3x a bare
`python -c "import docx; docx.Document(path)"`. Each run is a fresh process
(imports, data files and models load every time), and the two commands are
interleaved so drift in machine load hits both equally.

A per-stage split follows (medians over fresh processes that run the same
command with timers around each stage, bench/startup_stages.py), so a
regression names its stage: interpreter start and exit, CLI import, argument
parsing and output, pipeline imports, read, structure, owner finding, the rest
of extraction, JSON building.

jieba's data is read through cache files that the first run on a machine
writes (extract/jieba_data.py); the untimed warm-up run does that here.

    .venv/bin/python bench/bench_startup.py [--runs 7] [--target 3] [--enforce] [--no-stages]
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
STAGES = ("interpreter start + exit", "import minutes.cli", "CLI parsing + output", "pipeline imports", "read",
          "structure", "extract: owners", "extract: rest", "JSON building")


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


def stage_split(path: str, env: dict[str, str], runs: int) -> dict[str, float]:
    """Median seconds per stage over `runs` fresh processes."""
    import json

    samples: dict[str, list[float]] = {name: [] for name in STAGES}
    argv = [sys.executable, str(Path(__file__).resolve().parent / "startup_stages.py"), path]
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, env=env, cwd=REPO)
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RuntimeError("stage split exited %d: %s" % (proc.returncode, " | ".join(tail)))
        stages = json.loads(proc.stdout.decode("utf-8").strip().splitlines()[-1])
        stages["interpreter start + exit"] = wall - stages.pop("in process")  # and the timers' own imports
        for name in STAGES:
            samples[name].append(stages.get(name, 0.0))
    return {name: statistics.median(values) for name, values in samples.items()}


def print_stages(medians: dict[str, float], baseline: float) -> None:
    width = max(map(len, STAGES))
    total = sum(medians.values())
    print(f"\n{'stage (fresh process, median)':<{width}}  {'s':>7}  {'share':>6}  {'x docx':>6}")
    for name in STAGES:
        value = medians[name]
        print(f"{name:<{width}}  {value:>7.3f}  {value / total:>6.0%}  {value / baseline:>6.2f}")
    print(f"{'sum':<{width}}  {total:>7.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (default 7)")
    parser.add_argument("--target", type=float, default=3.0, help="highest acceptable ratio (default 3)")
    parser.add_argument("--enforce", action="store_true", help="exit 1 when the ratio is above --target")
    parser.add_argument("--seed", type=int, default=20240710)
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage split")
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
            split = None if args.no_stages else stage_split(path, env, args.runs)
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
    if split is not None:
        print_stages(split, medians["docx.Document"])
    return 1 if args.enforce and ratio > args.target else 0


if __name__ == "__main__":
    sys.exit(main())
