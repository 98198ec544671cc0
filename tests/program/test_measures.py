"""Outcome measures: the activities scale and the pain trend against the change that counts."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from backbridge.catalog import load_catalog
from backbridge.errors import InvalidInput
from backbridge.program.history import CheckIn, CheckInKind
from backbridge.program.measures import (
    FunctionScore,
    check_ratings,
    function_reading,
    measure_due,
    pain_trend,
)
from tests.program.histories import START

RULES = load_catalog().rules.outcomes


def scale(day: int, *scores: int) -> FunctionScore:
    names = ["putting on socks", "walking 30 minutes", "lifting the shopping"]
    return FunctionScore(
        id=uuid.uuid4(),
        recorded_at=START + timedelta(days=day),
        activities=check_ratings(RULES, list(zip(names, scores, strict=True))),
    )


def before(day: float, pain: int) -> CheckIn:
    return CheckIn(id=uuid.uuid4(), kind=CheckInKind.BEFORE, pain=pain,
                   recorded_at=START + timedelta(days=day))  # fmt: skip


@pytest.mark.parametrize(
    ("ratings", "says"),
    [
        ([("a", 1), ("b", 2)], "name 3 to 5 activities"),
        ([("a", 1), ("b", 2), ("A", 3)], "'A' is named twice"),
        ([("a", 1), ("b", 2), ("c", 11)], "rate 'c' from 0 (unable) to 10"),
        ([("a", 1), ("b", 2), (" ", 3)], "an activity needs a name"),
    ],
)
def test_a_scale_needs_three_to_five_named_activities_rated_0_to_10(
    ratings: list[tuple[str, int]], says: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_ratings(RULES, ratings)
    assert says in str(refused.value)


def test_the_activities_reading_marks_a_change_beyond_chance() -> None:
    assert function_reading(RULES, [scale(0, 4, 5, 3)]) is None
    small = function_reading(RULES, [scale(0, 4, 5, 3), scale(14, 5, 6, 4)])
    assert small is not None and not small.meaningful
    assert "within the 2 points a score can change by chance" in small.words
    big = function_reading(RULES, [scale(0, 4, 5, 3), scale(28, 8, 6, 5)])
    assert big is not None and big.meaningful and big.change == pytest.approx(7 / 3)
    assert "2.3 points better" in big.words
    assert "putting on socks 4 → 8" in big.words, "one activity up by 3 or more"


def test_the_pain_trend_marks_2_points_or_30_percent() -> None:
    assert pain_trend(RULES, [before(0, 6), before(5, 6)]) is None, "two weeks are needed"
    noticed = pain_trend(RULES, [before(0, 6), before(2, 6), before(15, 4), before(16, 4)])
    assert noticed is not None and noticed.meaningful and noticed.change == 2
    percent = pain_trend(RULES, [before(0, 3), before(15, 2)])
    assert percent is not None and percent.meaningful, "1 point of 3 is 33%"
    flat = pain_trend(RULES, [before(0, 6), before(15, 5)])
    assert flat is not None and not flat.meaningful and "less than the 2 points" in flat.words
    worse = pain_trend(RULES, [before(0, 3), before(15, 5)])
    assert worse is not None and "higher than at the start" in worse.words


def test_the_scale_is_due_at_the_start_and_every_two_weeks() -> None:
    assert measure_due(RULES, [], START) is not None
    assert measure_due(RULES, [scale(0, 4, 5, 3)], START + timedelta(days=13)) is None
    due = measure_due(RULES, [scale(0, 4, 5, 3)], START + timedelta(days=14))
    assert due == "the last rating was 14 days ago (it is asked every 14)"
