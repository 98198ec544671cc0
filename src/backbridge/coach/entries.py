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

MAX_REPS = 200
MAX_SECONDS = 3600
MAX_NOTE = 500


def check_pain(pain: int) -> int:
    if not 0 <= pain <= 10:
        raise InvalidInput(
            f"pain must be a whole number from 0 (no pain) to 10 (worst imaginable); got {pain}"
        )
    return pain


def check_reps(reps: int) -> int:
    if not 0 <= reps <= MAX_REPS:
        raise InvalidInput(f"reps must be a whole number from 0 to {MAX_REPS}; got {reps}")
    return reps


def check_seconds(seconds: int) -> int:
    if not 0 <= seconds <= MAX_SECONDS:
        raise InvalidInput(f"seconds must be from 0 to {MAX_SECONDS}; got {seconds}")
    return seconds


def check_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"a note can hold up to {MAX_NOTE} characters; this one has {len(note)}")
    return note.strip()


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
