"""What the web reads back: the history, the progress series and the Today summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from backbridge.coach.summary import SessionSummary, summarize
from backbridge.program.history import CheckIn, TrainingSession
from backbridge.program.plan import SessionPlan
from backbridge.program.safety import SafetyStatus, TrainingStopped
from backbridge.reports.progress import Progress, Streak, progress, streak
from backbridge.web.documents import history_document
from backbridge.web.documents import progress_document as progress_json
from backbridge.web.state import Backbridge
from backbridge.web.training import local_day_bounds


def history(state: Backbridge, since: date | None) -> dict[str, Any]:
    start = local_day_bounds(since)[0] if since else None
    journal = state.services.journal
    sessions = journal.sessions(since=start)
    unlinked = [c for c in journal.checkins(since=start) if c.session_id is None]
    return history_document(sessions, state.services.catalog, unlinked)


def progress_series(state: Backbridge, program: str, weeks: int) -> Progress:
    services = state.services
    slug = services.catalog.program(program).slug
    return progress(
        services.journal.sessions(), services.catalog, slug, today=state.today(), tz=state.tz,
        weeks=weeks,
    )  # fmt: skip


def progress_document(state: Backbridge, program: str, weeks: int) -> dict[str, Any]:
    return progress_json(progress_series(state, program, weeks))


@dataclass(frozen=True)
class Today:
    """Everything the Today page shows."""

    status: SafetyStatus
    referral: str | None
    plan: SessionPlan | None
    """``None`` while training is blocked."""
    unfinished: TrainingSession | None
    last_checkin: CheckIn | None
    last_session: TrainingSession | None
    last_summary: SessionSummary | None
    streak: Streak
    show_notice: bool


def today(state: Backbridge, program: str) -> Today:
    services = state.services
    now = state.now()
    status = services.safety_status(now)
    referral = None
    if status.blocked:
        try:
            services.require_training_allowed(now)
        except TrainingStopped as error:
            referral = str(error)
    sessions = services.journal.sessions()
    trained = [s for s in sessions if s.sets]
    checkins = services.journal.checkins()
    per_week = services.catalog.program(program).sessions_per_week
    last = trained[-1] if trained else None
    return Today(
        status=status,
        referral=referral,
        plan=None if status.blocked else services.next_plan(program, now),
        unfinished=services.journal.unfinished_session(),
        last_checkin=checkins[-1] if checkins else None,
        last_session=last,
        last_summary=None if last is None else summarize(last, services.catalog),
        streak=streak(sessions, per_week, today=state.today(), tz=state.tz),
        show_notice=services.journal.user.notice_seen_at is None,
    )


def mark_notice_seen(state: Backbridge) -> None:
    state.services.journal.mark_notice_seen(state.now())
