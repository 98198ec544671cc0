"""A year of made-up training stored through the journal, for pages and charts."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from backbridge.catalog import DEFAULT_PROGRAM, load_catalog
from backbridge.catalog.models import BlockKind
from backbridge.clock import day_bounds, local_day
from backbridge.program.history import (
    CameraFault,
    CameraResult,
    CheckIn,
    CheckInKind,
    EntrySource,
    LoggedSet,
    Side,
)
from backbridge.program.plan import starting_plan
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user

MAIN = (("squat-hip-extension", "red", True), ("banded-bridge-abduction", "red", False),
        ("banded-clamshell", "yellow", True))  # fmt: skip
CAMERA_CUE = "feet-together"
FAULTS_PER_CAMERA_SET = 2
"""Each set the camera coach "watched" saw the heels part twice."""


@dataclass(frozen=True)
class StoredYear:
    sets: int
    camera_sets: int
    cue_text: str
    """What the camera coach said for each fault it saw."""


def store_a_year(settings: Settings, weeks: int = 52, seed: int = 7) -> StoredYear:
    """Three sessions a week, most of them, each opened with a pain check-in; about a third
    of the clamshell sets counted by the camera coach, with the faults it saw."""
    rng = random.Random(seed)
    catalog = load_catalog()
    plan = starting_plan(catalog.program(DEFAULT_PROGRAM), catalog)
    cue_text = next(c.text for c in catalog.exercise("banded-clamshell").cues if c.id == CAMERA_CUE)
    db = open_database(settings)
    journal = Journal(db, ensure_user(db, LOCAL_USER, datetime.now(UTC)))
    today = datetime.now(UTC).replace(hour=17, minute=0, second=0, microsecond=0)
    start = today - timedelta(weeks=weeks)
    stored = camera_sets = 0
    for day in range(weeks * 7):
        moment = start + timedelta(days=day)
        if moment.weekday() not in (0, 2, 4) or rng.random() < 0.15 or moment >= today:
            continue
        session = journal.start_session(
            DEFAULT_PROGRAM, plan, moment, day_bounds(local_day(moment))
        )
        journal.record_checkin(CheckIn(id=uuid.uuid4(), session_id=session.id,
            kind=CheckInKind.BEFORE, pain=rng.randint(0, 4), recorded_at=moment))  # fmt: skip
        rows = []
        for slug, band, sided in MAIN:
            for set_number in (1, 2, 3):
                for side in (Side.LEFT, Side.RIGHT) if sided else (None,):
                    reps = rng.choice((10, 12, 15))
                    camera = None
                    source = EntrySource.GUIDED
                    if slug == "banded-clamshell" and rng.random() < 0.3:
                        source = EntrySource.CAMERA
                        faults = tuple(CameraFault(cue=CAMERA_CUE, rep=rep, text=cue_text)
                                       for rep in range(1, FAULTS_PER_CAMERA_SET + 1))  # fmt: skip
                        camera = CameraResult(reps_counted=reps, faults=faults)
                        camera_sets += 1
                    rows.append(LoggedSet(id=uuid.uuid4(), session_id=session.id, exercise=slug,
                        block=BlockKind.MAIN, set_number=set_number, side=side, reps=reps,
                        band=band if day < 200 else "green", rpe=7, pain=rng.randint(0, 5),
                        source=source, camera=camera,
                        performed_at=moment + timedelta(minutes=set_number)))  # fmt: skip
        journal.record_sets(rows)
        stored += len(rows)
        journal.finish_session(session.id, moment + timedelta(minutes=40))
        journal.record_checkin(CheckIn(id=uuid.uuid4(), session_id=session.id,
            kind=CheckInKind.NEXT_MORNING, pain=rng.randint(0, 4),
            recorded_at=moment + timedelta(hours=15)))  # fmt: skip
    db.dispose()
    return StoredYear(stored, camera_sets, cue_text)
