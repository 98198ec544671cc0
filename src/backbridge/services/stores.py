"""The storage one :class:`~backbridge.services.Services` works with, and the clock.

Only the application layer holds these: interfaces call use cases, never the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from backbridge.catalog import Catalog
from backbridge.clock import day_bounds, local_day
from backbridge.store import Database, Journal
from backbridge.store.corrections import SetCorrections
from backbridge.store.reviews import ReviewLog
from backbridge.store.safety_log import SafetyLog

if TYPE_CHECKING:
    from backbridge.store.measures import MeasureLog
    from backbridge.store.nutrition_log import NutritionLog

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Stores:
    database: Database
    journal: Journal
    safety: SafetyLog
    corrections: SetCorrections
    reviews: ReviewLog

    # Made (and imported: the nutrition package, the measures) on first use; training,
    # which every short command and most requests are about, needs neither.

    @cached_property
    def nutrition(self) -> NutritionLog:
        from backbridge.store.nutrition_log import NutritionLog

        return NutritionLog(self.database, self.journal.user)

    @cached_property
    def measures(self) -> MeasureLog:
        from backbridge.store.measures import MeasureLog

        return MeasureLog(self.database, self.journal.user)


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
