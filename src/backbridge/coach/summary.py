"""What a session amounted to: per exercise, the sets done, reps, band, effort and pain."""

from __future__ import annotations

from dataclasses import dataclass

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind
from backbridge.program.history import CheckInKind, SetStatus, Side, TrainingSession


@dataclass(frozen=True)
class ExerciseSummary:
    exercise: str
    name: str
    block: BlockKind
    sets_done: int
    sets_skipped: int
    reps: dict[str, int]
    """Total reps per side ("left", "right") or under "both" for two-sided work."""
    seconds: int
    bands: tuple[str, ...]
    max_pain: int | None
    max_rpe: float | None
    min_reps_in_reserve: int | None
    camera_faults: dict[str, int]
    """How often the camera coach saw each fault (by what it said), over the sets it watched."""

    @property
    def effort(self) -> str:
        """``RPE 8``, ``2 RIR`` or ``-``."""
        if self.max_rpe is not None:
            return f"RPE {self.max_rpe:g}"
        if self.min_reps_in_reserve is not None:
            return f"{self.min_reps_in_reserve} RIR"
        return "-"


@dataclass(frozen=True)
class SessionSummary:
    pain_before: int | None
    pain_next_morning: int | None
    exercises: tuple[ExerciseSummary, ...]
    minutes: int | None
    """From the start to the end of a finished session, rounded; ``None`` while it runs."""

    @property
    def main(self) -> tuple[ExerciseSummary, ...]:
        return tuple(e for e in self.exercises if e.block is BlockKind.MAIN)

    @property
    def max_pain(self) -> int | None:
        values = [e.max_pain for e in self.main if e.max_pain is not None]
        return max(values) if values else None


def summarize(session: TrainingSession, catalog: Catalog) -> SessionSummary:
    groups: dict[tuple[BlockKind, str], list[int]] = {}
    for index, logged in enumerate(session.sets):
        groups.setdefault((logged.block, logged.exercise), []).append(index)
    summaries = []
    for (block, slug), indexes in groups.items():
        rows = [session.sets[i] for i in indexes]
        done = [row for row in rows if row.status is SetStatus.DONE]
        reps: dict[str, int] = {}
        for row in done:
            if row.reps is not None:
                key = str(row.side) if isinstance(row.side, Side) else "both"
                reps[key] = reps.get(key, 0) + row.reps
        pains = [row.pain for row in done if row.pain is not None]
        rpes = [row.rpe for row in done if row.rpe is not None]
        reserves = [row.reps_in_reserve for row in done if row.reps_in_reserve is not None]
        faults: dict[str, int] = {}
        for row in done:
            for fault in row.camera.faults if row.camera else ():
                faults[fault.text] = faults.get(fault.text, 0) + 1
        summaries.append(
            ExerciseSummary(
                exercise=slug,
                name=catalog.exercise(slug).name if slug in _slugs(catalog) else slug,
                block=block,
                sets_done=len({(row.set_number) for row in done}),
                sets_skipped=len(
                    {row.set_number for row in rows if row.status is SetStatus.SKIPPED}
                ),
                reps=reps,
                seconds=sum(row.seconds or 0 for row in done),
                bands=tuple(dict.fromkeys(row.band for row in done if row.band)),
                max_pain=max(pains) if pains else None,
                max_rpe=max(rpes) if rpes else None,
                min_reps_in_reserve=min(reserves) if reserves else None,
                camera_faults=faults,
            )
        )
    before = session.checkin(CheckInKind.BEFORE)
    morning = session.checkin(CheckInKind.NEXT_MORNING)
    return SessionSummary(
        pain_before=before.pain if before else None,
        pain_next_morning=morning.pain if morning else None,
        exercises=tuple(summaries),
        minutes=None
        if session.ended_at is None
        else round((session.ended_at - session.started_at).total_seconds() / 60),
    )


def _slugs(catalog: Catalog) -> set[str]:
    return {exercise.slug for exercise in catalog.exercises}
