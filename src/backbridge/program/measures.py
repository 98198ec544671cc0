"""Outcome measures: the Patient-Specific Functional Scale and the pain trend, read against the
change that counts.

Pure. A :class:`FunctionScore` is one completed scale: the activities the person named and how
well they can do each, 0 (unable) to 10 (as before the problem); its score is the average
(Stratford 1995). The pain trend compares the average pain before sessions at the start and
now. Both say in words whether the change is beyond measurement error or the minimal
important change, with the thresholds of ``rules.yaml`` (``outcomes``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import fmean
from typing import Annotated
from uuid import UUID

from pydantic import Field

from backbridge.catalog.rules import OutcomeRules
from backbridge.errors import InvalidInput
from backbridge.program.history import CheckIn, CheckInKind, Entry
from backbridge.values import MAX_NAME, Moment, Name, check_text

Rating = Annotated[int, Field(strict=True, ge=0, le=10)]
"""How well an activity can be done: 0 (unable) to 10 (as well as before the problem)."""


class ActivityScore(Entry):
    activity: Name
    score: Rating


class FunctionScore(Entry):
    """One completed Patient-Specific Functional Scale."""

    id: UUID
    recorded_at: Moment
    activities: tuple[ActivityScore, ...] = Field(min_length=1, max_length=10)

    @property
    def average(self) -> float:
        return fmean(a.score for a in self.activities)


def check_ratings(
    rules: OutcomeRules, ratings: Sequence[tuple[str, int]]
) -> tuple[ActivityScore, ...]:
    """The activities as given: between ``min_activities`` and ``max_activities`` of them,
    each named once, each rated 0-10."""
    low, high = rules.min_activities, rules.max_activities
    if not low <= len(ratings) <= high:
        raise InvalidInput(
            f"name {low} to {high} activities you find hard because of your back, each with a "
            f"score from 0 (unable) to 10 (as before); {len(ratings)} given"
        )
    seen: set[str] = set()
    scores = []
    for name, score in ratings:
        activity = check_text(name.strip(), "an activity", MAX_NAME)
        if not activity:
            raise InvalidInput("an activity needs a name, such as 'putting on socks'")
        if activity.casefold() in seen:
            raise InvalidInput(f"'{activity}' is named twice; name each activity once")
        seen.add(activity.casefold())
        if isinstance(score, bool) or not 0 <= score <= 10:
            raise InvalidInput(
                f"rate '{activity}' from 0 (unable) to 10 (as well as before), not {score}"
            )
        scores.append(ActivityScore(activity=activity, score=score))
    return tuple(scores)


@dataclass(frozen=True)
class FunctionReading:
    """The first and the latest scale, and what the change means."""

    first: FunctionScore
    latest: FunctionScore
    change: float
    meaningful: bool
    words: str


def function_reading(
    rules: OutcomeRules, scores: Sequence[FunctionScore]
) -> FunctionReading | None:
    """The change from the first scale to the latest; ``None`` before there are two."""
    if len(scores) < 2:
        return None
    ordered = sorted(scores, key=lambda s: s.recorded_at)
    first, latest = ordered[0], ordered[-1]
    change = latest.average - first.average
    meaningful = abs(change) >= rules.function_change
    movers = [
        f"{now.activity} {before.score} → {now.score}"
        for now in latest.activities
        for before in first.activities
        if before.activity.casefold() == now.activity.casefold()
        and abs(now.score - before.score) >= rules.activity_change
    ]
    if meaningful:
        direction = "better" if change > 0 else "worse"
        words = (
            f"Your activities score went from {first.average:.1f} to {latest.average:.1f} out "
            f"of 10: {abs(change):.1f} points {direction}, beyond the {rules.function_change:g} "
            "points a score can change by chance."
        )
    else:
        words = (
            f"Your activities score went from {first.average:.1f} to {latest.average:.1f} out "
            f"of 10: within the {rules.function_change:g} points a score can change by chance."
        )
    if movers:
        words += f" A clear change in one activity: {'; '.join(movers)}."
    return FunctionReading(first, latest, change, meaningful, words)


@dataclass(frozen=True)
class PainTrend:
    """Average pain before sessions at the start and now, and what the change means."""

    baseline: float
    now: float
    meaningful: bool
    words: str

    @property
    def change(self) -> float:
        return self.baseline - self.now


def pain_trend(rules: OutcomeRules, checkins: Sequence[CheckIn]) -> PainTrend | None:
    """The average pain before sessions over the first and the last ``average_days``, once
    they do not overlap; ``None`` before that."""
    befores = sorted(
        (c for c in checkins if c.kind is CheckInKind.BEFORE), key=lambda c: c.recorded_at
    )
    if not befores:
        return None
    span = timedelta(days=rules.average_days)
    start, end = befores[0].recorded_at, befores[-1].recorded_at
    if end - start < 2 * span:
        return None
    baseline = fmean(c.pain for c in befores if c.recorded_at < start + span)
    now = fmean(c.pain for c in befores if c.recorded_at > end - span)
    fall = baseline - now
    percent = 100 * fall / baseline if baseline else 0.0
    meaningful = fall >= rules.pain_change or (baseline > 0 and percent >= rules.pain_percent)
    if meaningful:
        words = (
            f"Your pain before sessions went from {baseline:.1f} to {now:.1f} out of 10 "
            f"({fall:.1f} points, {percent:.0f}% less): a change people notice (at least "
            f"{rules.pain_change:g} points or {rules.pain_percent}%)."
        )
    elif fall < 0:
        words = (
            f"Your pain before sessions went from {baseline:.1f} to {now:.1f} out of 10: "
            "higher than at the start."
        )
    else:
        words = (
            f"Your pain before sessions went from {baseline:.1f} to {now:.1f} out of 10: less "
            f"than the {rules.pain_change:g} points or {rules.pain_percent}% that people notice."
        )
    return PainTrend(baseline, now, meaningful, words)


def measure_due(rules: OutcomeRules, scores: Sequence[FunctionScore], now: datetime) -> str | None:
    """Why the activities scale is due now, or ``None``: at the start, then every
    ``repeat_days``."""
    if not scores:
        return "rate a few activities your back makes hard, to see your progress later"
    last = max(s.recorded_at for s in scores)
    days = (now - last).days
    if days >= rules.repeat_days:
        return f"the last rating was {days} days ago (it is asked every {rules.repeat_days})"
    return None
