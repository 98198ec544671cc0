"""The one place that reads the wall clock, and the check every logged moment passes.

Everything else takes times as arguments, so the pure rooms stay testable without a clock.
"""

from datetime import UTC, date, datetime, time, timedelta

from backbridge.errors import InvalidInput

CLOCK_SLACK = timedelta(minutes=2)
"""How far ahead of the clock a logged moment may be (clocks of two devices drift)."""
CALENDAR = (date(2000, 1, 1), date(2099, 12, 31))
"""The days a time given to backbridge may fall on: a real calendar range, so that a typo such
as 0001-01-01 is refused in words rather than overflowing a time-zone conversion."""


def check_calendar(day: date) -> date:
    """Refuse a day outside :data:`CALENDAR`."""
    first, last = CALENDAR
    if not first <= day <= last:
        raise InvalidInput(
            f"{day.isoformat()} is outside the calendar backbridge keeps "
            f"({first.year} to {last.year}); check the year"
        )
    return day


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


def local_day(moment: datetime) -> date:
    """The calendar day of ``moment`` in this computer's time zone: what "today" means."""
    return moment.astimezone().date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The start and end of a local calendar day, as aware datetimes (``[start, end)``)."""
    check_calendar(day)
    start = datetime.combine(day, time.min).astimezone()
    return start, datetime.combine(day + timedelta(days=1), time.min).astimezone()


def as_aware(moment: datetime) -> datetime:
    """``moment`` with a time zone: a time given without one is taken as local time."""
    check_calendar(moment.date())
    return moment if moment.tzinfo else moment.astimezone()
