"""What the analysis says about a stream of frames: phase changes, reps and faults."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Side = Literal["left", "right"]


@dataclass(frozen=True)
class PhaseChange:
    t: float
    phase: str
    """``rest`` (start position) or ``work`` (moving away from it), or an exercise's own name."""


@dataclass(frozen=True)
class Fault:
    """A form fault, with the catalogue cue that corrects it."""

    cue: str
    text: str
    t: float
    value: float
    threshold: float
    confidence: float = 1.0
    """How far the measure can be believed, 0-1 (the rep's confidence)."""


@dataclass(frozen=True)
class Rep:
    t_start: float
    t_end: float
    side: Side | None
    angles: dict[str, float]
    """The key measures at the rep's extreme, e.g. ``{"hip_extension": 176.0}``."""
    faults: tuple[str, ...] = ()
    confidence: float = 1.0
    """How far the count can be believed, 0-1: landmark visibility, the share of the rep's
    frames measured, and how clearly the signal moved."""


@dataclass(frozen=True)
class Notice:
    """Something about the input rather than the movement: nobody in frame, two people."""

    t: float
    text: str


Event = PhaseChange | Rep | Fault | Notice


@dataclass
class Snapshot:
    """The analysis so far, for an overlay or a live display."""

    reps: int = 0
    reps_by_side: dict[str, int] | None = None
    phase: str = "rest"
    last_fault: Fault | None = None
    person_found: bool = False
    faults: list[Fault] = field(default_factory=list)
