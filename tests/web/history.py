"""A year of made-up training stored through the journal, for pages and charts."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from backbridge.catalog.models import BlockKind
from backbridge.program.history import CheckIn, CheckInKind, EntrySource, LoggedSet, Side
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user

MAIN = (("squat-hip-extension", "red", True), ("banded-bridge-abduction", "red", False),
        ("banded-clamshell", "yellow", True))  # fmt: skip


def store_a_year(settings: Settings, weeks: int = 52, seed: int = 7) -> int:
    """Three sessions a week, most of them; returns the number of sets stored."""
    rng = random.Random(seed)
    db = open_database(settings)
    journal = Journal(db, ensure_user(db, LOCAL_USER, datetime.now(UTC)))
    today = datetime.now(UTC).replace(hour=17, minute=0, second=0, microsecond=0)
    start = today - timedelta(weeks=weeks)
    stored = 0
    for day in range(weeks * 7):
        moment = start + timedelta(days=day)
        if moment.weekday() not in (0, 2, 4) or rng.random() < 0.15 or moment >= today:
            continue
        session = journal.start_session("glute-lower-back", {}, moment)
        journal.record_checkin(CheckIn(id=uuid.uuid4(), session_id=session.id,
            kind=CheckInKind.BEFORE, pain=rng.randint(0, 4), recorded_at=moment))  # fmt: skip
        rows = []
        for slug, band, sided in MAIN:
            for set_number in (1, 2, 3):
                for side in (Side.LEFT, Side.RIGHT) if sided else (None,):
                    note = None
                    source = EntrySource.GUIDED
                    if slug == "banded-clamshell" and rng.random() < 0.3:
                        source = EntrySource.CAMERA
                        note = "camera coach: Keep the feet together (x2)"
                    rows.append(LoggedSet(id=uuid.uuid4(), session_id=session.id, exercise=slug,
                        block=BlockKind.MAIN, set_number=set_number, side=side,
                        reps=rng.choice((10, 12, 15)), band=band if day < 200 else "green",
                        rpe=7, pain=rng.randint(0, 5), note=note, source=source,
                        performed_at=moment + timedelta(minutes=set_number)))  # fmt: skip
        journal.record_sets(rows)
        stored += len(rows)
        journal.finish_session(session.id, moment + timedelta(minutes=40))
        journal.record_checkin(CheckIn(id=uuid.uuid4(), session_id=session.id,
            kind=CheckInKind.NEXT_MORNING, pain=rng.randint(0, 4),
            recorded_at=moment + timedelta(hours=15)))  # fmt: skip
    db.dispose()
    return stored
