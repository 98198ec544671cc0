"""The pages render on a fresh home and with a year of data; forms work without script."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backbridge.catalog import Catalog
from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.web.conftest import TEST_HOSTS, answers
from tests.web.history import FAULTS_PER_CAMERA_SET, store_a_year

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
    stored = store_a_year(settings)
    assert stored.sets > 1000 and stored.camera_sets > 50
    with TestClient(create_app(settings, hosts=TEST_HOSTS)) as client:
        today = client.get("/").text
        assert "Streak" in today and "Last check-in" in today
        progress = client.get("/progress?weeks=52").text
        assert progress.count("<svg") >= 6 and "No training in these weeks" not in progress
        assert "No sets counted by the camera coach" not in progress
        assert stored.cue_text not in progress  # counted, not listed
        # 53 calendar weeks reach back past the first stored session.
        document = client.get("/api/v1/progress?weeks=53").json()
        assert sum(document["camera_sets"]) == stored.camera_sets


def test_camera_faults_per_week_count_the_stored_faults(isolated_home: Path) -> None:
    settings = Settings(home=isolated_home)
    store_a_year(settings, weeks=8)
    with TestClient(create_app(settings, hosts=TEST_HOSTS)) as client:
        document = client.get("/api/v1/progress?weeks=9").json()
    assert any(document["camera_sets"])
    assert document["faults"] == [FAULTS_PER_CAMERA_SET * n for n in document["camera_sets"]]


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


def test_a_session_waits_for_the_safety_questions_with_a_link_to_them(
    client: TestClient, catalog: Catalog
) -> None:
    page = client.get("/session").text
    assert "The safety questions come first" in page and 'href="/safety"' in page
    refused = client.post("/session/start", follow_redirects=False)
    assert refused.status_code == 409
    assert "Safety questions first" in refused.text
    assert '<a class="button" href="/safety">Answer the safety questions</a>' in refused.text
    assert "`backbridge" not in refused.text  # no terminal command for a person in a browser
    client.post("/api/v1/screening", json=answers(catalog))
    assert client.post("/session/start", follow_redirects=False).status_code == 303


def test_the_checkin_form_answers_with_today_refreshed(cleared: TestClient) -> None:
    """The answer is the whole Today page (htmx swaps its main part): what was saved, and the
    last check-in, plan and safety line as they are now."""
    fragment = cleared.post("/checkin", data={"pain": "3", "kind": "next-morning"}).text
    assert "Saved: next-morning pain 3/10" in fragment
    assert "Last check-in: <strong>3/10</strong>" in fragment
    assert "not linked to a session: there is no earlier session for it to follow" in fragment
    assert "safety questions" not in fragment
    cleared.post("/api/v1/sets", json={"exercise": "bridge", "reps": 10, "pain": 1})
    linked = cleared.post("/checkin", data={"pain": "8", "kind": "before"}).text
    assert "Saved: before pain 8/10 for the session of" in linked
    assert '<a href="/safety">safety questions</a> are due' in linked
    assert cleared.post("/checkin", data={"pain": "12"}).status_code == 422
    assert [c["pain"] for c in cleared.get("/api/v1/checkins").json()] == [3, 8]


def test_right_after_a_session_the_checkin_offers_before_not_the_morning_after(
    cleared: TestClient,
) -> None:
    cleared.post("/api/v1/sets", json={"exercise": "bridge", "reps": 10, "pain": 1})
    page = cleared.get("/").text
    assert 'value="before" checked' in page and 'value="next-morning" checked' not in page
