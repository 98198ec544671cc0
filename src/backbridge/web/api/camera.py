"""``/camera-sets``: log a set the camera coach watched, as the person confirms it.

The page sends back what the camera socket's report said it saw (``watched``: the count per
side and every fault with its rep and side) with the reps the person confirms; the split into
one row per side and the faults of each side happen in
:meth:`backbridge.services.camera.Camera.record`, the same as for ``backbridge camera``.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from backbridge.program.effort import Effort
from backbridge.program.history import Side
from backbridge.services.camera import CameraSet, SeenFault
from backbridge.services.documents import BOTH, session_line, set_document
from backbridge.web.state import State

router = APIRouter(tags=["camera"])
SideName = Literal["left", "right", "both"]


class WatchedFault(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cue: str = Field(min_length=1, max_length=80)
    rep: int | None = Field(default=None, ge=1, le=200)
    side: Literal["left", "right"] | None = None
    text: str = Field(min_length=1, max_length=500)


class CameraSetLog(BaseModel):
    """A watched set: the reps the person confirms per side (``both`` for two-sided work),
    what the camera counted and saw (the report's ``watched``), and what only they can say."""

    model_config = ConfigDict(extra="forbid")

    exercise: str
    reps: dict[SideName, int] = Field(description='Confirmed reps, e.g. {"left": 10, "right": 9}.')
    counted: dict[SideName, int] = Field(description="The report's watched.counted.")
    faults: list[WatchedFault] = Field(default=[], max_length=400)
    effort: Effort | None = Field(
        default=None, description='{"rpe": 7.5} or {"reps_in_reserve": 2}.'
    )
    pain: int | None = Field(default=None, description="Pain during the set, 0-10.")
    note: str | None = None


def _side(name: str) -> Side | None:
    return None if name == BOTH else Side(name)


@router.post("/camera-sets", status_code=201)
def log_camera_set(state: State, body: CameraSetLog) -> dict[str, Any]:
    """Store one row per side worked, each with the reps counted and the faults seen on that
    side, before answering. When a later side is refused (the pain of the first stopped the
    exercise for today), the sides before it stay stored and ``refused`` says why."""
    watched = CameraSet(
        exercise=body.exercise,
        reps={_side(name): reps for name, reps in body.reps.items()},
        counted={_side(name): reps for name, reps in body.counted.items()},
        faults=[
            SeenFault(
                cue=f.cue, text=f.text, rep=f.rep, side=None if f.side is None else Side(f.side)
            )
            for f in body.faults
        ],
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
