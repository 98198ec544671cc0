"""The pages render on a fresh home and with a year of data; forms work without script."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backbridge.catalog import Catalog
from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.web.conftest import answers
from tests.web.history import store_a_year

PAGES = ("/", "/session", "/progress", "/progress?weeks=52", "/library", "/nutrition",
         "/library/banded-bridge-abduction", "/safety")  # fmt: skip
FOOTER = "backbridge is not a medical device."


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_no_data(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert FOOTER in response.text
    assert "cdn" not in response.text.lower() and "https://" not in response.text


def test_pages_render_a_year_of_data(isolated_home: Path) -> None:
    settings = Settings(home=isolated_home)
    assert store_a_year(settings) > 1000
    with TestClient(create_app(settings)) as client:
        today = client.get("/").text
        assert "Streak" in today and "Last check-in" in today
        progress = client.get("/progress?weeks=52").text
        assert progress.count("<svg") >= 6 and "No training in these weeks" not in progress
        assert "Keep the feet together" not in progress  # counted, not listed
        assert client.get("/api/v1/progress?weeks=52").json()["faults"][-2] >= 0


def test_today_shows_the_notice_once_and_the_plan_with_reasons(client: TestClient) -> None:
    page = client.get("/").text
    assert "not a medical device" in page and "I have read this" in page
    assert "First session" in page  # a reason from the progression engine
    client.post("/notice")
    assert "I have read this" not in client.get("/").text


def test_a_red_flag_replaces_the_session_with_the_referral(
    client: TestClient, catalog: Catalog
) -> None:
    form = {q.id: "yes" if q.id == "bowel" else "no" for q in catalog.screening.questions}
    result = client.post("/safety", data=form).text
    assert "Stop: get medical help today" in result
    page = client.get("/").text
    assert "Training is stopped" in page and "emergency department" in page
    assert "Start the session" not in page
    refused = client.post("/session/start", follow_redirects=False)
    assert refused.status_code == 423 and "Training is stopped" in refused.text


def test_the_player_page_carries_the_session(client: TestClient, catalog: Catalog) -> None:
    client.post("/api/v1/screening", json=answers(catalog))
    started = client.post("/session/start", follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == "/session"
    page = client.get("/session").text
    assert 'id="session-data"' in page and 'id="card-banded-clamshell"' in page
    assert "<svg" in page and "/static/player.js" in page


def test_the_checkin_form_answers_with_a_fragment(client: TestClient) -> None:
    fragment = client.post("/checkin", data={"pain": "3", "kind": "next-morning"}).text
    assert "Saved: next-morning pain 3/10" in fragment and "<html" not in fragment
    assert client.post("/checkin", data={"pain": "12"}).status_code == 422
