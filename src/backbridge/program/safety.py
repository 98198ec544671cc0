"""Red-flag screening and the training stop: pure rules over stored answers.

An emergency answer stops the program until a clinician's clearance is recorded; a clinician
answer blocks training until the person acknowledges the advice; the screen is due on first
use, every ``repeat_days``, and after a check-in with severe or sharply rising pain. The stop
is derived from stored records every time, so it survives restarts and cannot be skipped by
an entry point that forgot to print it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from backbridge.catalog.rules import FlagLevel, Screening, ScreeningQuestion, ScreeningRules
from backbridge.errors import Action, InvalidInput, TrainingStopped
from backbridge.program.history import CheckIn, CheckInKind, Entry
from backbridge.values import Flag, Moment, Name, Note


class Outcome(StrEnum):
    CLEAR = "clear"
    CLINICIAN = "clinician"
    EMERGENCY = "emergency"


class ScreeningRecord(Entry):
    """One completed screen: every question's answer and what it meant."""

    id: UUID
    recorded_at: Moment
    answers: dict[Name, Flag]
    outcome: Outcome
    acknowledged_at: Moment | None = None


class Clearance(Entry):
    """The person's record that a clinician examined them and cleared them to train."""

    id: UUID
    recorded_at: Moment
    note: Note | None = None


def outcome_of(
    screening: Screening, answers: Mapping[str, bool]
) -> tuple[Outcome, list[ScreeningQuestion]]:
    """The outcome of a set of answers and the questions answered "yes"."""
    missing = [q.id for q in screening.questions if q.id not in answers]
    unknown = [key for key in answers if key not in {q.id for q in screening.questions}]
    if missing or unknown:
        raise InvalidInput(
            f"a screen needs an answer to every question; missing: {', '.join(missing) or '-'}, "
            f"unknown: {', '.join(unknown) or '-'}"
        )
    flagged = [q for q in screening.questions if answers[q.id]]
    if any(q.level is FlagLevel.EMERGENCY for q in flagged):
        return Outcome.EMERGENCY, flagged
    if flagged:
        return Outcome.CLINICIAN, flagged
    return Outcome.CLEAR, flagged


@dataclass(frozen=True)
class SafetyStatus:
    """Where the red-flag screen stands. ``referral`` says, in words, why training is blocked
    (``None`` while it is not); ``action`` names what lifts the block."""

    stopped: bool
    stop_reason: str | None
    needs_acknowledgement: bool
    screening_due: bool
    due_reason: str | None
    referral: str | None = None
    action: Action | None = None

    @property
    def blocked(self) -> bool:
        return self.stopped or self.needs_acknowledgement

    def require_training(self) -> None:
        """Raise :class:`TrainingStopped` with the referral while training is blocked."""
        if self.blocked:
            raise TrainingStopped(self.referral or "training is stopped", action=self.action)


def safety_status(
    screening: Screening,
    rules: ScreeningRules,
    screenings: Sequence[ScreeningRecord],
    clearances: Sequence[Clearance],
    checkins: Sequence[CheckIn],
    now: datetime,
) -> SafetyStatus:
    ordered = sorted(screenings, key=lambda s: s.recorded_at)
    cleared_at = max((c.recorded_at for c in clearances), default=None)
    emergencies = [
        s for s in ordered
        if s.outcome is Outcome.EMERGENCY and (cleared_at is None or s.recorded_at > cleared_at)
    ]  # fmt: skip
    stop_reason = None
    if emergencies:
        when = emergencies[-1].recorded_at.strftime("%d %b %Y")
        stop_reason = (
            f"A red-flag answer on {when} stopped the program. {screening.emergency_message}"
        )
    last = ordered[-1] if ordered else None
    needs_ack = (
        last is not None and last.outcome is Outcome.CLINICIAN and last.acknowledged_at is None
    )
    referral, action = None, None
    if stop_reason:
        referral, action = stop_reason, Action.CLEARANCE
    elif needs_ack:
        referral = (
            f"{screening.clinician_message} Training is paused until you confirm you have read "
            "this, by answering the safety questions again."
        )
        action = Action.SCREEN
    return SafetyStatus(
        stopped=bool(emergencies),
        stop_reason=stop_reason,
        needs_acknowledgement=needs_ack,
        screening_due=(reason := _due_reason(rules, last, cleared_at, checkins, now)) is not None,
        due_reason=reason,
        referral=referral,
        action=action,
    )


def _due_reason(
    rules: ScreeningRules,
    last: ScreeningRecord | None,
    cleared_at: datetime | None,
    checkins: Sequence[CheckIn],
    now: datetime,
) -> str | None:
    if last is None:
        return "the safety questions have not been answered yet"
    if cleared_at is not None and cleared_at > last.recorded_at:
        return "a clinician's clearance was recorded since the last answers"
    days = (now - last.recorded_at).days
    if days >= rules.repeat_days:
        return (
            f"the last safety check was {days} days ago (it is repeated every {rules.repeat_days})"
        )
    recent = [c for c in checkins if c.recorded_at > last.recorded_at]
    for checkin in recent:
        if checkin.pain >= rules.rescreen_pain:
            return f"a check-in reported pain of {checkin.pain}/10"
    befores = {
        c.session_id: c.pain for c in checkins if c.kind is CheckInKind.BEFORE and c.session_id
    }
    for checkin in recent:
        baseline = befores.get(checkin.session_id) if checkin.session_id else None
        if (
            checkin.kind is CheckInKind.NEXT_MORNING
            and baseline is not None
            and checkin.pain - baseline >= rules.rescreen_rise
        ):
            return (
                f"pain rose from {baseline}/10 before a session to {checkin.pain}/10 "
                "the next morning"
            )
    return None
