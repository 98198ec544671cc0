"""Backups: export everything as one JSON document, and import one back.

Import takes the rows a backup holds as they were stored, but only after every record has
passed what the API would ask of it: the limits of :mod:`backbridge.values` (checked as the
file is read), then here the catalogue's exercises, bands and programs, the food table and the
supplement guide, no time in the future, and references that lead somewhere. The first problem
is named by record and field, and nothing is imported: all or nothing. Each set, check-in and
screen is then judged by the same rules as when it was logged (the plan and the safety status
are derived from the stored rows every time), so an imported history plans exactly like the
logged one it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from backbridge.clock import CLOCK_SLACK
from backbridge.errors import DataFileError
from backbridge.services.nutrition import NutritionCases
from backbridge.services.stores import Room
from backbridge.store import backup
from backbridge.store.backup import Backup, ImportReport

FLAT_TIMES = (
    ("checkins", "recorded_at"),
    ("screenings", "recorded_at"),
    ("clearances", "recorded_at"),
    ("food_entries", "eaten_at"),
    ("supplement_entries", "taken_at"),
)
"""The records held at the top of a backup, and the time each one happened."""
Problem = tuple[str, str]
"""Where (``sessions[2].sets[0].exercise``) and what is wrong."""


@dataclass(frozen=True)
class Backups:
    room: Room
    nutrition: NutritionCases

    def export(self) -> dict[str, Any]:
        return backup.export_backup(self.room.stores.database, self.room.now())

    def import_text(self, text: str, where: str) -> ImportReport:
        """Read a backup's JSON text (``where`` names it in errors), check every record and
        add every row the database lacks, in one transaction: all or nothing."""
        return self._import(backup.read_backup(text, where), where)

    def import_records(self, parsed: Backup, where: str) -> ImportReport:
        """Check and add records read from another format (a Strong or Hevy CSV file) exactly
        as a backup's: the same checks, the same one transaction."""
        return self._import(parsed, where)

    def _import(self, parsed: Backup, where: str) -> ImportReport:
        for place, problem in self._problems(parsed):
            raise DataFileError([f"{where}: {place}: {problem}; nothing was imported"])
        return backup.import_backup(self.room.stores.database, parsed)

    def _problems(self, parsed: Backup) -> Iterator[Problem]:
        yield from _references(parsed)
        yield from self._catalogue_names(parsed)
        yield from _future_times(parsed, self.room.now() + CLOCK_SLACK)

    def _catalogue_names(self, parsed: Backup) -> Iterator[Problem]:
        """Every exercise, band and program the training records name, and every food and
        supplement the nutrition records name, exists here."""
        catalog = self.room.catalog
        programs = {program.slug for program in catalog.programs}
        exercises = {exercise.slug for exercise in catalog.exercises}
        bands = {band.slug for band in catalog.bands}
        for i, session in enumerate(parsed.sessions):
            if session.program not in programs:
                yield f"sessions[{i}].program", f"'{session.program}' is not a program here"
            for j, logged in enumerate(session.sets):
                place = f"sessions[{i}].sets[{j}]"
                if logged.exercise not in exercises:
                    yield f"{place}.exercise", f"'{logged.exercise}' is not in the catalogue"
                if logged.band is not None and logged.band not in bands:
                    yield f"{place}.band", f"'{logged.band}' is not a band of the catalogue"
        data = self.nutrition.data
        foods = {food.slug for food in data.foods.foods}
        foods |= {own.food.slug for own in parsed.custom_foods}
        for i, eaten in enumerate(parsed.food_entries):
            if eaten.food not in foods:
                yield f"food_entries[{i}].food", f"'{eaten.food}' is not in the food table"
        for i, taken in enumerate(parsed.supplement_entries):
            if data.guide.find(taken.supplement) is None:
                yield (
                    f"supplement_entries[{i}].supplement",
                    (f"'{taken.supplement}' is not in the supplement guide"),
                )


def _references(parsed: Backup) -> Iterator[Problem]:
    """Every record belongs to a user of the backup, each id is used once, a set or check-in
    names the session that holds it, and an unlinked check-in names no session or one that
    exists in the file."""
    users = {user.id for user in parsed.users}
    seen: dict[UUID, str] = {}

    def once(record_id: UUID, place: str) -> Iterator[Problem]:
        if record_id in seen:
            yield f"{place}.id", f"the same id as {seen[record_id]}"
        seen.setdefault(record_id, place)

    def owned(user_id: UUID, place: str) -> Iterator[Problem]:
        if user_id not in users:
            yield f"{place}.user_id", "names a user the backup does not hold"

    sessions = {session.id for session in parsed.sessions}
    for i, session in enumerate(parsed.sessions):
        place = f"sessions[{i}]"
        yield from once(session.id, place)
        yield from owned(session.user_id, place)
        held: list[tuple[str, UUID, UUID | None]]
        held = [(f"sets[{j}]", row.id, row.session_id) for j, row in enumerate(session.sets)]
        held += [(f"checkins[{j}]", c.id, c.session_id) for j, c in enumerate(session.checkins)]
        for row_place, row_id, session_id in held:
            yield from once(row_id, f"{place}.{row_place}")
            if session_id != session.id:
                yield f"{place}.{row_place}.session_id", "is not the session that holds it"
    for i, checkin in enumerate(parsed.checkins):
        place = f"checkins[{i}]"
        yield from once(checkin.id, place)
        yield from owned(checkin.user_id, place)
        if checkin.session_id is not None and checkin.session_id not in sessions:
            yield f"{place}.session_id", "names a session the backup does not hold"
    for name in ("screenings", "clearances", "nutrition_profiles", "custom_foods",
                 "food_entries", "supplement_entries"):  # fmt: skip
        for i, record in enumerate(getattr(parsed, name)):
            if hasattr(record, "id"):
                yield from once(record.id, f"{name}[{i}]")
            yield from owned(record.user_id, f"{name}[{i}]")


def _future_times(parsed: Backup, latest: datetime) -> Iterator[Problem]:
    """Nothing in a backup happened after it was read: no time later than now (with the
    clock slack every logged time is allowed)."""

    def check(place: str, moment: datetime | None) -> Iterator[Problem]:
        if moment is not None and moment > latest:
            yield place, f"{moment.isoformat(timespec='minutes')} is in the future"

    for i, session in enumerate(parsed.sessions):
        yield from check(f"sessions[{i}].started_at", session.started_at)
        yield from check(f"sessions[{i}].ended_at", session.ended_at)
        for j, logged in enumerate(session.sets):
            yield from check(f"sessions[{i}].sets[{j}].performed_at", logged.performed_at)
        for j, linked in enumerate(session.checkins):
            yield from check(f"sessions[{i}].checkins[{j}].recorded_at", linked.recorded_at)
    for name, field in FLAT_TIMES:
        for i, record in enumerate(getattr(parsed, name)):
            yield from check(f"{name}[{i}].{field}", getattr(record, field))
