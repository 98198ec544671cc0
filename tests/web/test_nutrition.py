"""The nutrition API and the Nutrition page in-process: the same rules as the CLI."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

PROFILE = {"weight_kg": 80, "height_cm": 180, "age_years": 30, "sex": "male",
           "activity": "moderate"}  # fmt: skip
API = "/api/v1/nutrition"


@pytest.fixture
def profiled(client: TestClient) -> TestClient:
    response = client.put(f"{API}/profile", json=PROFILE)
    assert response.status_code == 200, response.text
    return client


def error_of(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    message: str = response.json()["error"]
    assert "\n" not in message
    return message


def test_no_profile_yet_is_one_line_404(client: TestClient) -> None:
    for path in ("/profile", "/targets"):
        assert "no nutrition profile yet" in error_of(client.get(API + path), 404)
    assert "also give" in error_of(client.put(f"{API}/profile", json={"weight_kg": 80}), 422)
    day = client.get(f"{API}/day").json()
    assert day["targets"] is None and day["foods"] == []


def test_profile_and_targets_match_the_hand_computed_example(profiled: TestClient) -> None:
    targets = profiled.get(f"{API}/targets").json()
    assert targets["energy"]["daily_kcal"] == pytest.approx(2759, abs=1)
    assert targets["protein"]["daily_g"] == pytest.approx(128)
    assert targets["caffeine"]["limit_mg"] == 400
    assert targets["source_citations"]
    assert profiled.get(f"{API}/profile").json()["weight_kg"] == 80
    updated = profiled.put(f"{API}/profile", json={"weight_kg": 70}).json()
    assert updated["protein"]["daily_g"] == pytest.approx(112)
    message = error_of(profiled.put(f"{API}/profile", json={"pregnant": True}), 422)
    assert "pregnant" in message
    assert error_of(profiled.put(f"{API}/profile", json={"weight_kg": 10}), 422).startswith(
        "weight must be"
    )


def test_food_search_and_logging_by_grams_and_portion(profiled: TestClient) -> None:
    found = profiled.get(f"{API}/foods", params={"search": "yoghurt"}).json()
    assert any(food["slug"] == "greek-yogurt-nonfat" for food in found)
    assert error_of(profiled.get(f"{API}/foods"), 422).startswith("search")
    logged = profiled.post(
        f"{API}/food-entries", json={"food": "greek yogurt", "grams": 200, "meal": "breakfast"}
    )
    assert logged.status_code == 201, logged.text
    assert logged.json()["entry"]["nutrients"]["protein_g"] == pytest.approx(20.38)
    by_portion = profiled.post(f"{API}/food-entries", json={"food": "eggs", "portion": "2 large"})
    assert by_portion.status_code == 201, by_portion.text
    day = profiled.get(f"{API}/day").json()
    assert day["foods"][0]["food"] == "greek-yogurt-nonfat"
    assert day["totals"]["protein_g"] > 30 and day["targets"]["protein"]["daily_g"] == 128
    breakfast = next(m for m in day["protein_per_meal"] if m["meal"] == "breakfast")
    assert breakfast["protein_g"] >= 20.38 and breakfast["low_g"] is not None


def test_bad_food_entries_are_refused_and_nothing_is_stored(profiled: TestClient) -> None:
    unknown = error_of(
        profiled.post(f"{API}/food-entries", json={"food": "greek yougrt", "grams": 200}), 404
    )
    assert "did you mean 'greek-yogurt-nonfat'" in unknown
    negative = profiled.post(f"{API}/food-entries", json={"food": "greek yogurt", "grams": -5})
    assert "grams must be more than 0" in error_of(negative, 422)
    both = profiled.post(
        f"{API}/food-entries", json={"food": "eggs", "grams": 50, "portion": "large"}
    )
    assert "in grams or as a portion" in error_of(both, 422)
    assert error_of(profiled.post(f"{API}/food-entries", json={"food": "eggs"}), 422)
    assert profiled.get(f"{API}/day").json()["foods"] == []


def test_supplements_guide_and_log(profiled: TestClient) -> None:
    guide = profiled.get(f"{API}/supplements").json()
    assert "out of scope" in guide["out_of_scope"] and len(guide["supplements"]) >= 10
    creatine = profiled.get(f"{API}/supplements/creatine").json()
    assert creatine["strength"]["grade"] and creatine["back_pain"]["grade"]
    assert creatine["source_citations"]
    assert [i["id"] for i in creatine["interactions"]] == ["nsaids"]
    assert "did you mean 'creatine'" in error_of(profiled.get(f"{API}/supplements/creatin"), 404)
    taken = profiled.post(f"{API}/supplement-entries", json={"supplement": "creatine", "amount": 5})
    assert taken.status_code == 201 and taken.json()["entry"]["unit"] == "g"
    milligrams = {"supplement": "caffeine", "amount": 0.2, "unit": "g"}
    assert profiled.post(f"{API}/supplement-entries", json=milligrams).status_code == 201
    day = profiled.get(f"{API}/day").json()
    assert day["totals"]["caffeine_mg"] == pytest.approx(200)
    negative = {"supplement": "creatine", "amount": -1}
    assert "more than 0" in error_of(profiled.post(f"{API}/supplement-entries", json=negative), 422)


def test_the_page_asks_for_a_profile_first_then_logs_with_and_without_htmx(
    client: TestClient,
) -> None:
    page = client.get("/nutrition").text
    assert "Estimates for planning, not medical advice." in page
    assert 'href="/nutrition"' in page and "performance-enhancing drugs" in page.lower()
    assert 'id="food-form"' not in page
    refused = client.post("/nutrition/profile", data={"weight": "80"})
    assert refused.status_code == 422 and "also give" in refused.text
    form = {"weight": "80", "height": "180", "age": "30", "sex": "male", "activity": "moderate"}
    saved = client.post("/nutrition/profile", data=form, follow_redirects=False)
    assert saved.status_code == 303
    page = client.get("/nutrition").text
    assert 'id="food-form"' in page and "2483–3035 kcal" in page
    assert 'id="interaction-vitamin-d-thiazides"' in page and "Thiazide water pills" in page
    assert "80 kg = 240 mg, never more than 200 mg in one go: 200 mg" in page
    plain = client.post("/nutrition/food", data={"food": "greek yogurt", "grams": "200"},
                        follow_redirects=False)  # fmt: skip
    assert plain.status_code == 303
    swapped = client.post(
        "/nutrition/food",
        data={"food": "greek yougrt", "grams": "200"},
        headers={"HX-Request": "true"},
    )
    assert swapped.status_code == 200 and "did you mean" in swapped.text
    assert "<html" not in swapped.text
    taken = client.post(
        "/nutrition/supplement",
        data={"supplement": "creatine", "amount": "5", "unit": "g"},
        headers={"HX-Request": "true"},
    )
    assert "Saved: Creatine monohydrate 5 g." in taken.text
    page = client.get("/nutrition").text
    assert "Greek yogurt, plain, nonfat, 200 g" in page and "Creatine monohydrate 5 g" in page


def test_a_food_entry_logged_by_mistake_is_deleted_and_the_day_follows(
    profiled: TestClient,
) -> None:
    kept = profiled.post(f"{API}/food-entries", json={"food": "banana", "grams": 120})
    wrong = profiled.post(f"{API}/food-entries", json={"food": "greek yogurt", "grams": 2000})
    wrong_id = wrong.json()["entry"]["id"]
    before = profiled.get(f"{API}/day").json()["totals"]["protein_g"]

    page = profiled.post(f"/nutrition/food/{wrong_id}/delete", headers={"HX-Request": "true"})
    assert "Deleted: 2000 g" in page.text
    day = profiled.get(f"{API}/day").json()
    assert [e["id"] for e in day["foods"]] == [kept.json()["entry"]["id"]]
    assert day["totals"]["protein_g"] < before
    assert "no food entry" in error_of(profiled.delete(f"{API}/food-entries/{wrong_id}"), 404)
    kept_id = kept.json()["entry"]["id"]
    assert profiled.delete(f"{API}/food-entries/{kept_id}").status_code == 204
    assert profiled.get(f"{API}/day").json()["foods"] == []
