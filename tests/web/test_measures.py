"""The Measures page and ``/api/v1/measures``."""

from __future__ import annotations

from fastapi.testclient import TestClient

API = "/api/v1"


def test_the_page_rates_activities_and_shows_them(client: TestClient) -> None:
    page = client.get("/measures").text
    assert "Time to rate your activities" in page and 'id="activity-0"' in page
    form = {"activity-0": "putting on socks", "score-0": "4", "activity-1": "walking",
            "score-1": "5", "activity-2": "stairs", "score-2": "3", "activity-3": ""}  # fmt: skip
    saved = client.post("/measures", data=form)
    assert saved.status_code == 200, saved.text
    assert "Saved." in saved.text and "<svg" in saved.text
    assert 'value="putting on socks"' in saved.text, "the same activities, to rate again"
    assert 'href="/measures"' in client.get("/progress").text


def test_the_api_takes_a_scale_and_refuses_a_bad_one(client: TestClient) -> None:
    body = {"activities": [{"activity": "socks", "score": 4}, {"activity": "walking", "score": 5},
                           {"activity": "stairs", "score": 3}]}  # fmt: skip
    stored = client.post(f"{API}/measures", json=body)
    assert stored.status_code == 201, stored.text
    assert stored.json()["function_scores"][0]["average"] == 4.0
    two = {"activities": body["activities"][:2]}
    refused = client.post(f"{API}/measures", json=two)
    assert refused.status_code == 422 and "name 3 to 5 activities" in refused.json()["error"]
    out_of_range = {"activities": [{"activity": "socks", "score": 11}] * 3}
    assert client.post(f"{API}/measures", json=out_of_range).status_code == 422
    assert len(client.get(f"{API}/measures").json()["function_scores"]) == 1


def test_today_says_when_the_activities_are_due(client: TestClient) -> None:
    assert 'href="/measures#rate"' in client.get("/").text
    body = {"activities": [{"activity": n, "score": 5} for n in ("socks", "walking", "stairs")]}
    assert client.post(f"{API}/measures", json=body).status_code == 201
    assert 'href="/measures#rate"' not in client.get("/").text
