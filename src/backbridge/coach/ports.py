"""The narrow ports the coach needs from the outside world."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from backbridge.program.history import CheckIn, LoggedSet


class Journal(Protocol):
    """Where logged sets and check-ins go. Each call must be durable when it returns."""

    def record_sets(self, sets: Sequence[LoggedSet]) -> None: ...

    def record_checkin(self, checkin: CheckIn) -> None: ...


class Clock(Protocol):
    def __call__(self) -> datetime: ...
