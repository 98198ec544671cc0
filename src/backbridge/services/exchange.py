"""Exports other tools read and imports of what they write: Strong and Hevy CSV, FHIR R4, and
the training schedule as iCalendar.

The JSON backup stays the lossless format (:mod:`backbridge.services.backups`); these carry what
the other format can hold. A CSV import goes through the backup import's checks (every record
passes what the API asks of it, the catalogue's exercises and bands, no future times) and its
one transaction: all or nothing. Exercise names the mapping table does not know are not stored
as training (backbridge only keeps exercises it can plan and explain); their rows come back to
the caller to keep beside the file, with a warning per name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from backbridge import __version__
from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.clock import check_calendar
from backbridge.errors import InvalidInput
from backbridge.reports import fhir
from backbridge.reports.names import load_names
from backbridge.reports.schedule import Schedule, schedule_ical
from backbridge.reports.workout_csv import LAYOUTS, WRITERS, read_workouts
from backbridge.store.backup import FORMAT, Backup, BackupUser, ImportReport

if TYPE_CHECKING:
    from datetime import tzinfo

    from backbridge.services import Services


class ExportFormat(StrEnum):
    JSON = "json"
    STRONG_CSV = "strong-csv"
    HEVY_CSV = "hevy-csv"
    FHIR = "fhir"
    ICAL = "ical"


class ImportFormat(StrEnum):
    JSON = "json"
    STRONG_CSV = "strong-csv"
    HEVY_CSV = "hevy-csv"


MEDIA_TYPES = {
    ExportFormat.JSON: ("application/json", "backbridge-backup.json"),
    ExportFormat.STRONG_CSV: ("text/csv", "backbridge-strong.csv"),
    ExportFormat.HEVY_CSV: ("text/csv", "backbridge-hevy.csv"),
    ExportFormat.FHIR: ("application/fhir+json", "backbridge-fhir.json"),
    ExportFormat.ICAL: ("text/calendar", "backbridge-schedule.ics"),
}
"""Each export's media type and the file name a download suggests."""


MAX_WEEKS = 104
"""The longest schedule an iCalendar export holds: two years of sessions."""


@dataclass(frozen=True)
class WorkoutImport:
    report: ImportReport
    same_time: int
    """Sessions of the file that start in the same minute as one already stored (an earlier
    import of another export of the same history): left out, as already here."""
    unknown: dict[str, int]
    """Exercise names the table does not know, with their number of rows (not imported)."""
    unknown_rows: str
    """Those rows as CSV with the file's header, to keep; empty when every name was known."""


@dataclass(frozen=True)
class Exchange:
    services: Services
    tz: tzinfo | None = None
    """The zone of the wall-clock times CSV files hold; ``None``: this computer's."""

    def export(
        self, format: ExportFormat, *, name: str | None = None, schedule: Schedule | None = None
    ) -> str:
        """The whole history in ``format``, as text; ``name`` goes into the FHIR Patient
        (pseudonymous without it). ``ical`` is the schedule ahead instead, as ``schedule``
        chooses (from today, 8 weeks, by default)."""
        import json

        if format is ExportFormat.ICAL:
            return self.schedule(schedule).decode("utf-8")
        if format is ExportFormat.JSON:
            document = self.services.backups.export()
            return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        room = self.services.room
        sessions = room.stores.journal.sessions()
        if format is ExportFormat.FHIR:
            return json.dumps(self.fhir(sessions, name), indent=2, ensure_ascii=False) + "\n"
        return WRITERS[format](sessions, room.catalog, self.tz)

    def fhir(self, sessions: list[Any], name: str | None) -> dict[str, Any]:
        room, services = self.services.room, self.services
        program = room.catalog.program(DEFAULT_PROGRAM)
        status = services.safety.status()
        plan = None if status.blocked else services.training.next_plan(program.slug, sessions)
        unlinked = [c for c in room.stores.journal.checkins() if c.session_id is None]
        return fhir.bundle(
            catalog=room.catalog, program=program, plan=plan, sessions=sessions,
            checkins=unlinked, user_id=room.stores.journal.user.id, name=name, now=room.now(),
            scales=room.stores.measures.function_scores(),
        )  # fmt: skip

    def schedule(self, choice: Schedule | None = None) -> bytes:
        """The planned sessions and next-morning check-ins as an iCalendar file, described with
        the next plan's exercises (none while training is paused)."""
        room = self.services.room
        choice = replace(choice or Schedule(), start=(choice and choice.start) or room.today())
        assert choice.start is not None
        if not 1 <= choice.weeks <= MAX_WEEKS:
            raise InvalidInput(f"a schedule spans 1 to {MAX_WEEKS} weeks, not {choice.weeks}")
        check_calendar(choice.start)
        check_calendar(choice.start + timedelta(weeks=choice.weeks))
        program = room.catalog.program(DEFAULT_PROGRAM)
        plan = self.services.overview.plan(program.slug).items
        return schedule_ical(
            room.catalog, program, plan, choice, user_id=room.stores.journal.user.id,
            now=room.now(),
        )  # fmt: skip

    def import_workouts(self, text: str, where: str, format: ImportFormat) -> WorkoutImport:
        """Read a Strong or Hevy CSV export (``where`` names it in errors) and add its sessions
        of known exercises in one transaction."""
        room = self.services.room
        user = room.stores.journal.user
        read = read_workouts(
            text, where, LAYOUTS[format], catalog=room.catalog,
            names=load_names(room.catalog), user_id=user.id, tz=self.tz,
        )  # fmt: skip
        stored = {s.id: s.started_at for s in room.stores.journal.sessions()}
        minutes = {_minute(start) for start in stored.values()}
        fresh = [s for s in read.sessions if s.id in stored or _minute(s.started_at) not in minutes]
        parsed = Backup(
            format=FORMAT, exported_at=room.now(), app_version=__version__,
            users=[BackupUser(id=user.id, name=user.name, created_at=user.created_at,
                              notice_seen_at=user.notice_seen_at)],
            sessions=fresh, checkins=[],
        )  # fmt: skip
        report = self.services.backups.import_records(parsed, where)
        return WorkoutImport(
            report, len(read.sessions) - len(fresh), read.unknown, read.unknown_rows
        )


def _minute(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(second=0, microsecond=0)
