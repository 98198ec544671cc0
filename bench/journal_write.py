"""How fast is logging one set, durably? Quick logging as ``backbridge log set`` and
``POST /api/v1/sets`` do it: the safety gate, then one transaction under the write lock that
finds the day's session, numbers the set and stores it."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from backbridge.program.effort import Effort
from backbridge.program.history import Side
from backbridge.services import build_services
from backbridge.services.training import SetEntry
from backbridge.settings import Settings

SETS = 500
SETS_PER_DAY = 20
"""About a session's main sets, so each day's session grows as a real one does."""
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def measure(url: str, home: Path) -> str:
    services = build_services(Settings(home=home, database_url=url))
    services.safety.submit(dict.fromkeys((q.id for q in services.safety.questions()), False))
    latencies = []
    started = time.perf_counter()
    first_day = services.now() - timedelta(days=SETS // SETS_PER_DAY)
    for n in range(SETS):
        entry = SetEntry(exercise="banded-clamshell", side=Side.LEFT if n % 2 else Side.RIGHT,
                         reps=10, band="yellow", effort=Effort(rpe=7), pain=2)  # fmt: skip
        at = first_day + timedelta(days=n // SETS_PER_DAY, minutes=n % SETS_PER_DAY)
        t0 = time.perf_counter()
        services.training.log_set(entry, at=at)
        latencies.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started
    services.close()
    q = statistics.quantiles(latencies, n=100)
    return (
        f"{SETS / elapsed:8.0f} sets/s   p50 {q[49]:6.2f} ms   p95 {q[94]:6.2f} ms   "
        f"p99 {q[98]:6.2f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        print(f"quick-logging {SETS} sets, {SETS_PER_DAY} a day, one transaction each")
        sqlite = f"sqlite:///{home / 'bench.db'}"
        print(f"sqlite (WAL, synchronous=FULL): {measure(sqlite, home)}")
        name = f"backbridge_bench_{uuid.uuid4().hex[:8]}"
        try:
            admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as error:  # no server: report and stop
            print(f"postgresql: skipped ({type(error).__name__})", file=sys.stderr)
            return
        try:
            url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
            print(f"postgresql:                     {measure(url, home)}")
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
