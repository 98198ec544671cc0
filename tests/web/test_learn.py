"""The lessons on the web: the Learn page, an exercise's page, Today before the first session,
and the caution of a high pre-session pain."""

from __future__ import annotations

from fastapi.testclient import TestClient

from backbridge.catalog import Catalog
from backbridge.catalog.lessons import Moment


def test_the_learn_page_lists_every_lesson_with_its_sources(
    client: TestClient, catalog: Catalog
) -> None:
    page = client.get("/learn")
    assert page.status_code == 200
    html = page.text
    assert '<a href="/learn" aria-current="page">Learn</a>' in html
    for lesson in catalog.lessons:
        assert f'id="{lesson.id}"' in html
        for key in lesson.sources:
            assert f"<strong>{key}</strong>" in html
    assert "backbridge learn" not in html, "a page never tells someone to run a command"


def test_lessons_show_where_they_matter(client: TestClient, catalog: Catalog) -> None:
    exercise = client.get("/library/squat-hip-extension").text
    assert 'href="/learn#band-safety"' in exercise
    today = client.get("/").text
    assert "Before your first session" in today
    for lesson in catalog.lessons_at(Moment.FIRST_SESSION):
        assert f'href="/learn#{lesson.id}"' in today
    assert 'href="/learn"' in client.get("/library").text


def test_a_high_pain_before_a_session_says_the_day_is_lighter(cleared: TestClient) -> None:
    saved = cleared.post("/checkin", data={"kind": "before", "pain": "7"})
    assert saved.status_code == 200, saved.text
    assert "today is a lighter session" in saved.text
    assert 'href="/learn#flare-up"' in saved.text


def test_the_player_links_the_lessons_of_a_lighter_day_a_pain_stop_and_each_exercise(
    cleared: TestClient, catalog: Catalog
) -> None:
    started = cleared.post("/api/v1/sessions", json={}).json()
    checkin = cleared.post(f"/api/v1/sessions/{started['id']}/checkin", json={"pain": 6}).json()
    flare = [lesson["href"] for lesson in checkin["lessons"]]
    assert flare == [f"/learn#{x.id}" for x in catalog.lessons_at(Moment.FLARE_UP)] != []
    session = cleared.get(f"/api/v1/sessions/{started['id']}").json()
    step = next(s for s in session["steps"] if s["block"] == "main" and s["state"] == "pending")
    amounts = dict.fromkeys(step["sides"], step["target"])
    url = f"/api/v1/sessions/{started['id']}/steps/{step['index']}"
    stopped = cleared.post(url, json={"amounts": amounts, "band": step["band"], "pain": 9})
    assert stopped.status_code == 201, stopped.text
    titles = [lesson["title"] for lesson in stopped.json()["lessons"]]
    assert titles == [x.title for x in catalog.lessons_at(Moment.PAIN_STOP)] != []
    page = cleared.get("/session").text
    assert 'href="/learn#band-safety"' in page, "the banded exercises' cards link band safety"
