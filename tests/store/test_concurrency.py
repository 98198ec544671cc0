"""Quick logging under real concurrency, on real SQLite and real PostgreSQL.

A real ``backbridge serve`` takes sets from eight client threads at once while
``backbridge log set`` processes log sets into the same day beside them. However the writers
interleave, the day has one session, no step is numbered twice, and every acknowledged set is
stored exactly once (and nothing else is).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from backbridge.clock import day_bounds, local_day
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user
from tests.browser.conftest import Server, free_port, stop_server
from tests.conftest import NOW

pytestmark = pytest.mark.slow

CLIENTS = 8
REQUESTS_AT_LEAST = 12
"""Each client posts at least this many sets, and goes on while the CLI loop still runs."""
REQUESTS_AT_MOST = 60
CLI_SETS = 5
KINDS: tuple[tuple[str, str | None], ...] = (
    ("bridge", None),
    ("clamshell", "left"),
    ("clamshell", "right"),
    ("cat-cow", None),  # a warm-up: another block
)
"""What is logged, in turn: every client logs the same kind at the same step, so the writers
race for the same next set number."""
STARTUP = 60.0
"""Seconds a process may take to start or a request to be answered before the test gives up."""


def environment(home: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKBRIDGE_")}
    env.update(
        BACKBRIDGE_HOME=str(home),
        BACKBRIDGE_DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
        COLUMNS="120",
    )
    return env


def request(url: str, body: dict[str, Any] | None = None) -> tuple[int, str]:
    """GET (or POST ``body`` as JSON); the status and the text of the answer."""
    data = None if body is None else json.dumps(body).encode()
    sent = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(sent, timeout=STARTUP) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode()


@pytest.fixture
def server(database_url: str, isolated_home: Path, tmp_path: Path) -> Iterator[Server]:
    """``backbridge serve`` on a free port, on this test's database, answering requests."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "backbridge", "serve", "--port", str(port)],
            env=environment(isolated_home, database_url),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    running = Server(f"http://127.0.0.1:{port}", isolated_home, process)
    try:
        wait_until_up(running, log)
        yield running
    finally:
        stop_server(running)


def wait_until_up(server: Server, log: Path) -> None:
    deadline = datetime.now() + timedelta(seconds=STARTUP)
    while datetime.now() < deadline:
        try:
            status, _ = request(f"{server.url}/api/v1/screening/status")
            if status == 200:
                return
        except OSError:
            pass
        try:  # wait for the process to die, briefly; it is up once it answers
            server.process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"backbridge serve exited: {log.read_text()}")
    raise RuntimeError(f"backbridge serve did not answer within {STARTUP} s: {log.read_text()}")


@dataclass(frozen=True)
class Attempt:
    note: str
    acknowledged: bool
    detail: str


def answer_the_safety_questions(url: str) -> None:
    status, text = request(f"{url}/api/v1/screening/questions")
    assert status == 200, text
    answers = {question["id"]: False for question in json.loads(text)}
    status, text = request(f"{url}/api/v1/screening", {"answers": answers})
    assert status == 201, text
    assert json.loads(text)["status"]["screening_due"] is False, text


def post_sets(
    url: str, client: int, at: str, start: threading.Barrier, cli_done: threading.Event
) -> list[Attempt]:
    attempts: list[Attempt] = []
    start.wait()
    n = 0
    while n < REQUESTS_AT_MOST and (n < REQUESTS_AT_LEAST or not cli_done.is_set()):
        exercise, side = KINDS[n % len(KINDS)]
        note = f"web client {client} set {n}"
        body = {"exercise": exercise, "side": side, "reps": 10, "note": note, "at": at}
        try:
            status, text = request(f"{url}/api/v1/sets", body)
        except OSError as error:  # no answer: not acknowledged
            attempts.append(Attempt(note, False, f"{type(error).__name__}: {error}"))
        else:
            attempts.append(Attempt(note, 200 <= status < 300, f"{status}: {text[:300]}"))
        n += 1
    return attempts


def log_with_cli(env: dict[str, str], at: str, start: threading.Barrier) -> list[Attempt]:
    attempts: list[Attempt] = []
    start.wait()
    for n in range(CLI_SETS):
        exercise, side = KINDS[n % 2]
        note = f"cli set {n}"
        args = ["log", "set", "-e", exercise, "--reps", "8", "--note", note, "--at", at]
        if side is not None:
            args += ["--side", side]
        done = subprocess.run(
            [sys.executable, "-m", "backbridge", *args],
            env=env, capture_output=True, text=True, timeout=STARTUP, check=False,
        )  # fmt: skip
        attempts.append(
            Attempt(
                note, done.returncode == 0, f"exit {done.returncode}: {done.stdout}{done.stderr}"
            )
        )
    return attempts


class Worker(threading.Thread):
    """A thread that keeps its result, or the exception that ended it, for the test."""

    def __init__(self, name: str, work: Any, *args: Any) -> None:
        super().__init__(name=name, daemon=True)
        self.work, self.args = work, args
        self.result: list[Attempt] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(*self.args)
        except BaseException as error:  # reported by the test, not lost in the thread
            self.error = error


def test_web_clients_and_the_cli_log_into_one_day_without_duplicates(
    server: Server, database_url: str, isolated_home: Path
) -> None:
    answer_the_safety_questions(server.url)
    moment = datetime.now().astimezone().replace(microsecond=0) - timedelta(minutes=1)
    at = moment.isoformat()

    start = threading.Barrier(CLIENTS + 1)
    cli_done = threading.Event()
    clients = [
        Worker(f"client-{n}", post_sets, server.url, n, at, start, cli_done) for n in range(CLIENTS)
    ]
    cli = Worker("cli", log_with_cli, environment(isolated_home, database_url), at, start)
    for worker in [*clients, cli]:
        worker.start()
    cli.join(timeout=STARTUP * (CLI_SETS + 1))
    cli_done.set()
    for worker in clients:
        worker.join(timeout=STARTUP * REQUESTS_AT_MOST)
    for worker in [*clients, cli]:
        assert not worker.is_alive(), f"{worker.name} is still running"
        assert worker.error is None, f"{worker.name} failed: {worker.error!r}"

    attempts = [attempt for worker in [*clients, cli] for attempt in worker.result]
    assert len(attempts) >= CLIENTS * REQUESTS_AT_LEAST + CLI_SETS
    acknowledged = Counter(a.note for a in attempts if a.acknowledged)

    database = open_database(Settings(home=isolated_home, database_url=database_url))
    try:
        journal = Journal(database, ensure_user(database, LOCAL_USER, NOW))
        sessions = journal.sessions()
    finally:
        database.dispose()

    day = day_bounds(local_day(moment))
    assert len(sessions) == 1, [(s.id, s.started_at) for s in sessions]
    (session,) = sessions
    assert day[0] <= session.started_at < day[1]

    steps = Counter((s.block, s.exercise, s.side, s.set_number) for s in session.sets)
    repeated = {step: count for step, count in steps.items() if count > 1}
    assert not repeated, f"set numbers stored twice: {repeated}"
    for block, exercise, side in {(b, e, s) for b, e, s, _ in steps}:
        numbers = sorted(n for b, e, s, n in steps if (b, e, s) == (block, exercise, side))
        assert numbers == list(range(1, len(numbers) + 1)), (exercise, side, numbers)

    stored = Counter(s.note or "" for s in session.sets)
    assert stored == acknowledged, {
        "stored twice": [note for note, count in stored.items() if count > 1],
        "acknowledged, not stored": sorted(set(acknowledged) - set(stored)),
        "stored, not acknowledged": sorted(set(stored) - set(acknowledged)),
    }
    # Nothing here is refusable (the questions are answered, no pain is reported), so under
    # a write lock that works every writer gets its set in: none is turned away by a clash.
    refused = [f"{a.note}: {a.detail}" for a in attempts if not a.acknowledged]
    assert not refused, "every set should be taken:\n" + "\n".join(refused)
    assert all(s.performed_at == moment for s in session.sets)
