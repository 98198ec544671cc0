"""The one place that reads the wall clock, and the check every logged moment passes.

Everything else takes times as arguments, so the pure rooms stay testable without a clock.
"""

from datetime import UTC, datetime, timedelta

from backbridge.errors import InvalidInput

CLOCK_SLACK = timedelta(minutes=2)
"""How far ahead of the clock a logged moment may be (clocks of two devices drift)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def check_past(moment: datetime, now: datetime, what_to_do: str) -> datetime:
    """Refuse naive and future times: an entry is logged after it happened. ``what_to_do``
    ends the message, e.g. "log a set when it is done, or give a past time"."""
    if moment.tzinfo is None:
        raise InvalidInput(f"the time {moment.isoformat()} has no time zone")
    if moment > now + CLOCK_SLACK:
        raise InvalidInput(
            f"the time {moment.isoformat(timespec='minutes')} is in the future; {what_to_do}"
        )
    return moment
