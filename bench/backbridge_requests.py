"""The requests ``api_load.py`` sends to backbridge, and how it checks them afterwards by SQL.

This is the default request builder; ``api_load.py --builder FILE.py:NAME`` loads another one,
to put the same load on another workout server. A builder has:

- ``name``: what the figures are labelled with;
- ``prepare(send)``: one-time setup over HTTP before any phase (log in, answer a safety
  screen, seed data); ``send(request)`` returns an :class:`~load_client.Answer`;
- ``log_set(n)``: the n-th "log one set" request (numbers are unique over the whole run);
- ``reads()``: named read phases, each a function from n to a request;
- ``acknowledged(n, answer)``: the id the server gave the stored set, from a 2xx answer, or
  ``None`` when the answer does not acknowledge a set;
- ``verify(acknowledged)``: look every acknowledged set up by SQL in the server's database
  (``{id: n}``) and return ``(found, problems)``; or ``None`` when it has no database access.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from load_client import Answer, Request
from sqlalchemy.engine import make_url

Send = Callable[[Request], Answer]


class Builder(Protocol):
    name: str

    def prepare(self, send: Send) -> None: ...
    def log_set(self, n: int) -> Request: ...
    def reads(self) -> dict[str, Callable[[int], Request]]: ...
    def acknowledged(self, n: int, answer: Answer) -> str | None: ...
    def verify(self, acknowledged: Mapping[str, int]) -> tuple[int, list[str]] | None: ...


SPREAD_DAYS = 120
"""Logged sets are dated over the last 120 days, so they spread over sessions as in real use:
a day's first set (which opens its session and reads weeks of history for the pain review) is
rare and falls in the warm-up, and no session nears the 200 sets per exercise and side a set's
number allows (which 60 days would reach after 24,000 sets, failing every request after)."""
EXERCISE = "banded-clamshell"


def set_fields(n: int) -> dict[str, Any]:
    """What set n says; ``verify`` compares the stored row with it."""
    return {"exercise": EXERCISE, "reps": 8 + n % 5, "side": ("left", "right")[n % 2],
            "band": "yellow", "effort": {"rpe": 7}, "pain": n % 4,
            "note": f"bench {n}"}  # fmt: skip


class BackbridgeRequests:
    """backbridge's REST API; ``database_url`` (the server's own) lets ``verify`` use SQL."""

    name = "backbridge"

    def __init__(self, database_url: str | None = None) -> None:
        self.database_url = database_url
        self.today = datetime.now().astimezone().date()

    def prepare(self, send: Send) -> None:
        questions = json.loads(send(Request("GET", "/api/v1/screening/questions")).body)
        body = {"answers": {q["id"]: False for q in questions}}
        answer = send(Request("POST", "/api/v1/screening", json.dumps(body).encode()))
        if answer.status != 201:
            raise SystemExit(f"could not answer the safety questions: {answer.status}")

    def log_set(self, n: int) -> Request:
        at = datetime.now(UTC) - timedelta(days=n % SPREAD_DAYS, minutes=n % 50)
        body = {**set_fields(n), "at": at.isoformat()}
        return Request("POST", "/api/v1/sets", json.dumps(body).encode())

    def reads(self) -> dict[str, Callable[[int], Request]]:
        week = (self.today - timedelta(days=6)).isoformat()
        return {
            "history week": lambda n: Request("GET", f"/api/v1/history?since={week}"),
            "history (no filter)": lambda n: Request("GET", "/api/v1/history"),
        }

    def acknowledged(self, n: int, answer: Answer) -> str | None:
        if answer.status != 201:
            return None
        return str(json.loads(answer.body)["id"])

    def verify(self, acknowledged: Mapping[str, int]) -> tuple[int, list[str]] | None:
        """Read ``set_logs`` directly (sqlite3 or psycopg, not the application) and compare
        every acknowledged set with what was sent."""
        if self.database_url is None:
            return None
        stored = _stored_sets(self.database_url, list(acknowledged))
        problems, found = [], 0
        for set_id, n in acknowledged.items():
            row = stored.get(uuid.UUID(set_id))
            expected = set_fields(n)
            if row is None:
                problems.append(f"set {set_id} (request {n}) is missing")
                continue
            found += 1
            if row != (expected["exercise"], expected["reps"], expected["note"]):
                problems.append(f"set {set_id} (request {n}) stored as {row}")
        return found, problems


def _stored_sets(url: str, ids: list[str]) -> dict[uuid.UUID, tuple[str, int, str]]:
    query = "SELECT id, exercise, reps, note FROM set_logs"
    parsed = make_url(url)
    rows: list[Any]
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            rows = connection.execute(query).fetchall()
        return {uuid.UUID(r[0]): (r[1], r[2], r[3]) for r in rows}
    import psycopg

    plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as connection:
        rows = connection.execute(query + " WHERE id = ANY(%s::uuid[])", (ids,)).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def seed_history(database_url: str, home: Path, weeks: int, sets_per_session: int = 15) -> int:
    """A fixed history for the read phases, written in-process through the services before the
    server starts: three sessions a week for ``weeks`` weeks up to yesterday, so every read
    phase sees the same data. Returns the number of sets."""
    from backbridge.program.effort import Effort
    from backbridge.program.history import Side
    from backbridge.services import build_services
    from backbridge.services.training import SetEntry
    from backbridge.settings import Settings

    settings = Settings(home=home, database_url=database_url, cache_dir=home / "cache")
    services = build_services(settings)
    try:
        services.safety.submit(dict.fromkeys((q.id for q in services.safety.questions()), False))
        now = services.now()
        count = 0
        for day in range(weeks * 7, 0, -1):
            if day % 7 not in (1, 3, 5):
                continue
            started = now - timedelta(days=day)
            for k in range(sets_per_session):
                entry = SetEntry(exercise=EXERCISE, side=Side.LEFT if k % 2 else Side.RIGHT,
                                 reps=10, band="yellow", effort=Effort(rpe=7), pain=k % 3,
                                 note=f"seed {day}/{k}")  # fmt: skip
                services.training.log_set(entry, at=started + timedelta(minutes=2 * k))
                count += 1
        return count
    finally:
        services.close()
