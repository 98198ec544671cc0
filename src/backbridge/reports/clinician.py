"""The clinician's progress report: what a physiotherapist reads in two minutes before an
appointment.

Pure: the stored history, the safety records and the next plan in; a :class:`ClinicianReport`
out, and its HTML from the paper templates. Adherence counts trained sessions against the
program's sessions per week; pain changes are judged against the minimal important change of
the 0-10 scale (``escalation.min_improvement`` in ``rules.yaml``, the same number the pain
review uses); pain reviews are replayed session by session with
:func:`backbridge.program.escalation.pain_review`, so the report names the reviews the person
was shown, not a second reading of the rule. The charts are the web's
(:mod:`backbridge.reports.charts`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind
from backbridge.program.escalation import Acknowledgement, PainReview, pain_review
from backbridge.program.history import SessionStatus, SetStatus, TrainingSession
from backbridge.program.measures import FunctionScore, PainTrend
from backbridge.program.plan import Prescription
from backbridge.program.safety import Clearance, Outcome, ScreeningRecord
from backbridge.reports import charts
from backbridge.reports.paper import environment, page_stylesheet
from backbridge.reports.progress import BandPoint, Progress

OUTCOMES = {
    Outcome.CLEAR: "no red flag",
    Outcome.REFERRAL: "non-urgent referral advised (inflammatory pattern)",
    Outcome.CLINICIAN: "clinician-level flag: training paused until a clinician's clearance",
    Outcome.EMERGENCY: "emergency flag: training stopped, urgent care advised",
}
NO_OUTCOME_MEASURES = (
    "No activities scale (Patient-Specific Functional Scale) was completed in these dates; "
    "backbridge records no other outcome questionnaire."
)


@dataclass(frozen=True)
class Adherence:
    planned: int
    """The program's sessions per week over the days of the report, rounded."""
    trained: int
    completed: int
    per_week: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.trained / self.planned) if self.planned else None


@dataclass(frozen=True)
class PainChange:
    """One pain measure, its first and last week with data, and whether the change reaches the
    minimal important change."""

    measure: str
    first: float | None
    last: float | None

    @property
    def change(self) -> float | None:
        if self.first is None or self.last is None:
            return None
        return round(self.last - self.first, 1)

    def words(self, important: int) -> str:
        change = self.change
        if change is None:
            return "not enough check-ins to compare"
        moved = f"{abs(change):.1f} points {'lower' if change < 0 else 'higher'}"
        if not change:
            return f"no change, under the {important}-point change"
        if abs(change) < important:
            return f"{moved}, under the {important}-point change"
        return f"{moved}: at least the {important}-point important change"


@dataclass(frozen=True)
class ExerciseProgress:
    name: str
    sessions: int
    first: str
    latest: str
    next_dose: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ExerciseFaults:
    name: str
    camera_sets: int
    faults: tuple[tuple[str, int], ...]
    """What the coach said and how often, most frequent first."""


@dataclass(frozen=True)
class Event:
    """A dated line of the safety history: a screen, a clearance, a pause or a confirmation."""

    at: datetime
    kind: str
    text: str


@dataclass(frozen=True)
class ClinicianReport:
    program: str
    start: date
    end: date
    made: date
    adherence: Adherence
    progress: Progress
    important_change: int
    pain: tuple[PainChange, ...]
    outcome_measures: tuple[str, ...]
    exercises: tuple[ExerciseProgress, ...]
    faults: tuple[ExerciseFaults, ...]
    screening: tuple[Event, ...]
    escalations: tuple[Event, ...]
    status_now: str
    pain_chart: Markup
    calendar: Markup


def _outcomes(catalog: Catalog, scores: Sequence[FunctionScore]) -> tuple[str, ...]:
    """The activities scales of the report's dates, first against latest, in words."""
    if not scores:
        return (NO_OUTCOME_MEASURES,)
    rules = catalog.rules.outcomes
    first, latest = scores[0], scores[-1]
    line = (
        f"Patient-Specific Functional Scale (0 unable, 10 as before the problem), "
        f"{len(scores)} completed: {first.average:.1f} on {_day(first.recorded_at)}"
    )
    if latest is first:
        return (line + "; one scale, nothing to compare yet.",)
    change = latest.average - first.average
    judged = (
        f"{abs(change):.1f} points {'better' if change > 0 else 'worse'}, at least the "
        f"{rules.function_change:g}-point important change"
        if abs(change) >= rules.function_change
        else f"within the {rules.function_change:g} points a score can change by chance"
    )
    before = {a.activity.casefold(): a.score for a in first.activities}
    activities = "; ".join(
        f"{a.activity} {before[a.activity.casefold()]} → {a.score}"
        if a.activity.casefold() in before
        else f"{a.activity} {a.score} (new)"
        for a in latest.activities
    )
    return (
        f"{line}, {latest.average:.1f} on {_day(latest.recorded_at)}: {judged}.",
        f"Activities: {activities}.",
    )


def _trend(catalog: Catalog, trend: PainTrend | None) -> str:
    """The pain trend of the Measures page (:func:`backbridge.program.measures.pain_trend`)
    over the report's check-ins, for a clinician."""
    rules = catalog.rules.outcomes
    if trend is None:
        return (
            f"Pain trend: too few days of check-ins to compare {rules.average_days}-day averages."
        )
    fall = trend.baseline - trend.now
    percent = f" ({100 * fall / trend.baseline:.0f}% less)" if trend.baseline and fall > 0 else ""
    judged = (
        "a change patients notice" if trend.meaningful else "less than the change patients notice"
    )
    return (
        f"Pain trend (average before sessions, first and last {rules.average_days} days): "
        f"{trend.baseline:.1f} → {trend.now:.1f}{percent}, {judged} (at least "
        f"{rules.pain_change:g} points or {rules.pain_percent}% less)."
    )


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


def _load(point: BandPoint) -> str:
    band = f"{point.band} band" if point.band else "no band"
    reps = f", {point.reps} reps" if point.reps is not None else ""
    return f"{point.variant_name}, {band}{reps}"


def _dose(catalog: Catalog, item: Prescription) -> str:
    band = f", {item.band} band" if item.band else ""
    return f"{catalog.exercise(item.exercise).name}: {item.dose.describe()}{band}"


def _exercises(
    catalog: Catalog, series: Progress, plan: Sequence[Prescription], paused: str | None
) -> tuple[ExerciseProgress, ...]:
    rows = []
    for slot in series.slots:
        item = next((p for p in plan if p.exercise in slot.variants), None)
        next_dose = _dose(catalog, item) if item else (paused or "not in the next plan")
        first, last = (slot.points[0], slot.points[-1]) if slot.points else (None, None)
        rows.append(
            ExerciseProgress(
                name=slot.name,
                sessions=len(slot.points),
                first=_load(first) if first else "not trained in these dates",
                latest=_load(last) if last else "",
                next_dose=next_dose,
                reasons=item.reasons if item else (),
            )
        )
    return tuple(rows)


def _faults(catalog: Catalog, sessions: Sequence[TrainingSession]) -> tuple[ExerciseFaults, ...]:
    camera: Counter[str] = Counter()
    said: dict[str, Counter[str]] = {}
    for session in sessions:
        for logged in session.sets:
            if logged.camera is None or logged.status is not SetStatus.DONE:
                continue
            camera[logged.exercise] += 1
            counts = said.setdefault(logged.exercise, Counter())
            counts.update(fault.text for fault in logged.camera.faults)
    return tuple(
        ExerciseFaults(
            name=catalog.exercise(slug).name,
            camera_sets=count,
            faults=tuple(said[slug].most_common()),
        )
        for slug, count in camera.most_common()
    )


def _screening(
    catalog: Catalog,
    screenings: Sequence[ScreeningRecord],
    clearances: Sequence[Clearance],
    first: datetime,
    last: datetime,
) -> tuple[Event, ...]:
    questions = {q.id: q.text for q in catalog.screening.questions}
    events = []
    for record in screenings:
        if first <= record.recorded_at < last:
            flagged = [questions.get(q, q) for q, yes in record.answers.items() if yes]
            text = OUTCOMES[record.outcome]
            if flagged:
                text += ". Answered yes: " + "; ".join(flagged)
            events.append(Event(record.recorded_at, "Red-flag questions", text))
    for clearance in clearances:
        if first <= clearance.recorded_at < last:
            who = clearance.cleared_by or "not recorded (cleared before backbridge asked who)"
            note = f" ({clearance.note})" if clearance.note else ""
            events.append(Event(clearance.recorded_at, "Clearance", f"cleared by {who}{note}"))
    return tuple(sorted(events, key=lambda e: e.at))


def _escalations(
    catalog: Catalog,
    history: Sequence[TrainingSession],
    screenings: Sequence[ScreeningRecord],
    clearances: Sequence[Clearance],
    acknowledgements: Sequence[Acknowledgement],
    first: datetime,
    last: datetime,
) -> tuple[Event, ...]:
    """Every pain review raised between ``first`` and ``last`` (replayed after each session,
    as the person met them), its confirmation, and every red-flag pause."""
    raised: dict[datetime, PainReview] = {}
    finished = sorted(
        (s for s in history if s.status is not SessionStatus.IN_PROGRESS),
        key=lambda s: s.started_at,
    )
    for session in finished:
        if not first <= session.started_at < last:
            continue
        moment = session.ended_at or session.started_at
        cleared = [c.recorded_at for c in clearances if c.recorded_at <= moment]
        review = pain_review(
            catalog.rules, [s for s in finished if s.started_at <= session.started_at],
            acknowledgements, max(cleared, default=None), moment,
        )  # fmt: skip
        if review is not None:
            raised.setdefault(review.raised_at, review)
    events = [Event(r.raised_at, "Pain review raised", r.reason) for r in raised.values()]
    for confirmation in acknowledgements:
        if first <= confirmation.recorded_at < last:
            note = f" Note: {confirmation.note}" if confirmation.note else ""
            events.append(
                Event(
                    confirmation.recorded_at,
                    "Pain review confirmed",
                    "the person read the advice to see a clinician; training went on at a "
                    "reduced dose without progressing." + note,
                )
            )
    for record in screenings:
        if first <= record.recorded_at < last and record.outcome in (
            Outcome.CLINICIAN,
            Outcome.EMERGENCY,
        ):
            after = [c for c in clearances if c.recorded_at > record.recorded_at]
            until = (
                f"until {_day(after[0].recorded_at)}, cleared by "
                f"{after[0].cleared_by or 'someone not recorded'}"
                if after
                else "and not cleared since"
            )
            events.append(Event(record.recorded_at, "Training paused", f"red flag, {until}"))
    return tuple(sorted(events, key=lambda e: e.at))


def clinician_report(
    catalog: Catalog,
    program: str,
    *,
    series: Progress,
    history: Sequence[TrainingSession],
    screenings: Sequence[ScreeningRecord],
    clearances: Sequence[Clearance],
    acknowledgements: Sequence[Acknowledgement],
    function_scores: Sequence[FunctionScore],
    trend: PainTrend | None,
    plan: Sequence[Prescription],
    status_now: str,
    days: tuple[date, date],
    span: tuple[datetime, datetime],
    made: date,
) -> ClinicianReport:
    """The report over the local ``days`` (first and last), which ``span`` bounds in time
    (the start of the first, the end of the last). ``series`` holds the progress series of
    those days, ``history`` every session up to the end (a pain review looks back before the
    report's first day), ``plan`` the next session's main items (empty while training is
    blocked; ``status_now`` says why)."""
    (start, end), (first, last) = days, span
    in_span = [s for s in history if first <= s.started_at < last]
    trained = [
        s
        for s in in_span
        if any(x.block is BlockKind.MAIN and x.status is SetStatus.DONE for x in s.sets)
    ]
    sessions_per_week = catalog.program(program).sessions_per_week
    adherence = Adherence(
        planned=round(((end - start).days + 1) * sessions_per_week / 7),
        trained=len(trained),
        completed=sum(1 for s in trained if s.status is SessionStatus.COMPLETED),
        per_week=sessions_per_week,
    )
    important = catalog.rules.escalation.min_improvement
    pain = tuple(
        PainChange(
            measure,
            next((v for w in series.weeks if (v := getattr(w, field)) is not None), None),
            next((v for w in reversed(series.weeks) if (v := getattr(w, field)) is not None), None),
        )
        for field, measure in (
            ("pain_before", "Before sessions"),
            ("pain_during", "Highest during sets"),
            ("pain_next_morning", "Next morning"),
        )
    )
    baseline = pain[0].first
    return ClinicianReport(
        program=catalog.program(program).name,
        start=start,
        end=end,
        made=made,
        adherence=adherence,
        progress=series,
        important_change=important,
        pain=pain,
        outcome_measures=(
            *_outcomes(catalog, [f for f in function_scores if first <= f.recorded_at < last]),
            _trend(catalog, trend),
        ),
        exercises=_exercises(catalog, series, plan, None if plan else status_now),
        faults=_faults(catalog, in_span),
        screening=_screening(catalog, screenings, clearances, first, last),
        escalations=_escalations(
            catalog, history, screenings, clearances, acknowledgements, first, last
        ),
        status_now=status_now,
        pain_chart=charts.pain_and_volume(
            series.weeks, None if baseline is None else (baseline, important)
        ),
        calendar=charts.adherence_calendar([d for d in series.calendar if d.day >= start]),
    )


def report_html(content: ClinicianReport, css_href: str | None = None) -> str:
    """The report as one HTML document: its stylesheet inline, or linked at ``css_href``."""
    template = environment().get_template("report.html")
    return template.render(report=content, css=Markup(page_stylesheet()), css_href=css_href)
