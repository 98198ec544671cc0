"""``/camera-sets``: log a set the camera coach watched, as the person confirms it.

The page sends back what the camera socket's report said it saw (``watched``: the count per
side and every fault with its rep and side) with the reps the person confirms; the split into
one row per side and the faults of each side happen in
:meth:`backbridge.services.camera.Camera.record`, the same as for ``backbridge camera``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from backbridge.program.effort import Effort
from backbridge.program.history import CameraCount, SeenFault, Side
from backbridge.services.camera import CameraSet
from backbridge.services.documents import SideName, session_line, set_document, side_of
from backbridge.values import Count, Name, Note, PainScore, RepCount
from backbridge.web.problems import refusals
from backbridge.web.state import State

router = APIRouter(tags=["camera"])


class WatchedFault(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cue: Name
    rep: Count | None = Field(default=None, ge=1)
    side: Side | None = None
    text: Note = Field(min_length=1)


class WatchedSet(BaseModel):
    """What the camera counted and saw in one set: the report's ``watched``."""

    model_config = ConfigDict(extra="forbid")

    counted: dict[SideName, Count] = Field(description="The report's watched.counted.")
    faults: list[WatchedFault] = Field(default=[], max_length=400)

    def count(self) -> CameraCount:
        return CameraCount(
            counted={side_of(name): reps for name, reps in self.counted.items()},
            faults=[SeenFault(cue=f.cue, text=f.text, rep=f.rep, side=f.side) for f in self.faults],
        )


class CameraSetLog(BaseModel):
    """A watched set: the reps the person confirms per side (``both`` for two-sided work),
    what the camera counted and saw (the report's ``watched``), and what only they can say."""

    model_config = ConfigDict(extra="forbid")

    exercise: Name
    reps: dict[SideName, RepCount] = Field(
        description='Confirmed reps, e.g. {"left": 10, "right": 9}.'
    )
    counted: dict[SideName, Count] = Field(description="The report's watched.counted.")
    faults: list[WatchedFault] = Field(default=[], max_length=400)
    effort: Effort | None = Field(
        default=None, description='{"rpe": 7.5} or {"reps_in_reserve": 2}.'
    )
    pain: PainScore | None = Field(default=None, description="Pain during the set, 0-10.")
    note: Note | None = None


@router.post("/camera-sets", status_code=201, responses=refusals(403, 404, 409, 422, 423))
def log_camera_set(state: State, body: CameraSetLog) -> dict[str, Any]:
    """Store one row per side worked, each with the reps counted and the faults seen on that
    side, before answering. When a later side is refused (the pain of the first stopped the
    exercise for today), the sides before it stay stored and ``refused`` says why."""
    watched = CameraSet(
        exercise=body.exercise,
        reps={side_of(name): reps for name, reps in body.reps.items()},
        counted={side_of(name): reps for name, reps in body.counted.items()},
        faults=[SeenFault(cue=f.cue, text=f.text, rep=f.rep, side=f.side) for f in body.faults],
        effort=body.effort,
        pain=body.pain,
        note=body.note,
    )
    recorded = state.camera.record(watched)
    last = recorded.saved[-1]
    return {
        "saved": [set_document(result.logged) for result in recorded.saved],
        "session": session_line(last.session, last.sets_in_session),
        "messages": [m for result in recorded.saved for m in result.feedback.messages],
        "refused": recorded.refused,
    }
