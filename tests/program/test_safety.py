"""Red-flag screening rules: outcomes, the stop, and when the questions are due."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backbridge.catalog import Catalog, load_catalog
from backbridge.errors import Action, InvalidInput, TrainingStopped
from backbridge.program.history import CheckIn, CheckInKind
from backbridge.program.safety import (
    Clearance,
    Outcome,
    ScreeningRecord,
    outcome_of,
    safety_status,
    screen_message,
)
from tests.program.histories import START


def answers(catalog: Catalog, *yes: str) -> dict[str, bool]:
    return {q.id: q.id in yes for q in catalog.screening.questions}


def screened(
    outcome: Outcome, day: int = 0, acknowledged: bool = False, yes: tuple[str, ...] = ()
) -> ScreeningRecord:
    at = START + timedelta(days=day)
    return ScreeningRecord(id=uuid.uuid4(), recorded_at=at, answers=dict.fromkeys(yes, True),
                           outcome=outcome, acknowledged_at=at if acknowledged else None)  # fmt: skip


def cleared(day: float) -> Clearance:
    return Clearance(id=uuid.uuid4(), recorded_at=START + timedelta(days=day), cleared_by="GP")


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
        "immunosuppression",
        "one-leg-weakness",
        "thoracic-pain",
    } <= {k for k, v in levels.items() if v == "clinician"}
    assert levels[catalog.screening.inflammatory.entry] == "inflammatory-entry"
    assert sum(v == "inflammatory" for v in levels.values()) == 9, "the nine NICE NG65 features"


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


def test_a_clinician_flag_pauses_until_a_clinician_clears_it(catalog: Catalog) -> None:
    flagged = status(catalog, [screened(Outcome.CLINICIAN, yes=("night-pain",))])
    assert flagged.needs_clearance and flagged.action is Action.CLEARANCE
    with pytest.raises(TrainingStopped, match="see a doctor or physiotherapist"):
        flagged.require_training()
    own_word = status(catalog, [screened(Outcome.CLINICIAN, acknowledged=True, yes=("fever",))])
    assert own_word.blocked, "the person's own acknowledgement no longer lifts the pause"
    after = status(catalog, [screened(Outcome.CLINICIAN, yes=("fever",))], [cleared(0.5)])
    assert not after.blocked and after.cleared_at == START + timedelta(days=0.5)


def test_a_clearance_covers_the_flags_answered_before_it_and_no_new_one(catalog: Catalog) -> None:
    history = [screened(Outcome.CLINICIAN, yes=("cancer-history",))]
    again = [*history, screened(Outcome.CLINICIAN, day=2, yes=("cancer-history",))]
    assert not status(catalog, again, [cleared(1)], day=3).blocked
    new = [*history, screened(Outcome.CLINICIAN, day=2, yes=("cancer-history", "fever"))]
    state = status(catalog, new, [cleared(1)], day=3)
    assert state.needs_clearance and state.referral is not None
    assert "fever" in state.referral and "treated for cancer" not in state.referral


def test_several_clinician_flags_give_a_stronger_message(catalog: Catalog) -> None:
    one = status(catalog, [screened(Outcome.CLINICIAN, yes=("fever",))])
    two = status(catalog, [screened(Outcome.CLINICIAN, yes=("fever", "weight-loss"))])
    several = catalog.screening.several_message
    assert one.referral and several not in one.referral
    assert two.referral and several in two.referral
    message = screen_message(catalog.screening, answers(catalog, "fever", "thoracic-pain"), 28)
    assert several in message


INFLAMMATORY = ("buttock-pain", "better-with-movement", "wakes-second-half-of-night",
                "psoriasis")  # fmt: skip


@pytest.mark.parametrize(
    ("yes", "expected", "says"),
    [
        (("inflammatory-onset", *INFLAMMATORY), Outcome.REFERRAL, "message"),
        (("inflammatory-onset", *INFLAMMATORY[:3]), Outcome.CLEAR, "discuss_message"),
        (INFLAMMATORY, Outcome.CLEAR, None),
        (("inflammatory-onset", *INFLAMMATORY, "fever"), Outcome.CLINICIAN, "message"),
    ],
)
def test_the_nice_inflammatory_back_pain_rule(
    catalog: Catalog, yes: tuple[str, ...], expected: Outcome, says: str | None
) -> None:
    """NICE NG65: onset before 45 lasting over 3 months plus 4 features refers (non-urgent);
    3 features suggest asking the doctor; without the entry criterion nothing counts."""
    outcome, _ = outcome_of(catalog.screening, answers(catalog, *yes))
    assert outcome is expected
    message = screen_message(catalog.screening, answers(catalog, *yes), 28)
    rule = catalog.screening.inflammatory
    for name in ("message", "discuss_message"):
        assert (getattr(rule, name) in message) is (name == says)
    record = ScreeningRecord(id=uuid.uuid4(), recorded_at=START, answers=answers(catalog, *yes),
                             outcome=outcome)  # fmt: skip
    assert status(catalog, [record]).blocked is (outcome is Outcome.CLINICIAN)


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


CATALOG = load_catalog()


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_match_of_the_inflammatory_rule_gives_the_referral_message(data: st.DataObject) -> None:
    catalog = CATALOG
    yes = data.draw(st.sets(st.sampled_from([q.id for q in catalog.screening.questions])))
    given_answers = answers(catalog, *yes)
    rule = catalog.screening.inflammatory
    features = [q for q in catalog.screening.questions
                if q.level == "inflammatory" and q.id in yes]  # fmt: skip
    matched = rule.entry in yes and len(features) >= rule.refer_at
    message = screen_message(catalog.screening, given_answers, 28)
    assert (rule.message in message) is matched
    outcome, _ = outcome_of(catalog.screening, given_answers)
    if matched and outcome is Outcome.CLEAR:
        raise AssertionError("a match is never a plain clear")
