"""The program and the history as a FHIR R4 Bundle (JSON), for a clinic's record system.

A ``collection`` Bundle of: a Patient (pseudonymous: an identifier only, unless the person
gives a name), the program as a CarePlan with one ServiceRequest per exercise of the next
session (``occurrenceTiming`` for the sets, reps and sessions per week; ``patientInstruction``
in words), every pain check-in as an Observation coded LOINC 72514-3 (pain severity 0-10) and
the highest pain during each session as another, every completed activities scale (the
Patient-Specific Functional Scale) as an Observation whose value is the mean score and whose
components are the activities with their scores, and every session with sets done as a
Procedure. Ids derive from backbridge's own, so the same history gives the same Bundle.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Program
from backbridge.program.history import (
    CheckIn,
    CheckInKind,
    SessionStatus,
    SetStatus,
    TrainingSession,
)
from backbridge.program.measures import FunctionScore
from backbridge.program.plan import Prescription, SessionPlan

Resource = dict[str, Any]
NAMESPACE = uuid.UUID("0b6f8f0e-2f59-4e0b-9a4e-7d1b8f3f5c21")
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
EXERCISE_THERAPY = {"system": SNOMED, "code": "229065009", "display": "Exercise therapy"}
PAIN_SEVERITY = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
SURVEY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "survey",
    "display": "Survey",
}
WHEN = {
    CheckInKind.BEFORE: "lower-back pain before the session",
    CheckInKind.NEXT_MORNING: "lower-back pain the morning after the session",
}


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(str(p) for p in parts)))


def _ref(resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def instruction(item: Prescription, catalog: Catalog) -> str:
    """The dose and the first cue of one prescription, in words."""
    exercise = catalog.exercise(item.exercise)
    band = f", with the {item.band} band" if item.band else ""
    cue = exercise.cues[0].text
    return f"{exercise.name}: {item.dose.describe()}{band}. {exercise.summary} {cue}"


def bundle(
    *,
    catalog: Catalog,
    program: Program,
    plan: SessionPlan | None,
    sessions: Sequence[TrainingSession],
    checkins: Sequence[CheckIn],
    user_id: uuid.UUID,
    name: str | None,
    now: datetime,
    scales: Sequence[FunctionScore] = (),
) -> Resource:
    """The Bundle; ``plan`` is the next session's (``None`` while training is stopped: the
    CarePlan is then ``on-hold`` and lists no requests)."""
    patient_id = _id("patient", user_id)
    patient: Resource = {
        "resourceType": "Patient",
        "id": patient_id,
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{user_id}"}],
        "active": True,
    }
    if name:
        patient["name"] = [{"text": name}]
    subject = _ref(patient_id)
    care_id = _id("careplan", user_id, program.slug)
    requests = [
        _request(item, block, catalog, program, subject, care_id, user_id)
        for block in (plan.blocks if plan else ())
        for item in block.items
    ]
    trained = [s for s in sessions if any(x.status is SetStatus.DONE for x in s.sets)]
    start = trained[0].started_at if trained else now
    care: Resource = {
        "resourceType": "CarePlan",
        "id": care_id,
        "status": "active" if plan is not None else "on-hold",
        "intent": "plan",
        "category": [{"coding": [EXERCISE_THERAPY]}],
        "title": program.name,
        "description": program.summary,
        "subject": subject,
        "period": {"start": _time(start)},
        "created": _time(now),
        "activity": [{"reference": _ref(r["id"])} for r in requests],
    }
    procedures = {s.id: _procedure(s, catalog, subject, care_id) for s in trained}
    observations = []
    for session in trained:
        observations += [_pain(c, subject, procedures) for c in session.checkins]
        during = [x.pain for x in session.sets if x.pain is not None]
        if during:
            observations.append(_during(session, max(during), subject, procedures))
    observations += [_pain(c, subject, procedures) for c in checkins]
    observations += [_function(scale, subject) for scale in scales]
    resources = [patient, care, *requests, *procedures.values(), *observations]
    return {
        "resourceType": "Bundle",
        "id": _id("bundle", user_id, _time(now)),
        "type": "collection",
        "timestamp": _time(now),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


def _request(
    item: Prescription,
    block: Any,
    catalog: Catalog,
    program: Program,
    subject: dict[str, str],
    care_id: str,
    user_id: uuid.UUID,
) -> Resource:
    exercise = catalog.exercise(item.exercise)
    per_week = program.sessions_per_week
    words = f"{item.dose.describe()}, {per_week} times a week"
    request: Resource = {
        "resourceType": "ServiceRequest",
        "id": _id("request", user_id, program.slug, block.kind, item.exercise),
        "status": "active",
        "intent": "plan",
        "category": [{"coding": [EXERCISE_THERAPY], "text": block.title}],
        "code": {"text": exercise.name},
        "subject": subject,
        "basedOn": [_ref(care_id)],
        "occurrenceTiming": {
            "repeat": {"frequency": per_week, "period": 1, "periodUnit": "wk"},
            "code": {"text": words},
        },
        "patientInstruction": instruction(item, catalog),
    }
    if item.reasons:
        request["note"] = [{"text": reason} for reason in item.reasons]
    return request


def _procedure(
    session: TrainingSession, catalog: Catalog, subject: dict[str, str], care_id: str
) -> Resource:
    done = [s for s in session.sets if s.status is SetStatus.DONE]
    counts: dict[str, int] = {}
    for logged in done:
        if logged.block is BlockKind.MAIN:
            counts[logged.exercise] = counts.get(logged.exercise, 0) + 1
    names = {e.slug: e.name for e in catalog.exercises}
    summary = ", ".join(f"{names.get(slug, slug)}: {n} set(s)" for slug, n in counts.items())
    return {
        "resourceType": "Procedure",
        "id": _id("procedure", session.id),
        "status": "completed" if session.status is SessionStatus.COMPLETED else "stopped",
        "category": {"coding": [EXERCISE_THERAPY]},
        "code": {"coding": [EXERCISE_THERAPY], "text": "Home exercise session"},
        "subject": subject,
        "basedOn": [_ref(care_id)],
        "performedPeriod": {
            "start": _time(session.started_at),
            "end": _time(session.ended_at or session.last_activity),
        },
        "note": [{"text": summary or "warm-up and stretches only"}],
    }


def _observation(
    resource_id: str, pain: int, at: datetime, note: str, subject: dict[str, str]
) -> Resource:
    return {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {"coding": [PAIN_SEVERITY], "text": "Pain severity 0-10"},
        "subject": subject,
        "effectiveDateTime": _time(at),
        "valueInteger": pain,
        "note": [{"text": note}],
    }


def _pain(checkin: CheckIn, subject: dict[str, str], procedures: dict[Any, Resource]) -> Resource:
    note = WHEN[checkin.kind] + (f" ({checkin.note})" if checkin.note else "")
    observation = _observation(
        _id("checkin", checkin.id), checkin.pain, checkin.recorded_at, note, subject
    )
    if checkin.session_id in procedures:
        observation["partOf"] = [_ref(procedures[checkin.session_id]["id"])]
    return observation


def _during(
    session: TrainingSession, pain: int, subject: dict[str, str], procedures: dict[Any, Resource]
) -> Resource:
    observation = _observation(
        _id("during", session.id), pain, session.last_activity,
        "highest lower-back pain reported during the session's sets", subject,
    )  # fmt: skip
    observation["partOf"] = [_ref(procedures[session.id]["id"])]
    return observation


def _function(scale: FunctionScore, subject: dict[str, str]) -> Resource:
    """One activities scale: the mean of its 0-10 ratings, each activity a component."""
    scored = {"system": "http://unitsofmeasure.org", "code": "{score}"}
    return {
        "resourceType": "Observation",
        "id": _id("function", scale.id),
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {"text": "Patient-Specific Functional Scale, mean of 0-10 activity ratings"},
        "subject": subject,
        "effectiveDateTime": _time(scale.recorded_at),
        "valueQuantity": {"value": round(scale.average, 2), "unit": "score", **scored},
        "component": [
            {
                "code": {"text": activity.activity},
                "valueInteger": activity.score,
            }
            for activity in scale.activities
        ],
        "note": [{"text": "0 = unable to do the activity, 10 = able to do it as before"}],
    }
