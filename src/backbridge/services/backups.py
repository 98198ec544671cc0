"""Backups: export everything as one JSON document, and import one back.

Import takes the rows a backup holds as they were stored; each set, check-in and screen is
then judged by the same rules as when it was logged (the plan and the safety status are
derived from the stored rows every time), so an imported history plans exactly like the
logged one it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backbridge.services.stores import Room
from backbridge.store import backup
from backbridge.store.backup import ImportReport


@dataclass(frozen=True)
class Backups:
    room: Room

    def export(self) -> dict[str, Any]:
        return backup.export_backup(self.room.stores.database, self.room.now())

    def import_document(self, document: Any, where: str) -> ImportReport:
        """Check a backup document (``where`` names it in errors) and add every row the
        database lacks, in one transaction: all or nothing."""
        parsed = backup.parse_backup(document, where)
        return backup.import_backup(self.room.stores.database, parsed)
