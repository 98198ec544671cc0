"""Shared fixtures: each test runs in its own data home, isolated from the environment."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from backbridge.catalog import Catalog, load_catalog
from backbridge.settings import Settings
from backbridge.store import Database, Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user

SHARED = Path(__file__).resolve().parents[2] / "shared"
POSTGRES_URL = os.environ.get(
    "BACKBRIDGE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's own cache directory (never the user's): the cached catalogue is keyed by the
    data files' contents, so tests can share it."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> Path:
    """Every test gets an empty data home and no inherited BACKBRIDGE_ settings."""
    for name in list(os.environ):
        if name.startswith("BACKBRIDGE_") and name != "BACKBRIDGE_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    monkeypatch.setenv("BACKBRIDGE_HOME", str(home))
    monkeypatch.setenv("BACKBRIDGE_CACHE_DIR", str(cache_dir))
    return home


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The admin URL of the PostgreSQL server, or a skip saying why it is unusable."""
    try:
        engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure to reach the server means: skip, with the reason
        pytest.skip(f"no PostgreSQL reachable at {POSTGRES_URL}: {type(error).__name__}: {error}")
    return POSTGRES_URL


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"backbridge_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_server_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, isolated_home: Path) -> str:
    """Storage tests run once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{isolated_home / 'backbridge.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def database(database_url: str, isolated_home: Path) -> Iterator[Database]:
    db = open_database(Settings(home=isolated_home, database_url=database_url))
    yield db
    db.dispose()


@pytest.fixture
def journal(database: Database) -> Journal:
    return Journal(database, ensure_user(database, LOCAL_USER, NOW))
