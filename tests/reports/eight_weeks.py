"""Eight weeks of training stored through the use cases the commands call, on a moving clock.

Three sessions a week, each with a pain check-in before, the main block as the next plan
prescribes it (so the bands progress as the engine decides), and a check-in the next morning;
the safety questions answered whenever they fall due, and once in week five a clinician-level
answer that pauses the program until a clinician's clearance is recorded. Nothing is written
behind the services' back, so every rule applies as it would for a person.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from backbridge.catalog.rules import FlagLevel
from backbridge.program.effort import Effort
from backbridge.program.history import CheckInKind, Side
from backbridge.services import Services, build_services
from backbridge.services.training import SetEntry
from backbridge.settings import Settings

WEEKS = 8


@dataclass
class MovingClock:
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class EightWeeks:
    sessions: int
    sets: int
    checkins: int
    first: datetime
    last: datetime


def screen(services: Services, flag: str | None = None) -> None:
    answers = {q.id: q.id == flag for q in services.safety.questions()}
    services.safety.submit(answers)


def store_eight_weeks(settings: Settings, seed: int = 3) -> EightWeeks:
    rng = random.Random(seed)
    clock = MovingClock()
    real_now = clock.now
    start = (real_now - timedelta(weeks=WEEKS, days=2)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    services = build_services(settings, clock=clock)
    clinician_flag = next(
        q.id for q in services.safety.questions() if q.level is FlagLevel.CLINICIAN
    )
    sessions = sets = checkins = 0
    first = last = start
    cleared = False
    try:
        for day in range(WEEKS * 7):
            moment = start + timedelta(days=day)
            if moment.weekday() not in (0, 2, 4) or moment + timedelta(days=1) > real_now:
                continue
            clock.now = moment
            if day >= 30 and not cleared:  # week five: a worrying answer, then a clearance
                cleared = True
                screen(services, clinician_flag)
                clock.now = moment + timedelta(minutes=5)
                services.safety.clear(confirmed=True, cleared_by="my physiotherapist", note=None)
                clock.now = moment + timedelta(minutes=6)
            if services.safety.status().screening_due:
                screen(services)
            clock.now += timedelta(minutes=1)
            services.checkins.record(CheckInKind.BEFORE, rng.randint(1, 3), at=clock.now)
            checkins += 1
            plan = services.training.next_plan()
            for item in plan.main_items():
                for number in range(item.sets):
                    for side in (Side.LEFT, Side.RIGHT) if item.per_side else (None,):
                        clock.now += timedelta(minutes=1)
                        services.training.log_set(
                            SetEntry(exercise=item.exercise, reps=item.reps,
                                     seconds=item.seconds, side=side, band=item.band,
                                     effort=Effort(rpe=7.0 + number % 2), pain=rng.randint(0, 2)),
                            at=clock.now,
                        )  # fmt: skip
                        sets += 1
            sessions += 1
            last = moment
            clock.now = moment + timedelta(hours=15)
            services.checkins.record(CheckInKind.NEXT_MORNING, rng.randint(0, 2), at=clock.now)
            checkins += 1
            if sessions == 1:
                first = moment
    finally:
        services.close()
    return EightWeeks(sessions, sets, checkins, first, last)
