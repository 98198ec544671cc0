"""Pain check-ins outside the guided flow: before a session or the next morning, now or a
little later, each linked by the one rule in :mod:`backbridge.program.checkins`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from backbridge import values
from backbridge.clock import as_aware
from backbridge.program import checkins as linking
from backbridge.program import pain as pain_rules
from backbridge.program.history import CheckIn, CheckInKind, TrainingSession
from backbridge.services.safety import Safety
from backbridge.services.stores import Room


@dataclass(frozen=True)
class CheckInRecorded:
    checkin: CheckIn
    session: TrainingSession | None
    """The session it was linked to; ``None`` when it could not be linked."""
    link_reason: str
    """Why it was linked to that session, or why to none."""
    screening_due: bool
    """The safety questions are due now (this pain may be why)."""
    baseline: CheckIn | None
    """For a next-morning check-in, the check-in before the session it follows."""
    caution: str | None = None
    """For a before check-in, what the pain means for the day's session (a lighter day)."""


@dataclass(frozen=True)
class CheckIns:
    room: Room
    safety: Safety

    def record(
        self, kind: CheckInKind, pain: int, *, note: str | None = None, at: datetime | None = None
    ) -> CheckInRecorded:
        """Store a check-in at ``at`` (default now; up to two days late, never in the future),
        linked to the session it is about."""
        now = self.room.now()
        moment = now if at is None else linking.check_moment(as_aware(at), now)
        values.check_pain(pain)
        journal = self.room.stores.journal
        day = self.room.day_of(moment)
        label = moment.astimezone().strftime("%a %d %b")
        if kind is CheckInKind.BEFORE:
            link = linking.link_before(journal.session_started_between(*day), label)
        else:
            link = linking.link_next_morning(journal.latest_session_before(day[0]), moment)
        checkin = CheckIn(
            id=uuid.uuid4(),
            session_id=None if link.session is None else link.session.id,
            kind=kind,
            pain=pain,
            note=values.check_note(note),
            recorded_at=moment,
        )
        journal.record_checkin(checkin)
        baseline = None
        if kind is CheckInKind.NEXT_MORNING and link.session is not None:
            baseline = link.session.checkin(CheckInKind.BEFORE)
        return CheckInRecorded(
            checkin=checkin,
            session=link.session,
            link_reason=link.reason,
            screening_due=self.safety.status().screening_due,
            baseline=baseline,
            caution=(
                pain_rules.before_session(self.room.catalog.rules.pain, pain)
                if kind is CheckInKind.BEFORE
                else None
            ),
        )

    def all(self, since: datetime | None = None) -> list[CheckIn]:
        return self.room.stores.journal.checkins(since=since)
