"""The load generator of ``api_load.py``: keep-alive HTTP/1.1 clients in threads, each phase
run for a fixed time, every failed request counted by kind, and what the machine and the
server spent measured from ``/proc``.

Nothing here knows backbridge: a phase sends the :class:`Request` objects a builder makes (see
``backbridge_requests.py``) to any server.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CLOCK_TICK = os.sysconf("SC_CLK_TCK")
TIMEOUT_S = 10.0
"""A request that takes longer than this is a failure (``timeout``)."""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


def load_average() -> float:
    """The 1-minute load average: how busy the machine was, next to every figure."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def tree_cpu_seconds(pid: int) -> float:
    """User plus system CPU of process ``pid`` and all its descendants (a server's workers),
    from ``/proc/<pid>/stat``. Processes that have ended no longer count."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None:
                children.setdefault(int(stat[1]), []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        stat = _stat(current)
        if stat is not None:
            total += int(stat[11]) + int(stat[12])  # utime, stime (fields 14 and 15)
        todo.extend(children.get(current, []))
    return total / CLOCK_TICK


def _stat(pid: int) -> list[str] | None:
    """The fields of ``/proc/<pid>/stat`` after the command name (``state`` first)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


class Client:
    """One keep-alive connection; reconnects after any failure, so a failed request never ends
    a client: it is counted and the client goes on."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.connection: http.client.HTTPConnection | None = None

    def send(self, request: Request) -> Answer:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_S)
        headers = dict(request.headers)
        if request.body is not None:
            headers.setdefault("Content-Type", "application/json")
        try:
            self.connection.request(request.method, request.path, request.body, headers)
            response = self.connection.getresponse()
            body = response.read()
        except BaseException:
            self.close()
            raise
        if response.will_close:
            self.close()
        return Answer(response.status, body)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def failure_kind(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "timeout"
    if isinstance(error, ConnectionResetError | BrokenPipeError):
        return "connection reset"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, http.client.RemoteDisconnected):
        return "server closed the connection"
    if isinstance(error, http.client.HTTPException):
        return f"bad response ({type(error).__name__})"
    return f"{type(error).__name__}"


@dataclass
class PhaseResult:
    name: str
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    """Seconds, of the requests that succeeded (2xx)."""
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    server_cpu_s: float | None = None
    client_cpu_s: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    @property
    def rate(self) -> float:
        return self.ok / self.seconds

    def quantile_ms(self, q: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100)[q - 1] * 1000

    def cpu_ms_per_request(self, seconds: float | None) -> float:
        done = self.ok + self.failed
        return float("nan") if seconds is None or not done else seconds * 1000 / done


Make = Callable[[int], Request]
"""The n-th request of a phase."""
Accept = Callable[[int, Answer], None]
"""Called with every 2xx answer (in a client thread, under the phase's lock)."""


def run_phase(
    name: str,
    host: str,
    port: int,
    clients: int,
    seconds: float,
    make: Make,
    accept: Accept | None = None,
    *,
    server_pid: int | None = None,
    first: int = 0,
    stop: threading.Event | None = None,
) -> PhaseResult:
    """``clients`` threads send requests for ``seconds`` of wall time (or until ``stop`` is
    set); request numbers start at ``first``. Every request that fails (an exception, a
    timeout, a status outside 2xx) is counted by kind; latencies are of the others."""
    result = PhaseResult(name, clients, seconds)
    lock = threading.Lock()
    numbers = iter(range(first, 1 << 62))
    stop = stop or threading.Event()

    def work() -> None:
        client = Client(host, port)
        while not stop.is_set():
            with lock:
                n = next(numbers)
            request = make(n)
            began = time.perf_counter()
            try:
                answer = client.send(request)
            except Exception as error:
                kind = failure_kind(error)
                with lock:
                    result.failures[kind] += 1
                    result.examples.setdefault(kind, str(error)[:120])
                continue
            elapsed = time.perf_counter() - began
            with lock:
                if 200 <= answer.status < 300:
                    result.latencies.append(elapsed)
                    if accept is not None:
                        accept(n, answer)
                else:
                    kind = f"HTTP {answer.status}"
                    result.failures[kind] += 1
                    result.examples.setdefault(kind, answer.body[:120].decode(errors="replace"))
        client.close()

    result.load_before = load_average()
    cpu_before = None if server_pid is None else tree_cpu_seconds(server_pid)
    own_before = time.process_time()
    began = time.perf_counter()
    threads = [threading.Thread(target=work, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    stop.wait(seconds)
    stop.set()
    for thread in threads:
        thread.join(TIMEOUT_S + 5)
    result.seconds = time.perf_counter() - began
    result.client_cpu_s = time.process_time() - own_before
    if server_pid is not None and cpu_before is not None:
        result.server_cpu_s = tree_cpu_seconds(server_pid) - cpu_before
    result.load_after = load_average()
    return result


HEADER = (
    f"{'phase':<22}{'clients':>8}{'s':>5}{'ok':>7}{'failed':>7}{'req/s':>7}{'p50 ms':>8}"
    f"{'p95 ms':>8}{'p99 ms':>8}{'server CPU':>11}{'bench CPU':>10}{'load 1m':>12}"
)
"""CPU columns are milliseconds per request (failed ones included)."""


def row(result: PhaseResult) -> str:
    return (
        f"{result.name:<22}{result.clients:>8}{result.seconds:>5.0f}{result.ok:>7}"
        f"{result.failed:>7}{result.rate:>7.0f}{result.quantile_ms(50):>8.1f}"
        f"{result.quantile_ms(95):>8.1f}{result.quantile_ms(99):>8.1f}"
        f"{_ms(result.cpu_ms_per_request(result.server_cpu_s)):>11}"
        f"{_ms(result.cpu_ms_per_request(result.client_cpu_s)):>10}"
        f"{result.load_before:>6.2f}>{result.load_after:<5.2f}"
    )


def _ms(value: float) -> str:
    return "n/a" if value != value else f"{value:.2f} ms"  # NaN: the server was gone


def failure_lines(result: PhaseResult) -> list[str]:
    """One line per kind of failure, with an example: nothing failed is never left out."""
    return [
        f"  {result.name} ({result.clients} clients): {count} x {kind}: {result.examples[kind]}"
        for kind, count in result.failures.most_common()
    ]
