"""``/nutrition``: the profile and targets, the food table, today's food and supplement log,
and the supplement guide; the same functions as ``backbridge nutrition|food|supplement``."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from backbridge.nutrition import DoseUnit, Meal
from backbridge.nutrition.guidance import ActivityLevel, Sex
from backbridge.nutrition.log import MAX_DOSE, MAX_GRAMS
from backbridge.nutrition.targets import AGE_YEARS, HEIGHT_CM, WEIGHT_KG, ProfileChanges
from backbridge.services import documents
from backbridge.values import MAX_NAME, Flag, Name, stated_range
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(prefix="/nutrition", tags=["nutrition"])


class ProfileBody(BaseModel):
    """Values to store; those left out keep the stored value (all five are needed the first
    time)."""

    model_config = ConfigDict(extra="forbid")

    weight_kg: float | None = stated_range(*WEIGHT_KG, default=None, description="Weight, kg.")
    height_cm: float | None = stated_range(*HEIGHT_CM, default=None, description="Height, cm.")
    age_years: int | None = Field(
        default=None,
        strict=True,
        json_schema_extra={"minimum": AGE_YEARS[0], "maximum": AGE_YEARS[1]},
        description="Age, years.",
    )
    sex: Sex | None = None
    activity: ActivityLevel | None = None
    kidney_disease: Flag | None = None
    pregnant: Flag | None = None


class FoodEntryBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    food: Name = Field(description='A slug, name or words, e.g. "greek yogurt".')
    grams: float | None = stated_range(0, MAX_GRAMS, above=True, default=None, description="g")
    portion: Name | None = Field(default=None, description='Instead of grams, e.g. "cup".')
    meal: Meal | None = Field(default=None, description="Default: by the time of day.")


class SupplementEntryBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    supplement: Name = Field(description="A slug or name, e.g. creatine.")
    amount: float = stated_range(0, max(MAX_DOSE.values()), above=True, description="In `unit`.")
    unit: DoseUnit | None = Field(default=None, description="Default: the supplement's unit.")


def _targets_document(state: State) -> dict[str, Any]:
    return documents.targets_document(state.catalog, state.nutrition.require_targets())


@router.get("/profile", responses=refusals(404))
def read_profile(state: State) -> dict[str, Any]:
    return state.nutrition.require_profile().model_dump(mode="json")


@router.put("/profile", responses=refusals(403, 422))
def store_profile(state: State, body: ProfileBody) -> dict[str, Any]:
    """Create or update the profile, like ``backbridge nutrition targets --weight ...``;
    answers with the targets."""
    state.nutrition.save_profile(ProfileChanges(**body.model_dump()))
    return _targets_document(state)


@router.get("/targets", responses=refusals(404))
def read_targets(state: State) -> dict[str, Any]:
    """Energy, protein and the caffeine limit, with the working and the sources."""
    return _targets_document(state)


@router.get("/foods", responses=refusals(422))
def search_foods(
    state: State,
    search: str = Query(min_length=1, max_length=MAX_NAME, description="Words to look for."),
) -> list[dict[str, Any]]:
    """Foods matching ``search`` (typos tolerated), best first; figures per 100 g."""
    return [food.model_dump(mode="json") for food in state.nutrition.foods().search(search)]


@router.get("/day")
def read_day(state: State) -> dict[str, Any]:
    """Today's entries, totals against the targets and protein per meal, like
    ``backbridge food today --json`` (``targets`` is null before a profile is stored)."""
    return {"day": state.today().isoformat(), **state.nutrition.day().model_dump(mode="json")}


@router.post("/food-entries", status_code=201, responses=refusals(403, 404, 422))
def record_food(state: State, body: FoodEntryBody) -> dict[str, Any]:
    """Log a food eaten now, by grams or by a portion, like ``backbridge food log``."""
    entry = state.nutrition.record_food(
        body.food, grams=body.grams, portion=body.portion, meal=body.meal
    )
    return {
        "entry": entry.model_dump(mode="json"),
        "day": state.nutrition.day().model_dump(mode="json"),
    }


@router.delete("/food-entries/{entry_id}", status_code=204, responses=refusals(403, 404, 422))
def delete_food(state: State, entry_id: uuid.UUID) -> Response:
    """Take back a food entry logged by mistake; the day's totals follow."""
    state.nutrition.delete_food_entry(entry_id)
    return Response(status_code=204)


@router.post("/supplement-entries", status_code=201, responses=refusals(403, 404, 422))
def record_supplement(state: State, body: SupplementEntryBody) -> dict[str, Any]:
    """Log a supplement taken now, like ``backbridge supplement log``."""
    logged = state.nutrition.record_supplement(body.supplement, body.amount, body.unit)
    day = state.nutrition.day()
    return {
        "entry": logged.entry.model_dump(mode="json"),
        "cautions": logged.cautions,
        "warnings": day.warnings,
        "log_as_food": logged.supplement.log_as_food,
    }


@router.get("/supplements")
def list_supplements(state: State) -> dict[str, Any]:
    """The guide, like ``backbridge supplements --json``."""
    return documents.guide_document(state.catalog, state.nutrition.data.guide)


@router.get("/supplements/{slug}", responses=refusals(404))
def read_supplement(state: State, slug: str) -> dict[str, Any]:
    item = state.nutrition.data.guide.supplement(slug)
    return documents.supplement_document(state.catalog, item)
