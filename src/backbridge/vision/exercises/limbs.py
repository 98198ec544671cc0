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


def legs_apart(
    person: Person, aspect: float, joint: Joint, signal: str
) -> tuple[float, Measures] | None:
    """The body's size on screen and, in that unit, the distance between the legs' ``joint``
    (as ``signal``) with both joints' positions; ``None`` when either joint is out of sight."""
    scale = g.body_scale(person, aspect)
    if scale <= 0 or not g.visible(person, *JOINTS[joint], at_least=0.2):
        return None
    left, right = (g.xy(person, point, aspect) for point in JOINTS[joint])
    return scale, {
        signal: g.distance(left, right) / scale,
        **joint_positions(person, aspect, scale, joint),
    }


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
