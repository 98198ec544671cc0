"""``/programs`` and ``/plan``: the program templates and the next session with its reasons."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from backbridge.web.documents import plan_document
from backbridge.web.state import DEFAULT_PROGRAM, State

router = APIRouter(tags=["program and plan"])


@router.get("/programs")
def list_programs(state: State) -> list[dict[str, Any]]:
    return [program.model_dump(mode="json") for program in state.services.catalog.programs]


@router.get("/programs/{slug}")
def show_program(state: State, slug: str) -> dict[str, Any]:
    return state.services.catalog.program(slug).model_dump(mode="json")


@router.get("/plan")
def next_plan(state: State, program: str = DEFAULT_PROGRAM) -> dict[str, Any]:
    """The next session's main exercises, each with the reason for its dose: the shape of
    ``backbridge plan --json``. While a red flag stands, ``stopped`` is true, ``stop_reason``
    holds the referral and the list is empty."""
    return plan_document(state.services, state.services.catalog.program(program).slug, state.now())
