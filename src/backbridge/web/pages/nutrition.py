"""``/nutrition``: today's totals against the targets, quick logging, the supplement guide; a
short profile form first when there is no profile. Forms post here; htmx swaps in the day."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backbridge.errors import BackbridgeError, InvalidInput
from backbridge.nutrition import DoseUnit, Meal
from backbridge.nutrition.guidance import ActivityLevel, Sex
from backbridge.nutrition.targets import PLANNING_ONLY, ProfileChanges
from backbridge.services.documents import citations, target_sources
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)

Text = Annotated[str, Form()]


def _context(state: State) -> dict[str, Any]:
    nutrition = state.nutrition
    day = nutrition.day()
    guide = nutrition.data.guide
    targets = day.targets
    return {
        "profile": nutrition.profile(),
        "day": day,
        "targets": targets,
        "target_citations": citations(state.catalog, target_sources(targets)) if targets else {},
        "guide": guide,
        "guide_citations": {
            item.slug: citations(state.catalog, item.cited_sources) for item in guide.supplements
        },
        "meals": list(Meal),
        "sexes": list(Sex),
        "activities": list(ActivityLevel),
        "units": list(DoseUnit),
        "planning_only": PLANNING_ONLY,
    }


@router.get("/nutrition", response_class=HTMLResponse)
def nutrition_page(request: Request, state: State) -> HTMLResponse:
    return render(request, "nutrition.html", **_context(state))


def _number(text: str, name: str, *, whole: bool = False) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return int(text) if whole else float(text)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise InvalidInput(f"{name} must be {kind}; got '{text}'") from None


@router.post("/nutrition/profile", response_model=None)
def store_profile(
    request: Request,
    state: State,
    weight: Text = "",
    height: Text = "",
    age: Text = "",
    sex: Text = "",
    activity: Text = "",
    kidney_disease: Text = "",
    pregnant: Text = "",
) -> Response:
    """The profile form; ticked boxes send ``yes``, unticked ones nothing."""
    try:
        age_years = _number(age, "age", whole=True)
        state.nutrition.save_profile(
            ProfileChanges(
                weight_kg=_number(weight, "weight"),
                height_cm=_number(height, "height"),
                age_years=None if age_years is None else int(age_years),
                sex=Sex(sex) if sex in set(Sex) else None,
                activity=ActivityLevel(activity) if activity in set(ActivityLevel) else None,
                kidney_disease=kidney_disease == "yes",
                pregnant=pregnant == "yes",
            ),
        )
    except BackbridgeError as error:
        return render(
            request, "nutrition.html", status_code=422, profile_error=str(error), **_context(state)
        )
    return RedirectResponse("/nutrition", status_code=303)


def _day_answer(request: Request, state: State, message: str | None, error: str | None) -> Response:
    """htmx gets the day section (errors included, status 200 so it is swapped in); a plain
    form post gets the page again (after a redirect when it worked)."""
    if request.headers.get("HX-Request"):
        return render(
            request, "partials/nutrition_day.html", message=message, error=error,
            **_context(state),
        )  # fmt: skip
    if error is None:
        return RedirectResponse("/nutrition", status_code=303)
    return render(request, "nutrition.html", status_code=422, error=error, **_context(state))


@router.post("/nutrition/food", response_model=None)
def log_food(
    request: Request,
    state: State,
    food: Text = "",
    grams: Text = "",
    portion: Text = "",
    meal: Text = "",
) -> Response:
    """The quick-log form: a food by grams or by a portion, eaten now."""
    try:
        if not food.strip():
            raise InvalidInput("type a food, e.g. greek yogurt")
        entry = state.nutrition.record_food(
            food,
            grams=_number(grams, "grams"),
            portion=portion.strip() or None,
            meal=Meal(meal) if meal in set(Meal) else None,
        )
    except BackbridgeError as error:
        return _day_answer(request, state, None, str(error))
    amount = f"{entry.grams:g} g" + (f" ({entry.portion})" if entry.portion else "")
    message = (
        f"Saved: {amount} {entry.food_name}, {entry.meal}: "
        f"{entry.nutrients.energy_kcal:.0f} kcal, {entry.nutrients.protein_g:.1f} g protein."
    )
    return _day_answer(request, state, message, None)


@router.post("/nutrition/food/{entry_id}/delete", response_model=None)
def delete_food(request: Request, state: State, entry_id: uuid.UUID) -> Response:
    """The Delete button of a food entry (it asks first)."""
    try:
        removed = state.nutrition.delete_food_entry(entry_id)
    except BackbridgeError as error:
        return _day_answer(request, state, None, str(error))
    message = f"Deleted: {removed.grams:g} g {removed.food_name}."
    return _day_answer(request, state, message, None)


@router.post("/nutrition/supplement", response_model=None)
def log_supplement(
    request: Request,
    state: State,
    supplement: Text = "",
    amount: Text = "",
    unit: Text = "",
) -> Response:
    """The supplement form: an amount taken now."""
    try:
        value = _number(amount, "the amount")
        if value is None:
            raise InvalidInput("give the amount, e.g. 5 (grams of creatine)")
        logged = state.nutrition.record_supplement(
            supplement, value, DoseUnit(unit) if unit in set(DoseUnit) else None
        )
    except BackbridgeError as error:
        return _day_answer(request, state, None, str(error))
    entry = logged.entry
    lines = [f"Saved: {logged.supplement.name} {entry.amount:g} {entry.unit}.", *logged.cautions]
    return _day_answer(request, state, " ".join(lines), None)
