"""Logging checks its input before anything is stored, and a day adds up against the targets."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from backbridge.errors import InvalidInput, NotFound
from backbridge.nutrition import (
    ActivityLevel,
    DoseUnit,
    Meal,
    Nutrition,
    Profile,
    Sex,
    compute_targets,
    summarize_day,
)
from backbridge.nutrition.log import log_food, log_supplement, supplement_cautions

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def food(nutrition: Nutrition, text: str, **given: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "grams": None,
        "portion": None,
        "meal": None,
        "at": NOW,
        "local_time": time(8, 0),
        "now": NOW,
        "guidance": nutrition.guidance,
    }
    return log_food(nutrition.foods, text, **(values | given))  # type: ignore[arg-type]


def test_a_food_entry_holds_what_was_eaten(nutrition: Nutrition) -> None:
    entry = food(nutrition, "greek yogurt", grams=200)
    assert (entry.food, entry.grams, entry.meal, entry.portion) == (
        "greek-yogurt-nonfat",
        200,
        Meal.BREAKFAST,
        None,
    )
    # 2 × 59 kcal, 2 × 10.19 g protein
    assert entry.nutrients.energy_kcal == pytest.approx(118)
    assert entry.nutrients.protein_g == pytest.approx(20.38)
    by_portion = food(nutrition, "eggs", portion="2 large", meal=Meal.DINNER)
    assert (by_portion.grams, by_portion.portion, by_portion.meal) == (100, "2 large", Meal.DINNER)


@pytest.mark.parametrize(
    ("hour", "meal"),
    [(3, Meal.SNACK), (7, Meal.BREAKFAST), (12, Meal.LUNCH), (16, Meal.SNACK), (19, Meal.DINNER)],
)
def test_the_time_of_day_names_the_meal(nutrition: Nutrition, hour: int, meal: Meal) -> None:
    assert food(nutrition, "banana", grams=100, local_time=time(hour, 30)).meal is meal


@pytest.mark.parametrize(
    ("given", "error", "message"),
    [
        ({"grams": -5}, InvalidInput, "grams must be more than 0 and at most 5000; got -5"),
        ({"grams": 0}, InvalidInput, "grams must be more than 0"),
        ({}, InvalidInput, "give the amount in grams or as a portion"),
        ({"grams": 10, "portion": "cup"}, InvalidInput, "give the amount in grams or as"),
        ({"portion": "bucket"}, InvalidInput, "'bucket' is not a portion of Banana"),
        ({"grams": 10, "at": NOW + timedelta(hours=1)}, InvalidInput, "is in the future"),
    ],
)
def test_bad_food_input(
    nutrition: Nutrition, given: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        food(nutrition, "banana", **given)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_unknown_food_suggests(nutrition: Nutrition) -> None:
    with pytest.raises(NotFound, match="did you mean 'banana'"):
        food(nutrition, "bannana", grams=100)


def test_supplement_entries_are_stored_in_the_dose_unit(nutrition: Nutrition) -> None:
    entry = log_supplement(
        nutrition.guide, "Creatine", amount=5000, unit=DoseUnit.MG, at=NOW, now=NOW
    )
    assert (entry.supplement, entry.amount, entry.unit) == ("creatine", 5, DoseUnit.G)
    with pytest.raises(InvalidInput, match="more than 0 and at most 100 g; got -5 g"):
        log_supplement(nutrition.guide, "creatine", amount=-5, unit=DoseUnit.G, at=NOW, now=NOW)


def test_a_day_against_the_targets(nutrition: Nutrition) -> None:
    # Woman, 60 kg, 165 cm, 35 y, light: 600 + 1031.25 − 175 − 161 = 1295.25; × 1.375 = 1780.97
    profile = Profile(
        weight_kg=60, height_cm=165, age_years=35, sex=Sex.FEMALE, activity=ActivityLevel.LIGHT
    )
    targets = compute_targets(profile, nutrition.guidance)
    entries = [
        food(nutrition, "oats", grams=80, meal=Meal.BREAKFAST),  # 303.2 kcal, 10.52 g protein
        food(nutrition, "milk", portion="cup", meal=Meal.BREAKFAST),  # 244 g: 148.84 kcal, 7.686 g
        food(nutrition, "chicken breast", grams=150, meal=Meal.LUNCH),  # 247.5 kcal, 46.53 g
        food(nutrition, "coffee", portion="cup", meal=Meal.LUNCH),  # 237 g: 94.8 mg caffeine
    ]
    taken = [
        log_supplement(nutrition.guide, "caffeine", amount=200, unit=DoseUnit.MG, at=NOW, now=NOW),
        log_supplement(nutrition.guide, "magnesium", amount=400, unit=DoseUnit.MG, at=NOW, now=NOW),
    ]
    day = summarize_day(entries, taken, targets, nutrition.guide)
    assert day.totals.energy_kcal == pytest.approx(303.2 + 148.84 + 247.5 + 2.37)
    assert day.totals.protein_g == pytest.approx(10.52 + 7.686 + 46.53 + 0.2844)
    assert day.totals.caffeine_mg == pytest.approx(94.8 + 200)
    assert day.energy_status == "below" and day.protein_status == "below"
    # per meal aim: 0.25 × 60 = 15 g to 0.4 × 60 = 24 g
    meals = {item.meal: item for item in day.protein_per_meal}
    assert meals[Meal.BREAKFAST].status == "within"  # 10.52 + 7.686 = 18.2 g
    assert meals[Meal.LUNCH].status == "above"  # 46.8 g
    assert (meals[Meal.LUNCH].low_g, meals[Meal.LUNCH].high_g) == pytest.approx((15, 24))
    assert day.caffeine_status == "within"
    assert day.warnings == [
        "Magnesium: 400 mg today, above the 350 mg a day that raises no safety concern"
    ]
    pregnant = compute_targets(profile.model_copy(update={"pregnant": True}), nutrition.guidance)
    later = summarize_day(entries, taken, pregnant, nutrition.guide)
    assert later.caffeine_status == "above"
    assert "above the 200 mg a day limit in pregnancy" in later.warnings[-1]


def test_a_day_without_targets_still_adds_up(nutrition: Nutrition) -> None:
    day = summarize_day([food(nutrition, "banana", grams=118)], [], None, nutrition.guide)
    assert day.totals.energy_kcal == pytest.approx(105.02)
    assert day.energy_status is None and day.protein_per_meal[0].status is None


def test_cautions_follow_the_profile(nutrition: Nutrition) -> None:
    profile = Profile(
        weight_kg=70,
        height_cm=175,
        age_years=50,
        sex=Sex.MALE,
        activity=ActivityLevel.LIGHT,
        kidney_disease=True,
    )
    cautions = supplement_cautions(nutrition.guide, "creatine", profile)
    assert cautions == [
        "you said you have kidney disease: take Creatine monohydrate only if your clinician agrees"
    ]
    assert supplement_cautions(nutrition.guide, "omega-3", profile) == []
    assert supplement_cautions(nutrition.guide, "creatine", None) == []
