"""Bounded concurrent HTTP load: browser-like clients, one phase at a time, latency percentiles.

Each client is a thread with its own keep-alive connection and session cookie,
so the server sees what 20 open browser tabs would send. A phase is a fixed
number of requests per client released together by a barrier: bounded, never
"as many as fit in N seconds", so two runs do the same work.
"""
from __future__ import annotations

import http.client
import math
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Callable, Optional
from urllib.parse import urlencode

COOKIE = "minutes_session"
CSRF = re.compile(r'data-csrf="([^"]+)"')


class Client:
    """One browser: a keep-alive connection, a session cookie and its CSRF token."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=60)
        self.cookie = ""
        self.csrf = ""

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, float, bytes]:
        headers = {"Cookie": f"{COOKIE}={self.cookie}"} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            host = f"[{self.host}]" if ":" in self.host else self.host
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Origin": f"http://{host}:{self.port}"})
        started = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or ():
            jar = SimpleCookie(header)
            if COOKIE in jar and jar[COOKIE].value:
                self.cookie = jar[COOKIE].value
        return response.status, elapsed, data

    def start_session(self) -> None:
        """The untimed first visit that hands out the cookie and the CSRF token."""
        status, _, data = self.request("GET", "/items")
        found = CSRF.search(data.decode("utf-8", "replace"))
        if status != 200 or not found or not self.cookie:
            raise RuntimeError(f"first page gave no session (status {status})")
        self.csrf = found.group(1)

    def reconnect(self) -> None:
        """A fresh connection, so an idle keep-alive the server closed between phases costs nothing."""
        self.conn.close()
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.request("GET", "/static/app.css")


@dataclass
class Phase:
    name: str
    requests: int
    errors: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    seconds: float
    per_second: float
    statuses: dict = field(default_factory=dict)
    server_cpu_ms_per_request: float | None = None
    error_samples: list = field(default_factory=list)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least pct% of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def run_phase(name: str, clients: list[Client], per_client: int, make, ok: set[int],
              cpu: Optional[Callable[[], Optional[float]]] = None) -> Phase:
    """Every client sends `per_client` requests (`make(client_index, n) -> (method, path, form)`) at once."""
    for client in clients:
        client.reconnect()
    gate = threading.Barrier(len(clients) + 1)
    results: list[list] = [[] for _ in clients]

    def work(index: int) -> None:
        gate.wait()
        for n in range(per_client):
            method, path, form = make(index, n)
            try:
                status, seconds, _ = clients[index].request(method, path, form)
            except (OSError, http.client.HTTPException) as exc:
                clients[index].conn.close()
                results[index].append((None, 0.0, f"{type(exc).__name__}: {exc}"))
                continue
            results[index].append((status, seconds, None))

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    cpu_before = cpu() if cpu else None
    gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cpu_after = cpu() if cpu else None

    flat = [r for rs in results for r in rs]
    latencies = [seconds * 1000 for status, seconds, _ in flat if status is not None]
    statuses: dict[str, int] = {}
    for status, _, _ in flat:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    bad = [r for r in flat if r[0] not in ok]
    samples = sorted({r[2] or f"HTTP {r[0]}" for r in bad})[:5]
    cpu = None if cpu_before is None or cpu_after is None else (cpu_after - cpu_before) * 1000 / max(1, len(flat))
    stat = (lambda pct: round(percentile(latencies, pct), 2)) if latencies else (lambda pct: float("nan"))
    return Phase(name=name, requests=len(flat), errors=len(bad), p50_ms=stat(50), p90_ms=stat(90),
                 p99_ms=stat(99), max_ms=round(max(latencies), 2) if latencies else float("nan"),
                 mean_ms=round(sum(latencies) / len(latencies), 2) if latencies else float("nan"),
                 seconds=round(wall, 3), per_second=round(len(flat) / wall, 1) if wall else float("inf"),
                 statuses=statuses, server_cpu_ms_per_request=None if cpu is None else round(cpu, 2),
                 error_samples=samples)
