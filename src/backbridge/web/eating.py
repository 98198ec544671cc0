"""What the web does with food and supplements: the profile, today's log against the targets,
logging a food or a supplement, the supplement guide. The same functions as ``backbridge
nutrition|food|supplement``; routes call these and render what comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from backbridge.errors import NotFound
from backbridge.nutrition import DaySummary, DoseUnit, Meal, Supplement, Targets
from backbridge.nutrition.guidance import ActivityLevel, Sex
from backbridge.nutrition.log import (
    FoodEntry,
    SupplementEntry,
    log_supplement,
    supplement_cautions,
)
from backbridge.nutrition.targets import Profile, ProfileChanges, update_profile
from backbridge.web.state import Backbridge

NO_PROFILE = (
    "no nutrition profile yet: give weight, height, age, sex and activity level once "
    "(the Nutrition page, or PUT /api/v1/nutrition/profile); later calls reuse it"
)
PLANNING_ONLY = "Estimates for planning, not medical advice."


def profile(state: Backbridge) -> Profile:
    stored = state.services.nutrition_log.profile()
    if stored is None:
        raise NotFound(NO_PROFILE)
    return stored


def save_profile(state: Backbridge, changes: ProfileChanges) -> Targets:
    """The stored profile updated with ``changes`` (checked like the CLI's), and its targets."""
    services = state.services
    updated = update_profile(services.nutrition_log.profile(), changes)
    services.nutrition_log.save_profile(updated, state.now())
    targets = services.nutrition_targets()
    assert targets is not None
    return targets


def targets(state: Backbridge) -> Targets:
    result = state.services.nutrition_targets()
    if result is None:
        raise NotFound(NO_PROFILE)
    return result


def citations(state: Backbridge, keys: list[str]) -> dict[str, str]:
    return {key: state.services.catalog.source(key).citation for key in keys}


def target_sources(result: Targets) -> list[str]:
    keys = [*result.energy.sources, *result.protein.sources, *result.caffeine.sources]
    return list(dict.fromkeys(keys))


def day_bounds(state: Backbridge) -> tuple[datetime, datetime]:
    """Today in the local time zone, as aware datetimes."""
    day = state.today()
    start = datetime.combine(day, time.min).astimezone()
    return start, datetime.combine(day + timedelta(days=1), time.min).astimezone()


def today(state: Backbridge) -> DaySummary:
    return state.services.food_day(*day_bounds(state))


def day_document(state: Backbridge, day: DaySummary) -> dict[str, Any]:
    return {"day": state.today().isoformat(), **day.model_dump(mode="json")}


def record_food(
    state: Backbridge,
    food: str,
    *,
    grams: float | None,
    portion: str | None,
    meal: Meal | None,
) -> FoodEntry:
    """Check and store one food entry, eaten now; the meal follows the clock when not given."""
    now = state.now()
    return state.services.record_food(
        food, grams=grams, portion=portion, meal=meal, at=now, now=now
    )


@dataclass(frozen=True)
class SupplementLogged:
    entry: SupplementEntry
    supplement: Supplement
    cautions: list[str]


def record_supplement(
    state: Backbridge, supplement: str, amount: float, unit: DoseUnit | None
) -> SupplementLogged:
    """Check and store one supplement entry, taken now (in the supplement's unit if none)."""
    services, now = state.services, state.now()
    guide = services.nutrition.guide
    item = guide.supplement(supplement)
    entry = log_supplement(
        guide, supplement, amount=amount, unit=unit or item.dose.unit, at=now, now=now
    )
    services.nutrition_log.record_supplement(entry)
    cautions = supplement_cautions(guide, entry.supplement, services.nutrition_log.profile())
    return SupplementLogged(entry, item, cautions)


def supplement_document(state: Backbridge, item: Supplement) -> dict[str, Any]:
    document = item.model_dump(mode="json")
    document["source_citations"] = citations(state, item.cited_sources)
    return document


def guide_document(state: Backbridge) -> dict[str, Any]:
    guide = state.services.nutrition.guide
    return {
        "note": guide.note,
        "out_of_scope": guide.out_of_scope,
        "grades": guide.grades.model_dump(mode="json"),
        "supplements": [supplement_document(state, item) for item in guide.supplements],
    }


def changes(
    weight_kg: float | None = None,
    height_cm: float | None = None,
    age_years: int | None = None,
    sex: Sex | None = None,
    activity: ActivityLevel | None = None,
    kidney_disease: bool | None = None,
    pregnant: bool | None = None,
) -> ProfileChanges:
    return ProfileChanges(weight_kg, height_cm, age_years, sex, activity, kidney_disease, pregnant)
