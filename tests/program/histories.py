"""Small hand-built training histories for the progression tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from backbridge.catalog.models import BlockKind
from backbridge.program.history import (
    CheckIn,
    CheckInKind,
    LoggedSet,
    SessionStatus,
    Side,
    TrainingSession,
)
from backbridge.program.plan import Prescription

START = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
USER = uuid.UUID(int=99)
PER_SIDE = {"clamshell": True, "banded-clamshell": True, "side-plank-clamshell": True}


def clam_session(
    day: int,
    exercise: str = "banded-clamshell",
    band: str | None = "yellow",
    reps: int = 10,
    *,
    done: list[int] | None = None,
    rpe: float | None = 7,
    rir: int | None = None,
    pain: int | list[int] | None = 2,
    before: int | None = 2,
    morning: int | None = 2,
    planned: bool = True,
    sets: int = 3,
) -> TrainingSession:
    """One session of the clamshell slot on ``START + day`` days: prescribed ``reps`` at
    ``band``; ``done`` gives the reps of each set (both sides), the target by default."""
    moment = START + timedelta(days=day)
    session_id = uuid.uuid5(USER, f"{day}-{exercise}-{band}-{reps}")
    per_side = PER_SIDE.get(exercise, False)
    done = done if done is not None else [reps] * sets
    pains = pain if isinstance(pain, list) else [pain] * sets
    rows = [
        LoggedSet(
            id=uuid.uuid5(session_id, f"{number}-{side}"),
            session_id=session_id,
            exercise=exercise,
            block=BlockKind.MAIN,
            set_number=number,
            side=side,
            reps=count,
            band=band,
            rpe=rpe,
            reps_in_reserve=rir,
            pain=pains[number - 1],
            performed_at=moment + timedelta(minutes=number),
        )
        for number, count in enumerate(done, 1)
        for side in ((Side.LEFT, Side.RIGHT) if per_side else (None,))
    ]
    checkins = []
    if before is not None:
        checkins.append(CheckIn(id=uuid.uuid5(session_id, "b"), session_id=session_id,
                                kind=CheckInKind.BEFORE, pain=before, recorded_at=moment))  # fmt: skip
    if morning is not None:
        checkins.append(CheckIn(id=uuid.uuid5(session_id, "m"), session_id=session_id,
                                kind=CheckInKind.NEXT_MORNING, pain=morning,
                                recorded_at=moment + timedelta(hours=15)))  # fmt: skip
    target = Prescription(exercise=exercise, sets=sets, reps=reps, per_side=per_side,
                          rest_seconds=60, band=band)  # fmt: skip
    plan = {"program": "glute-lower-back", "blocks": [
        {"kind": "main", "title": "Glute work", "intro": "-", "items": [target.model_dump(mode="json")]}
    ]} if planned else None  # fmt: skip
    return TrainingSession(
        id=session_id,
        user_id=USER,
        program="glute-lower-back",
        status=SessionStatus.COMPLETED,
        started_at=moment,
        ended_at=moment + timedelta(minutes=40),
        plan=plan,
        sets=tuple(rows),
        checkins=tuple(checkins),
    )


def next_day(history: list[TrainingSession], days: int = 2) -> datetime:
    return history[-1].started_at + timedelta(days=days)
