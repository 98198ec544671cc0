"""Escalation when pain persists: the pain review that pauses progression.

Pure, over the training history. A review is raised by pain above the acceptable limit during
``consecutive_sessions`` sessions in a row, or by pain before sessions that has not improved by
the minimal important change (``min_improvement`` points) over ``improvement_days``. While it
stands, progression pauses and a clinician review is advised; training goes on only after the
person confirms the advice (an :class:`Acknowledgement`), and then at a reduced dose. It ends
with a clinician's clearance, after ``calm_sessions`` sessions in a row without pain above the
limit (raised by pain during sets), or once pain has improved (raised by no improvement). The
numbers come from ``rules.yaml`` (``escalation``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from statistics import fmean
from uuid import UUID

from backbridge.catalog.models import BlockKind
from backbridge.catalog.rules import Rules
from backbridge.program.history import (
    CheckInKind,
    Entry,
    SessionStatus,
    SetStatus,
    TrainingSession,
)
from backbridge.values import Moment, Note


class Acknowledgement(Entry):
    """The person's confirmation that they read a pain review's advice (to see a clinician)
    and will go on at a reduced dose meanwhile."""

    id: UUID
    recorded_at: Moment
    note: Note | None = None


class ReviewCause(StrEnum):
    PERSISTENT_PAIN = "persistent-pain"
    NO_IMPROVEMENT = "no-improvement"


@dataclass(frozen=True)
class PainReview:
    """A standing pain review: when and why it was raised, and whether the person has
    confirmed the advice (training is blocked until they have)."""

    cause: ReviewCause
    raised_at: datetime
    reason: str
    acknowledged_at: datetime | None = None

    @property
    def blocked(self) -> bool:
        return self.acknowledged_at is None

    @property
    def message(self) -> str:
        """The advice, in words."""
        then = (
            "You confirmed this advice, so the exercises go on at a reduced dose, without "
            "progressing, until it settles or a clinician clears you."
            if not self.blocked
            else "Please arrange a review with a doctor or physiotherapist. Until you confirm "
            "you have read this, training is paused; after that it goes on at a reduced dose, "
            "without progressing, until the pain settles or a clinician clears you."
        )
        return f"Pain review: {self.reason} {then}"


def session_peak(session: TrainingSession) -> int | None:
    """The highest pain during a done set of the main block, if any was recorded."""
    pains = [
        s.pain
        for s in session.sets
        if s.block is BlockKind.MAIN and s.status is SetStatus.DONE and s.pain is not None
    ]
    return max(pains, default=None)


def pain_review(
    rules: Rules,
    history: Sequence[TrainingSession],
    acknowledgements: Sequence[Acknowledgement],
    cleared_at: datetime | None,
    now: datetime,
) -> PainReview | None:
    """The pain review standing at ``now``, if any. Sessions before the latest clearance do
    not count: a clinician has seen the person since."""
    limit = rules.pain.acceptable_max
    escalation = rules.escalation
    sessions = sorted(
        (
            s
            for s in history
            if s.status is not SessionStatus.IN_PROGRESS
            and s.started_at <= now
            and (cleared_at is None or s.started_at > cleared_at)
            and any(x.block is BlockKind.MAIN and x.status is SetStatus.DONE for x in s.sets)
        ),
        key=lambda s: s.started_at,
    )
    standing: PainReview | None = None
    above = calm = 0
    for index, session in enumerate(sessions):
        peak = session_peak(session)
        if peak is not None and peak > limit:
            above, calm = above + 1, 0
        else:
            above, calm = 0, calm + 1
        change = _improvement(rules, sessions[: index + 1], session.started_at)
        if standing is not None:
            settled = (
                calm >= escalation.calm_sessions
                if standing.cause is ReviewCause.PERSISTENT_PAIN
                else change is None or change[0] - change[1] >= escalation.min_improvement
            )
            if settled:
                standing, above, calm = None, 0, 0
            continue
        if above >= escalation.consecutive_sessions:
            standing = PainReview(
                ReviewCause.PERSISTENT_PAIN,
                session.started_at,
                f"pain during the exercises was above the {limit}/10 limit in "
                f"{above} sessions in a row (the last on {session.started_at:%d %b}).",
            )
        elif change is not None and change[0] - change[1] < escalation.min_improvement:
            baseline, current = change
            standing = PainReview(
                ReviewCause.NO_IMPROVEMENT,
                session.started_at,
                f"your pain before sessions averaged {baseline:.1f}/10 "
                f"{escalation.improvement_days} days earlier and {current:.1f}/10 now: less "
                f"than the {escalation.min_improvement}-point improvement that counts as a real "
                "change.",
            )
    if standing is None:
        return None
    confirmed = [a.recorded_at for a in acknowledgements if a.recorded_at > standing.raised_at]
    return PainReview(
        standing.cause, standing.raised_at, standing.reason, min(confirmed, default=None)
    )


def _improvement(
    rules: Rules, sessions: Sequence[TrainingSession], at: datetime
) -> tuple[float, float] | None:
    """(baseline, current): the average pain before sessions ``improvement_days`` before
    ``at`` and just before ``at``, each over ``average_days``; ``None`` without enough history
    or when the baseline is already in the safe zone (there is nothing to improve)."""
    escalation = rules.escalation
    span = timedelta(days=escalation.average_days)
    earlier = at - timedelta(days=escalation.improvement_days)

    def average(end: datetime) -> float | None:
        pains = [
            before.pain
            for s in sessions
            if end - span < s.started_at <= end
            and (before := s.checkin(CheckInKind.BEFORE)) is not None
        ]
        return fmean(pains) if pains else None

    baseline, current = average(earlier), average(at)
    if baseline is None or current is None or baseline <= rules.pain.safe_max:
        return None
    return baseline, current
