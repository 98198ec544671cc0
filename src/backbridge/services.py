"""Build what the interfaces need from settings, once per process and never at import time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from backbridge.catalog import Catalog, load_catalog
from backbridge.clock import utc_now
from backbridge.program.plan import SessionPlan
from backbridge.program.progression import plan_next_session
from backbridge.program.safety import SafetyStatus, require_training_allowed, safety_status
from backbridge.settings import Settings
from backbridge.store import Database, Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user
from backbridge.store.safety_log import SafetyLog


@dataclass(frozen=True)
class Services:
    settings: Settings
    catalog: Catalog
    database: Database
    journal: Journal
    safety: SafetyLog

    def close(self) -> None:
        self.database.dispose()

    def safety_status(self, now: datetime) -> SafetyStatus:
        """Where the red-flag screen stands, from everything stored."""
        return safety_status(
            self.catalog.screening,
            self.catalog.rules.screening,
            self.safety.screenings(),
            self.safety.clearances(),
            self.journal.checkins(),
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


def build_services(settings: Settings) -> Services:
    """Load the catalogue, open (and migrate) the database and find the local user."""
    catalog = load_catalog()
    database = open_database(settings)
    user = ensure_user(database, LOCAL_USER, utc_now())
    return Services(settings, catalog, database, Journal(database, user), SafetyLog(database, user))
