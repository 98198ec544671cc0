"""The storage one :class:`~backbridge.services.Services` works with, and the clock.

Only the application layer holds these: interfaces call use cases, never the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from backbridge.catalog import Catalog
from backbridge.clock import day_bounds, local_day
from backbridge.store import Database, Journal
from backbridge.store.corrections import SetCorrections
from backbridge.store.measures import MeasureLog
from backbridge.store.nutrition_log import NutritionLog
from backbridge.store.reviews import ReviewLog
from backbridge.store.safety_log import SafetyLog

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Stores:
    database: Database
    journal: Journal
    safety: SafetyLog
    nutrition: NutritionLog
    corrections: SetCorrections
    reviews: ReviewLog
    measures: MeasureLog


@dataclass(frozen=True)
class Room:
    """What every group of use cases shares: the catalogue, the stores and the clock."""

    catalog: Catalog
    stores: Stores
    clock: Clock

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return local_day(self.clock())

    def day_of(self, moment: datetime) -> tuple[datetime, datetime]:
        """The local calendar day ``moment`` falls in, as ``[start, end)``."""
        return day_bounds(local_day(moment))
