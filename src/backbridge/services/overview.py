"""What the person reads back: the next plan, the history, the progress series and Today."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.clock import day_bounds
from backbridge.errors import InvalidInput
from backbridge.program.checkins import likely_kind
from backbridge.program.escalation import PainReview
from backbridge.program.history import CheckIn, CheckInKind, TrainingSession
from backbridge.program.plan import SessionPlan
from backbridge.program.progression import Restraint
from backbridge.program.safety import SafetyStatus
from backbridge.services.documents import PlanView
from backbridge.services.safety import Safety
from backbridge.services.stores import Room
from backbridge.services.training import Training

if TYPE_CHECKING:  # the reports load with the use cases that read them, not with plan
    from backbridge.coach.summary import SessionSummary
    from backbridge.reports.exercise_log import ExerciseLog, ExerciseRecord
    from backbridge.reports.progress import Progress, Streak
    from backbridge.store.journal import PageKey


HISTORY_PAGE = 20
"""Sessions in a page of history unless another limit is asked for."""
HISTORY_PAGE_MAX = 100
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class History:
    """One page of history: sessions oldest first, newest page first."""

    sessions: list[TrainingSession]
    unlinked: list[CheckIn]
    """Check-ins that belong to no session, in the time the page spans."""
    next: str | None = None
    """Where the older sessions go on: ``before`` of the next page; ``None`` on the last."""


def page_cursor(session: TrainingSession) -> str:
    """An opaque, URL-safe cursor after ``session``: its start (in microseconds) and id."""
    return f"{(session.started_at - EPOCH) // timedelta(microseconds=1)}-{session.id.hex}"


def parse_cursor(text: str) -> PageKey:
    try:
        micros, _, hex_id = text.partition("-")
        return EPOCH + timedelta(microseconds=int(micros)), uuid.UUID(hex=hex_id)
    except (ValueError, OverflowError):
        raise InvalidInput(
            f"'{text}' is not a history cursor; pass the `next` of the page before"
        ) from None


@dataclass(frozen=True)
class Today:
    """Everything the Today page shows."""

    status: SafetyStatus
    plan: SessionPlan | None
    """``None`` while training is blocked."""
    review: PainReview | None
    unfinished: TrainingSession | None
    last_checkin: CheckIn | None
    last_session: TrainingSession | None
    last_summary: SessionSummary | None
    streak: Streak
    show_notice: bool
    checkin_kind: CheckInKind
    """The check-in the form offers first: the morning after, or before a session."""


@dataclass(frozen=True)
class Overview:
    room: Room
    safety: Safety
    training: Training

    def plan(self, program: str = DEFAULT_PROGRAM) -> PlanView:
        """The next session's main items, or none while a red flag blocks training; with the
        pain review standing, if any."""
        slug = self.room.catalog.program(program).slug
        status = self.safety.status()
        if status.blocked:
            return PlanView(slug, (), status)
        sessions = self.room.stores.journal.sessions()
        restraint = Restraint(self.safety.pain_review(sessions, status), status.cleared_at)
        items = self.training.next_plan(slug, sessions, restraint).main_items()
        return PlanView(slug, items, status, restraint.review)

    def history(
        self, since: date | None = None, *, before: str | None = None, limit: int = HISTORY_PAGE
    ) -> History:
        """A page of history: the newest ``limit`` sessions from the local day ``since`` on
        that started before the cursor ``before`` (the ``next`` of the page before), and the
        check-ins linked to none in the time they span. A page costs the same however long
        the history has grown."""
        if not 1 <= limit <= HISTORY_PAGE_MAX:
            raise InvalidInput(f"a page holds 1 to {HISTORY_PAGE_MAX} sessions, not {limit}")
        start = day_bounds(since)[0] if since else None
        key = None if before is None else parse_cursor(before)
        journal = self.room.stores.journal
        sessions, more = journal.session_page(start, key, limit)
        oldest = sessions[0] if more and sessions else None
        checkins = journal.checkins(
            since=start if oldest is None else oldest.started_at,
            before=None if key is None else key[0],
        )
        unlinked = [c for c in checkins if c.session_id is None]
        return History(sessions, unlinked, None if oldest is None else page_cursor(oldest))

    def progress(self, program: str = DEFAULT_PROGRAM, weeks: int = 12) -> Progress:
        from backbridge.reports.progress import progress

        catalog = self.room.catalog
        now = self.room.now()
        zone = now.astimezone().tzinfo
        assert zone is not None
        return progress(
            self.room.stores.journal.sessions(), catalog, catalog.program(program).slug,
            today=self.room.today(), tz=zone, weeks=weeks,
        )  # fmt: skip

    def exercise_log(self, slug: str) -> ExerciseLog:
        """Every session ``slug`` was done in, with its best set and heaviest band;
        :class:`~backbridge.errors.NotFound` names the close slugs for an unknown one."""
        from backbridge.reports.exercise_log import exercise_log

        return exercise_log(
            self.room.stores.journal.sessions(), self.room.catalog, slug, self._zone()
        )

    def exercise_records(self) -> tuple[ExerciseRecord, ...]:
        """Each exercise done so far with its best set and heaviest band, latest first."""
        from backbridge.reports.exercise_log import exercise_records

        return exercise_records(
            self.room.stores.journal.sessions(), self.room.catalog, self._zone()
        )

    def _zone(self) -> tzinfo:
        zone = self.room.now().astimezone().tzinfo
        assert zone is not None
        return zone

    def today(self, program: str = DEFAULT_PROGRAM) -> Today:
        from backbridge.coach.summary import summarize
        from backbridge.reports.progress import streak

        catalog, journal = self.room.catalog, self.room.stores.journal
        status = self.safety.status()
        sessions = journal.sessions()
        restraint = Restraint(self.safety.pain_review(sessions, status), status.cleared_at)
        trained = [s for s in sessions if s.sets]
        checkins = journal.checkins()
        last = trained[-1] if trained else None
        zone = self.room.now().astimezone().tzinfo
        assert zone is not None
        return Today(
            status=status,
            plan=None if status.blocked else self.training.next_plan(program, sessions, restraint),
            review=restraint.review,
            unfinished=journal.unfinished_session(),
            last_checkin=checkins[-1] if checkins else None,
            last_session=last,
            last_summary=None if last is None else summarize(last, catalog),
            streak=streak(
                sessions,
                catalog.program(program).sessions_per_week,
                today=self.room.today(),
                tz=zone,
            ),
            show_notice=self.notice_due(),
            checkin_kind=likely_kind(last, self.room.now()),
        )

    def notice_due(self) -> bool:
        """The first-run notice has not been seen yet."""
        return self.room.stores.journal.user.notice_seen_at is None

    def mark_notice_seen(self) -> None:
        self.room.stores.journal.mark_notice_seen(self.room.now())
