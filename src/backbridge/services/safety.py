"""The red-flag screen and the safety gate every way of training goes through."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from backbridge import values
from backbridge.catalog.rules import ScreeningQuestion
from backbridge.errors import Action, Conflict, InvalidInput, ScreeningDue, TrainingStopped
from backbridge.program.escalation import Acknowledgement, PainReview, pain_review
from backbridge.program.history import TrainingSession
from backbridge.program.safety import (
    Clearance,
    SafetyStatus,
    ScreeningRecord,
    outcome_of,
    safety_status,
    screen_message,
)
from backbridge.services.stores import Room

CHECKIN_LOOKBACK = timedelta(days=2)
"""Check-ins read for the safety status: those since the last screen, and the pre-session
baselines just before it that a later next-morning check-in is compared with."""
REVIEW_LOOKBACK = timedelta(days=180)
"""Sessions a pain review is derived from: enough for the four-week comparison and a review
that has stood a long time."""


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

    def submit(self, answers: Mapping[str, bool]) -> ScreenResult:
        """Store a complete screen. An emergency answer stops the program and a clinician-level
        answer pauses it, both until a clinician's clearance is recorded (:meth:`clear`)."""
        catalog = self.room.catalog
        screening = catalog.screening
        outcome, flagged = outcome_of(screening, answers)
        record = ScreeningRecord(
            id=uuid.uuid4(), recorded_at=self.room.now(), answers=dict(answers), outcome=outcome
        )
        self.room.stores.safety.record_screening(record)
        message = screen_message(screening, answers, catalog.rules.screening.repeat_days)
        return ScreenResult(record, tuple(flagged), message, self.status())

    def clear(self, *, confirmed: bool, cleared_by: str | None, note: str | None) -> Clearance:
        """Record that a clinician examined the person and cleared them, and who (a name or a
        role); the questions come next, and the plan restarts conservatively."""
        if not confirmed:
            raise InvalidInput(
                "nothing recorded: confirm that a clinician examined you and cleared you to "
                "exercise"
            )
        who = (cleared_by or "").strip()
        if not who:
            raise InvalidInput(
                "nothing recorded: say who cleared you, a name or a role (for example "
                "'Dr Patel, GP' or 'my physiotherapist')"
            )
        clearance = Clearance(
            id=uuid.uuid4(),
            recorded_at=self.room.now(),
            cleared_by=values.check_text(who, "who cleared you", values.MAX_NAME),
            note=values.check_note(note) or None,
        )
        self.room.stores.safety.record_clearance(clearance)
        return clearance

    # -- the pain review --------------------------------------------------------------------

    def pain_review(
        self,
        history: Sequence[TrainingSession] | None = None,
        status: SafetyStatus | None = None,
    ) -> PainReview | None:
        """The pain review standing now, if any, from the sessions of the last
        :data:`REVIEW_LOOKBACK` (read here unless the caller has them)."""
        now = self.room.now()
        since = now - REVIEW_LOOKBACK
        if history is None:
            history = self.room.stores.journal.sessions(since=since)
        cleared_at = (status or self.status()).cleared_at
        return pain_review(
            self.room.catalog.rules,
            [s for s in history if s.started_at >= since],
            self.room.stores.reviews.acknowledgements(),
            cleared_at,
            now,
        )

    def require_review_confirmed(
        self, history: Sequence[TrainingSession] | None = None
    ) -> PainReview | None:
        """Raise :class:`TrainingStopped` while a pain review waits for the person to confirm
        its advice; the standing review (confirmed) or ``None`` otherwise."""
        review = self.pain_review(history)
        if review is not None and review.blocked:
            raise TrainingStopped(review.message, action=Action.CONFIRM_REVIEW)
        return review

    def confirm_review(self, note: str | None = None) -> Acknowledgement:
        """The person confirms they read the pain review's advice: training goes on at a
        reduced dose, without progressing, while the review stands."""
        review = self.pain_review()
        if review is None or not review.blocked:
            raise Conflict("there is no pain review waiting for a confirmation")
        confirmation = Acknowledgement(
            id=uuid.uuid4(), recorded_at=self.room.now(), note=values.check_note(note)
        )
        self.room.stores.reviews.record_acknowledgement(confirmation)
        return confirmation
