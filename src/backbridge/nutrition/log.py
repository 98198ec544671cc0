"""The food and supplement log: entries checked as they are made, and one day's totals against
the targets, with protein per meal.

A food entry keeps what was eaten in nutrients, computed when it was logged, so the day's
totals never change when the food table is corrected later, and a backup restores them exactly.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, time
from typing import Annotated

from pydantic import Field

from backbridge.catalog.models import Record, Slug
from backbridge.clock import check_past
from backbridge.errors import InvalidInput
from backbridge.nutrition.foods import FoodTable, Nutrients, portion_grams
from backbridge.nutrition.guidance import Guidance, Meal
from backbridge.nutrition.supplements import Condition, DoseUnit, SupplementGuide
from backbridge.nutrition.targets import Profile, Targets
from backbridge.values import MAX_FOOD_NAME, Moment, Name, text_validator

MAX_GRAMS = 5000.0
MAX_DOSE = {DoseUnit.G: 100.0, DoseUnit.MG: 20000.0, DoseUnit.IU: 100000.0}


class FoodEntry(Record):
    id: uuid.UUID
    food: Slug
    food_name: Annotated[str, text_validator("the food's name", MAX_FOOD_NAME)]
    grams: float = Field(gt=0, le=MAX_GRAMS)
    portion: Name | None = None
    meal: Meal
    eaten_at: Moment
    nutrients: Nutrients


class SupplementEntry(Record):
    id: uuid.UUID
    supplement: Slug
    amount: float = Field(gt=0, le=max(MAX_DOSE.values()))
    unit: DoseUnit
    taken_at: Moment


def check_grams(grams: float) -> float:
    if not 0 < grams <= MAX_GRAMS:
        raise InvalidInput(f"grams must be more than 0 and at most {MAX_GRAMS:g}; got {grams:g}")
    return grams


def check_moment(moment: datetime, now: datetime) -> datetime:
    """Refuse naive and future times: an entry is logged after it happened."""
    return check_past(moment, now, "log what you have eaten or taken, or give a past time")


def log_food(
    table: FoodTable,
    text: str,
    *,
    grams: float | None,
    portion: str | None,
    meal: Meal | None,
    at: datetime,
    local_time: time,
    now: datetime,
    guidance: Guidance,
) -> FoodEntry:
    """A checked entry for ``grams`` or a ``portion`` of the food ``text`` names.

    Without a meal, ``local_time`` names it (``meals`` in ``nutrition.yaml``).
    """
    if (grams is None) == (portion is None):
        raise InvalidInput("give the amount in grams or as a portion (e.g. a cup), one of the two")
    if grams is not None:
        check_grams(grams)
    check_moment(at, now)
    food = table.resolve(text)
    amount, label = (grams, None) if grams is not None else portion_grams(food, portion or "")
    return FoodEntry(
        id=uuid.uuid4(),
        food=food.slug,
        food_name=food.name,
        grams=check_grams(amount),
        portion=label,
        meal=meal or guidance.meals.meal_at(local_time.hour),
        eaten_at=at,
        nutrients=food.per_100g.amount(amount),
    )


def log_supplement(
    guide: SupplementGuide,
    text: str,
    *,
    amount: float,
    unit: DoseUnit,
    at: datetime,
    now: datetime,
) -> SupplementEntry:
    """A checked entry, with the amount in the supplement's own dose unit."""
    supplement = guide.supplement(text)
    converted = supplement.to_dose_unit(amount, unit)
    largest = MAX_DOSE[supplement.dose.unit]
    if not 0 < converted <= largest:
        raise InvalidInput(
            f"the amount must be more than 0 and at most {largest:g} {supplement.dose.unit}; "
            f"got {amount:g} {unit}"
        )
    check_moment(at, now)
    return SupplementEntry(
        id=uuid.uuid4(),
        supplement=supplement.slug,
        amount=converted,
        unit=supplement.dose.unit,
        taken_at=at,
    )


def status(value: float, low: float | None, high: float | None) -> str | None:
    """``below``, ``within`` or ``above`` the range; ``None`` without one."""
    if low is None or high is None:
        return None
    if value < low:
        return "below"
    return "above" if value > high else "within"


class MealProtein(Record):
    meal: Meal
    protein_g: float
    low_g: float | None
    high_g: float | None
    status: str | None


class SupplementTotal(Record):
    supplement: Slug
    name: str
    amount: float
    unit: DoseUnit
    daily_upper: float | None
    adds_caffeine: bool = False


class DaySummary(Record):
    foods: list[FoodEntry]
    supplements: list[SupplementEntry]
    supplement_totals: list[SupplementTotal]
    totals: Nutrients
    """From foods, plus caffeine from caffeine supplements."""
    by_meal: dict[Meal, Nutrients]
    protein_per_meal: list[MealProtein]
    targets: Targets | None
    energy_status: str | None
    protein_status: str | None
    caffeine_status: str | None
    warnings: list[str]


def summarize_day(
    foods: Sequence[FoodEntry],
    supplements: Sequence[SupplementEntry],
    targets: Targets | None,
    guide: SupplementGuide,
) -> DaySummary:
    """One day's totals against the targets (or without targets when there is no profile)."""
    by_meal = {
        meal: Nutrients.total(entry.nutrients for entry in foods if entry.meal is meal)
        for meal in Meal
        if any(entry.meal is meal for entry in foods)
    }
    totals = Nutrients.total(entry.nutrients for entry in foods)
    supplement_totals = _supplement_totals(supplements, guide)
    caffeine_tablets = sum(item.amount for item in supplement_totals if item.adds_caffeine)
    totals = totals + Nutrients(caffeine_mg=caffeine_tablets)
    protein = targets.protein if targets else None
    per_meal = [
        MealProtein(
            meal=meal,
            protein_g=amount.protein_g,
            low_g=protein.per_meal_low_g if protein else None,
            high_g=protein.per_meal_high_g if protein else None,
            status=status(
                amount.protein_g,
                protein.per_meal_low_g if protein else None,
                protein.per_meal_high_g if protein else None,
            ),
        )
        for meal, amount in by_meal.items()
    ]
    limit = targets.caffeine.limit_mg if targets else None
    warnings = [
        f"{item.name}: {item.amount:g} {item.unit} today, above the {item.daily_upper:g} "
        f"{item.unit} a day that raises no safety concern"
        for item in supplement_totals
        if item.daily_upper is not None and not item.adds_caffeine
        if item.amount > item.daily_upper
    ]
    if limit is not None and totals.caffeine_mg > limit:
        warnings.append(
            f"caffeine: about {totals.caffeine_mg:.0f} mg today, above the {limit} mg a day limit"
            + (" in pregnancy" if targets and targets.caffeine.pregnant else "")
        )
    return DaySummary(
        foods=list(foods),
        supplements=list(supplements),
        supplement_totals=supplement_totals,
        totals=totals,
        by_meal=by_meal,
        protein_per_meal=per_meal,
        targets=targets,
        energy_status=status(totals.energy_kcal, targets.energy.low_kcal, targets.energy.high_kcal)
        if targets
        else None,
        protein_status=status(totals.protein_g, protein.low_g, protein.high_g) if protein else None,
        caffeine_status=status(totals.caffeine_mg, 0, limit) if limit is not None else None,
        warnings=warnings,
    )


def _supplement_totals(
    entries: Sequence[SupplementEntry], guide: SupplementGuide
) -> list[SupplementTotal]:
    """The day's amount of each supplement; one no longer in the guide keeps its stored unit."""
    amounts: dict[tuple[str, DoseUnit], float] = {}
    for entry in entries:
        key = (entry.supplement, entry.unit)
        amounts[key] = amounts.get(key, 0.0) + entry.amount
    totals = []
    for (slug, unit), amount in amounts.items():
        supplement = guide.find(slug)
        totals.append(
            SupplementTotal(
                supplement=slug,
                name=supplement.name if supplement else slug,
                amount=amount,
                unit=unit,
                daily_upper=supplement.dose.daily_upper if supplement else None,
                adds_caffeine=bool(supplement and supplement.adds_caffeine),
            )
        )
    return totals


def supplement_cautions(guide: SupplementGuide, slug: str, profile: Profile | None) -> list[str]:
    """Why this supplement needs a clinician's agreement for this person, if it does."""
    if profile is None:
        return []
    supplement = guide.supplement(slug)
    reasons = {
        Condition.KIDNEY_DISEASE: profile.kidney_disease,
        Condition.PREGNANCY: profile.pregnant,
    }
    said = {
        Condition.KIDNEY_DISEASE: "you said you have kidney disease",
        Condition.PREGNANCY: "you said you are pregnant",
    }
    return [
        f"{said[condition]}: take {supplement.name} only if your clinician agrees"
        for condition in supplement.cautions
        if reasons[condition]
    ]
