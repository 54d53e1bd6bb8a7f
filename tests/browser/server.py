"""Running the real `minutes serve` in a subprocess for the browser tests.

The server is started exactly as a user would start it (the console script's
`main`), on a free loopback port, against a database the test built; the tests
then talk to it only through Chromium and read the database to check outcomes.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT_S = 20.0
# The console script is `minutes = "minutes.cli:main"`; minutes.cli has no __main__.
ENTRY = "import sys; sys.argv[0] = 'minutes'; from minutes.cli import main; main()"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_cli(*args: str, stdin: str = "", cwd: Path) -> subprocess.CompletedProcess:
    """One `minutes ...` command, as a separate process (e.g. `users add`)."""
    done = subprocess.run([sys.executable, "-c", ENTRY, *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=_env(), timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"minutes {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done


def _env() -> dict:
    env = dict(os.environ)
    env.pop("MINUTES_DB", None)  # every command gets --db explicitly
    env["PYTHONUNBUFFERED"] = "1"
    return env


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen
    log: Path

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_server(db: Path, *, today: str, workdir: Path) -> Server:
    """`minutes serve --db DB --port P --today DAY`, waited for until it answers HTTP."""
    port = free_port()
    log = workdir / f"serve-{port}.log"
    handle = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", ENTRY, "serve", "--db", str(db), "--port", str(port), "--today", today],
        cwd=workdir, env=_env(), stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    handle.close()
    server = Server(f"http://127.0.0.1:{port}", db, process, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"minutes serve exited with {process.returncode}:\n{server.log_tail()}")
        if _answers(server.url + "/static/favicon.svg"):
            return server
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"minutes serve did not answer on {server.url} within {START_TIMEOUT_S:.0f} s:\n"
                       f"{server.log_tail()}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP status means the server is up
    except (urllib.error.URLError, OSError):
        return False
