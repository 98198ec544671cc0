"""What the person reads back: the next plan, the history, the progress series and Today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.clock import day_bounds
from backbridge.coach.summary import SessionSummary, summarize
from backbridge.program.history import CheckIn, TrainingSession
from backbridge.program.plan import SessionPlan
from backbridge.program.safety import SafetyStatus
from backbridge.reports.progress import Progress, Streak, progress, streak
from backbridge.services.documents import PlanView
from backbridge.services.safety import Safety
from backbridge.services.stores import Room
from backbridge.services.training import Training


@dataclass(frozen=True)
class History:
    sessions: list[TrainingSession]
    unlinked: list[CheckIn]
    """Check-ins that belong to no session."""


@dataclass(frozen=True)
class Today:
    """Everything the Today page shows."""

    status: SafetyStatus
    plan: SessionPlan | None
    """``None`` while training is blocked."""
    unfinished: TrainingSession | None
    last_checkin: CheckIn | None
    last_session: TrainingSession | None
    last_summary: SessionSummary | None
    streak: Streak
    show_notice: bool


@dataclass(frozen=True)
class Overview:
    room: Room
    safety: Safety
    training: Training

    def plan(self, program: str = DEFAULT_PROGRAM) -> PlanView:
        """The next session's main items, or none while a red flag blocks training."""
        slug = self.room.catalog.program(program).slug
        status = self.safety.status()
        items = () if status.blocked else self.training.next_plan(slug).main_items()
        return PlanView(slug, items, status)

    def history(self, since: date | None = None) -> History:
        """Sessions from the local day ``since`` on, and the check-ins linked to none."""
        start = day_bounds(since)[0] if since else None
        journal = self.room.stores.journal
        unlinked = [c for c in journal.checkins(since=start) if c.session_id is None]
        return History(journal.sessions(since=start), unlinked)

    def progress(self, program: str = DEFAULT_PROGRAM, weeks: int = 12) -> Progress:
        catalog = self.room.catalog
        now = self.room.now()
        zone = now.astimezone().tzinfo
        assert zone is not None
        return progress(
            self.room.stores.journal.sessions(), catalog, catalog.program(program).slug,
            today=self.room.today(), tz=zone, weeks=weeks,
        )  # fmt: skip

    def today(self, program: str = DEFAULT_PROGRAM) -> Today:
        catalog, journal = self.room.catalog, self.room.stores.journal
        status = self.safety.status()
        sessions = journal.sessions()
        trained = [s for s in sessions if s.sets]
        checkins = journal.checkins()
        last = trained[-1] if trained else None
        zone = self.room.now().astimezone().tzinfo
        assert zone is not None
        return Today(
            status=status,
            plan=None if status.blocked else self.training.next_plan(program, sessions),
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
        )

    def notice_due(self) -> bool:
        """The first-run notice has not been seen yet."""
        return self.room.stores.journal.user.notice_seen_at is None

    def mark_notice_seen(self) -> None:
        self.room.stores.journal.mark_notice_seen(self.room.now())
