"""Activities scales as rows on SQLite and PostgreSQL, and carried by a backup."""

from __future__ import annotations

import uuid
from pathlib import Path

from backbridge.program.measures import ActivityScore, FunctionScore
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.backup import export_backup, import_backup, parse_backup
from backbridge.store.database import Database
from backbridge.store.measures import MeasureLog
from tests.conftest import NOW


def test_scales_are_stored_and_carried_by_a_backup(
    database: Database, journal: Journal, tmp_path: Path
) -> None:
    log = MeasureLog(database, journal.user)
    score = FunctionScore(
        id=uuid.uuid4(),
        recorded_at=NOW,
        activities=(
            ActivityScore(activity="putting on socks", score=4),
            ActivityScore(activity="walking 30 minutes", score=0),
            ActivityScore(activity="lifting the shopping", score=10),
        ),
    )
    log.record(score)
    assert log.function_scores() == [score]
    document = export_backup(database, NOW)
    assert len(document["function_scores"]) == 1
    home = tmp_path / "restored"
    home.mkdir()
    restored = open_database(Settings(home=home))
    try:
        report = import_backup(restored, parse_backup(document, "backup.json"))
        assert report.added["activity scores"] == 1
        again = import_backup(restored, parse_backup(document, "backup.json"))
        assert again.already_present["activity scores"] == 1
        assert export_backup(restored, NOW)["function_scores"] == document["function_scores"]
    finally:
        restored.dispose()
