"""The only databases a benchmark touches: the ones it creates, under names it owns.

SQLite: a file in the benchmark's own temporary folder. PostgreSQL, only when asked for with
an admin URL (``--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres``): a new
database named ``backbridge_bench_<random>``, created at the start and dropped at the end.
No other database on that server is read, written or dropped.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "backbridge_bench_"


@contextmanager
def owned_database(folder: Path, postgres_admin: str | None) -> Iterator[str]:
    """The URL of a fresh, empty database that is this run's alone; gone afterwards (the
    SQLite file with ``folder``, the PostgreSQL database dropped here)."""
    if postgres_admin is None:
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"{PREFIX}{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    server = make_url(postgres_admin)
    print(f"created database {name} on {server.host}:{server.port or 5432}; dropped at the end")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        assert name.startswith(PREFIX)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        print(f"dropped database {name}")
