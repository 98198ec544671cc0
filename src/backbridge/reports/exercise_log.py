"""One exercise's history, session by session, and each exercise's best so far: pure, the
stored sessions in.

Only main-block sets that were done count; a warm-up move or stretch has no best set. "Best"
is the most reps in one set (the longest hold for a held exercise); "heaviest" is the band of
the highest order. Each is dated with the first session that reached it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind
from backbridge.program.history import LoggedSet, SetStatus, TrainingSession
from backbridge.reports.progress import BandPoint


@dataclass(frozen=True)
class ExerciseDay:
    """One session's sets of the exercise."""

    point: BandPoint
    sets: tuple[str, ...]
    """Each set in words, in the order done: ``10``, ``10 left``, ``30 s right``."""
    highest_pain: int | None

    @property
    def day(self) -> date:
        return self.point.day


@dataclass(frozen=True)
class ExerciseRecord:
    """An exercise's history summed up: how often, its best set and its heaviest band."""

    slug: str
    name: str
    sessions: int
    latest: BandPoint
    best: BandPoint
    """The first session with the most reps in one set (or the longest hold)."""
    heaviest: BandPoint | None
    """The first session with the heaviest band used; ``None`` if never with a band."""


@dataclass(frozen=True)
class ExerciseLog:
    slug: str
    name: str
    days: tuple[ExerciseDay, ...]
    """Oldest first."""
    record: ExerciseRecord | None
    """``None`` when the exercise was never done."""


def _done(session: TrainingSession, slug: str) -> list[LoggedSet]:
    return [
        s
        for s in session.sets
        if s.exercise == slug and s.block is BlockKind.MAIN and s.status is SetStatus.DONE
    ]


def _amount(logged: LoggedSet) -> str:
    amount = f"{logged.seconds} s" if logged.seconds is not None else str(logged.reps or 0)
    return f"{amount} {logged.side}" if logged.side else amount


def exercise_log(
    sessions: Sequence[TrainingSession], catalog: Catalog, slug: str, tz: tzinfo
) -> ExerciseLog:
    """Every session in which ``slug`` was done, oldest first, with its record."""
    exercise = catalog.exercise(slug)
    order = {band.slug: band.order for band in catalog.bands}
    days = []
    for session in sorted(sessions, key=lambda s: s.started_at):
        done = _done(session, slug)
        if not done:
            continue
        heaviest = max(done, key=lambda s: order.get(s.band or "", 0))
        pains = [s.pain for s in done if s.pain is not None]
        point = BandPoint(
            day=session.started_at.astimezone(tz).date(),
            variant=slug,
            variant_name=exercise.name,
            variant_rank=0,
            band=heaviest.band,
            band_order=order.get(heaviest.band) if heaviest.band else None,
            reps=max((s.reps for s in done if s.reps is not None), default=None),
            seconds=max((s.seconds for s in done if s.seconds is not None), default=None),
            sets=len({s.set_number for s in done}),
        )
        days.append(ExerciseDay(point, tuple(_amount(s) for s in done), max(pains, default=None)))
    return ExerciseLog(slug, exercise.name, tuple(days), _record(slug, exercise.name, days))


def _record(slug: str, name: str, days: Sequence[ExerciseDay]) -> ExerciseRecord | None:
    if not days:
        return None
    points = [d.point for d in days]
    best = max(points, key=lambda p: (p.reps or 0, p.seconds or 0))  # max keeps the first
    banded = [p for p in points if p.band_order is not None]
    heaviest = max(banded, key=lambda p: p.band_order or 0) if banded else None
    return ExerciseRecord(slug, name, len(points), points[-1], best, heaviest)


def exercise_records(
    sessions: Sequence[TrainingSession], catalog: Catalog, tz: tzinfo
) -> tuple[ExerciseRecord, ...]:
    """The record of every exercise done in the main block, the most recently done first."""
    slugs = {
        s.exercise
        for session in sessions
        for s in session.sets
        if s.block is BlockKind.MAIN and s.status is SetStatus.DONE
    }
    known = {e.slug for e in catalog.exercises}
    records = [
        record
        for slug in sorted(slugs & known)
        if (record := exercise_log(sessions, catalog, slug, tz).record) is not None
    ]
    return tuple(sorted(records, key=lambda r: (r.latest.day, r.name), reverse=True))
