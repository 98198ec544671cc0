"""The guided session: what comes next, what a logged set means, and how to pick up again.

The caller (terminal or web) shows a step, gathers what the person did and hands it to
:meth:`GuidedSession.log`; the session checks it, writes it through the journal port before
returning, and answers with feedback (the pain rule). Progress is derived from what the
journal holds, so a session rebuilt from stored sets resumes exactly where it stopped.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from backbridge import values
from backbridge.catalog.collection import Catalog
from backbridge.catalog.lessons import Moment
from backbridge.catalog.models import BlockKind
from backbridge.coach import entries
from backbridge.coach.ports import Clock, Journal
from backbridge.coach.steps import Step, build_steps
from backbridge.errors import InvalidInput
from backbridge.program import pain as pain_rules
from backbridge.program.effort import Effort
from backbridge.program.history import (
    CameraCount,
    CameraResult,
    CheckIn,
    CheckInKind,
    EntrySource,
    LoggedSet,
    SetStatus,
    Side,
    TrainingSession,
)
from backbridge.program.plan import SessionPlan


@dataclass(frozen=True)
class StepResult:
    """What the person reports for one step. ``amounts`` maps each side of the step to the
    reps (or seconds, for timed work) done on it."""

    amounts: Mapping[Side | None, int]
    band: str | None = None
    effort: Effort | None = None
    pain: int | None = None
    note: str | None = None
    camera: CameraCount | None = None
    """What the camera coach counted and saw, when it watched the set."""


@dataclass(frozen=True)
class Feedback:
    messages: tuple[str, ...] = ()
    stopped_exercise: bool = False
    stopped_session: bool = False
    """Severe pain ended the day's training: every remaining main set is skipped."""
    lessons: tuple[str, ...] = ()
    """Ids of the lessons worth reading now (a pain stop)."""


@dataclass
class GuidedSession:
    """One session in progress, rebuilt from its stored record."""

    record: TrainingSession
    plan: SessionPlan
    catalog: Catalog
    journal: Journal
    clock: Clock
    steps: list[Step] = field(init=False)
    _logged: list[LoggedSet] = field(init=False)
    _checkins: list[CheckIn] = field(init=False)

    def __post_init__(self) -> None:
        self.steps = build_steps(self.plan, self.catalog)
        self._logged = list(self.record.sets)
        self._checkins = list(self.record.checkins)

    # -- progress ---------------------------------------------------------------------------

    @property
    def done_keys(self) -> set[str]:
        return {logged.step_key for logged in self._logged}

    @property
    def logged(self) -> list[LoggedSet]:
        return list(self._logged)

    def pending(self) -> Iterator[Step]:
        """Steps not logged yet, re-evaluated after every log so a stop takes effect at once."""
        for step in self.steps:
            if not set(step.keys) <= self.done_keys:
                yield step

    @property
    def resumed(self) -> bool:
        return bool(self._logged)

    @property
    def needs_checkin(self) -> bool:
        return not any(c.kind is CheckInKind.BEFORE for c in self._checkins)

    def progress(self) -> tuple[int, int]:
        """(steps done, steps in the plan)."""
        done = sum(1 for step in self.steps if set(step.keys) <= self.done_keys)
        return done, len(self.steps)

    # -- recording --------------------------------------------------------------------------

    def check_in(self, pain: int, note: str | None = None) -> CheckIn:
        checkin = CheckIn(
            id=uuid.uuid4(),
            session_id=self.record.id,
            kind=CheckInKind.BEFORE,
            pain=values.check_pain(pain),
            note=values.check_note(note),
            recorded_at=self.clock(),
        )
        self.journal.record_checkin(checkin)
        self._checkins.append(checkin)
        return checkin

    def lighten(self, reason: str, drop: int) -> int:
        """A lighter day: the last ``drop`` sets of every main exercise not yet started are
        recorded as skipped with ``reason`` (at least one set of each stays). Returns how many
        steps were dropped."""
        dropped = [
            step
            for step in self.pending()
            if step.block is BlockKind.MAIN
            and step.set_number > max(1, step.prescription.sets - drop)
        ]
        rows = [row for step in dropped for row in self._skipped_rows(step, reason)]
        if rows:
            self._write(rows)
        return len(dropped)

    def log(self, step: Step, result: StepResult) -> Feedback:
        """Validate and store the step's sets (one per side) in one write, then apply the pain
        rule: pain above the acceptable limit stops the exercise for today, severe pain every
        exercise."""
        rows = self._rows(step, result, SetStatus.DONE)
        self._write(rows)
        return self._pain_feedback(step, result.pain)

    def skip(self, step: Step, reason: str = "skipped") -> None:
        """Record the step as skipped, so the history shows it and a resume moves past it."""
        self._write(self._skipped_rows(step, reason))

    def _rows(self, step: Step, result: StepResult, status: SetStatus) -> list[LoggedSet]:
        if set(result.amounts) != set(step.sides):
            wanted = ", ".join(str(side or "both sides") for side in step.sides)
            raise InvalidInput(f"give the amount done for: {wanted}")
        effort = result.effort
        band = entries.check_band(self.catalog, step.exercise, result.band)
        pain = None if result.pain is None else values.check_pain(result.pain)
        note = values.check_note(result.note)
        camera = None if result.camera is None else self._camera(step, result.camera)
        now = self.clock()
        rows = []
        for side in step.sides:
            amount = result.amounts[side]
            rows.append(
                LoggedSet(
                    id=uuid.uuid4(),
                    session_id=self.record.id,
                    exercise=step.exercise.slug,
                    block=step.block,
                    set_number=step.set_number,
                    side=side,
                    reps=None if step.timed else values.check_reps(amount),
                    seconds=values.check_seconds(amount) if step.timed else None,
                    band=band,
                    rpe=None if effort is None else effort.rpe,
                    reps_in_reserve=None if effort is None else effort.reps_in_reserve,
                    pain=pain,
                    note=note,
                    status=status,
                    source=EntrySource.GUIDED if camera is None else EntrySource.CAMERA,
                    camera=None if camera is None else camera[side],
                    performed_at=now,
                )
            )
        return rows

    @staticmethod
    def _camera(step: Step, seen: CameraCount) -> dict[Side | None, CameraResult]:
        if step.exercise.camera is None or step.timed:
            raise InvalidInput(f"the camera coach does not count {step.exercise.name}")
        return seen.by_side(step.sides)

    def _skipped_rows(self, step: Step, reason: str) -> list[LoggedSet]:
        now = self.clock()
        return [
            LoggedSet(
                id=uuid.uuid4(),
                session_id=self.record.id,
                exercise=step.exercise.slug,
                block=step.block,
                set_number=step.set_number,
                side=side,
                status=SetStatus.SKIPPED,
                note=reason,
                source=EntrySource.GUIDED,
                performed_at=now,
            )
            for side in step.sides
        ]

    def _write(self, rows: list[LoggedSet]) -> None:
        self.journal.record_sets(rows)
        self._logged.extend(rows)

    def _pain_feedback(self, step: Step, pain: int | None) -> Feedback:
        if step.block is not BlockKind.MAIN:
            return Feedback()
        verdict = pain_rules.during_set(self.catalog.rules.pain, pain, step.exercise.name)
        if verdict.message is None:
            return Feedback()
        if not verdict.stops_exercise:
            return Feedback((verdict.message,))
        limits = self.catalog.rules.pain
        if verdict.stops_session:
            reason = f"stopped: pain {pain}/10 is severe ({limits.severe_from}/10 or more)"
        else:
            reason = f"stopped: pain {pain}/10 above the {limits.acceptable_max}/10 limit"
        remaining = [
            later
            for later in self.pending()
            if later.block is step.block
            and (verdict.stops_session or later.exercise.slug == step.exercise.slug)
        ]
        rows = [row for later in remaining for row in self._skipped_rows(later, reason)]
        if rows:
            self._write(rows)
        skipped = f" ({len(remaining)} remaining set(s) recorded as skipped.)" if remaining else ""
        return Feedback(
            (
                verdict.message + skipped,
                "Tomorrow morning's check-in tells the coach how your back took it.",
            ),
            stopped_exercise=True,
            stopped_session=verdict.stops_session,
            lessons=tuple(x.id for x in self.catalog.lessons_at(Moment.PAIN_STOP)),
        )
