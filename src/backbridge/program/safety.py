"""Red-flag screening and the training stop: pure rules over stored answers.

An emergency answer stops the program until a clinician's clearance is recorded; a
clinician-level answer pauses it until a clearance is recorded too (the person's own "I will
check" is not enough), and a clearance covers the flags answered before it, so a history of
cancer answered yes again at the next screen does not pause the program a second time. The
NICE NG65 inflammatory-back-pain rule is a non-urgent referral that does not stop anything.
The screen is due on first use, every ``repeat_days``, and after a check-in with severe or
sharply rising pain. The stop is derived from stored records every time, so it survives
restarts and cannot be skipped by an entry point that forgot to print it.
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
    REFERRAL = "referral"
    """No red flag, but the inflammatory-back-pain rule asks for a non-urgent referral."""
    CLINICIAN = "clinician"
    EMERGENCY = "emergency"


class ScreeningRecord(Entry):
    """One completed screen: every question's answer and what it meant."""

    id: UUID
    recorded_at: Moment
    answers: dict[Name, Flag]
    outcome: Outcome
    acknowledged_at: Moment | None = None
    """When the person confirmed a clinician flag's advice (kept for records made before a
    clearance was required; it no longer lifts a pause)."""


class Clearance(Entry):
    """The person's record that a clinician examined them and cleared them to train: who
    cleared them (a name or a role, free text) and anything else worth keeping."""

    id: UUID
    recorded_at: Moment
    cleared_by: Name | None = None
    """Who cleared them; ``None`` only on clearances recorded before it was asked."""
    note: Note | None = None


_FLAG_LEVELS = (FlagLevel.EMERGENCY, FlagLevel.CLINICIAN)


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
    flagged = [q for q in screening.questions if answers[q.id] and q.level in _FLAG_LEVELS]
    if any(q.level is FlagLevel.EMERGENCY for q in flagged):
        return Outcome.EMERGENCY, flagged
    if flagged:
        return Outcome.CLINICIAN, flagged
    features = inflammatory_features(screening, answers)
    if len(features) >= screening.inflammatory.refer_at:
        return Outcome.REFERRAL, features
    return Outcome.CLEAR, []


def inflammatory_features(
    screening: Screening, answers: Mapping[str, bool]
) -> list[ScreeningQuestion]:
    """The NICE NG65 features answered yes; none unless the entry question (onset before 45,
    lasting over three months) is."""
    if not answers.get(screening.inflammatory.entry):
        return []
    return [
        q for q in screening.questions if q.level is FlagLevel.INFLAMMATORY and answers.get(q.id)
    ]


def screen_message(screening: Screening, answers: Mapping[str, bool], repeat_days: int) -> str:
    """What a complete screen means, in words: the strongest outcome's message, the stronger
    word when several clinician-level signs come together, and the inflammatory-back-pain
    advice whenever its rule matches (also next to a red flag)."""
    outcome, flagged = outcome_of(screening, answers)
    features = len(inflammatory_features(screening, answers))
    rule = screening.inflammatory
    parts: list[str] = []
    if outcome is Outcome.EMERGENCY:
        parts.append(screening.emergency_message)
    elif outcome is Outcome.CLINICIAN:
        parts.append(screening.clinician_message)
    if sum(q.level is FlagLevel.CLINICIAN for q in flagged) >= 2:
        parts.append(screening.several_message)
    if features >= rule.refer_at:
        parts.append(rule.message)
    elif features >= rule.discuss_at:
        parts.append(rule.discuss_message)
    if outcome in (Outcome.CLEAR, Outcome.REFERRAL):
        parts.append(
            f"No warning signs that stop the exercises. These questions come back in "
            f"{repeat_days} days, or sooner if a check-in reports severe or sharply rising pain."
        )
    return " ".join(parts)


@dataclass(frozen=True)
class SafetyStatus:
    """Where the red-flag screen stands. ``referral`` says, in words, why training is blocked
    (``None`` while it is not); ``action`` names what lifts the block."""

    stopped: bool
    stop_reason: str | None
    needs_clearance: bool
    """A clinician-level flag not yet covered by a clinician's clearance pauses training."""
    screening_due: bool
    due_reason: str | None
    referral: str | None = None
    action: Action | None = None
    cleared_at: datetime | None = None
    """The latest clinician's clearance, if any: the plan restarts conservatively after it."""

    @property
    def blocked(self) -> bool:
        return self.stopped or self.needs_clearance

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
    uncleared = uncleared_flags(screening, ordered, cleared_at)
    referral, action = None, None
    if stop_reason:
        referral, action = stop_reason, Action.CLEARANCE
    elif uncleared:
        listed = " ".join(f"“{q.text}”" for q in uncleared)
        several = f" {screening.several_message}" if len(uncleared) >= 2 else ""
        referral = f"You answered yes to: {listed} {screening.clinician_message}{several}"
        action = Action.CLEARANCE
    return SafetyStatus(
        stopped=bool(emergencies),
        stop_reason=stop_reason,
        needs_clearance=bool(uncleared),
        screening_due=(reason := _due_reason(rules, last, cleared_at, checkins, now)) is not None,
        due_reason=reason,
        referral=referral,
        action=action,
        cleared_at=cleared_at,
    )


def uncleared_flags(
    screening: Screening, ordered: Sequence[ScreeningRecord], cleared_at: datetime | None
) -> list[ScreeningQuestion]:
    """The clinician-level questions answered yes since the last clearance that no clearance
    covers yet: a clearance covers every flag answered before it."""
    covered = {
        key
        for record in ordered
        if cleared_at is not None and record.recorded_at <= cleared_at
        for key, yes in record.answers.items()
        if yes
    }
    pending: dict[str, ScreeningQuestion] = {}
    for record in ordered:
        if cleared_at is not None and record.recorded_at <= cleared_at:
            continue
        for question in screening.questions:
            if (
                question.level is FlagLevel.CLINICIAN
                and record.answers.get(question.id)
                and question.id not in covered
            ):
                pending[question.id] = question
    return list(pending.values())


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
