"""Escalation when pain persists: the pain review, the reduced dose, the lighter day, the
restart after a clearance, and the severe-pain stop."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from backbridge.catalog import Catalog, load_catalog
from backbridge.program import pain as pain_rules
from backbridge.program.escalation import Acknowledgement, PainReview, ReviewCause, pain_review
from backbridge.program.history import TrainingSession
from backbridge.program.plan import Change, Prescription
from backbridge.program.progression import Restraint, plan_next_session
from tests.program.histories import START, clam_session, next_day

CATALOG = load_catalog()
RULES = CATALOG.rules


def review_of(
    history: list[TrainingSession],
    acks: tuple[datetime, ...] = (),
    cleared: datetime | None = None,
) -> PainReview | None:
    confirmations = [Acknowledgement(id=uuid.uuid4(), recorded_at=at) for at in acks]
    return pain_review(RULES, history, confirmations, cleared, next_day(history))


def clam(
    catalog: Catalog,
    history: list[TrainingSession],
    review: PainReview | None = None,
    cleared: datetime | None = None,
) -> Prescription:
    plan = plan_next_session(catalog.program("glute-lower-back"), catalog, history,
                             next_day(history), Restraint(review, cleared))  # fmt: skip
    (item,) = [i for i in plan.main_items() if "clamshell" in i.exercise]
    return item


def persistent_pain() -> list[TrainingSession]:
    """The reviewer's history: 7/10 during every set of six sessions, mornings 4 rising to 6."""
    mornings = [4, 4, 5, 5, 6, 6]
    return [
        clam_session(2 * n, band="red", reps=12, pain=7, before=4, morning=morning)
        for n, morning in enumerate(mornings)
    ]


def test_the_reviewers_history_raises_a_review_that_pauses_training(catalog: Catalog) -> None:
    history = persistent_pain()
    review = review_of(history)
    assert review is not None and review.blocked
    assert review.cause is ReviewCause.PERSISTENT_PAIN
    assert review.raised_at == history[1].started_at, "raised by the second session in a row"
    assert "above the 5/10 limit in 2 sessions in a row" in review.message
    assert "Please arrange a review with a doctor or physiotherapist" in review.message
    item = clam(catalog, history, review)
    assert item.change is not Change.PROGRESS


def test_one_painful_session_is_not_a_review() -> None:
    history = [clam_session(0, pain=6), clam_session(2, pain=2)]
    assert review_of(history) is None
    assert review_of([clam_session(0, pain=2), clam_session(2, pain=6)]) is None


def test_a_confirmation_lets_training_go_on_and_calm_sessions_end_the_review() -> None:
    history = [clam_session(0, pain=6), clam_session(2, pain=6)]
    confirmed = review_of(history, acks=(START + timedelta(days=3),))
    assert confirmed is not None and not confirmed.blocked
    assert "goes on at a reduced dose" in confirmed.message or "go on" in confirmed.message
    early = review_of(history, acks=(START + timedelta(days=1),))
    assert early is not None and early.blocked, "a confirmation before the review does not count"
    calmer = [*history, clam_session(4, pain=2)]
    assert review_of(calmer) is not None, "one calm session is not enough"
    assert review_of([*calmer, clam_session(6, pain=2)]) is None


def test_a_clearance_ends_the_review_and_the_plan_restarts_without_a_step_up(
    catalog: Catalog,
) -> None:
    history = [clam_session(0, pain=6), clam_session(2, pain=6)]
    cleared = START + timedelta(days=3)
    assert review_of(history, cleared=cleared) is None
    good = [clam_session(0, band="red", reps=10)]
    normal = clam(catalog, good)
    assert normal.change is Change.PROGRESS
    after = clam(catalog, good, cleared=START + timedelta(days=1))
    assert after.change is Change.HOLD
    assert after.reasons[0].startswith("First session since a clinician cleared you on 03 Mar")


def test_no_improvement_over_four_weeks_raises_a_review() -> None:
    flat = [clam_session(day, pain=3, before=5) for day in range(0, 36, 3)]
    review = review_of(flat)
    assert review is not None and review.cause is ReviewCause.NO_IMPROVEMENT
    assert "averaged 5.0/10 28 days earlier and 5.0/10 now" in review.reason
    better = [clam_session(day, pain=3, before=5 if day < 20 else 3) for day in range(0, 36, 3)]
    assert review_of(better) is None
    mild = [clam_session(day, pain=2, before=3) for day in range(0, 36, 3)]
    assert review_of(mild) is None, "a baseline in the safe zone has nothing to improve"


def test_the_first_session_under_a_review_steps_down_then_the_dose_holds(
    catalog: Catalog,
) -> None:
    history = [clam_session(day, band="red", reps=10, pain=3, before=5) for day in range(0, 31, 3)]
    review = review_of(history)
    assert review is not None and review.raised_at == history[-1].started_at
    first = clam(catalog, history, review)
    assert (first.change, first.band) == (Change.REGRESS, "yellow")
    assert first.reasons[0].startswith("Pain review:")
    later = [*history, clam_session(33, band="yellow", reps=10, pain=3, before=5)]
    second = clam(catalog, later, review_of(later))
    assert (second.change, second.band) == (Change.HOLD, "yellow")
    assert "No progression while it stands." in second.reasons[0]


def test_a_lighter_day_holds_the_dose(catalog: Catalog) -> None:
    light = clam_session(0, band="red", reps=10, before=6, morning=6, done=[10, 10, 0])
    item = clam(catalog, [light])
    assert (item.change, item.band) == (Change.HOLD, "red")
    assert item.reasons[0] == (
        "Your back was at 6/10 before the session of 02 Mar, so it was a lighter day: the dose "
        "is held."
    )


def test_severe_pain_ends_the_session_and_a_high_baseline_makes_it_lighter() -> None:
    limits = RULES.pain
    severe = pain_rules.during_set(limits, 7, "Banded clamshell")
    assert severe.stops_session and severe.stops_exercise
    assert not pain_rules.during_set(limits, 6, "Banded clamshell").stops_session
    assert pain_rules.severe_stop(limits, clam_session(0, pain=[2, 7, 2]).sets) is not None
    assert pain_rules.severe_stop(limits, clam_session(0, pain=6).sets) is None
    lighter = pain_rules.before_session(limits, 6)
    assert lighter is not None and "lighter session" in lighter
    caution = pain_rules.before_session(limits, 5)
    assert caution is None


pains = st.lists(st.integers(0, 10), min_size=3, max_size=3)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(pains, st.integers(0, 10), st.integers(0, 10)), min_size=1, max_size=8),
    st.booleans(),
)
def test_never_a_progression_while_a_review_stands_or_right_after_a_clearance(
    sessions: list[tuple[list[int], int, int]], clear: bool
) -> None:
    history = [
        clam_session(2 * n, band="red", reps=10, pain=pain, before=before, morning=morning)
        for n, (pain, before, morning) in enumerate(sessions)
    ]
    cleared = history[-1].started_at + timedelta(hours=2) if clear else None
    review = review_of(history, cleared=cleared)
    item = clam(CATALOG, history, review, cleared)
    if review is not None or cleared is not None:
        assert item.change not in (Change.PROGRESS, Change.VARIANT)
    if max(sessions[-1][0]) >= RULES.pain.severe_from:
        assert item.change is not Change.PROGRESS, "a severe-pain session never progresses"
