"""Which check-in the Today page offers first (``program/checkins.likely_kind``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from backbridge.program.checkins import likely_kind
from backbridge.program.history import CheckInKind
from tests.program.histories import START, clam_session


@pytest.fixture(autouse=True)
def in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """ "Today" is the computer's local day: the cases are written for UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("hours_later", "morning", "expected"),
    [
        (1, None, CheckInKind.BEFORE),  # right after the session: the morning is still to come
        (15, None, CheckInKind.NEXT_MORNING),  # the next morning, none given yet
        (15, 2, CheckInKind.BEFORE),  # the next morning, already given
        (24 * 4, None, CheckInKind.BEFORE),  # days later: no longer "the morning after"
    ],
)
def test_the_check_in_a_person_most_likely_gives_now(
    hours_later: int, morning: int | None, expected: CheckInKind
) -> None:
    session = clam_session(0, morning=morning)
    now = session.started_at + timedelta(hours=hours_later)
    assert likely_kind(session, now) is expected


def test_without_a_session_the_check_in_is_before_one() -> None:
    assert likely_kind(None, START) is CheckInKind.BEFORE
