"""Which session a pain check-in is about: the one rule every path links check-ins by.

A ``before`` check-in belongs to the session of its day: a guided session under way, or the
day's quick-logged session, whether it is given before or after the first set (given before
any set, it waits unlinked and the day's session adopts it when it opens). A ``next-morning``
check-in belongs to the last session started before its day, if that session is recent enough
to have a "next morning". A check-in may be given afterwards, up to :data:`BACKDATE_LIMIT`
late, so a forgotten morning need not hold the dose for ever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from backbridge.clock import check_past, local_day
from backbridge.errors import InvalidInput
from backbridge.program.history import CheckInKind, SessionStatus, TrainingSession

BACKDATE_LIMIT = timedelta(hours=48)
"""How late a check-in may be recorded: a missed morning can be filled in the next day."""
NEXT_MORNING_WITHIN = timedelta(hours=48)
"""A next-morning check-in is about a session started at most this long before it."""


@dataclass(frozen=True)
class CheckInLink:
    """The session a check-in belongs to, or ``None`` with the reason in words."""

    session: TrainingSession | None
    reason: str


def likely_kind(last: TrainingSession | None, now: datetime) -> CheckInKind:
    """The check-in a person most likely gives now: the morning after, when the last session
    was on an earlier day, recently enough, and has no next-morning check-in yet; otherwise one
    before a session (right after a session, "the morning after" is still to come)."""
    if (
        last is not None
        and local_day(last.started_at) < local_day(now)
        and now - last.started_at <= NEXT_MORNING_WITHIN
        and last.checkin(CheckInKind.NEXT_MORNING) is None
    ):
        return CheckInKind.NEXT_MORNING
    return CheckInKind.BEFORE


def check_moment(at: datetime, now: datetime) -> datetime:
    """A check-in's time: not in the future, and not more than :data:`BACKDATE_LIMIT` ago."""
    check_past(at, now, "give the time it refers to, now or earlier")
    if now - at > BACKDATE_LIMIT:
        hours = int(BACKDATE_LIMIT.total_seconds() // 3600)
        raise InvalidInput(
            f"a check-in can be recorded up to {hours} hours late; "
            f"{at.isoformat(timespec='minutes')} is earlier than that"
        )
    return at


def link_before(day_session: TrainingSession | None, day_label: str) -> CheckInLink:
    """A ``before`` check-in: the session of its day, if that session can still take one."""
    if day_session is None:
        return CheckInLink(
            None,
            f"no session on {day_label} yet: the check-in joins the session when its first set "
            "is logged",
        )
    if day_session.plan is not None and day_session.status is not SessionStatus.IN_PROGRESS:
        return CheckInLink(
            None,
            f"the guided session of {day_label} is already over, so a check-in before it "
            "cannot be added",
        )
    return CheckInLink(day_session, f"the session of {day_label}")


def link_next_morning(previous: TrainingSession | None, at: datetime) -> CheckInLink:
    """A ``next-morning`` check-in: the last session started before its day, if recent."""
    if previous is None:
        return CheckInLink(None, "there is no earlier session for it to follow")
    if at - previous.started_at > NEXT_MORNING_WITHIN:
        hours = int(NEXT_MORNING_WITHIN.total_seconds() // 3600)
        return CheckInLink(
            None,
            f"the last session was more than {hours} hours earlier, so this is not the morning "
            "after it",
        )
    return CheckInLink(previous, "the session before that morning")
