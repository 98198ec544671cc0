"""Invariants of the progression engine and the safety stop, under hypothesis."""

from __future__ import annotations

import uuid
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backbridge.catalog import Catalog, load_catalog
from backbridge.program.history import CheckInKind
from backbridge.program.ladder import Ladder
from backbridge.program.plan import Change
from backbridge.program.progression import plan_next_session
from backbridge.program.safety import Clearance, Outcome, ScreeningRecord, safety_status
from tests.program.histories import START, clam_session

CATALOG: Catalog = load_catalog()
RULES = CATALOG.rules
LADDER = Ladder("banded-clamshell", CATALOG, RULES.progression)
PROGRAM = CATALOG.program("glute-lower-back")
pain = st.one_of(st.none(), st.integers(0, 10))


@st.composite
def slot_session(draw, day: int):  # type: ignore[no-untyped-def]
    level = draw(st.sampled_from(LADDER.levels))
    sets = 3
    return clam_session(
        day,
        level.variant,
        level.band,
        level.reps,
        done=draw(st.lists(st.integers(0, 20), min_size=1, max_size=sets)),
        rpe=draw(st.one_of(st.none(), st.sampled_from([5, 6, 7, 7.5, 8, 8.5, 9, 10]))),
        rir=draw(st.one_of(st.none(), st.integers(0, 5))),
        pain=draw(st.lists(pain, min_size=sets, max_size=sets)),
        before=draw(pain),
        morning=draw(pain),
        planned=draw(st.booleans()),
    )


@st.composite
def histories(draw):  # type: ignore[no-untyped-def]
    days, day = [], 0
    for _ in range(draw(st.integers(1, 6))):
        day += draw(st.integers(1, 20))
        days.append(day)
    sessions = [draw(slot_session(d)) for d in days]
    return sessions, sessions[-1].started_at + timedelta(days=draw(st.integers(1, 20)))


def next_clam(history, now):  # type: ignore[no-untyped-def]
    plan = plan_next_session(PROGRAM, CATALOG, history, now)
    return next(item for item in plan.main_items() if item.exercise in LADDER)


def bad_last_session(history) -> bool:  # type: ignore[no-untyped-def]
    last = history[-1]
    pains = [s.pain for s in last.sets if s.pain is not None]
    before, morning = last.checkin(CheckInKind.BEFORE), last.checkin(CheckInKind.NEXT_MORNING)
    worse = (
        before is not None
        and morning is not None
        and morning.pain - before.pain >= RULES.pain.morning_worse_by
    )
    return any(p > RULES.pain.acceptable_max for p in pains) or worse


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_never_progress_after_pain_above_five_or_a_worse_morning(case) -> None:  # type: ignore[no-untyped-def]
    history, now = case
    item = next_clam(history, now)
    if bad_last_session(history):
        assert item.change not in (Change.PROGRESS, Change.VARIANT), item.reasons
    if history[-1].checkin(CheckInKind.NEXT_MORNING) is None:
        assert item.change not in (Change.PROGRESS, Change.VARIANT), item.reasons


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_one_step_at_most_and_never_outside_the_ladder(case) -> None:  # type: ignore[no-untyped-def]
    history, now = case
    item = next_clam(history, now)
    assert item.exercise in LADDER
    assert item.reps in RULES.progression.rep_steps
    variant = LADDER.variant(item.exercise)
    assert (item.band in RULES.progression.band_range) if variant.uses_band else item.band is None
    last = history[-1]
    old = LADDER.locate(*_target(last))
    new = LADDER.locate(item.exercise, item.band, item.reps)
    variants = [v.slug for v in LADDER.variants]
    old_level, new_level = LADDER.levels[old], LADDER.levels[new]
    assert abs(variants.index(old_level.variant) - variants.index(new_level.variant)) <= 1
    if old_level.variant == new_level.variant:
        bands = RULES.progression.band_range
        if old_level.band != new_level.band:
            assert abs(bands.index(old_level.band) - bands.index(new_level.band)) == 1  # type: ignore[arg-type]
            assert new_level.reps == RULES.progression.rep_steps[0]
        else:
            steps = RULES.progression.rep_steps
            assert abs(steps.index(old_level.reps) - steps.index(new_level.reps)) <= 1
    if item.change is Change.HOLD:
        assert new == old


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.integers(0, 60))
def test_a_long_break_never_raises_the_dose_nor_leaves_it_above_the_start(case, extra) -> None:  # type: ignore[no-untyped-def]
    history, _ = case
    now = history[-1].started_at + timedelta(days=RULES.return_after_gap.restart_days + extra)
    item = next_clam(history, now)
    old = LADDER.locate(*_target(history[-1]))
    new = LADDER.locate(item.exercise, item.band, item.reps)
    start = next(i for i in PROGRAM.blocks if i.kind == "main").items[-1]
    assert new <= min(old, LADDER.locate(start.exercise, start.band, start.dose.reps))
    assert new < old or LADDER.down(old) is None, item.reasons
    assert item.change in (Change.REGRESS, Change.HOLD)


def _target(session):  # type: ignore[no-untyped-def]
    if session.plan:
        item = session.plan.blocks[0].items[0]
        return item.exercise, item.band, item.reps
    done = [s for s in session.sets if s.reps is not None]
    bands = [s.band for s in done if s.band]
    return (
        done[-1].exercise,
        max(set(bands), key=bands.count) if bands else None,
        max(s.reps for s in done),
    )


@settings(max_examples=100, deadline=None)
@given(histories())
def test_the_same_history_gives_the_same_plan(case) -> None:  # type: ignore[no-untyped-def]
    history, now = case
    first = plan_next_session(PROGRAM, CATALOG, history, now)
    assert plan_next_session(PROGRAM, CATALOG, list(reversed(history)), now) == first
    assert plan_next_session(PROGRAM, CATALOG, history, now) == first


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 200), st.sampled_from(list(Outcome)), st.booleans()), max_size=6
    ),
    st.lists(st.integers(0, 200), max_size=3),
)
def test_an_emergency_answer_stops_training_until_a_later_clearance(screens, clearances) -> None:  # type: ignore[no-untyped-def]
    records = [
        ScreeningRecord(
            id=uuid.uuid4(),
            recorded_at=START + timedelta(days=day),
            answers={},
            outcome=outcome,
            acknowledged_at=START if ack else None,
        )
        for day, outcome, ack in screens
    ]
    cleared = [
        Clearance(id=uuid.uuid4(), recorded_at=START + timedelta(days=d, hours=1))
        for d in clearances
    ]
    status = safety_status(
        CATALOG.screening, RULES.screening, records, cleared, [], START + timedelta(days=300)
    )
    last_clearance = max((c.recorded_at for c in cleared), default=None)
    expected = any(
        r.outcome is Outcome.EMERGENCY
        and (last_clearance is None or r.recorded_at > last_clearance)
        for r in records
    )
    assert status.stopped is expected
    assert status.blocked is (expected or status.needs_clearance)
    if expected:
        assert status.stop_reason and CATALOG.screening.emergency_message in status.stop_reason
