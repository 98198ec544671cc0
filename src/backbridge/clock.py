"""The one place that reads the wall clock; everything else takes times as arguments."""

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)
