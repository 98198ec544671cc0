"""The red-flag screen on the web: the questions, storing answers, the status and a clearance.

The outcome and the stop come from :mod:`backbridge.program.safety`, as in ``backbridge screen``;
here they are only stored and described.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backbridge.errors import InvalidInput
from backbridge.program.safety import (
    Clearance,
    Outcome,
    ScreeningRecord,
    TrainingStopped,
    outcome_of,
)
from backbridge.web.state import Backbridge


@dataclass(frozen=True)
class ScreenResult:
    record: ScreeningRecord
    flagged: tuple[str, ...]
    """The text of every question answered "yes"."""
    message: str


def questions(state: Backbridge) -> list[dict[str, Any]]:
    return [
        {"id": q.id, "level": str(q.level), "text": q.text}
        for q in state.services.catalog.screening.questions
    ]


def submit(state: Backbridge, answers: Mapping[str, bool], acknowledge: bool) -> ScreenResult:
    """Store a complete screen. A clinician flag needs ``acknowledge`` (the person confirms they
    read the advice) before training resumes; an emergency answer stops the program."""
    screening = state.services.catalog.screening
    outcome, flagged = outcome_of(screening, answers)
    now = state.now()
    acknowledged = now if outcome is Outcome.CLINICIAN and acknowledge else None
    record = ScreeningRecord(
        id=uuid.uuid4(),
        recorded_at=now,
        answers=dict(answers),
        outcome=outcome,
        acknowledged_at=acknowledged,
    )
    state.services.safety.record_screening(record)
    if outcome is Outcome.EMERGENCY:
        message = screening.emergency_message
    elif outcome is Outcome.CLINICIAN:
        message = screening.clinician_message + (
            "" if acknowledge else " Training stays paused until you confirm you have read this."
        )
    else:
        repeat = state.services.catalog.rules.screening.repeat_days
        message = (
            f"No warning signs. These questions come back in {repeat} days, or sooner if a "
            "check-in reports severe or sharply rising pain."
        )
    return ScreenResult(record, tuple(q.text for q in flagged), message)


def status(state: Backbridge) -> dict[str, Any]:
    """Where the safety check stands, with the referral text while training is blocked."""
    services = state.services
    current = services.safety_status(state.now())
    referral = None
    if current.blocked:
        try:
            services.require_training_allowed(state.now())
        except TrainingStopped as error:
            referral = str(error)
    return {
        "training_allowed": not current.blocked,
        "stopped": current.stopped,
        "needs_acknowledgement": current.needs_acknowledgement,
        "referral": referral,
        "screening_due": current.screening_due,
        "screening_due_reason": current.due_reason,
    }


def record_clearance(state: Backbridge, confirmed: bool, note: str | None) -> Clearance:
    """Record that a clinician examined the person and cleared them; the questions come next."""
    if not confirmed:
        raise InvalidInput(
            "nothing recorded: confirm that a clinician examined you and cleared you to exercise"
        )
    clearance = Clearance(id=uuid.uuid4(), recorded_at=state.now(), note=note or None)
    state.services.safety.record_clearance(clearance)
    return clearance
