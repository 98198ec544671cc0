"""An app on a fresh SQLite home, driven in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backbridge.catalog import Catalog
from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.cli.conftest import Cli

API = "/api/v1"
TEST_HOSTS = ["testserver"]
"""The Host TestClient sends: the app answers it only because the tests say so (a real
``backbridge serve`` answers loopback names and its ``--host`` only)."""


@pytest.fixture
def client(isolated_home: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(home=isolated_home), hosts=TEST_HOSTS)) as test_client:
        yield test_client


def answers(catalog: Catalog, *yes: str) -> dict[str, Any]:
    return {"answers": {q.id: q.id in yes for q in catalog.screening.questions}}


@pytest.fixture
def cleared(client: TestClient, catalog: Catalog) -> TestClient:
    """A client whose person answered the safety questions with no warning sign."""
    response = client.post(f"{API}/screening", json=answers(catalog))
    assert response.status_code == 201, response.text
    return client


def ready_session(client: TestClient, pain: int = 2) -> dict[str, Any]:
    """Start a guided session and give the pain check-in that opens it; the session as the
    API answers it afterwards, its steps ready to be logged."""
    started = client.post(f"{API}/sessions", json={})
    assert started.status_code == 201, started.text
    session_id = started.json()["id"]
    checked = client.post(f"{API}/sessions/{session_id}/checkin", json={"pain": pain})
    assert checked.status_code == 201, checked.text
    session = client.get(f"{API}/sessions/{session_id}").json()
    assert not session["needs_checkin"]
    return dict(session)


@pytest.fixture
def cli() -> Cli:
    return Cli()
