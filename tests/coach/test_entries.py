"""Input checks: one clear line for every refused value; property tests on the ranges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backbridge import values
from backbridge.catalog import Catalog
from backbridge.coach import entries
from backbridge.errors import InvalidInput
from backbridge.program.effort import parse_effort
from backbridge.program.history import Side
from tests.conftest import NOW


@given(st.integers())
def test_pain_is_accepted_exactly_from_0_to_10(pain: int) -> None:
    if 0 <= pain <= 10:
        assert values.check_pain(pain) == pain
    else:
        with pytest.raises(InvalidInput, match=f"got {pain}$"):
            values.check_pain(pain)


@given(st.integers(min_value=-5, max_value=300))
def test_reps_are_never_negative(reps: int) -> None:
    if 0 <= reps <= values.MAX_REPS:
        assert values.check_reps(reps) == reps
    else:
        with pytest.raises(InvalidInput):
            values.check_reps(reps)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, None)),
        ("8", (8.0, None)),
        ("7.5", (7.5, None)),
        ("rir 2", (None, 2)),
        ("2 RIR", (None, 2)),
        ("rir2", (None, 2)),
    ],
)
def test_effort_is_rpe_or_reps_in_reserve(
    text: str, expected: tuple[float | None, int | None]
) -> None:
    parsed = parse_effort(text)
    got = (None, None) if parsed is None else (parsed.rpe, parsed.reps_in_reserve)
    assert got == expected


@pytest.mark.parametrize("text", ["11", "0", "7.3", "hard", "rir", "rir -1", "rir 12"])
def test_unreadable_effort_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_effort(text)


def test_sides_follow_the_exercise(catalog: Catalog) -> None:
    with pytest.raises(InvalidInput, match="works both sides at once"):
        entries.check_side(catalog.exercise("bridge"), Side.LEFT)
    with pytest.raises(InvalidInput, match="one side at a time"):
        entries.check_side(catalog.exercise("banded-clamshell"), None)
    assert entries.check_side(catalog.exercise("squat-hip-extension"), None) is None


def test_bands_only_where_a_band_is_used(catalog: Catalog) -> None:
    assert entries.check_band(catalog, catalog.exercise("banded-clamshell"), "Green") == "green"
    assert entries.check_band(catalog, catalog.exercise("banded-clamshell"), "none") is None
    with pytest.raises(InvalidInput, match="without a band"):
        entries.check_band(catalog, catalog.exercise("bridge"), "red")


def test_a_set_cannot_be_logged_in_the_future() -> None:
    assert entries.check_moment(NOW, NOW) == NOW
    with pytest.raises(InvalidInput, match="is in the future"):
        entries.check_moment(NOW + timedelta(hours=1), NOW)
