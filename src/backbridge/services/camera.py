"""The camera coach's use cases: start watching a set, and log what it counted as rows.

The terminal (``backbridge camera``) and the page (``/camera`` and ``/ws/camera``) both
finish a watched set here, so its reps per side and each fault (cue, rep, what was said) are
stored the same way, as rows the progress charts, history and exports read.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from backbridge.catalog.models import Exercise
from backbridge.errors import Conflict, InvalidInput
from backbridge.program.effort import Effort
from backbridge.program.history import CameraCount, EntrySource, SeenFault, Side
from backbridge.services.documents import BOTH
from backbridge.services.safety import Safety
from backbridge.services.stores import Room
from backbridge.services.training import SetEntry, SetLogged, Training
from backbridge.vision.analysis import Analysis
from backbridge.vision.exercises import analysis_for, camera_exercises

FRAMES_PER_WORK_PHASE = 2
"""A rep's shortest working phase (the exercise's ``min_work_s``) must span at least this many
frames for the counter to tell it from jitter: the frame rate counting needs follows from it."""
RATE_WINDOW_S = 3.0
"""The frame rate is measured over the last few seconds of frames."""
RATE_AFTER_S = 1.5
"""No judgement on the frame rate before this much of the set has been seen."""


def needed_frame_rate(analysis: Analysis) -> float:
    """The frames per second the exercise's counter needs to see its shortest working phase."""
    return FRAMES_PER_WORK_PHASE / analysis.spec.min_work_s


def too_slow(analysis: Analysis, rate: float, *, lighter_model: bool = True) -> str | None:
    """What a frame rate too low to count by means, in words for the person; ``None`` when the
    rate is enough. The browser offers MediaPipe's lighter model (``lighter_model``); the
    terminal's wheel has only the full one."""
    needed = needed_frame_rate(analysis)
    if rate >= needed:
        return None
    remedy = "Use the lighter pose model, close" if lighter_model else "Close"
    return (
        f"This device analyses only {rate:.0f} {'frame' if round(rate) == 1 else 'frames'} a "
        f"second; counting needs about {needed:.0f}, so reps may be missed. {remedy} other tabs "
        "and programs, or count by hand."
    )


def rate_reading(analysis: Analysis, rate: float | None) -> dict[str, Any]:
    """The frame rate as the camera's replies carry it: frames a second (``None`` before there
    is a judgement) and the too-slow warning's words, or ``None``."""
    return {
        "frame_rate": None if rate is None else round(rate, 1),
        "too_slow": None if rate is None else too_slow(analysis, rate),
    }


@dataclass
class FrameRate:
    """Frames per second as the page's own timestamps show them: over the last few seconds,
    and over the whole set."""

    first_t: float | None = None
    frames: int = 0
    recent: deque[float] = field(default_factory=deque)

    def add(self, t: float) -> None:
        if self.first_t is None:
            self.first_t = t
        self.frames += 1
        self.recent.append(t)
        while self.recent and t - self.recent[0] > RATE_WINDOW_S:
            self.recent.popleft()

    @property
    def now(self) -> float | None:
        """Frames per second lately; ``None`` until enough of the set has been seen."""
        if self.first_t is None or self.recent[-1] - self.first_t < RATE_AFTER_S:
            return None
        span = self.recent[-1] - self.recent[0]
        return (len(self.recent) - 1) / span if span > 0 else None

    @property
    def overall(self) -> float | None:
        if self.first_t is None or self.recent[-1] - self.first_t < RATE_AFTER_S:
            return None
        return (self.frames - 1) / (self.recent[-1] - self.first_t)


@dataclass(frozen=True)
class CameraSet:
    """A set the camera coach watched, as the person confirms it: the reps per side (``None``
    for two-sided work), the faults seen, and what only the person can say."""

    exercise: str
    reps: dict[Side | None, int]
    counted: dict[Side | None, int]
    """What the camera counted per side, before any correction by the person."""
    faults: Sequence[SeenFault] = ()
    effort: Effort | None = None
    pain: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Camera:
    room: Room
    safety: Safety
    training: Training

    def watchable(self) -> list[Exercise]:
        """The exercises the camera coach can watch, in catalogue order."""
        return camera_exercises(self.room.catalog)

    def start(self, slug: str) -> Analysis:
        """A fresh analysis of one set; refused while training may not be logged."""
        if not slug:
            raise InvalidInput("say which exercise to watch")
        analysis = analysis_for(self.room.catalog, slug)
        self.safety.require_logging()
        return analysis

    def record(self, watched: CameraSet) -> CameraLogged:
        """Log the set, one row per side worked, each with its camera result and the faults
        seen on that side (a fault seen with no side goes with the first side). Sides are
        logged in order; when one is refused (the pain of the first may stop the exercise
        for today), the sides before it stay logged and the refusal says why."""
        sides = [side for side, reps in watched.reps.items() if reps > 0]
        if not sides:
            raise InvalidInput("no reps were counted, so there is no set to log")
        logged: list[SetLogged] = []
        results = CameraCount(watched.counted, watched.faults).by_side(sides)
        for side in sides:
            entry = SetEntry(
                exercise=watched.exercise,
                reps=watched.reps[side],
                side=side,
                effort=watched.effort,
                pain=watched.pain,
                note=watched.note,
                source=EntrySource.CAMERA,
                camera=results[side],
            )
            try:
                logged.append(self.training.log_set(entry))
            except Conflict as refusal:
                if not logged:
                    raise
                return CameraLogged(logged, str(refusal))
        return CameraLogged(logged)


@dataclass(frozen=True)
class CameraLogged:
    saved: list[SetLogged]
    refused: str | None = None
    """Why the sides after the saved ones were not logged, if they were not."""


def seen_faults(analysis: Analysis) -> list[SeenFault]:
    """Every fault of the analysis with the rep (counted from 1) and side it was seen in."""
    found = []
    texts = {fault.cue: fault.text for fault in analysis.faults}
    for number, rep in enumerate(analysis.reps, 1):
        for cue in rep.faults:
            side = None if rep.side is None else Side(rep.side)
            found.append(SeenFault(cue=cue, text=texts.get(cue, cue), rep=number, side=side))
    return found


def counted(analysis: Analysis) -> dict[Side | None, int]:
    """The reps the analysis counted, per side for one-sided and alternating work."""
    snapshot = analysis.snapshot
    if snapshot.reps_by_side is None:
        return {None: snapshot.reps}
    return {Side(side): count for side, count in snapshot.reps_by_side.items()}


def watched(analysis: Analysis, sides: Sequence[Side | None] | None = None) -> CameraCount:
    """What the analysis counted and saw; with ``sides``, mapped onto the sides of the set it
    will be logged with (a step of the session player)."""
    seen = CameraCount(counted(analysis), seen_faults(analysis))
    return seen if sides is None else seen.onto(sides)


def watched_document(
    analysis: Analysis, sides: Sequence[Side | None] | None = None
) -> dict[str, Any]:
    """What the page shows the person to confirm and sends back to log the set: the reps
    counted per side (``both`` for two-sided work) and every fault with its rep and side."""
    seen = watched(analysis, sides)
    return {
        "counted": {_side_name(side): n for side, n in seen.counted.items()},
        "faults": [
            {"cue": f.cue, "rep": f.rep, "side": f.side and str(f.side), "text": f.text}
            for f in seen.faults
        ],
    }  # fmt: skip


def _side_name(side: Side | None) -> str:
    return BOTH if side is None else str(side)
