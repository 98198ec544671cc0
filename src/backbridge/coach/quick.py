"""Logging outside the guided flow: one set at a time, and pain check-ins.

A quick set goes into the session of its day, opened if there is none; a next-morning
check-in belongs to the last session before that morning.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Kind
from backbridge.coach import entries
from backbridge.coach.ports import SessionStore
from backbridge.errors import InvalidInput
from backbridge.program.history import (
    CheckIn,
    CheckInKind,
    EntrySource,
    LoggedSet,
    SessionStatus,
    Side,
    TrainingSession,
)

BLOCK_OF_KIND = {
    Kind.EXERCISE: BlockKind.MAIN,
    Kind.WARM_UP: BlockKind.WARM_UP,
    Kind.STRETCH: BlockKind.STRETCH,
}


@dataclass(frozen=True)
class ManualSet:
    """A set as typed on the command line; nothing is trusted until :func:`log_set` checks it."""

    exercise: str
    reps: int | None = None
    seconds: int | None = None
    side: Side | None = None
    band: str | None = None
    effort: str = ""
    pain: int | None = None
    note: str | None = None
    source: EntrySource = EntrySource.MANUAL
    """``camera`` when the camera coach counted the reps."""


def log_set(
    store: SessionStore,
    catalog: Catalog,
    entry: ManualSet,
    *,
    at: datetime,
    now: datetime,
    day: tuple[datetime, datetime],
    program: str,
) -> tuple[LoggedSet, TrainingSession]:
    """Check the entry, then append it to the session of ``day`` (``[start, end)``, the local
    calendar day of ``at``), opening one if there is none. Nothing is written if a check fails."""
    exercise = catalog.exercise(entry.exercise)
    entries.check_moment(at, now)
    if (entry.reps is None) == (entry.seconds is None):
        raise InvalidInput("give the reps done (or the seconds held, for a timed move), not both")
    side = entries.check_side(exercise, entry.side)
    band = entries.check_band(catalog, exercise, entry.band)
    rpe, reserve = entries.parse_effort(entry.effort)
    reps = None if entry.reps is None else entries.check_reps(entry.reps)
    seconds = None if entry.seconds is None else entries.check_seconds(entry.seconds)
    pain = None if entry.pain is None else entries.check_pain(entry.pain)
    note = entries.check_note(entry.note)
    block = BLOCK_OF_KIND[exercise.kind]
    session = store.day_session(*day) or store.open_logged_session(program, at)
    last = store.last_set_number(session.id, exercise.slug, block, side)
    row = LoggedSet(
        id=uuid.uuid4(),
        session_id=session.id,
        exercise=exercise.slug,
        block=block,
        set_number=last + 1,
        side=side,
        reps=reps,
        seconds=seconds,
        band=band,
        rpe=rpe,
        reps_in_reserve=reserve,
        pain=pain,
        note=note,
        source=entry.source,
        performed_at=at,
    )
    store.record_sets([row])
    return row, session


def record_checkin(
    store: SessionStore,
    kind: CheckInKind,
    pain: int,
    *,
    note: str | None,
    now: datetime,
    today: tuple[datetime, datetime],
) -> tuple[CheckIn, TrainingSession | None]:
    """Store a check-in linked to the session it is about: for ``before``, today's session if
    one is under way; for ``next-morning``, the last session started before today."""
    entries.check_pain(pain)
    if kind is CheckInKind.BEFORE:
        session = store.session_started_between(*today)
        if session is not None and session.status is not SessionStatus.IN_PROGRESS and session.sets:
            session = None
    else:
        session = store.latest_session_before(today[0])
    checkin = CheckIn(
        id=uuid.uuid4(),
        session_id=None if session is None else session.id,
        kind=kind,
        pain=pain,
        note=entries.check_note(note),
        recorded_at=now,
    )
    store.record_checkin(checkin)
    return checkin, session
