"""The guided session over an in-memory journal: logging, the pain rule and resuming."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from backbridge.catalog import Catalog
from backbridge.catalog.models import BlockKind
from backbridge.coach.guided import GuidedSession, StepResult
from backbridge.coach.memory import MemoryJournal
from backbridge.errors import InvalidInput
from backbridge.program.effort import Effort
from backbridge.program.history import SessionStatus, SetStatus, Side, TrainingSession
from backbridge.program.plan import starting_plan
from tests.conftest import NOW


class Ticking:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):  # type: ignore[no-untyped-def]
        self.now += timedelta(seconds=30)
        return self.now


def new_session(catalog: Catalog, journal: MemoryJournal, sets=()) -> GuidedSession:  # type: ignore[no-untyped-def]
    plan = starting_plan(catalog.program("glute-lower-back"), catalog)
    record = TrainingSession(
        id=uuid.UUID(int=1),
        user_id=journal.user_id,
        program=plan.program,
        status=SessionStatus.IN_PROGRESS,
        started_at=NOW,
        plan=plan.model_dump(mode="json"),
        sets=tuple(sets),
    )
    return GuidedSession(record, plan, catalog, journal, Ticking())


def first_main(session: GuidedSession):  # type: ignore[no-untyped-def]
    return next(s for s in session.pending() if s.block is BlockKind.MAIN)


def test_a_whole_session_logs_every_step(catalog: Catalog) -> None:
    journal = MemoryJournal()
    session = new_session(catalog, journal)
    session.check_in(2)
    for step in session.pending():
        session.log(
            step,
            StepResult(
                amounts=dict.fromkeys(step.sides, step.target), pain=1, effort=Effort(rpe=7)
            ),
        )
    assert list(session.pending()) == []
    assert session.progress() == (len(session.steps), len(session.steps))
    assert len(journal.sets) == sum(len(s.sides) for s in session.steps)
    assert journal.checkins[0].pain == 2
    clam = [s for s in journal.sets if s.exercise == "banded-clamshell"]
    assert [(s.set_number, s.side) for s in clam] == [(n, side) for n in (1, 2, 3) for side in Side]


def test_alternating_sides_store_one_row_per_side(catalog: Catalog) -> None:
    journal = MemoryJournal()
    session = new_session(catalog, journal)
    step = first_main(session)
    session.log(
        step,
        StepResult(
            amounts={Side.LEFT: 10, Side.RIGHT: 9},
            band="green",
            effort=Effort(reps_in_reserve=2),
            pain=2,
        ),
    )
    left, right = journal.sets
    assert (left.side, left.reps, right.side, right.reps) == (Side.LEFT, 10, Side.RIGHT, 9)
    assert left.band == "green" and left.reps_in_reserve == 2 and left.rpe is None


def test_pain_above_the_limit_stops_the_exercise_for_today(catalog: Catalog) -> None:
    journal = MemoryJournal()
    session = new_session(catalog, journal)
    step = first_main(session)
    feedback = session.log(step, StepResult(amounts=dict.fromkeys(step.sides, 10), pain=6))
    assert feedback.stopped_exercise
    assert "above the 5/10 limit" in feedback.messages[0]
    skipped = [s for s in journal.sets if s.status is SetStatus.SKIPPED]
    assert {s.set_number for s in skipped} == {2, 3}
    assert all("pain 6/10" in (s.note or "") for s in skipped)
    assert first_main(session).exercise.slug == "banded-bridge-abduction"


def test_acceptable_pain_warns_but_carries_on(catalog: Catalog) -> None:
    session = new_session(catalog, MemoryJournal())
    step = first_main(session)
    feedback = session.log(step, StepResult(amounts=dict.fromkeys(step.sides, 10), pain=4))
    assert not feedback.stopped_exercise
    assert "acceptable" in feedback.messages[0]


def test_invalid_values_write_nothing(catalog: Catalog) -> None:
    journal = MemoryJournal()
    session = new_session(catalog, journal)
    step = first_main(session)
    for result in (
        StepResult(amounts=dict.fromkeys(step.sides, 10), pain=11),
        StepResult(amounts=dict.fromkeys(step.sides, -1), pain=1),
        StepResult(amounts=dict.fromkeys(step.sides, 10), band="purple", pain=1),
        StepResult(amounts={Side.LEFT: 10}, pain=1),
    ):
        with pytest.raises(InvalidInput):
            session.log(step, result)
    assert journal.sets == []
    with pytest.raises(InvalidInput, match="0 \\(no pain\\) to 10"):
        session.check_in(-1)


def test_resume_continues_after_the_last_stored_step(catalog: Catalog) -> None:
    journal = MemoryJournal()
    session = new_session(catalog, journal)
    session.check_in(3)
    steps = list(session.pending())
    for step in steps[:12]:
        session.log(step, StepResult(amounts=dict.fromkeys(step.sides, step.target), pain=1))

    resumed = new_session(catalog, journal, sets=journal.sets)
    assert resumed.resumed
    assert list(resumed.pending()) == steps[12:]
    assert resumed.progress() == (12, len(steps))


def test_a_skipped_step_is_recorded_and_not_repeated(catalog: Catalog) -> None:
    journal = MemoryJournal()
    session = new_session(catalog, journal)
    step = next(session.pending())
    session.skip(step)
    assert journal.sets[0].status is SetStatus.SKIPPED
    assert next(session.pending()) != step
