"""Left and right: picking the better-seen side and naming a side's landmarks."""

from __future__ import annotations

from backbridge.vision.analysis import Person
from backbridge.vision.events import Side
from backbridge.vision.landmarks import Point

SIDES: tuple[Side, Side] = ("left", "right")


def side_point(side: Side, part: str) -> Point:
    """``side_point("left", "KNEE")`` is ``Point.LEFT_KNEE``."""
    return Point[f"{side.upper()}_{part}"]


def best_side(person: Person) -> Side:
    """The side facing the camera: the one whose shoulder, hip and knee are more visible."""

    def seen(side: Side) -> float:
        return sum(
            person[side_point(side, part)].visibility for part in ("SHOULDER", "HIP", "KNEE")
        )

    return "left" if seen("left") >= seen("right") else "right"
