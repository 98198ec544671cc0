"""The REST API under ``/api/v1``, one module per noun."""

from __future__ import annotations

from fastapi import APIRouter

from backbridge.web.api import (
    checkins,
    exercises,
    history,
    nutrition,
    plans,
    screening,
    sessions,
    sets,
)


def routers() -> list[APIRouter]:
    return [
        exercises.router,
        plans.router,
        sessions.router,
        sets.router,
        checkins.router,
        screening.router,
        history.router,
        nutrition.router,
    ]
