"""``/programs`` and ``/plan``: the program templates and the next session with its reasons."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.services.documents import plan_document
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(tags=["program and plan"])


@router.get("/programs")
def list_programs(state: State) -> list[dict[str, Any]]:
    return [program.model_dump(mode="json") for program in state.catalog.programs]


@router.get("/programs/{slug}", responses=refusals(404))
def show_program(state: State, slug: str) -> dict[str, Any]:
    return state.catalog.program(slug).model_dump(mode="json")


@router.get("/plan", responses=refusals(404, 422))
def next_plan(state: State, program: str = DEFAULT_PROGRAM) -> dict[str, Any]:
    """The next session's main exercises, each with the reason for its dose: the shape of
    ``backbridge plan --json``. While a red flag stands, ``stopped`` is true, ``stop_reason``
    holds the referral and the list is empty."""
    return plan_document(state.overview.plan(program))
