"""Run the progression engine on made-up histories to show how the program behaves.

A simulated person trains three times a week. Each session the engine plans the next dose
from everything "logged" so far; the person does what they can at that dose, reports effort
and pain, and checks in the next morning. Profiles:

- ``steady``: gets a little stronger every session, back pain low and settled;
- ``flare``: the same, with a flare-up in weeks 4 to 6 (more pain during the sets and a worse
  next morning);
- ``irregular``: a beginner with two breaks (about 9 and 16 days) and forgotten check-ins.

Deterministic for a given seed: the same call prints the same trajectory.
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Program
from backbridge.program.history import (
    CheckIn,
    CheckInKind,
    EntrySource,
    LoggedSet,
    SessionStatus,
    Side,
    TrainingSession,
)
from backbridge.program.ladder import Ladder
from backbridge.program.plan import Prescription
from backbridge.program.progression import plan_next_session

TRAINING_WEEKDAYS = (0, 2, 4)  # Monday, Wednesday, Friday


class Profile(StrEnum):
    STEADY = "steady"
    FLARE = "flare"
    IRREGULAR = "irregular"


@dataclass(frozen=True)
class SimulatedSession:
    week: int
    started_at: datetime
    prescriptions: tuple[Prescription, ...]
    pain_before: int
    max_pain_during: int
    pain_next_morning: int | None


@dataclass
class _Person:
    strength: dict[str, float]
    growth: float


def simulate(
    program: Program,
    catalog: Catalog,
    weeks: int,
    profile: Profile,
    start: datetime,
    seed: int = 7,
) -> list[SimulatedSession]:
    rng = random.Random(f"{profile}-{seed}")
    main = next(block for block in program.blocks if block.kind is BlockKind.MAIN)
    ladders = {
        item.exercise: Ladder(item.exercise, catalog, catalog.rules.progression)
        for item in main.items
    }
    person = _Person(strength={}, growth=0.45 if profile is not Profile.IRREGULAR else 0.35)
    user = uuid.UUID(int=seed)
    history: list[TrainingSession] = []
    results = []
    for moment in _schedule(start, weeks, profile):
        week = (moment - start).days // 7 + 1
        plan = plan_next_session(program, catalog, history, moment)
        flare = profile is Profile.FLARE and 4 <= week <= 6
        before = rng.choice((4, 5)) if flare else rng.choice((1, 2, 2, 3))
        session_id = uuid.uuid5(user, moment.isoformat())
        sets: list[LoggedSet] = []
        during = []
        for item in plan.main_items():
            ladder = next(lad for lad in ladders.values() if item.exercise in lad)
            level = ladder.locate(item.exercise, item.band, item.reps)
            strength = person.strength.setdefault(ladder.anchor, level + 1.5)
            margin = strength - level
            pain = min(10, before + (2 if flare else 0) + (1 if margin < 0.5 else 0))
            during.append(pain)
            sets += _perform(session_id, item, margin, pain, moment)
            if margin >= 0:
                person.strength[ladder.anchor] = strength + person.growth * (0.4 if flare else 1)
        morning: int | None = before + (2 if flare else 0) - (1 if before > 1 and not flare else 0)
        if profile is Profile.IRREGULAR and rng.random() < 0.25:
            morning = None
        checkins = [CheckIn(id=uuid.uuid5(session_id, "before"), session_id=session_id,
                            kind=CheckInKind.BEFORE, pain=before, recorded_at=moment)]  # fmt: skip
        if morning is not None:
            checkins.append(CheckIn(id=uuid.uuid5(session_id, "morning"), session_id=session_id,
                                    kind=CheckInKind.NEXT_MORNING, pain=morning,
                                    recorded_at=moment + timedelta(hours=15)))  # fmt: skip
        history.append(
            TrainingSession(
                id=session_id,
                user_id=user,
                program=program.slug,
                status=SessionStatus.COMPLETED,
                started_at=moment,
                ended_at=moment + timedelta(minutes=40),
                plan=plan.model_dump(mode="json"),
                sets=tuple(sets),
                checkins=tuple(checkins),
            )
        )
        results.append(
            SimulatedSession(week, moment, plan.main_items(), before, max(during), morning)
        )
    return results


def _schedule(start: datetime, weeks: int, profile: Profile) -> list[datetime]:
    days = [start + timedelta(days=d) for d in range(weeks * 7)]
    moments = [d for d in days if d.weekday() in TRAINING_WEEKDAYS]
    if profile is Profile.IRREGULAR:
        breaks = [(start + timedelta(days=15), 9), (start + timedelta(days=45), 16)]
        for first, length in breaks:
            moments = [m for m in moments if not first <= m < first + timedelta(days=length)]
    return moments


def _perform(
    session_id: uuid.UUID, item: Prescription, margin: float, pain: int, moment: datetime
) -> list[LoggedSet]:
    """The sets a person with this much strength to spare does at the prescribed dose."""
    target = item.reps or 0
    reps = target if margin >= 0 else max(0, target - math.ceil(-margin * 3))
    rpe = min(10.0, max(5.0, round((9 - margin) * 2) / 2))
    sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if item.per_side else (None,)
    return [
        LoggedSet(
            id=uuid.uuid5(session_id, f"{item.exercise}-{number}-{side}"),
            session_id=session_id,
            exercise=item.exercise,
            block=BlockKind.MAIN,
            set_number=number,
            side=side,
            reps=reps,
            band=item.band,
            rpe=rpe,
            pain=pain,
            source=EntrySource.IMPORT,
            performed_at=moment + timedelta(minutes=5 * number),
        )
        for number in range(1, item.sets + 1)
        for side in sides
    ]
