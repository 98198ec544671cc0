"""Training use cases: guided sessions and their steps, quick logging, corrections.

Every path that stores training passes :meth:`Safety.require_logging` first and the pain rules
of :mod:`backbridge.program.pain` after, so the guided session (terminal or page), quick
logging (terminal or API) and the camera coach refuse and warn alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backbridge import values
from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.catalog.lessons import Moment
from backbridge.catalog.models import BlockKind, Kind
from backbridge.clock import as_aware
from backbridge.coach import entries
from backbridge.coach.guided import Feedback, GuidedSession, StepResult
from backbridge.coach.steps import Step
from backbridge.errors import Action, Conflict, InvalidInput, NotFound
from backbridge.program import pain as pain_rules
from backbridge.program.effort import Effort
from backbridge.program.history import (
    CameraResult,
    CheckIn,
    EntrySource,
    LoggedSet,
    SessionStatus,
    SetStatus,
    Side,
    TrainingSession,
)
from backbridge.program.plan import SessionPlan
from backbridge.program.progression import Restraint, plan_next_session
from backbridge.services.safety import Safety
from backbridge.services.stores import Room
from backbridge.store.journal import DayContext

BLOCK_OF_KIND = {
    Kind.EXERCISE: BlockKind.MAIN,
    Kind.WARM_UP: BlockKind.WARM_UP,
    Kind.STRETCH: BlockKind.STRETCH,
}


@dataclass(frozen=True)
class SetEntry:
    """One set logged outside the guided flow; nothing is trusted until it is checked."""

    exercise: str
    reps: int | None = None
    seconds: int | None = None
    side: Side | None = None
    band: str | None = None
    effort: Effort | None = None
    pain: int | None = None
    note: str | None = None
    source: EntrySource = EntrySource.MANUAL
    camera: CameraResult | None = None
    """What the camera coach counted and saw, for a set it watched."""


@dataclass(frozen=True)
class SetLogged:
    logged: LoggedSet
    session: TrainingSession
    """The day's session, without its sets."""
    sets_in_session: int
    feedback: Feedback


@dataclass(frozen=True)
class StepLogged:
    guided: GuidedSession
    saved: list[LoggedSet]
    feedback: Feedback


@dataclass(frozen=True)
class BeforeCheckIn:
    checkin: CheckIn
    caution: str | None
    """What the pain means for today's session, if anything."""
    screening_due: bool
    """The safety questions are due now (this pain may be why): ask them before the sets."""
    lessons: tuple[str, ...] = ()
    """Ids of the lessons worth reading now (a lighter day: the flare-up lessons)."""


LastTime = dict[str, list[LoggedSet]]
"""Per exercise, the sets done at its latest earlier session."""
LOOK_BACK = 12
"""How many earlier sessions "last time" looks through: a month of every other day."""

SET_CHANGES = ("reps", "seconds", "band", "effort", "pain", "note")


@dataclass(frozen=True)
class Training:
    room: Room
    safety: Safety

    # -- plans ------------------------------------------------------------------------------

    def next_plan(
        self,
        program: str = DEFAULT_PROGRAM,
        history: list[TrainingSession] | None = None,
        restraint: Restraint | None = None,
    ) -> SessionPlan:
        """The next session of the program, adapted to the history, to a standing pain review
        and to the latest clearance (each read here unless the caller has it already)."""
        catalog = self.room.catalog
        sessions = self.room.stores.journal.sessions() if history is None else history
        if restraint is None:
            restraint = self.restraint(sessions)
        return plan_next_session(
            catalog.program(program), catalog, sessions, self.room.now(), restraint
        )

    def restraint(self, history: list[TrainingSession]) -> Restraint:
        """What holds the next plan back: the standing pain review and the latest clearance."""
        status = self.safety.status()
        return Restraint(self.safety.pain_review(history, status), status.cleared_at)

    # -- guided sessions --------------------------------------------------------------------

    def open_session(self, program: str, *, resume: bool) -> tuple[GuidedSession, bool]:
        """The unfinished guided session (``resume``) or a new one at the next plan; the flag
        says whether a new one was started. Refused while a red flag stands; a new session is
        refused while the safety questions are due and while a pain review waits for the
        person's confirmation."""
        journal = self.room.stores.journal
        unfinished = journal.unfinished_session()
        if resume and unfinished is not None and unfinished.plan is not None:
            self.safety.require_training()
            return self._guided(unfinished), False
        self.safety.require_logging()
        slug = self.room.catalog.program(program).slug
        history = journal.sessions()
        self.safety.require_review_confirmed(history)
        plan = self.next_plan(slug, history)
        now = self.room.now()
        record = journal.start_session(slug, plan, now, self.room.day_of(now))
        return self._guided(record), True

    def unfinished(self) -> GuidedSession | None:
        record = self.room.stores.journal.unfinished_session()
        return None if record is None or record.plan is None else self._guided(record)

    def current(self) -> GuidedSession:
        """The unfinished guided session; :class:`NotFound` when there is none."""
        guided = self.unfinished()
        if guided is None:
            raise NotFound("there is no unfinished session", action=Action.START_SESSION)
        return guided

    def guided(self, session_id: uuid.UUID) -> GuidedSession:
        return self._guided(self.session(session_id))

    def session(self, session_id: uuid.UUID) -> TrainingSession:
        return self.room.stores.journal.session(session_id)

    def sessions(self, since: datetime | None = None) -> list[TrainingSession]:
        return self.room.stores.journal.sessions(since=since)

    def last_time(self, guided: GuidedSession, look_back: int = LOOK_BACK) -> LastTime:
        """Per main exercise of the session, the sets done at its latest earlier session (of the
        last ``look_back`` sessions): what the form shows as "last time" beside the plan."""
        record = guided.record
        wanted = {step.exercise.slug for step in guided.steps if step.block is BlockKind.MAIN}
        earlier, _ = self.room.stores.journal.session_page(
            None, (record.started_at, record.id), look_back
        )
        found: dict[str, list[LoggedSet]] = {}
        for session in reversed(earlier):
            for slug in wanted - set(found):
                rows = [
                    row
                    for row in session.sets
                    if row.exercise == slug
                    and row.block is BlockKind.MAIN
                    and row.status is SetStatus.DONE
                ]
                if rows:
                    found[slug] = rows
        return found

    def _guided(self, record: TrainingSession) -> GuidedSession:
        if record.plan is None:
            raise InvalidInput(
                f"session {record.id} holds sets logged one at a time; it has no guided steps"
            )
        return GuidedSession(
            record, record.plan, self.room.catalog, self.room.stores.journal, self.room.clock
        )

    def check_in_before(
        self, guided: GuidedSession, pain: int, note: str | None = None
    ) -> BeforeCheckIn:
        """The pain check-in that opens a guided session, and what that pain means: from
        ``lighter_from`` the session is made lighter (its last sets recorded as skipped)."""
        checkin = guided.check_in(values.check_pain(pain), note)
        limits = self.room.catalog.rules.pain
        caution = pain_rules.before_session(limits, pain)
        lessons: tuple[str, ...] = ()
        if pain_rules.lighter_day(limits, pain):
            guided.lighten(
                f"lighter day: pain {pain}/10 before the session", limits.lighter_drop_sets
            )
            lessons = tuple(x.id for x in self.room.catalog.lessons_at(Moment.FLARE_UP))
        return BeforeCheckIn(checkin, caution, self.safety.status().screening_due, lessons)

    def record_step(self, guided: GuidedSession, step: Step, result: StepResult) -> Feedback:
        """Store one step (all its sides in one transaction) and apply the pain rule."""
        self.safety.require_logging()
        self._require_open(guided, step)
        return guided.log(step, result)

    def skip_step(self, guided: GuidedSession, step: Step, reason: str = "skipped") -> None:
        self._require_open(guided, step)
        guided.skip(step, reason)

    def record_step_at(
        self, session_id: uuid.UUID, index: int, result: StepResult | None
    ) -> StepLogged:
        """Step ``index`` of a stored guided session; ``result=None`` skips it."""
        guided = self.guided(session_id)
        if not 0 <= index < len(guided.steps):
            raise NotFound(
                f"session {session_id} has no step {index} (steps 0-{len(guided.steps) - 1})"
            )
        step = guided.steps[index]
        before = len(guided.logged)
        if result is None:
            self.skip_step(guided, step)
            feedback = Feedback()
        else:
            feedback = self.record_step(guided, step, result)
        return StepLogged(guided, guided.logged[before:], feedback)

    def _require_open(self, guided: GuidedSession, step: Step) -> None:
        if guided.record.status is not SessionStatus.IN_PROGRESS:
            raise Conflict(f"session {guided.record.id} is {guided.record.status}; start a new one")
        if guided.needs_checkin:
            raise Conflict(
                "give the pain check-in first: how your lower back feels now, before the first set"
            )
        if set(step.keys) & guided.done_keys:
            raise Conflict(
                f"{step.exercise.name}, {step.label().lower()} is already logged; correct its "
                "sets instead"
            )

    def finish(self, session_id: uuid.UUID) -> TrainingSession:
        return self.room.stores.journal.finish_session(session_id, self.room.now())

    # -- quick logging ----------------------------------------------------------------------

    def log_set(self, entry: SetEntry, at: datetime | None = None) -> SetLogged:
        """One set into the session of its local day (opened if there is none), found,
        numbered and stored in one transaction. Checked like a guided step; refused for an
        exercise that pain has stopped for that day."""
        catalog = self.room.catalog
        exercise = catalog.exercise(entry.exercise)
        now = self.room.now()
        moment = entries.check_moment(now if at is None else as_aware(at), now)
        if (entry.reps is None) == (entry.seconds is None):
            raise InvalidInput(
                "give the reps done (or the seconds held, for a timed move), not both"
            )
        side = entries.check_side(exercise, entry.side)
        band = entries.check_band(catalog, exercise, entry.band)
        reps = None if entry.reps is None else values.check_reps(entry.reps)
        seconds = None if entry.seconds is None else values.check_seconds(entry.seconds)
        pain = None if entry.pain is None else values.check_pain(entry.pain)
        note = values.check_note(entry.note)
        block = BLOCK_OF_KIND[exercise.kind]
        self.safety.require_logging()
        limits = catalog.rules.pain
        day_bounds = self.room.day_of(moment)
        stores = self.room.stores
        if stores.journal.day_session(*day_bounds) is None:
            # The day's first set opens its session: refused while a pain review waits for
            # its confirmation. Asked here, not under the write lock: the review reads weeks
            # of sessions, and every other writer would wait for it.
            self.safety.require_review_confirmed()
        severe = stores.reviews.severe_set(*day_bounds, limits.severe_from)
        if severe is not None and block is BlockKind.MAIN:
            slug, number, hurt = severe
            raise Conflict(
                f"the training is over for today: pain {hurt}/10 in set {number} of "
                f"{catalog.exercise(slug).name} was severe ({limits.severe_from}/10 or more)"
            )

        def make(day: DayContext) -> LoggedSet:
            stopped = pain_rules.stopped_by_pain(limits, day.painful)
            if exercise.slug in stopped:
                raise Conflict(f"{exercise.name} is stopped for today: {stopped[exercise.slug]}")
            return LoggedSet(
                id=uuid.uuid4(),
                session_id=day.session.id,
                exercise=exercise.slug,
                block=block,
                set_number=day.last_number + 1,
                side=side,
                reps=reps,
                seconds=seconds,
                band=band,
                rpe=None if entry.effort is None else entry.effort.rpe,
                reps_in_reserve=None if entry.effort is None else entry.effort.reps_in_reserve,
                pain=pain,
                note=note,
                source=entry.source,
                performed_at=moment,
                camera=entry.camera,
            )

        logged, session, count = stores.journal.log_in_day_session(
            day_bounds, DEFAULT_PROGRAM, moment, (exercise.slug, block, side),
            limits.acceptable_max, make,
        )  # fmt: skip
        verdict = pain_rules.during_set(limits, pain if block is BlockKind.MAIN else None,
                                        exercise.name)  # fmt: skip
        feedback = Feedback(
            () if verdict.message is None else (verdict.message,),
            stopped_exercise=verdict.stops_exercise,
            stopped_session=verdict.stops_session,
            lessons=tuple(x.id for x in catalog.lessons_at(Moment.PAIN_STOP))
            if verdict.stops_exercise
            else (),
        )
        return SetLogged(logged, session, count, feedback)

    # -- corrections ------------------------------------------------------------------------

    def get_set(self, set_id: uuid.UUID) -> LoggedSet:
        return self.room.stores.corrections.get(set_id)

    def correct_set(self, set_id: uuid.UUID, changes: Mapping[str, Any]) -> LoggedSet:
        """Correct a logged set; each changed value passes the checks it passed when logged.
        ``changes`` may hold reps, seconds, band, effort (an :class:`Effort`), pain and note
        (``None`` clears)."""
        corrections = self.room.stores.corrections
        logged = corrections.get(set_id)
        catalog = self.room.catalog
        exercise = catalog.exercise(logged.exercise)
        update: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "reps":
                update["reps"] = None if value is None else values.check_reps(value)
            elif name == "seconds":
                update["seconds"] = None if value is None else values.check_seconds(value)
            elif name == "band":
                update["band"] = entries.check_band(catalog, exercise, value)
            elif name == "effort":
                update["rpe"] = None if value is None else value.rpe
                update["reps_in_reserve"] = None if value is None else value.reps_in_reserve
            elif name == "pain":
                update["pain"] = None if value is None else values.check_pain(value)
            elif name == "note":
                update["note"] = values.check_note(value)
            else:
                raise InvalidInput(f"'{name}' cannot be changed; change {', '.join(SET_CHANGES)}")
        corrected = logged.model_copy(update=update)
        if (corrected.reps is None) == (corrected.seconds is None) and (
            logged.status is SetStatus.DONE
        ):
            raise InvalidInput("a done set needs either reps or seconds, not both and not neither")
        return corrections.replace(corrected)

    def delete_set(self, set_id: uuid.UUID) -> None:
        self.room.stores.corrections.delete(set_id)
