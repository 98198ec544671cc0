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


@pytest.fixture
def client(isolated_home: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(home=isolated_home))) as test_client:
        yield test_client


def answers(catalog: Catalog, *yes: str) -> dict[str, Any]:
    return {"answers": {q.id: q.id in yes for q in catalog.screening.questions}}


@pytest.fixture
def cleared(client: TestClient, catalog: Catalog) -> TestClient:
    """A client whose person answered the safety questions with no warning sign."""
    response = client.post("/api/v1/screening", json=answers(catalog))
    assert response.status_code == 201, response.text
    return client


@pytest.fixture
def cli() -> Cli:
    return Cli()
