"""What the web does with training: open or resume a guided session, log its steps, log and
correct single sets, record check-ins. Routes call one of these and render what comes back;
the rules stay in the coach and the program, the same ones the terminal uses.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from backbridge.coach import entries, quick
from backbridge.coach.guided import Feedback, GuidedSession, StepResult
from backbridge.errors import BackbridgeError, InvalidInput, NotFound
from backbridge.program.history import (
    CheckIn,
    CheckInKind,
    LoggedSet,
    SessionStatus,
    Side,
    TrainingSession,
)
from backbridge.program.plan import SessionPlan
from backbridge.web.state import DEFAULT_PROGRAM, Backbridge

BOTH = "both"


class ScreeningDue(BackbridgeError):
    """The safety questions must be answered before a guided session starts."""

    exit_code = 4


@dataclass(frozen=True)
class SetEntry:
    """One step of a guided session as the person reports it; ``amounts`` maps ``left``,
    ``right`` or ``both`` to reps (or seconds held)."""

    amounts: Mapping[str, int]
    band: str | None = None
    effort: str = ""
    pain: int | None = None
    note: str | None = None
    skip: bool = False


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min).astimezone()
    return start, datetime.combine(day + timedelta(days=1), time.min).astimezone()


def require_training(state: Backbridge) -> None:
    """Raise exactly as the terminal would while a red flag stands."""
    state.services.require_training_allowed(state.now())


def open_session(state: Backbridge, program: str, *, resume: bool) -> tuple[GuidedSession, bool]:
    """The unfinished guided session (``resume``) or a new one at the next plan; the flag says
    whether a new one was started. Like ``backbridge session``: refused while a red flag stands,
    and the safety questions come first when they are due."""
    services = state.services
    status = services.require_training_allowed(state.now())
    unfinished = services.journal.unfinished_session()
    if resume and unfinished is not None and unfinished.plan is not None:
        return _guided(state, unfinished), False
    if status.screening_due:
        raise ScreeningDue(
            f"the safety questions are due ({status.due_reason}): answer them on the Safety "
            "page or with POST /api/v1/screening, then start the session"
        )
    plan = services.next_plan(services.catalog.program(program).slug, state.now())
    record = services.journal.start_session(program, plan.model_dump(mode="json"), state.now())
    return _guided(state, record), True


def current_session(state: Backbridge) -> GuidedSession:
    """The unfinished guided session; :class:`NotFound` when there is none."""
    record = state.services.journal.unfinished_session()
    if record is None or record.plan is None:
        raise NotFound("there is no unfinished session; start one with POST /api/v1/sessions")
    return _guided(state, record)


def guided_session(state: Backbridge, session_id: uuid.UUID) -> GuidedSession:
    return _guided(state, state.services.journal.session(session_id))


def _guided(state: Backbridge, record: TrainingSession) -> GuidedSession:
    if record.plan is None:
        raise InvalidInput(
            f"session {record.id} holds sets logged one at a time; it has no guided steps"
        )
    services = state.services
    return GuidedSession(
        record,
        SessionPlan.model_validate(record.plan),
        services.catalog,
        services.journal,
        state.clock,
    )


def log_step(
    state: Backbridge, session_id: uuid.UUID, index: int, entry: SetEntry
) -> tuple[GuidedSession, list[LoggedSet], Feedback]:
    """Store one step of a guided session (all its sides in one transaction) and apply the
    pain rule. A step already logged is refused: correct it with an edit instead."""
    require_training(state)
    guided = guided_session(state, session_id)
    if guided.record.status is not SessionStatus.IN_PROGRESS:
        raise InvalidInput(f"session {session_id} is {guided.record.status}; start a new one")
    if not 0 <= index < len(guided.steps):
        raise NotFound(
            f"session {session_id} has no step {index} (steps 0-{len(guided.steps) - 1})"
        )
    step = guided.steps[index]
    if set(step.keys) & guided.done_keys:
        raise InvalidInput(f"step {index} is already logged; edit its sets instead")
    before = len(guided.logged)
    if entry.skip:
        guided.skip(step)
        feedback = Feedback()
    else:
        amounts = {_side(name): amount for name, amount in entry.amounts.items()}
        feedback = guided.log(
            step,
            StepResult(amounts, entry.band, entry.effort, entry.pain, entry.note),
        )
    return guided, guided.logged[before:], feedback


def _side(name: str) -> Side | None:
    if name == BOTH:
        return None
    try:
        return Side(name)
    except ValueError:
        raise InvalidInput(f"'{name}' is not a side: use left, right or both") from None


def session_checkin(
    state: Backbridge, session_id: uuid.UUID, pain: int, note: str | None
) -> CheckIn:
    """The pain check-in before a guided session."""
    return guided_session(state, session_id).check_in(pain, note)


def finish_session(state: Backbridge, session_id: uuid.UUID) -> TrainingSession:
    return state.services.journal.finish_session(session_id, state.now())


def log_single_set(
    state: Backbridge, entry: quick.ManualSet, at: datetime | None
) -> tuple[LoggedSet, TrainingSession]:
    """Like ``backbridge log set``: one set into the session of its day."""
    require_training(state)
    now = state.now()
    moment = now if at is None else at
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return quick.log_set(
        state.services.journal,
        state.services.catalog,
        entry,
        at=moment,
        now=now,
        day=local_day_bounds(moment.astimezone().date()),
        program=DEFAULT_PROGRAM,
    )


def edit_set(state: Backbridge, set_id: uuid.UUID, changes: Mapping[str, Any]) -> LoggedSet:
    """Correct a logged set; each changed value passes the same checks as when it was logged.
    ``changes`` may hold reps, seconds, band, effort, pain and note (``None`` clears)."""
    logged = state.corrections.get(set_id)
    catalog = state.services.catalog
    exercise = catalog.exercise(logged.exercise)
    update: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "reps":
            update["reps"] = None if value is None else entries.check_reps(value)
        elif name == "seconds":
            update["seconds"] = None if value is None else entries.check_seconds(value)
        elif name == "band":
            update["band"] = entries.check_band(catalog, exercise, value)
        elif name == "effort":
            update["rpe"], update["reps_in_reserve"] = entries.parse_effort(value or "")
        elif name == "pain":
            update["pain"] = None if value is None else entries.check_pain(value)
        elif name == "note":
            update["note"] = entries.check_note(value)
        else:
            raise InvalidInput(f"'{name}' cannot be changed; change reps, seconds, band, "
                               "effort, pain or note")  # fmt: skip
    corrected = logged.model_copy(update=update)
    if (corrected.reps is None) == (corrected.seconds is None) and logged.status == "done":
        raise InvalidInput("a done set needs either reps or seconds, not both and not neither")
    return state.corrections.replace(corrected)


def delete_set(state: Backbridge, set_id: uuid.UUID) -> None:
    state.corrections.delete(set_id)


def record_checkin(
    state: Backbridge, kind: CheckInKind, pain: int, note: str | None
) -> tuple[CheckIn, TrainingSession | None]:
    """Like ``backbridge checkin``: linked to today's session (before) or the last one before
    today (next morning)."""
    now = state.now()
    return quick.record_checkin(
        state.services.journal,
        kind,
        pain,
        note=note,
        now=now,
        today=local_day_bounds(now.astimezone().date()),
    )
