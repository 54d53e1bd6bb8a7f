"""Web app under load: latency of the item list and of an edit at 20 concurrent clients.

    .venv/bin/python bench/bench_web.py [--clients 20] [--requests 50] [--edits 25] [--meetings 30] [--json]

A tracker database is built from generated table-heavy .docx minutes
(bench/docgen.py) through the real ingest (tracker.ingest.ingest_files), with
the sample roster. The real `minutes serve` then runs as a subprocess on a
free loopback port (anything but loopback is refused) and is always stopped.

Every client (bench/web_load.py) is a thread with its own keep-alive connection and its own
session cookie and CSRF token, taken from an untimed first page, as a browser
gets them. Three bounded phases, each a fixed number of requests per client:

  static  GET /static/app.css        the baseline: uvicorn + Starlette + Guard, no database
  list    GET /items?page=N           100 items a page, pages spread over the whole list
  edit    POST /items/{id}/edit       the item form as the browser sends it, with a new
                                      交付成果 each time, on items spread over the id range

Latency is per request (time.perf_counter around send + full read). Edits
must answer 303, and afterwards the `corrections` table must have grown by
exactly the number of edits and every item must hold its last written value;
items whose owner or due date is flagged are left out of the edit phase,
because saving that form also confirms the flagged field (a second write).
Exit status 1 on any error response or failed check.
"""
from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))
from web_load import Client, run_phase  # noqa: E402

TODAY = "2024-11-25"


# ---------------------------------------------------------------- the database

def build_db(work: Path, meetings: int, *, rows: tuple[int, int] = (60, 140), seed: int = 20241125) -> Path:
    """A tracker DB of `meetings` generated minutes, `rows` action rows each, ingested for real."""
    from docgen import generate_minutes
    from tracker.ingest import ingest_files
    from tracker.people import import_roster
    from tracker.store import open_store

    src = work / "minutes"
    src.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths, dates, next_seed = [], set(), seed
    while len(paths) < meetings:
        next_seed += 1
        path = src / f"m{len(paths):03d}.docx"
        info = generate_minutes(path, seed=next_seed, topics=rng.randint(3, 8), action_rows=rng.randint(*rows))
        if info.meeting_date in dates:  # same title + date would be read as a new version of that meeting
            continue
        dates.add(info.meeting_date)
        paths.append(path)
        if next_seed - seed > meetings * 20:
            raise SystemExit(f"cannot generate {meetings} meetings on distinct days")
    db = work / "bench.db"
    roster = REPO / "corpora" / "roster.csv"
    with open_store(db, create=True) as store:
        if roster.exists():
            import_roster(store, roster)
        ingest_files(store, paths)
    return db


def edit_targets(db: Path, count: int, seed: int = 7) -> list[dict]:
    """Up to `count` editable items spread over the id range, with the values their form carries."""
    import sqlite3

    from tracker.rules import fields

    settles = {name: set(rule.settles) for name, rule in fields().by_name.items()}
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, task, owner_name, owner_mention, due_date, due_time, deliverable, flags "
                            "FROM items WHERE review IN ('pending', 'accepted') ORDER BY id").fetchall()
    items = []
    for id_, task, name, mention, due_date, due_time, deliverable, flags in rows:
        flagged = {f for f, s in settles.items() if s & set(json.loads(flags or "[]"))}
        if {"owner", "due"} & flagged:
            continue
        items.append({"id": id_, "task": task, "owner": name or mention or "", "due_date": due_date or "",
                      "due_time": due_time or "", "deliverable": deliverable or ""})
    random.Random(seed).shuffle(items)
    return sorted(items[:count], key=lambda i: i["id"])


def count_rows(db: Path, sql: str, params=()) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchone()[0]


# ---------------------------------------------------------------- the server

def check_loopback(host: str) -> None:
    from minutes.web.config import is_loopback

    if not is_loopback(host):
        raise ValueError(f"refusing to load-test {host!r}: this benchmark only targets loopback")


def free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class Server:
    """`minutes serve` in a subprocess for the duration of a `with` block."""

    def __init__(self, db: Path, host: str = "127.0.0.1", log: Path | None = None):
        check_loopback(host)
        self.db, self.host = db, host
        self.port = free_port(host)
        self.log = log or db.with_suffix(".serve.log")
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        argv = [sys.executable, "-c", "from minutes.cli import main; main()", "serve", "--db", str(self.db),
                "--host", self.host, "--port", str(self.port), "--today", TODAY]
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"minutes serve exited {self.proc.returncode}: {self.log_tail()}")
            try:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=2)
                conn.request("GET", "/static/app.css")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"minutes serve did not answer within {timeout:g}s: {self.log_tail()}")

    def cpu_seconds(self) -> float | None:
        """User + system CPU the server has used (Linux /proc), to tell CPU-bound from waiting."""
        try:
            parts = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError, AttributeError):
            return None

    def log_tail(self, lines: int = 8) -> str:
        try:
            return " | ".join(self.log.read_text("utf-8", "replace").strip().splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __exit__(self, *exc) -> None:
        self.stop()


# ---------------------------------------------------------------- the benchmark

def run_load(db: Path, *, clients: int = 20, requests: int = 50, edits: int = 25, host: str = "127.0.0.1") -> dict:
    """Start the server on `db`, run the static, list and edit phases, check the edits, stop the server."""
    from minutes.web.pages.items import PAGE_SIZE

    check_loopback(host)
    if clients < 1 or requests < 1 or edits < 0:
        raise ValueError("clients and requests must be positive, edits not negative")
    visible = count_rows(db, "SELECT COUNT(*) FROM items WHERE review IN ('pending', 'accepted')")
    pages = max(1, math.ceil(visible / PAGE_SIZE))
    targets = edit_targets(db, clients * edits)
    if edits and len(targets) < clients:
        raise ValueError(f"only {len(targets)} editable items for {clients} clients")
    mine = [targets[i::clients] for i in range(clients)]  # disjoint: each client knows its items' values
    written: dict[int, str] = {}

    def list_page(index: int, n: int):
        return "GET", f"/items?page={(index * requests + n) % pages + 1}", None

    def edit(index: int, n: int):
        item = mine[index][n % len(mine[index])]
        value = f"压测交付物 c{index}-{n}"
        written[item["id"]] = value
        form = {"csrf": browsers[index].csrf, "next": f"/items?page={(item['id'] // PAGE_SIZE) + 1}",
                "task": item["task"], "owner": item["owner"], "due_date": item["due_date"],
                "due_time": item["due_time"], "deliverable": value, "reason": ""}
        return "POST", f"/items/{item['id']}/edit", form

    with Server(db, host) as server:
        browsers = [Client(host, server.port) for _ in range(clients)]
        for client in browsers:
            client.start_session()
        phases = [run_phase("static", browsers, requests, lambda i, n: ("GET", "/static/app.css", None),
                            {200}, server.cpu_seconds),
                  run_phase("list", browsers, requests, list_page, {200}, server.cpu_seconds)]
        before = count_rows(db, "SELECT COUNT(*) FROM corrections")
        if edits:
            phases.append(run_phase("edit", browsers, edits, edit, {303}, server.cpu_seconds))
        for client in browsers:
            client.conn.close()
        log = server.log_tail() if any(p.errors for p in phases) else ""
    added = count_rows(db, "SELECT COUNT(*) FROM corrections") - before
    edit_phase = next((p for p in phases if p.name == "edit"), None)
    saved = edit_phase.statuses.get("303", 0) if edit_phase else 0
    stale = sum(1 for id_, value in written.items()
                if count_rows(db, "SELECT COUNT(*) FROM items WHERE id = ? AND deliverable = ?", [id_, value]) != 1)
    base = phases[0]
    ratios = {f"{p.name}_{q}_x_static": round(getattr(p, f"{q}_ms") / getattr(base, f"{q}_ms"), 1)
              for p in phases[1:] for q in ("p50", "p99") if getattr(base, f"{q}_ms")}
    return {
        "cpu_count": os.cpu_count(), "clients": clients, "items": visible, "pages": pages,
        "edit_items": len(targets), "phases": {p.name: asdict(p) for p in phases}, "ratios": ratios,
        "edits_saved": saved, "corrections_added": added, "items_not_holding_last_edit": stale,
        "edits_verified": added == saved and stale == 0 and (not edit_phase or saved == edit_phase.requests),
        "server_log_tail": log,
    }


def print_report(result: dict) -> None:
    phases = result["phases"]
    print(f"\n{'phase':<7} {'reqs':>5} {'errors':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'mean ms':>8} {'req/s':>7} {'srv CPU ms/req':>14}")
    for p in phases.values():
        cpu = "-" if p["server_cpu_ms_per_request"] is None else f"{p['server_cpu_ms_per_request']:.1f}"
        print(f"{p['name']:<7} {p['requests']:>5} {p['errors']:>6} {p['p50_ms']:>8.1f} {p['p90_ms']:>8.1f} "
              f"{p['p99_ms']:>8.1f} {p['max_ms']:>8.1f} {p['mean_ms']:>8.1f} {p['per_second']:>7.1f} {cpu:>14}")
    base = phases["static"]
    for name, label in (("list", "item list"), ("edit", "edit")):
        if name in phases:
            p = phases[name]
            print(f"{label} p50 {p['p50_ms']:.1f} ms = {p['p50_ms'] / base['p50_ms']:.1f}x static-file p50 "
                  f"({base['p50_ms']:.1f} ms); p99 {p['p99_ms']:.1f} ms = {p['p99_ms'] / base['p99_ms']:.1f}x "
                  f"static-file p99 ({base['p99_ms']:.1f} ms)")
    if "edit" in phases:
        verdict = "ok" if result["edits_verified"] else "FAILED"
        print(f"edits: {result['edits_saved']} saved (303), corrections +{result['corrections_added']}, "
              f"{result['items_not_holding_last_edit']} items not holding their last value [{verdict}]")
    for p in phases.values():
        for sample in p["error_samples"]:
            print(f"{p['name']} error: {sample}")
    if result["server_log_tail"]:
        print(f"server log: {result['server_log_tail']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--requests", type=int, default=50, help="static and list requests per client (default 50)")
    parser.add_argument("--edits", type=int, default=25, help="edits per client (default 25)")
    parser.add_argument("--meetings", type=int, default=30, help="generated minutes to ingest (default 30)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to serve on (default 127.0.0.1)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (database, server log)")
    args = parser.parse_args(argv)
    try:
        check_loopback(args.host)
    except ValueError as exc:
        parser.error(str(exc))

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench_web_"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        db = build_db(work, args.meetings)
        built = time.perf_counter() - started
        result = run_load(db, clients=args.clients, requests=args.requests, edits=args.edits, host=args.host)
        result.update(meetings=args.meetings, build_seconds=round(built, 1))
    except (RuntimeError, ValueError) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"database: {args.meetings} generated minutes, {result['items']} items ({result['pages']} list pages),"
              f" built in {result['build_seconds']:.1f} s; {result['edit_items']} items edited")
        print(f"load: {args.clients} clients, keep-alive, own session each; {os.cpu_count()} CPUs shared by server"
              f" and clients; server: minutes serve (uvicorn, 1 process) on {args.host}")
        print_report(result)
    failed = any(p["errors"] for p in result["phases"].values()) or not result["edits_verified"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
