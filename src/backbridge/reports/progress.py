"""Progress series over the stored history, for charts: pure, history and calendar in.

Weeks are local calendar weeks starting on Monday; a "day" is the local calendar day of the
given time zone. Only main-block sets count as training volume; warm-ups and stretches count
towards adherence through the session they belong to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Exercise
from backbridge.program.history import CheckInKind, EntrySource, SetStatus, TrainingSession


@dataclass(frozen=True)
class WeekPoint:
    """One calendar week: main-block volume and the average pain of its sessions."""

    start: date
    sessions: int
    sets: int
    reps: int
    pain_before: float | None
    pain_during: float | None
    """Average over the week's sessions of the highest pain reported during a set."""
    pain_next_morning: float | None


@dataclass(frozen=True)
class SessionPain:
    """The pain of one trained session: before it, the highest during a main-block set, and
    the next morning (each ``None`` when not given)."""

    day: date
    before: int | None
    during: int | None
    next_morning: int | None


@dataclass(frozen=True)
class BandPoint:
    """The load of one program slot in one session: which variant and which band."""

    day: date
    variant: str
    variant_name: str
    variant_rank: int
    """Position of the variant in the slot's ladder, 0 for the easiest."""
    band: str | None
    band_order: int | None
    reps: int | None
    """The most reps in one set of the session."""
    seconds: int | None = None
    """The longest hold of the session, for a held variant."""
    sets: int = 0
    """Sets done (each side of a one-sided set counts once, as the plan counts them)."""

    @property
    def amount(self) -> str:
        """The best set in words: ``12 reps`` or ``30 s``."""
        if self.reps is not None:
            return f"{self.reps} reps"
        return "-" if self.seconds is None else f"{self.seconds} s"


@dataclass(frozen=True)
class Slot:
    """A main item of the program and the loads it was trained with over time."""

    anchor: str
    name: str
    variants: tuple[str, ...]
    points: tuple[BandPoint, ...]


@dataclass(frozen=True)
class CalendarDay:
    day: date
    sessions: int
    completed: bool


@dataclass(frozen=True)
class MuscleWeeks:
    muscle: str
    name: str
    sets: tuple[int, ...]
    """Sets per week in which the muscle was a primary target, aligned with ``Progress.weeks``."""


@dataclass(frozen=True)
class Streak:
    weeks: int
    """Calendar weeks in a row, up to the last complete or the current one, that reached the
    program's sessions per week."""
    this_week: int
    per_week: int


@dataclass(frozen=True)
class Progress:
    weeks: tuple[WeekPoint, ...]
    slots: tuple[Slot, ...]
    calendar: tuple[CalendarDay, ...]
    muscles: tuple[MuscleWeeks, ...]
    faults: tuple[int, ...]
    """Camera form faults per week, aligned with ``weeks``."""
    camera_sets: tuple[int, ...]
    """Sets counted by the camera coach per week, aligned with ``weeks``."""
    session_pain: tuple[SessionPain, ...] = ()
    """Each trained session of the span, oldest first."""

    @property
    def pain_baseline(self) -> float | None:
        """The average pain before sessions in the first week of the span that has any: the
        reference a change of pain is judged against."""
        return next((w.pain_before for w in self.weeks if w.pain_before is not None), None)

    @property
    def empty(self) -> bool:
        return not any(week.sessions for week in self.weeks)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _trained(session: TrainingSession) -> bool:
    return any(s.status is SetStatus.DONE for s in session.sets)


def progress(
    sessions: Sequence[TrainingSession],
    catalog: Catalog,
    program_slug: str,
    *,
    today: date,
    tz: tzinfo,
    weeks: int,
) -> Progress:
    """Every series of the progress page for the ``weeks`` calendar weeks ending this week."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    starts = [first + timedelta(weeks=n) for n in range(weeks)]
    index = {start: n for n, start in enumerate(starts)}

    def local_day(moment: datetime) -> date:
        return moment.astimezone(tz).date()

    in_range = sorted(
        (s for s in sessions if first <= local_day(s.started_at) <= today),
        key=lambda s: s.started_at,
    )
    by_week: list[list[TrainingSession]] = [[] for _ in starts]
    for session in in_range:
        by_week[index[week_start(local_day(session.started_at))]].append(session)

    muscle_sets: dict[str, list[int]] = {m.slug: [0] * weeks for m in catalog.muscles}
    faults = [0] * weeks
    camera = [0] * weeks
    points = []
    for n, (start, group) in enumerate(zip(starts, by_week, strict=True)):
        trained = [s for s in group if _trained(s)]
        main = [
            s
            for session in trained
            for s in session.sets
            if s.block is BlockKind.MAIN and s.status is SetStatus.DONE
        ]
        for logged in main:
            if logged.camera is not None:
                faults[n] += len(logged.camera.faults)
            camera[n] += logged.source is EntrySource.CAMERA
        for session in trained:
            done = {
                (s.exercise, s.set_number)
                for s in session.sets
                if s.block is BlockKind.MAIN and s.status is SetStatus.DONE
            }
            for slug, _ in done:
                exercise = _known(catalog, slug)
                for muscle in exercise.muscles.primary if exercise else ():
                    muscle_sets[muscle][n] += 1
        befores = [c.pain for s in trained if (c := s.checkin(CheckInKind.BEFORE))]
        mornings = [c.pain for s in trained if (c := s.checkin(CheckInKind.NEXT_MORNING))]
        during = [
            max(pains)
            for s in trained
            if (
                pains := [
                    x.pain for x in s.sets if x.pain is not None and x.block is BlockKind.MAIN
                ]
            )
        ]
        points.append(
            WeekPoint(
                start=start,
                sessions=len(trained),
                sets=len({(s.session_id, s.exercise, s.set_number) for s in main}),
                reps=sum(s.reps or 0 for s in main),
                pain_before=_mean(befores),
                pain_during=_mean(during),
                pain_next_morning=_mean(mornings),
            )
        )
    return Progress(
        weeks=tuple(points),
        slots=_slots(in_range, catalog, program_slug, local_day),
        calendar=_calendar(in_range, first, today, local_day),
        muscles=tuple(
            MuscleWeeks(m.slug, m.name, tuple(muscle_sets[m.slug]))
            for m in catalog.muscles
            if any(muscle_sets[m.slug])
        ),
        faults=tuple(faults),
        camera_sets=tuple(camera),
        session_pain=tuple(
            _session_pain(s, local_day(s.started_at)) for s in in_range if _trained(s)
        ),
    )


def _session_pain(session: TrainingSession, day: date) -> SessionPain:
    before, morning = session.checkin(CheckInKind.BEFORE), session.checkin(CheckInKind.NEXT_MORNING)
    pains = [s.pain for s in session.sets if s.pain is not None and s.block is BlockKind.MAIN]
    return SessionPain(
        day=day,
        before=None if before is None else before.pain,
        during=max(pains, default=None),
        next_morning=None if morning is None else morning.pain,
    )


def _known(catalog: Catalog, slug: str) -> Exercise | None:
    return next((e for e in catalog.exercises if e.slug == slug), None)


def _slots(
    sessions: Sequence[TrainingSession],
    catalog: Catalog,
    program_slug: str,
    local_day: Callable[[datetime], date],
) -> tuple[Slot, ...]:
    program = catalog.program(program_slug)
    band_order = {band.slug: band.order for band in catalog.bands}
    slots = []
    for block in program.blocks:
        if block.kind is not BlockKind.MAIN:
            continue
        for item in block.items:
            ladder = catalog.ladder(item.exercise)
            rank = {variant.slug: n for n, variant in enumerate(ladder)}
            points = []
            for session in sessions:
                done = [
                    s
                    for s in session.sets
                    if s.exercise in rank
                    and s.block is BlockKind.MAIN
                    and s.status is SetStatus.DONE
                ]
                if not done:
                    continue
                top = max(done, key=lambda s: (rank[s.exercise], band_order.get(s.band or "", 0)))
                points.append(
                    BandPoint(
                        day=local_day(session.started_at),
                        variant=top.exercise,
                        variant_name=catalog.exercise(top.exercise).name,
                        variant_rank=rank[top.exercise],
                        band=top.band,
                        band_order=band_order.get(top.band) if top.band else None,
                        reps=max((s.reps for s in done if s.reps is not None), default=None),
                        seconds=max(
                            (s.seconds for s in done if s.seconds is not None), default=None
                        ),
                        sets=len({(s.exercise, s.set_number) for s in done}),
                    )
                )
            slots.append(
                Slot(
                    anchor=item.exercise,
                    name=catalog.exercise(item.exercise).name,
                    variants=tuple(variant.slug for variant in ladder),
                    points=tuple(points),
                )
            )
    return tuple(slots)


def _calendar(
    sessions: Sequence[TrainingSession],
    first: date,
    today: date,
    local_day: Callable[[datetime], date],
) -> tuple[CalendarDay, ...]:
    counts: dict[date, list[TrainingSession]] = {}
    for session in sessions:
        if _trained(session):
            counts.setdefault(local_day(session.started_at), []).append(session)
    days = []
    day = first
    while day <= today:
        group = counts.get(day, [])
        days.append(CalendarDay(day, len(group), any(s.status == "completed" for s in group)))
        day += timedelta(days=1)
    return tuple(days)


def streak(
    sessions: Sequence[TrainingSession], per_week: int, *, today: date, tz: tzinfo
) -> Streak:
    """Weeks in a row that reached ``per_week`` trained sessions. The current week counts once it
    reaches the target; until then the streak runs up to last week."""
    counts: dict[date, int] = {}
    for session in sessions:
        if _trained(session):
            start = week_start(session.started_at.astimezone(tz).date())
            counts[start] = counts.get(start, 0) + 1
    this_week = week_start(today)
    current = counts.get(this_week, 0)
    week = this_week if current >= per_week else this_week - timedelta(weeks=1)
    weeks = 0
    while counts.get(week, 0) >= per_week:
        weeks += 1
        week -= timedelta(weeks=1)
    return Streak(weeks=weeks, this_week=current, per_week=per_week)
