"""What was done: the plain records of training sessions, logged sets and pain check-ins.

The store maps these to rows; the coach and the progression engine read them. They carry
no behaviour beyond convenience views, so they serialise losslessly to JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from backbridge.catalog.models import BlockKind
from backbridge.errors import InvalidInput
from backbridge.program.effort import Effort
from backbridge.program.plan import SessionPlan
from backbridge.values import Count, HoldSeconds, Moment, Name, Note, PainScore, RepCount


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class SetStatus(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"


class EntrySource(StrEnum):
    """How a set reached the log."""

    GUIDED = "guided"
    MANUAL = "manual"
    CAMERA = "camera"
    IMPORT = "import"


class CheckInKind(StrEnum):
    BEFORE = "before"
    NEXT_MORNING = "next-morning"


class SessionStatus(StrEnum):
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"
    """Left unfinished and closed when a newer session started; everything logged is kept."""


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class CameraFault(Entry):
    """A form fault the camera coach saw in a set: the catalogue cue that corrects it, the rep
    it was seen in (counted from 1; unknown for faults carried over from old notes) and what
    was said."""

    cue: Name
    rep: Count | None = Field(default=None, ge=1)
    text: Note


class CameraResult(Entry):
    """What the camera coach counted for one set (one side of a one-sided set) and saw."""

    reps_counted: Count
    faults: tuple[CameraFault, ...] = ()


@dataclass(frozen=True)
class SeenFault:
    """A fault as the camera's analysis reports it: the cue, what was said, the rep it was
    seen in and its side."""

    cue: str
    text: str
    rep: int | None = None
    side: Side | None = None


@dataclass(frozen=True)
class CameraCount:
    """What the camera coach counted in one watched set, before the person confirms it: the
    reps per side (``None`` for two-sided work) and every fault seen."""

    counted: Mapping[Side | None, int]
    faults: Sequence[SeenFault] = ()

    def onto(self, sides: Sequence[Side | None]) -> CameraCount:
        """The count for the sides the set is logged with. Where the camera's sides are among
        them, as counted; a set logged with one side (or as two-sided work) takes every rep and
        fault the camera saw, since from a side view the camera may take one leg for the other.
        A set logged per side that the camera counted as two-sided cannot be split."""
        if set(self.counted) <= set(sides):
            return CameraCount({side: self.counted.get(side, 0) for side in sides}, self.faults)
        if len(sides) != 1:
            raise InvalidInput(
                "the camera counted this set without telling the sides apart; give the reps "
                "per side yourself"
            )
        (only,) = sides
        return CameraCount(
            {only: sum(self.counted.values())},
            tuple(replace(fault, side=only) for fault in self.faults),
        )

    def by_side(self, sides: Sequence[Side | None]) -> dict[Side | None, CameraResult]:
        """The result stored with each side's row: that side's count and the faults seen on it
        (a fault seen with no side goes with the first side)."""
        mapped = self.onto(sides)
        return {
            side: CameraResult(
                reps_counted=mapped.counted[side],
                faults=tuple(
                    CameraFault(cue=f.cue, rep=f.rep, text=f.text)
                    for f in mapped.faults
                    if side is None or f.side == side or (f.side is None and side == sides[0])
                ),
            )
            for side in sides
        }


class LoggedSet(Entry):
    """One set (or one side of a set) as it was done."""

    id: UUID
    session_id: UUID
    exercise: Name
    block: BlockKind
    set_number: Count = Field(ge=1)
    side: Side | None = None
    reps: RepCount | None = None
    seconds: HoldSeconds | None = None
    band: Name | None = None
    rpe: float | None = Field(default=None, ge=1, le=10, allow_inf_nan=False)
    reps_in_reserve: Count | None = Field(default=None, le=10)
    pain: PainScore | None = None
    note: Note | None = None
    status: SetStatus = SetStatus.DONE
    source: EntrySource = EntrySource.GUIDED
    performed_at: Moment
    camera: CameraResult | None = None
    """What the camera coach counted and saw, for a set it watched."""

    @property
    def effort(self) -> Effort | None:
        if self.rpe is None and self.reps_in_reserve is None:
            return None
        return Effort(rpe=self.rpe, reps_in_reserve=self.reps_in_reserve)

    @property
    def step_key(self) -> str:
        """Identifies the planned step this row fulfils; the guided session resumes by it."""
        return step_key(self.block, self.exercise, self.set_number, self.side)


def step_key(block: BlockKind, exercise: str, set_number: int, side: Side | None) -> str:
    return f"{block}:{exercise}:{set_number}:{side or 'both'}"


class CheckIn(Entry):
    """A 0-10 rating of lower-back pain, before a session or the next morning."""

    id: UUID
    session_id: UUID | None = None
    kind: CheckInKind
    pain: PainScore
    note: Note | None = None
    recorded_at: Moment


class TrainingSession(Entry):
    """One training session with everything logged in it."""

    id: UUID
    user_id: UUID
    program: Name
    status: SessionStatus
    started_at: Moment
    ended_at: Moment | None = None
    plan: SessionPlan | None = None
    """The prescription a guided session was started with, so a resume follows the same plan;
    ``None`` for a session of quick-logged sets."""
    sets: tuple[LoggedSet, ...] = ()
    checkins: tuple[CheckIn, ...] = ()

    def checkin(self, kind: CheckInKind) -> CheckIn | None:
        """The latest check-in of this kind linked to the session."""
        found = [c for c in self.checkins if c.kind == kind]
        return max(found, key=lambda c: c.recorded_at) if found else None

    @property
    def last_activity(self) -> datetime:
        times = [self.started_at, *(s.performed_at for s in self.sets)]
        return max(times)
