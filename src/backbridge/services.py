"""Build what the interfaces need from settings, once per process and never at import time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from backbridge.catalog import Catalog, load_catalog
from backbridge.clock import utc_now
from backbridge.nutrition import (
    DaySummary,
    FoodEntry,
    FoodTable,
    Meal,
    Nutrition,
    Targets,
    compute_targets,
    load_nutrition,
    summarize_day,
)
from backbridge.nutrition.log import log_food
from backbridge.program.plan import SessionPlan
from backbridge.program.progression import plan_next_session
from backbridge.program.safety import SafetyStatus, require_training_allowed, safety_status
from backbridge.settings import Settings
from backbridge.store import Database, Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user
from backbridge.store.nutrition_log import NutritionLog
from backbridge.store.safety_log import SafetyLog

CHECKIN_LOOKBACK = timedelta(days=2)
"""Check-ins read for the safety status: those since the last screen, and the pre-session
baselines just before it that a later next-morning check-in is compared with."""


@dataclass(frozen=True)
class Services:
    settings: Settings
    catalog: Catalog
    database: Database
    journal: Journal
    safety: SafetyLog
    nutrition_log: NutritionLog

    def close(self) -> None:
        self.database.dispose()

    def safety_status(self, now: datetime) -> SafetyStatus:
        """Where the red-flag screen stands, from everything stored."""
        screenings = self.safety.screenings()
        since = screenings[-1].recorded_at if screenings else None
        return safety_status(
            self.catalog.screening,
            self.catalog.rules.screening,
            screenings,
            self.safety.clearances(),
            self.journal.checkins(since=since - CHECKIN_LOOKBACK if since else None),
            now,
        )

    def require_training_allowed(self, now: datetime) -> SafetyStatus:
        """Raise :class:`~backbridge.program.safety.TrainingStopped` while a red flag stands."""
        status = self.safety_status(now)
        require_training_allowed(status, self.catalog.screening)
        return status

    def next_plan(self, program_slug: str, now: datetime) -> SessionPlan:
        """The next session of the program, adapted to the history."""
        program = self.catalog.program(program_slug)
        return plan_next_session(program, self.catalog, self.journal.sessions(), now)

    @cached_property
    def nutrition(self) -> Nutrition:
        """The nutrition data files, loaded on first use (training commands never need them)."""
        return load_nutrition()

    def foods(self) -> FoodTable:
        """The bundled food table with the user's own foods."""
        return self.nutrition.foods.with_foods(
            added.food for added in self.nutrition_log.custom_foods()
        )

    def nutrition_targets(self) -> Targets | None:
        """Targets from the stored profile; ``None`` before a profile is stored."""
        profile = self.nutrition_log.profile()
        return None if profile is None else compute_targets(profile, self.nutrition.guidance)

    def record_food(
        self,
        food: str,
        *,
        grams: float | None,
        portion: str | None,
        meal: Meal | None,
        at: datetime,
        now: datetime,
    ) -> FoodEntry:
        """Check and store one food entry; without a meal, the local time of ``at`` picks it."""
        entry = log_food(
            self.foods(),
            food,
            grams=grams,
            portion=portion,
            meal=meal,
            at=at,
            local_time=at.astimezone().time(),
            now=now,
            guidance=self.nutrition.guidance,
        )
        self.nutrition_log.record_food(entry)
        return entry

    def food_day(self, start: datetime, end: datetime) -> DaySummary:
        """What was eaten and taken in ``[start, end)`` against the targets."""
        return summarize_day(
            self.nutrition_log.food_entries(start, end),
            self.nutrition_log.supplement_entries(start, end),
            self.nutrition_targets(),
            self.nutrition.guide,
        )


def build_services(settings: Settings) -> Services:
    """Load the catalogue, open (and migrate) the database and find the local user."""
    catalog = load_catalog()
    database = open_database(settings)
    user = ensure_user(database, LOCAL_USER, utc_now())
    return Services(
        settings,
        catalog,
        database,
        Journal(database, user),
        SafetyLog(database, user),
        NutritionLog(database, user),
    )
