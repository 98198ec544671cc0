"""``GET /history`` a page at a time: following ``next`` reads every session once, newest page
first, with every check-in that belongs to no session exactly once; the CLI pages alike."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.cli.conftest import Cli
from tests.web.conftest import API, TEST_HOSTS
from tests.web.history import store_a_year


@pytest.fixture
def stored(isolated_home: Path) -> Settings:
    settings = Settings(home=isolated_home)
    store_a_year(settings, weeks=6)
    return settings


def pages(client: TestClient, query: str) -> list[dict[str, Any]]:
    found, cursor = [], None
    while True:
        after = "" if cursor is None else f"&before={cursor}"
        response = client.get(f"{API}/history?{query}{after}")
        assert response.status_code == 200, response.text
        found.append(response.json())
        cursor = found[-1]["next"]
        if cursor is None:
            return found


def test_following_next_reads_every_session_once(stored: Settings) -> None:
    with TestClient(create_app(stored, hosts=TEST_HOSTS)) as client:
        everything = client.get(f"{API}/history?limit=100").json()
        assert everything["next"] is None
        walked = pages(client, "limit=4")
    assert all(len(page["sessions"]) <= 4 for page in walked)
    assert len(walked) == -(-len(everything["sessions"]) // 4)
    starts = [[s["started_at"] for s in page["sessions"]] for page in walked]
    assert all(page == sorted(page) for page in starts), "oldest first within a page"
    assert all(a[0] > b[-1] for a, b in pairwise(starts)), "newest first"
    ids = [s["id"] for page in reversed(walked) for s in page["sessions"]]
    assert ids == [s["id"] for s in everything["sessions"]]
    unlinked = [c["id"] for page in walked for c in page["unlinked_checkins"]]
    assert sorted(unlinked) == sorted(c["id"] for c in everything["unlinked_checkins"])


def test_a_page_without_a_limit_holds_the_newest_twenty(stored: Settings) -> None:
    with TestClient(create_app(stored, hosts=TEST_HOSTS)) as client:
        page = client.get(f"{API}/history").json()
        week = client.get(f"{API}/history?since=2000-01-01&limit=100").json()
    assert len(page["sessions"]) == min(20, len(week["sessions"]))
    assert page["sessions"] == week["sessions"][-len(page["sessions"]) :]


@pytest.mark.parametrize(
    ("query", "wrong"),
    [("limit=0", "limit"), ("limit=101", "limit"), ("before=yesterday", "history cursor")],
)
def test_a_wrong_limit_or_cursor_is_one_line_and_422(
    stored: Settings, query: str, wrong: str
) -> None:
    with TestClient(create_app(stored, hosts=TEST_HOSTS)) as client:
        response = client.get(f"{API}/history?{query}")
    assert response.status_code == 422
    assert wrong in response.json()["error"]


def test_the_cli_pages_like_the_api(stored: Settings, cli: Cli) -> None:
    first = cli("history", "--json", "--limit", "3")
    assert first.exit_code == 0, first.output
    document = json.loads(first.stdout)
    assert len(document["sessions"]) == 3
    assert document["next"]
    older = cli("history", "--limit", "3", "--before", document["next"])
    assert older.exit_code == 0, older.output
    assert "Older sessions: backbridge history --before" in older.stdout
