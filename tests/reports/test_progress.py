"""Progress series: weeks, streaks and camera faults from plain history records."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from backbridge.catalog import Catalog
from backbridge.catalog.models import BlockKind
from backbridge.program.history import (
    CameraFault,
    CameraResult,
    EntrySource,
    LoggedSet,
    SessionStatus,
    TrainingSession,
)
from backbridge.reports.progress import progress, streak

USER = uuid.uuid4()


def session(
    day: date, *reps: int, note: str | None = None, camera: CameraResult | None = None
) -> TrainingSession:
    started = datetime(day.year, day.month, day.day, 18, tzinfo=UTC)
    sid = uuid.uuid4()
    sets = tuple(
        LoggedSet(
            id=uuid.uuid4(),
            session_id=sid,
            exercise="bridge",
            block=BlockKind.MAIN,
            set_number=n,
            reps=r,
            pain=n,
            note=note,
            performed_at=started,
            source=EntrySource.MANUAL if camera is None else EntrySource.CAMERA,
            camera=camera,
        )
        for n, r in enumerate(reps, 1)
    )
    return TrainingSession(id=sid, user_id=USER, program="glute-lower-back",
                           status=SessionStatus.COMPLETED, started_at=started, sets=sets)  # fmt: skip


def test_faults_come_from_the_camera_rows_of_each_set(catalog: Catalog) -> None:
    monday = date(2026, 11, 23)
    knees = CameraFault(cue="knees-out", rep=2, text="Knees out")
    hips = CameraFault(cue="hips-level", rep=None, text="Keep the hips level")
    history = [
        session(monday, 10, camera=CameraResult(reps_counted=10, faults=(knees, knees, hips))),
        session(monday + timedelta(days=1), 10, camera=CameraResult(reps_counted=9)),
        session(monday + timedelta(days=2), 10, note="camera coach: Knees out (x3)"),
    ]
    result = progress(history, catalog, "glute-lower-back", today=monday + timedelta(days=3),
                      tz=UTC, weeks=1)  # fmt: skip
    assert result.faults == (3,), "three faults in one set, none in the other; notes are text"


def test_weeks_sum_volume_and_pain(catalog: Catalog) -> None:
    monday = date(2026, 11, 23)
    history = [session(monday, 10, 10), session(monday + timedelta(days=2), 12),
               session(monday - timedelta(days=7), 8)]  # fmt: skip
    result = progress(history, catalog, "glute-lower-back", today=monday + timedelta(days=3),
                      tz=UTC, weeks=3)  # fmt: skip
    assert [w.start for w in result.weeks] == [
        monday - timedelta(days=14),
        monday - timedelta(days=7),
        monday,
    ]
    assert [w.reps for w in result.weeks] == [0, 8, 32]
    assert result.weeks[-1].pain_during == 1.5  # highest pain per session: 2 and 1
    assert len(result.calendar) == 18 and sum(d.sessions for d in result.calendar) == 3
    bridge_slot = next(s for s in result.slots if "bridge" in s.variants)
    assert [p.variant for p in bridge_slot.points] == ["bridge"] * 3
    gluteus = {m.muscle: m.sets for m in result.muscles}
    assert gluteus and all(len(sets) == 3 for sets in gluteus.values())
    assert not result.empty


def test_a_year_with_no_training_is_empty_but_complete(catalog: Catalog) -> None:
    result = progress([], catalog, "glute-lower-back", today=date(2026, 11, 24), tz=UTC, weeks=52)
    assert result.empty and len(result.weeks) == 52 and result.muscles == ()
    assert len(result.calendar) == 51 * 7 + 2


def test_streak_counts_full_weeks_in_a_row() -> None:
    monday = date(2026, 11, 23)
    weeks = [monday - timedelta(weeks=n) for n in (1, 2, 4)]
    history = [session(w + timedelta(days=d), 10) for w in weeks for d in (0, 2, 4)]
    history.append(session(monday, 10))
    result = streak(history, 3, today=monday + timedelta(days=1), tz=UTC)
    assert (result.weeks, result.this_week, result.per_week) == (2, 1, 3)
