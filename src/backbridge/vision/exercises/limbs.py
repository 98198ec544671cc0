"""Where each leg's joint is, and which leg worked: shared by the one-leg lifts (standing hip
abduction and extension, the side-lying leg lift, the fire hydrant)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from backbridge.vision import geometry as g
from backbridge.vision.analysis import Measures, Person
from backbridge.vision.events import Side
from backbridge.vision.landmarks import Point

Joint = Literal["ankle", "knee"]
JOINTS: dict[Joint, tuple[Point, Point]] = {
    "ankle": (Point.LEFT_ANKLE, Point.RIGHT_ANKLE),
    "knee": (Point.LEFT_KNEE, Point.RIGHT_KNEE),
}


def joint_positions(person: Person, aspect: float, scale: float, joint: Joint) -> Measures:
    """Both legs' ``joint`` in body-size units: ``left_ankle_x``, ``left_ankle_y`` and so on."""
    measures: Measures = {}
    for side, point in zip(("left", "right"), JOINTS[joint], strict=True):
        x, y = g.xy(person, point, aspect)
        measures[f"{side}_{joint}_x"] = x / scale
        measures[f"{side}_{joint}_y"] = y / scale
    return measures


def travelled(samples: Sequence[tuple[float, Measures]], joint: Joint) -> Side:
    """The leg whose ``joint`` travelled further from where it was at the rep's start."""
    first = samples[0][1]

    def travel(side: str) -> float:
        return max(
            abs(m[f"{side}_{joint}_x"] - first[f"{side}_{joint}_x"])
            + abs(m[f"{side}_{joint}_y"] - first[f"{side}_{joint}_y"])
            for _, m in samples
        )

    return "left" if travel("left") >= travel("right") else "right"
