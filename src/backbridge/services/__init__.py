"""The application layer: every use case the terminal, the web page and the API share.

``build_services(settings)`` opens the database and assembles one :class:`Services`; the
interfaces call its use cases and never the store. Each group of use cases lives in its own
module: :mod:`~backbridge.services.safety` (the red-flag screen and the gate every way of
logging training passes), :mod:`~backbridge.services.training` (guided sessions, quick
logging, corrections), :mod:`~backbridge.services.checkins`, :mod:`~backbridge.services.camera`,
:mod:`~backbridge.services.overview` (plan, history, progress, Today),
:mod:`~backbridge.services.nutrition` and :mod:`~backbridge.services.backups`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from backbridge.catalog import DEFAULT_PROGRAM, Catalog
from backbridge.clock import utc_now

if TYPE_CHECKING:
    # Imported by build_services, not here: a module that only needs, say, the documents
    # (``backbridge exercises list --json``) does not pay for the database layer.
    from backbridge.services.backups import Backups
    from backbridge.services.camera import Camera
    from backbridge.services.checkins import CheckIns
    from backbridge.services.measures import Measures
    from backbridge.services.nutrition import NutritionCases
    from backbridge.services.overview import Overview
    from backbridge.services.safety import Safety
    from backbridge.services.stores import Clock, Room
    from backbridge.services.training import Training
    from backbridge.settings import Settings

__all__ = ["DEFAULT_PROGRAM", "Services", "build_services"]


@dataclass
class Services:
    """Every use case of one person's data, over one open database."""

    settings: Settings
    room: Room
    safety: Safety
    training: Training
    overview: Overview

    @property
    def catalog(self) -> Catalog:
        return self.room.catalog

    def now(self) -> datetime:
        return self.room.now()

    def today(self) -> date:
        """The local calendar day now."""
        return self.room.today()

    # The groups below are built (and their modules imported) on first use: `backbridge log
    # set` needs none of them, and the backup's schema alone costs a short command ~15 ms.

    @cached_property
    def checkins(self) -> CheckIns:
        from backbridge.services.checkins import CheckIns

        return CheckIns(self.room, self.safety)

    @cached_property
    def nutrition(self) -> NutritionCases:
        from backbridge.services.nutrition import NutritionCases

        return NutritionCases(self.room)

    @cached_property
    def backups(self) -> Backups:
        from backbridge.services.backups import Backups

        return Backups(self.room, self.nutrition)

    @cached_property
    def measures(self) -> Measures:
        from backbridge.services.measures import Measures

        return Measures(self.room)

    @cached_property
    def camera(self) -> Camera:
        """The camera coach's use cases; imported on first use (the analysis is not light)."""
        from backbridge.services.camera import Camera

        return Camera(self.room, self.safety, self.training)

    def close(self) -> None:
        self.room.stores.database.dispose()


def build_services(settings: Settings, *, clock: Clock = utc_now) -> Services:
    """Load the catalogue (from the cache when current), open (and migrate) the database and
    find the local user."""
    from backbridge.services.catalog_cache import cached_catalog
    from backbridge.services.overview import Overview
    from backbridge.services.safety import Safety
    from backbridge.services.stores import Room, Stores
    from backbridge.services.training import Training
    from backbridge.store import Journal, open_database
    from backbridge.store.corrections import SetCorrections
    from backbridge.store.journal import LOCAL_USER, ensure_user
    from backbridge.store.reviews import ReviewLog
    from backbridge.store.safety_log import SafetyLog

    catalog = cached_catalog(settings.cache_dir)
    database = open_database(settings)
    user = ensure_user(database, LOCAL_USER, clock())
    stores = Stores(
        database,
        Journal(database, user),
        SafetyLog(database, user),
        SetCorrections(database, user),
        ReviewLog(database, user),
    )
    room = Room(catalog, stores, clock)
    safety = Safety(room)
    training = Training(room, safety)
    return Services(
        settings=settings,
        room=room,
        safety=safety,
        training=training,
        overview=Overview(room, safety, training),
    )
