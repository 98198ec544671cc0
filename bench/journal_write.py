"""How fast is logging one set, durably? One transaction per set, as the coach does it."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from backbridge.catalog.models import BlockKind
from backbridge.program.history import LoggedSet, Side
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user

SETS = 500
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def measure(url: str, home: Path) -> str:
    db = open_database(Settings(home=home, database_url=url))
    now = datetime.now(UTC)
    journal = Journal(db, ensure_user(db, LOCAL_USER, now))
    session = journal.start_session("glute-lower-back", {}, now)
    latencies = []
    started = time.perf_counter()
    for n in range(SETS):
        row = LoggedSet(
            id=uuid.uuid4(), session_id=session.id, exercise="banded-clamshell",
            block=BlockKind.MAIN, set_number=n + 1, side=Side.LEFT, reps=10, band="yellow",
            rpe=7, pain=2, performed_at=now,
        )  # fmt: skip
        t0 = time.perf_counter()
        journal.record_sets([row])
        latencies.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started
    db.dispose()
    q = statistics.quantiles(latencies, n=100)
    return (
        f"{SETS / elapsed:8.0f} sets/s   p50 {q[49]:6.2f} ms   p95 {q[94]:6.2f} ms   "
        f"p99 {q[98]:6.2f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        print(f"logging {SETS} sets one transaction each")
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
