"""Red-flag screening rules: outcomes, the stop, and when the questions are due."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from backbridge.catalog import Catalog
from backbridge.errors import Action, InvalidInput, TrainingStopped
from backbridge.program.history import CheckIn, CheckInKind
from backbridge.program.safety import (
    Clearance,
    Outcome,
    ScreeningRecord,
    outcome_of,
    safety_status,
)
from tests.program.histories import START


def answers(catalog: Catalog, *yes: str) -> dict[str, bool]:
    return {q.id: q.id in yes for q in catalog.screening.questions}


def screened(outcome: Outcome, day: int = 0, acknowledged: bool = False) -> ScreeningRecord:
    at = START + timedelta(days=day)
    return ScreeningRecord(id=uuid.uuid4(), recorded_at=at, answers={}, outcome=outcome,
                           acknowledged_at=at if acknowledged else None)  # fmt: skip


def status(catalog: Catalog, screenings=(), clearances=(), checkins=(), day: int = 1):  # type: ignore[no-untyped-def]
    return safety_status(catalog.screening, catalog.rules.screening, list(screenings),
                         list(clearances), list(checkins), START + timedelta(days=day))  # fmt: skip


def test_the_questions_cover_the_emergency_and_clinician_flags(catalog: Catalog) -> None:
    levels = {q.id: q.level for q in catalog.screening.questions}
    assert {k for k, v in levels.items() if v == "emergency"} == {
        "bladder", "bowel", "saddle-numbness", "sexual-function", "weakness-both-legs"
    }  # fmt: skip
    assert {
        "fever",
        "weight-loss",
        "cancer-history",
        "trauma",
        "night-pain",
        "age-at-onset",
    } <= set(levels)


@pytest.mark.parametrize(
    ("yes", "expected"),
    [
        ((), Outcome.CLEAR),
        (("night-pain",), Outcome.CLINICIAN),
        (("fever", "saddle-numbness"), Outcome.EMERGENCY),
    ],
)
def test_outcome_of_answers(catalog: Catalog, yes: tuple[str, ...], expected: Outcome) -> None:
    outcome, flagged = outcome_of(catalog.screening, answers(catalog, *yes))
    assert outcome is expected
    assert {q.id for q in flagged} == set(yes)


def test_every_question_needs_an_answer(catalog: Catalog) -> None:
    partial = answers(catalog)
    del partial["bowel"]
    with pytest.raises(InvalidInput, match="missing: bowel"):
        outcome_of(catalog.screening, partial)


def test_first_use_is_due_and_not_blocked(catalog: Catalog) -> None:
    state = status(catalog)
    assert state.screening_due and not state.blocked
    assert state.due_reason == "the safety questions have not been answered yet"


def test_an_emergency_stops_until_cleared_and_the_stop_says_what_to_do(catalog: Catalog) -> None:
    stopped = status(catalog, [screened(Outcome.EMERGENCY)])
    assert stopped.stopped and stopped.action is Action.CLEARANCE
    assert stopped.referral is not None and "get medical help today" in stopped.referral
    with pytest.raises(TrainingStopped, match="get medical help today"):
        stopped.require_training()
    later_clear = status(
        catalog, [screened(Outcome.EMERGENCY), screened(Outcome.CLEAR, day=1)], day=2
    )
    assert later_clear.stopped, "a clear screen does not lift a stop; only a clearance does"
    cleared = status(catalog, [screened(Outcome.EMERGENCY)],
                     [Clearance(id=uuid.uuid4(), recorded_at=START + timedelta(days=1))], day=2)  # fmt: skip
    assert not cleared.stopped
    assert cleared.due_reason == "a clinician's clearance was recorded since the last answers"


def test_a_clinician_flag_blocks_until_acknowledged(catalog: Catalog) -> None:
    flagged = status(catalog, [screened(Outcome.CLINICIAN)])
    assert flagged.needs_acknowledgement and flagged.action is Action.SCREEN
    with pytest.raises(TrainingStopped, match="see a doctor or physiotherapist"):
        flagged.require_training()
    assert not status(catalog, [screened(Outcome.CLINICIAN, acknowledged=True)]).blocked


def checkin(kind: CheckInKind, pain: int, day: int, session: uuid.UUID | None = None) -> CheckIn:
    return CheckIn(id=uuid.uuid4(), session_id=session, kind=kind, pain=pain,
                   recorded_at=START + timedelta(days=day))  # fmt: skip


@pytest.mark.parametrize(
    ("checkins", "day", "reason"),
    [
        ([], 28, "the last safety check was 28 days ago (it is repeated every 28)"),
        ([checkin(CheckInKind.BEFORE, 8, 2)], 3, "a check-in reported pain of 8/10"),
        (
            [
                checkin(CheckInKind.BEFORE, 2, 2, uuid.UUID(int=1)),
                checkin(CheckInKind.NEXT_MORNING, 5, 3, uuid.UUID(int=1)),
            ],
            4,
            "pain rose from 2/10 before a session to 5/10 the next morning",
        ),
    ],
)
def test_when_the_questions_come_back(
    catalog: Catalog, checkins: list[CheckIn], day: int, reason: str
) -> None:
    state = status(catalog, [screened(Outcome.CLEAR)], checkins=checkins, day=day)
    assert state.screening_due and state.due_reason == reason


def test_not_due_within_the_interval_with_calm_checkins(catalog: Catalog) -> None:
    calm = [
        checkin(CheckInKind.BEFORE, 2, 2, uuid.UUID(int=1)),
        checkin(CheckInKind.NEXT_MORNING, 4, 3, uuid.UUID(int=1)),
    ]
    assert not status(catalog, [screened(Outcome.CLEAR)], checkins=calm, day=27).screening_due
