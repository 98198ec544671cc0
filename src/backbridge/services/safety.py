"""The red-flag screen and the safety gate every way of training goes through."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from backbridge.catalog.rules import ScreeningQuestion
from backbridge.errors import InvalidInput, ScreeningDue
from backbridge.program.safety import (
    Clearance,
    Outcome,
    SafetyStatus,
    ScreeningRecord,
    outcome_of,
    safety_status,
)
from backbridge.services.stores import Room

CHECKIN_LOOKBACK = timedelta(days=2)
"""Check-ins read for the safety status: those since the last screen, and the pre-session
baselines just before it that a later next-morning check-in is compared with."""


@dataclass(frozen=True)
class ScreenResult:
    record: ScreeningRecord
    flagged: tuple[ScreeningQuestion, ...]
    message: str
    """What the outcome means, in words."""
    status: SafetyStatus
    """Where the safety check stands after these answers."""


@dataclass(frozen=True)
class Safety:
    room: Room

    def status(self) -> SafetyStatus:
        """Where the red-flag screen stands, from everything stored."""
        catalog = self.room.catalog
        screenings, clearances, checkins = self.room.stores.safety.evidence(CHECKIN_LOOKBACK)
        return safety_status(
            catalog.screening, catalog.rules.screening, screenings, clearances, checkins,
            self.room.now(),
        )  # fmt: skip

    def require_training(self) -> SafetyStatus:
        """Raise :class:`~backbridge.errors.TrainingStopped` while a red flag stands."""
        status = self.status()
        status.require_training()
        return status

    def require_logging(self) -> SafetyStatus:
        """The gate before any training is stored, however it arrives: refused while a red flag
        stands (:class:`~backbridge.errors.TrainingStopped`) and while the safety questions
        are due (:class:`~backbridge.errors.ScreeningDue`)."""
        status = self.require_training()
        if status.screening_due:
            raise ScreeningDue(f"the safety questions are due first: {status.due_reason}")
        return status

    def questions(self) -> list[ScreeningQuestion]:
        return list(self.room.catalog.screening.questions)

    def submit(self, answers: Mapping[str, bool], *, acknowledge: bool = False) -> ScreenResult:
        """Store a complete screen. A clinician flag needs ``acknowledge`` (the person confirms
        they read the advice) before training resumes; an emergency answer stops the program."""
        catalog = self.room.catalog
        screening = catalog.screening
        outcome, flagged = outcome_of(screening, answers)
        now = self.room.now()
        record = ScreeningRecord(
            id=uuid.uuid4(),
            recorded_at=now,
            answers=dict(answers),
            outcome=outcome,
            acknowledged_at=now if outcome is Outcome.CLINICIAN and acknowledge else None,
        )
        self.room.stores.safety.record_screening(record)
        if outcome is Outcome.EMERGENCY:
            message = screening.emergency_message
        elif outcome is Outcome.CLINICIAN:
            message = screening.clinician_message + (
                ""
                if acknowledge
                else " Training stays paused until you confirm you have read this."
            )
        else:
            repeat = catalog.rules.screening.repeat_days
            message = (
                f"No warning signs. These questions come back in {repeat} days, or sooner if a "
                "check-in reports severe or sharply rising pain."
            )
        return ScreenResult(record, tuple(flagged), message, self.status())

    def acknowledge(self, record: ScreeningRecord) -> ScreeningRecord:
        """The person confirms they read a clinician flag's advice: training may resume."""
        at = self.room.now()
        self.room.stores.safety.acknowledge(record.id, at)
        return record.model_copy(update={"acknowledged_at": at})

    def clear(self, *, confirmed: bool, note: str | None) -> Clearance:
        """Record that a clinician examined the person and cleared them; the questions come
        next."""
        if not confirmed:
            raise InvalidInput(
                "nothing recorded: confirm that a clinician examined you and cleared you to "
                "exercise"
            )
        clearance = Clearance(id=uuid.uuid4(), recorded_at=self.room.now(), note=note or None)
        self.room.stores.safety.record_clearance(clearance)
        return clearance
