"""Load on the web API over loopback: logging a set and reading the history, at 8 and 32
concurrent clients, against a real ``backbridge serve`` on SQLite in a temporary home.

Bounded: a fixed number of requests per phase and a time cap; the server listens on
127.0.0.1 only and is stopped at the end. Every set the server acknowledged (201) is then
looked for in the database. Prints requests/s and p50/p95/p99 latency per phase.

Sets are logged as ``backbridge log set`` would, each dated on one of the last 60 days (so they
spread over sessions as a real history does), with a pain score and a note.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from backbridge.catalog import load_catalog
from backbridge.clock import utc_now
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user

REQUESTS_PER_PHASE = 2000
TIME_CAP_S = 60.0
CLIENTS = (8, 32)
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKBRIDGE_")}
    env["BACKBRIDGE_HOME"] = str(home)
    process = subprocess.Popen(
        [sys.executable, "-m", "backbridge", "serve", "--host", HOST, "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/screening/status", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def set_body(n: int) -> dict[str, Any]:
    at = datetime.now(UTC) - timedelta(days=n % 60, minutes=n % 50)
    return {"exercise": "banded-clamshell", "reps": 10, "side": ("left", "right")[n % 2],
            "band": "yellow", "effort": {"rpe": 7}, "pain": n % 4, "note": f"bench {n}",
            "at": at.isoformat()}  # fmt: skip


def phase(port: int, clients: int, kind: str, acknowledged: list[str]) -> dict[str, float]:
    latencies: list[float] = []
    errors = [0]
    counter = iter(range(REQUESTS_PER_PHASE))
    lock = threading.Lock()
    since = (datetime.now().astimezone() - timedelta(days=7)).date().isoformat()
    stop_at = time.monotonic() + TIME_CAP_S

    def worker() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < stop_at:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            began = time.perf_counter()
            if kind == "log set":
                connection.request("POST", "/api/v1/sets", json.dumps(set_body(n)),
                                   {"Content-Type": "application/json"})  # fmt: skip
            else:
                connection.request("GET", f"/api/v1/history?since={since}")
            response = connection.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if response.status == 201 and kind == "log set":
                    acknowledged.append(json.loads(body)["id"])
                elif response.status >= 300:
                    errors[0] += 1
        connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "errors": errors[0], "rps": len(latencies) / wall,
            "p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000}  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        port = free_port()
        server = start(home, port)
        acknowledged: list[str] = []
        try:
            questions = load_catalog().screening.questions
            request = urllib.request.Request(
                f"http://{HOST}:{port}/api/v1/screening", method="POST",
                data=json.dumps({"answers": {q.id: False for q in questions}}).encode(),
                headers={"Content-Type": "application/json"},
            )  # fmt: skip
            urllib.request.urlopen(request, timeout=10)
            print(f"backbridge API on SQLite, loopback, {os.cpu_count()} CPU(s); "
                  f"{REQUESTS_PER_PHASE} requests per phase")  # fmt: skip
            print(f"{'phase':<12}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
                  f"{'p99 ms':>9}{'errors':>8}")  # fmt: skip
            for clients in CLIENTS:
                for kind in ("log set", "history"):
                    r = phase(port, clients, kind, acknowledged)
                    print(f"{kind:<12}{clients:>8}{r['rps']:>9.0f}{r['p50']:>9.1f}"
                          f"{r['p95']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8.0f}")  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=10)
        db = open_database(Settings(home=home))
        journal = Journal(db, ensure_user(db, LOCAL_USER, utc_now()))
        stored = {str(s.id) for session in journal.sessions() for s in session.sets}
        db.dispose()
        missing = [set_id for set_id in acknowledged if set_id not in stored]
        print(f"acknowledged sets: {len(acknowledged)}, in the database: "
              f"{len(acknowledged) - len(missing)}, missing: {len(missing)}")  # fmt: skip
        if missing:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
