"""Load on the web API over loopback: reading the history at a fixed data size, and logging a
set at 8 and 32 concurrent clients, against a real ``backbridge serve`` it starts itself (or,
with ``--url``, against any server, through a plug-in request builder).

What keeps it honest:

- **Every failed request is counted and printed** by kind (timeout, reset, refused, any status
  outside 2xx), warm-up and the kill phase included; a failure never ends a client.
- **Fixed durations** (``--seconds`` per phase) after a **warm-up** (``--warmup``) of the same
  requests, so rates are comparable between runs and servers.
- **Machine load and server CPU**: every phase prints the 1-minute load average before and
  after it, and the CPU the server's process tree spent per request, from ``/proc`` (and the
  CPU of this load generator, which shares the machine).
- **Acknowledged means stored**: every set the server acknowledged (2xx with an id) is looked up
  by SQL in the database (not through the application) after the run, and again after the
  server was killed with SIGKILL in the middle of logging.
- **History at a fixed data size**: the read phases run on a history seeded before the server
  starts (``--history-weeks``, three sessions a week of 15 sets) and before any set is logged.
- **Only its own databases**: SQLite in its own temporary folder, or with ``--postgres
  ADMIN_URL`` a database ``backbridge_bench_<random>`` it creates and drops; the catalogue
  cache in that folder too (``BACKBRIDGE_CACHE_DIR``), never the user's; nothing else.

``--url http://host:port --builder FILE.py:NAME`` runs the same phases against another server
(``NAME(None)`` builds the requests; see ``backbridge_requests.py`` for what a builder has),
with ``--server-pid`` to measure that server's CPU. Nothing is seeded, killed or dropped then.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from urllib.parse import urlsplit

from backbridge_requests import Builder, seed_history
from load_client import (
    HEADER,
    Answer,
    Client,
    PhaseResult,
    Request,
    failure_lines,
    load_average,
    row,
    run_phase,
)
from owned_database import owned_database

HOST = "127.0.0.1"


def main() -> None:
    options = arguments()
    own = options.url is None
    with tempfile.TemporaryDirectory(prefix="backbridge-bench-") as tmp:
        home = Path(tmp)
        databases = owned_database(home, options.postgres) if own else nullcontext(None)
        with databases as database_url:
            builder = load_builder(options.builder, database_url)
            if own:
                assert database_url is not None
                began = time.perf_counter()
                seeded = seed_history(database_url, home, options.history_weeks)
                print(f"seeded {seeded} sets ({options.history_weeks} weeks) in-process in "
                      f"{time.perf_counter() - began:.0f} s")  # fmt: skip
                with server(home, database_url, options.workers) as (port, pid):
                    missing = run(options, builder, HOST, port, pid, database_url)
            else:
                parts = urlsplit(options.url)
                missing = run(options, builder, parts.hostname or HOST,
                              parts.port or 80, options.server_pid, None)  # fmt: skip
    if missing:
        raise SystemExit(1)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15, help="measured time per phase")
    parser.add_argument("--warmup", type=float, default=3, help="warm-up before each phase")
    parser.add_argument("--clients", default="8,32", help="clients of the log-set phases")
    parser.add_argument("--read-clients", default="8", help="clients of the read phases")
    parser.add_argument("--history-weeks", type=int, default=52, help="seeded history")
    parser.add_argument("--kill-after", type=float, default=3,
                        help="seconds of logging before the server is killed; 0: none")  # fmt: skip
    parser.add_argument("--workers", type=int, default=None, help="backbridge serve --workers")
    parser.add_argument("--postgres", metavar="ADMIN_URL",
                        help="run on a new database of this PostgreSQL server")  # fmt: skip
    parser.add_argument("--url", help="load another, already running server instead")
    parser.add_argument("--server-pid", type=int, help="with --url: that server's process")
    parser.add_argument("--builder", default="backbridge_requests:BackbridgeRequests",
                        help="FILE.py:NAME or module:NAME making the requests")  # fmt: skip
    return parser.parse_args()


def load_builder(spec: str, database_url: str | None) -> Builder:
    where, _, name = spec.rpartition(":")
    if where.endswith(".py"):
        found = importlib.util.spec_from_file_location("builder", where)
        assert found is not None
        assert found.loader is not None
        module = importlib.util.module_from_spec(found)
        found.loader.exec_module(module)
    else:
        module = importlib.import_module(where)
    factory: Callable[[str | None], Builder] = getattr(module, name)
    return factory(database_url)


@contextmanager
def server(home: Path, database_url: str, workers: int | None) -> Iterator[tuple[int, int]]:
    """``backbridge serve`` on a free loopback port; yields the port and the process id."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = int(probe.getsockname()[1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKBRIDGE_")}
    env.update(BACKBRIDGE_HOME=str(home), BACKBRIDGE_DATABASE_URL=database_url,
               BACKBRIDGE_CACHE_DIR=str(home / "cache"))  # fmt: skip
    command = [sys.executable, "-m", "backbridge", "serve", "--host", HOST, "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        wait_until_up(port, process)
        yield port, process.pid
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=15)


def wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            Client(HOST, port).send(Request("GET", "/"))
            return
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def run(
    options: argparse.Namespace,
    builder: Builder,
    host: str,
    port: int,
    pid: int | None,
    database_url: str | None,
) -> int:
    """Every phase, the checks by SQL and the kill; returns how many acknowledged sets are
    missing or wrong."""
    client = Client(host, port)
    builder.prepare(client.send)
    client.close()
    where = "not seeded, not ours" if database_url is None else database_url.split(":")[0]
    print(f"{builder.name} at {host}:{port} ({where}), {os.cpu_count()} CPUs, "
          f"{options.seconds:.0f} s per phase after {options.warmup:.0f} s of warm-up, "
          f"load 1m {load_average():.2f}")  # fmt: skip
    print(
        "CPU columns: milliseconds per request; server: its process tree from /proc (not a "
        "database server), bench: this load generator"
    )
    print(HEADER)
    acknowledged: dict[str, int] = {}
    lock = threading.Lock()
    numbers = iter(range(0, 1 << 40, 1 << 24))  # a separate range of request numbers per phase

    def accept(n: int, answer: Answer) -> None:
        set_id = builder.acknowledged(n, answer)
        if set_id is not None:
            with lock:
                acknowledged[set_id] = n

    results: list[PhaseResult] = []

    def phase(name: str, clients: int, make: Callable[[int], Request], warm: bool) -> None:
        for label, seconds in ((f"{name} (warm-up)", options.warmup), (name, options.seconds)):
            if label != name and not warm:
                continue
            result = run_phase(label, host, port, clients, seconds, make, accept,
                               server_pid=pid, first=next(numbers))  # fmt: skip
            results.append(result)
            if label == name:
                print(row(result), flush=True)

    for name, make in builder.reads().items():
        for clients in counts(options.read_clients):
            phase(name, clients, make, warm=True)
    for clients in counts(options.clients):
        phase("log set", clients, builder.log_set, warm=True)
    problems = check(builder, acknowledged, "after the run")
    if pid is not None and options.url is None and options.kill_after > 0:
        killed = kill_phase(options, host, port, pid, builder, accept, next(numbers))
        results.append(killed)
        print(row(killed))
        problems = check(builder, acknowledged, "after kill -9 of the server")
    failed = [line for result in results for line in failure_lines(result)]
    print(f"failed requests: {sum(r.failed for r in results)}" + (":" if failed else ""))
    for line in failed:
        print(line)
    return problems


def kill_phase(
    options: argparse.Namespace,
    host: str,
    port: int,
    pid: int,
    builder: Builder,
    accept: Callable[[int, Answer], None],
    first: int,
) -> PhaseResult:
    """Log sets with 8 clients and SIGKILL the server (and its workers) in the middle; the
    requests in flight then fail, and are counted as such."""
    stop = threading.Event()

    def kill() -> None:
        stop.set()  # no new requests: those in flight die with the server and are counted
        for victim in [pid, *descendants(pid)]:
            with suppress(ProcessLookupError):
                os.kill(victim, signal.SIGKILL)

    timer = threading.Timer(options.kill_after, kill)
    timer.start()
    result = run_phase("log set, kill -9", host, port, 8, options.kill_after + 30,
                       builder.log_set, accept, first=first, stop=stop)  # fmt: skip
    timer.join()
    return result


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            if int(text[text.rindex(")") + 2 :].split()[1]) == pid:
                found += [int(entry.name), *descendants(int(entry.name))]
    return found


def check(builder: Builder, acknowledged: dict[str, int], when: str) -> int:
    verdict = builder.verify(dict(acknowledged))
    if verdict is None:
        print(f"acknowledged sets {when}: {len(acknowledged)}, not checked (no database access)")
        return 0
    found, problems = verdict
    print(f"acknowledged sets {when}: {len(acknowledged)}, found by SQL: {found}, "
          f"missing or wrong: {len(problems)}")  # fmt: skip
    for problem in problems[:10]:
        print(f"  {problem}")
    return len(problems)


def counts(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


if __name__ == "__main__":
    main()
