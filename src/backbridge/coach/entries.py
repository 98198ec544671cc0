"""Checks on what a person enters, each failing with one line that says what to do instead.

The same checks guard the guided session, quick logging, the camera coach and the API, so a
value refused in one place is refused everywhere.
"""

from __future__ import annotations

from datetime import datetime

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import Exercise, Laterality
from backbridge.clock import check_past
from backbridge.errors import InvalidInput
from backbridge.program.history import Side


def check_side(exercise: Exercise, side: Side | None) -> Side | None:
    """A side is required for one-side-at-a-time work and refused for two-sided work."""
    if exercise.laterality is Laterality.BILATERAL and side is not None:
        raise InvalidInput(f"{exercise.slug} works both sides at once; leave out the side")
    if exercise.laterality is Laterality.ONE_SIDE and side is None:
        raise InvalidInput(
            f"{exercise.slug} is done one side at a time; say which side (left or right)"
        )
    return side


def check_band(catalog: Catalog, exercise: Exercise, band: str | None) -> str | None:
    """The band's slug, or None; refuses a band on band-free exercises and unknown colours."""
    if band is None or band.strip().lower() in ("", "none"):
        return None
    if not exercise.uses_band:
        raise InvalidInput(f"{exercise.slug} is done without a band; leave out the band")
    return catalog.band(band).slug


def check_moment(moment: datetime, now: datetime) -> datetime:
    """Refuse naive or future times; a set cannot be logged before it happened."""
    return check_past(moment, now, "log a set when it is done, or give a past time")
