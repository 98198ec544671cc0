"""The JSON documents both interfaces return: ``backbridge … --json`` prints the same shapes
the API answers with, so scripts can move between the two. Pure functions of domain values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Exercise
from backbridge.errors import InvalidInput
from backbridge.program.escalation import PainReview
from backbridge.program.history import CheckIn, LoggedSet, SetStatus, Side, TrainingSession
from backbridge.program.plan import Prescription
from backbridge.program.safety import SafetyStatus

if TYPE_CHECKING:
    # Annotations only: `plan` and `log set` import this module and need none of them (the
    # functions that summarise a session import the coach when they run).
    from backbridge.coach.guided import GuidedSession
    from backbridge.coach.steps import Step
    from backbridge.nutrition.supplements import Supplement, SupplementGuide
    from backbridge.nutrition.targets import Targets
    from backbridge.reports.progress import Progress
    from backbridge.services.measures import Outcomes

BOTH = "both"
SideName = Literal["left", "right", "both"]
"""A side as documents and request bodies name it: ``both`` for two-sided work."""


def side_of(name: SideName) -> Side | None:
    return None if name == BOTH else Side(name)


def sides_named(text: str) -> tuple[Side | None, ...]:
    """Sides as a query names them, comma-separated (``left,right``, ``both``)."""
    names = [name.strip() for name in text.split(",")]
    for name in names:
        if name not in ("left", "right", BOTH):
            raise InvalidInput(f"{name!r} is not a side: say left, right or both")
    return tuple(side_of(cast(SideName, name)) for name in names)


@dataclass(frozen=True)
class PlanView:
    """The next session as the person may see it: the main items, or the stop that hides them."""

    program: str
    items: tuple[Prescription, ...]
    status: SafetyStatus
    review: PainReview | None = None
    """A standing pain review: the items are the reduced dose it allows."""


def exercise_document(catalog: Catalog, exercise: Exercise) -> dict[str, Any]:
    """Every field of the exercise, plus its ladder and the citations of its sources."""
    document = exercise.model_dump(mode="json")
    document["ladder"] = [step.slug for step in catalog.ladder(exercise.slug)]
    document["source_citations"] = {
        key: catalog.source(key).citation for key in exercise.cited_sources
    }
    return document


def prescription_document(item: Prescription) -> dict[str, Any]:
    return {
        "slug": item.exercise,
        "sets": item.sets,
        "reps": item.reps,
        "per_side": item.per_side,
        "band": item.band,
        "rest_s": item.rest_seconds,
        "change": str(item.change),
        "reasons": list(item.reasons),
    }


def plan_document(view: PlanView) -> dict[str, Any]:
    """``backbridge plan --json`` and ``GET /plan``: the next session's main items with
    reasons, or the stop with its referral."""
    status = view.status
    return {
        "program": view.program,
        "exercises": [prescription_document(item) for item in view.items],
        "stopped": status.blocked,
        "stop_reason": status.referral,
        "screening_due": status.screening_due,
        "screening_due_reason": status.due_reason,
        "pain_review": review_document(view.review),
    }


def status_document(status: SafetyStatus) -> dict[str, Any]:
    """Where the safety check stands, with the referral while training is blocked."""
    return {
        "training_allowed": not status.blocked,
        "stopped": status.stopped,
        "needs_clearance": status.needs_clearance,
        "referral": status.referral,
        "screening_due": status.screening_due,
        "screening_due_reason": status.due_reason,
    }


def review_document(review: PainReview | None) -> dict[str, Any] | None:
    """A standing pain review: why, since when, and whether training waits for a
    confirmation."""
    if review is None:
        return None
    return {
        "cause": str(review.cause),
        "raised_at": review.raised_at.isoformat(),
        "reason": review.reason,
        "message": review.message,
        "confirmed_at": (
            None if review.acknowledged_at is None else review.acknowledged_at.isoformat()
        ),
        "training_paused": review.blocked,
    }


def lesson_links(catalog: Catalog, ids: Sequence[str]) -> list[dict[str, str]]:
    """The lessons worth reading now, as a page links them: title, summary and address."""
    return [
        {
            "id": lesson.id,
            "title": lesson.title,
            "summary": lesson.summary,
            "href": f"/learn#{lesson.id}",
        }
        for lesson in map(catalog.lesson, ids)
    ]


def set_document(logged: LoggedSet) -> dict[str, Any]:
    return logged.model_dump(mode="json")


def step_document(
    index: int,
    step: Step,
    logged: dict[str, LoggedSet],
    earlier: list[LoggedSet] | None = None,
) -> dict[str, Any]:
    rows = [logged[key] for key in step.keys if key in logged]
    if len(rows) < len(step.keys):
        state = "pending"
    else:
        state = "skipped" if all(r.status is SetStatus.SKIPPED for r in rows) else "done"
    tempo = step.exercise.tempo
    return {
        "index": index,
        "keys": list(step.keys),
        "block": str(step.block),
        "exercise": step.exercise.slug,
        "name": step.exercise.name,
        "label": step.label(),
        "set_number": step.set_number,
        "sets": step.prescription.sets,
        "sides": [str(side) if side else BOTH for side in step.sides],
        "timed": step.timed,
        "target": step.target,
        "band": step.prescription.band,
        "uses_band": step.exercise.uses_band,
        "camera": step.exercise.camera is not None and not step.timed,
        "rest_before": step.rest_before,
        "switch_sides": step.switch_sides,
        "first_of_item": step.first_of_item,
        "tempo": None if tempo is None else tempo.model_dump(),
        "state": state,
        "sets_logged": [set_document(row) for row in rows],
        "last_time": None if not earlier else last_time_document(earlier, step.set_number),
    }


def last_time_document(earlier: list[LoggedSet], set_number: int) -> dict[str, Any]:
    """The same set of the exercise's latest earlier session (its last set if it had fewer):
    the amount per side, the band, the effort and the pain."""
    numbers = {row.set_number for row in earlier}
    chosen = set_number if set_number in numbers else max(numbers)
    rows = [row for row in earlier if row.set_number == chosen]
    first = rows[0]
    return {
        "performed_at": first.performed_at.isoformat(),
        "set_number": chosen,
        "amounts": {
            str(row.side) if row.side else BOTH: row.reps if row.seconds is None else row.seconds
            for row in rows
        },
        "band": first.band,
        "rpe": first.rpe,
        "reps_in_reserve": first.reps_in_reserve,
        "pain": max((row.pain for row in rows if row.pain is not None), default=None),
    }


def session_document(
    guided: GuidedSession, last_time: dict[str, list[LoggedSet]] | None = None
) -> dict[str, Any]:
    """A guided session with every step and where it stands: what a player needs to resume.
    ``last_time`` (:meth:`Training.last_time`) adds each main set's values of last time."""
    logged = {row.step_key: row for row in guided.logged}
    earlier = last_time or {}
    steps = [
        step_document(n, step, logged, earlier.get(step.exercise.slug))
        for n, step in enumerate(guided.steps)
    ]
    pain = guided.catalog.rules.pain
    done, total = guided.progress()
    pending = [s["index"] for s in steps if s["state"] == "pending"]
    return {
        **session_line(guided.record),
        "needs_checkin": guided.needs_checkin,
        "progress": {"done": done, "total": total},
        "next_step": pending[0] if pending else None,
        "blocks": [
            {"kind": str(b.kind), "title": b.title, "intro": b.intro} for b in guided.plan.blocks
        ],
        "steps": steps,
        "checkins": [c.model_dump(mode="json") for c in guided.record.checkins],
        "pain_zones": {
            "safe_max": pain.safe_max,
            "acceptable_max": pain.acceptable_max,
            "severe_from": pain.severe_from,
        },
    }


def session_line(record: TrainingSession, sets: int | None = None) -> dict[str, Any]:
    """One line about a session; ``sets`` counts its sets when ``record`` was read without
    them."""
    return {
        "id": str(record.id),
        "program": record.program,
        "status": str(record.status),
        "started_at": record.started_at.isoformat(),
        "ended_at": None if record.ended_at is None else record.ended_at.isoformat(),
        "guided": record.plan is not None,
        "sets": len(record.sets) if sets is None else sets,
    }


def history_document(
    sessions: list[TrainingSession],
    catalog: Catalog,
    unlinked: list[CheckIn],
    next_page: str | None = None,
) -> dict[str, Any]:
    """``backbridge history --json`` with a per-session summary added; ``next`` is the cursor
    of the older sessions (``null`` on the last page)."""
    from backbridge.coach.summary import summarize

    documents = []
    for session in sessions:
        summary = summarize(session, catalog)
        document = session.model_dump(mode="json", exclude={"plan"})
        document["summary"] = {
            "pain_before": summary.pain_before,
            "pain_next_morning": summary.pain_next_morning,
            "max_pain": summary.max_pain,
        }
        documents.append(document)
    return {
        "sessions": documents,
        "unlinked_checkins": [c.model_dump(mode="json") for c in unlinked],
        "next": next_page,
    }


def citations(catalog: Catalog, keys: list[str]) -> dict[str, str]:
    """Each source key with its full citation."""
    return {key: catalog.source(key).citation for key in keys}


def target_sources(result: Targets) -> list[str]:
    """The sources behind the energy, protein and caffeine targets, each once."""
    keys = [*result.energy.sources, *result.protein.sources, *result.caffeine.sources]
    return list(dict.fromkeys(keys))


def targets_document(catalog: Catalog, result: Targets) -> dict[str, Any]:
    """``backbridge nutrition targets --json`` and ``GET /nutrition/targets``."""
    return {
        **result.model_dump(mode="json"),
        "source_citations": citations(catalog, target_sources(result)),
    }


def supplement_document(catalog: Catalog, item: Supplement) -> dict[str, Any]:
    document = item.model_dump(mode="json")
    document["source_citations"] = citations(catalog, item.cited_sources)
    return document


def guide_document(catalog: Catalog, guide: SupplementGuide) -> dict[str, Any]:
    """``backbridge supplements --json`` and ``GET /nutrition/supplements``."""
    return {
        "note": guide.note,
        "out_of_scope": guide.out_of_scope,
        "grades": guide.grades.model_dump(mode="json"),
        "supplements": [supplement_document(catalog, item) for item in guide.supplements],
    }


def progress_document(progress: Progress) -> dict[str, Any]:
    return cast(dict[str, Any], _iso(asdict(progress)))


def _iso(value: object) -> object:
    if isinstance(value, dict):
        return {key: _iso(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_iso(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def summary_document(
    finished: TrainingSession, catalog: Catalog, next_plan: PlanView
) -> dict[str, Any]:
    """What a finished session amounted to and what the next one changes, with the plan's
    reasons: the player's last screen and the terminal's summary say the same."""
    from backbridge.coach.summary import summarize

    summary = summarize(finished, catalog)
    next_document = plan_document(next_plan)
    for item in next_document["exercises"]:
        item["name"] = catalog.exercise(item["slug"]).name
    moves = [row for row in summary.exercises if row.block is not BlockKind.MAIN]
    return {
        "minutes": summary.minutes,
        "pain_before": summary.pain_before,
        "max_pain": summary.max_pain,
        "exercises": [
            {
                "slug": row.exercise,
                "name": row.name,
                "sets_done": row.sets_done,
                "sets_skipped": row.sets_skipped,
                "reps": row.reps,
                "bands": list(row.bands),
                "effort": None if row.effort == "-" else row.effort,
                "max_pain": row.max_pain,
                "camera_faults": row.camera_faults,
            }
            for row in summary.main
        ],
        "moves": {"done": sum(1 for row in moves if row.sets_done), "total": len(moves)},
        "next": next_document,
    }


def outcomes_document(outcomes: Outcomes) -> dict[str, Any]:
    """``backbridge measure --json`` and ``GET /measures``: every activities scale, the
    readings in numbers and words, and whether the scale is due."""
    function, pain = outcomes.function, outcomes.pain
    return {
        "function_scores": [
            {**score.model_dump(mode="json"), "average": round(score.average, 2)}
            for score in outcomes.scores
        ],
        "function": None
        if function is None
        else {
            "change": round(function.change, 2),
            "meaningful": function.meaningful,
            "words": function.words,
        },
        "pain": None
        if pain is None
        else {
            "baseline": round(pain.baseline, 2),
            "now": round(pain.now, 2),
            "meaningful": pain.meaningful,
            "words": pain.words,
        },
        "due": outcomes.due,
    }
