"""Build what the interfaces need from settings, once per process and never at import time."""

from __future__ import annotations

from dataclasses import dataclass

from backbridge.catalog import Catalog, load_catalog
from backbridge.clock import utc_now
from backbridge.settings import Settings
from backbridge.store import Database, Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user


@dataclass(frozen=True)
class Services:
    settings: Settings
    catalog: Catalog
    database: Database
    journal: Journal

    def close(self) -> None:
        self.database.dispose()


def build_services(settings: Settings) -> Services:
    """Load the catalogue, open (and migrate) the database and find the local user."""
    catalog = load_catalog()
    database = open_database(settings)
    user = ensure_user(database, LOCAL_USER, utc_now())
    return Services(settings, catalog, database, Journal(database, user))
