"""The JSON shapes of the API. Exercises and plans have the shapes of ``backbridge exercises
show --json`` and ``backbridge plan --json``, so scripts can move between the two."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any, cast

from backbridge.catalog.collection import Catalog
from backbridge.cli.catalog_commands import exercise_document
from backbridge.cli.plan_commands import prescription_document
from backbridge.coach.guided import GuidedSession
from backbridge.coach.steps import Step
from backbridge.coach.summary import summarize
from backbridge.program.history import LoggedSet, SetStatus, TrainingSession
from backbridge.program.safety import TrainingStopped
from backbridge.reports.progress import Progress
from backbridge.services import Services
from backbridge.web.training import BOTH

__all__ = [
    "exercise_document",
    "history_document",
    "plan_document",
    "progress_document",
    "session_document",
    "session_line",
    "set_document",
    "step_document",
]


def plan_document(services: Services, program: str, now: datetime) -> dict[str, Any]:
    """``backbridge plan --json``: the next session's main items with reasons, or the stop."""
    status = services.safety_status(now)
    stop_reason = None
    if status.blocked:
        try:
            services.require_training_allowed(now)
        except TrainingStopped as error:
            stop_reason = str(error)
    items = () if status.blocked else services.next_plan(program, now).main_items()
    return {
        "program": program,
        "exercises": [prescription_document(item) for item in items],
        "stopped": status.blocked,
        "stop_reason": stop_reason,
        "screening_due": status.screening_due,
        "screening_due_reason": status.due_reason,
    }


def set_document(logged: LoggedSet) -> dict[str, Any]:
    return logged.model_dump(mode="json")


def step_document(index: int, step: Step, logged: dict[str, LoggedSet]) -> dict[str, Any]:
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
        "rest_before": step.rest_before,
        "switch_sides": step.switch_sides,
        "first_of_item": step.first_of_item,
        "tempo": None if tempo is None else tempo.model_dump(),
        "state": state,
        "sets_logged": [set_document(row) for row in rows],
    }


def session_document(guided: GuidedSession) -> dict[str, Any]:
    """A guided session with every step and where it stands: what a player needs to resume."""
    logged = {row.step_key: row for row in guided.logged}
    steps = [step_document(n, step, logged) for n, step in enumerate(guided.steps)]
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
    }


def session_line(record: TrainingSession) -> dict[str, Any]:
    return {
        "id": str(record.id),
        "program": record.program,
        "status": str(record.status),
        "started_at": record.started_at.isoformat(),
        "ended_at": None if record.ended_at is None else record.ended_at.isoformat(),
        "guided": record.plan is not None,
        "sets": len(record.sets),
    }


def history_document(
    sessions: list[TrainingSession], catalog: Catalog, unlinked: list[Any]
) -> dict[str, Any]:
    """``backbridge history --json`` with a per-session summary added."""
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
