"""How fast is logging one set, durably, in-process? Quick logging as ``backbridge log set`` and
``POST /api/v1/sets`` do it: the safety gate, then one transaction under the write lock that
finds the day's session, numbers the set and stores it. Wall time per set (p50/p95/p99), CPU
per set, and the 1-minute load average before and after.

Only databases this run creates: SQLite in a temporary folder and, with ``--postgres
ADMIN_URL``, a database ``backbridge_bench_<random>`` created on that server and dropped at
the end (see ``owned_database.py``); without it, PostgreSQL is not touched.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from load_client import load_average
from owned_database import owned_database

from backbridge.program.effort import Effort
from backbridge.program.history import Side
from backbridge.services import build_services
from backbridge.services.training import SetEntry
from backbridge.settings import Settings

SETS_PER_DAY = 20
"""About a session's main sets, so each day's session grows as a real one does."""


def measure(url: str, home: Path, sets: int) -> str:
    services = build_services(Settings(home=home, database_url=url, cache_dir=home / "cache"))
    services.safety.submit(dict.fromkeys((q.id for q in services.safety.questions()), False))
    latencies = []
    load = load_average()
    first_day = services.now() - timedelta(days=sets // SETS_PER_DAY + 1)
    started, cpu = time.perf_counter(), time.process_time()
    for n in range(sets):
        entry = SetEntry(exercise="banded-clamshell", side=Side.LEFT if n % 2 else Side.RIGHT,
                         reps=10, band="yellow", effort=Effort(rpe=7), pain=2)  # fmt: skip
        at = first_day + timedelta(days=n // SETS_PER_DAY, minutes=n % SETS_PER_DAY)
        t0 = time.perf_counter()
        services.training.log_set(entry, at=at)
        latencies.append((time.perf_counter() - t0) * 1000)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    services.close()
    q = statistics.quantiles(latencies, n=100)
    return (
        f"{sets / elapsed:6.0f} sets/s  p50 {q[49]:5.2f} ms  p95 {q[94]:5.2f} ms  "
        f"p99 {q[98]:6.2f} ms  CPU {cpu * 1000 / sets:5.2f} ms/set  "
        f"load 1m {load:.2f}>{load_average():.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=500)
    parser.add_argument("--postgres", metavar="ADMIN_URL",
                        help="also measure on a new database on this PostgreSQL")  # fmt: skip
    options = parser.parse_args()
    print(f"quick-logging {options.sets} sets, {SETS_PER_DAY} a day, one transaction each")
    with tempfile.TemporaryDirectory(prefix="backbridge-bench-") as tmp:
        home = Path(tmp)
        with owned_database(home, None) as url:
            print(f"sqlite (WAL, synchronous=FULL): {measure(url, home, options.sets)}")
        if options.postgres is None:
            print("postgresql: not measured (give --postgres ADMIN_URL to create a database)")
            return
        with owned_database(home, options.postgres) as url:
            print(f"postgresql:                     {measure(url, home, options.sets)}")


if __name__ == "__main__":
    main()
