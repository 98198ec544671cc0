"""Plane geometry on landmarks, in true image proportions (x scaled by the aspect ratio).

Angles are in degrees. Distances are made independent of image size and of how far the person
stands from the camera by dividing by a body length (see :func:`torso_length`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from backbridge.vision.landmarks import Landmark, Point

Vec = tuple[float, float]


def xy(person: Sequence[Landmark], point: Point, aspect: float) -> Vec:
    landmark = person[point]
    return (landmark.x * aspect, landmark.y)


def visible(person: Sequence[Landmark], *points: Point, at_least: float = 0.5) -> bool:
    return all(person[p].visibility >= at_least for p in points)


def midpoint(a: Vec, b: Vec) -> Vec:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def distance(a: Vec, b: Vec) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def angle(a: Vec, b: Vec, c: Vec) -> float:
    """The angle at ``b`` between ``b→a`` and ``b→c``, 0-180 degrees."""
    v1 = (a[0] - b[0], a[1] - b[1])
    v2 = (c[0] - b[0], c[1] - b[1])
    norms = math.hypot(*v1) * math.hypot(*v2)
    if norms == 0:
        return 180.0
    cosine = (v1[0] * v2[0] + v1[1] * v2[1]) / norms
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


def signed_offset(p: Vec, a: Vec, b: Vec) -> float:
    """Perpendicular distance of ``p`` from the line ``a→b``; positive on the left of the
    direction of travel in image coordinates (y down)."""
    length = distance(a, b)
    if length == 0:
        return 0.0
    return ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) / length


def inclination(a: Vec, b: Vec) -> float:
    """Angle of the segment ``a→b`` from vertical, 0-180 degrees (0 = b straight above a)."""
    dx, dy = b[0] - a[0], a[1] - b[1]
    return math.degrees(math.atan2(abs(dx), dy)) if (dx or dy) else 0.0


def torso_length(person: Sequence[Landmark], aspect: float) -> float:
    """Mid-shoulder to mid-hip: the body's own ruler."""
    shoulders = midpoint(
        xy(person, Point.LEFT_SHOULDER, aspect), xy(person, Point.RIGHT_SHOULDER, aspect)
    )
    hips = midpoint(xy(person, Point.LEFT_HIP, aspect), xy(person, Point.RIGHT_HIP, aspect))
    return distance(shoulders, hips)


def signed_lean(hips: Vec, shoulders: Vec, facing: float) -> float:
    """Degrees the trunk leans back from vertical (negative when it leans forward), for a
    person seen from the side facing +x (``facing`` 1) or -x (``facing`` -1)."""
    dx = (shoulders[0] - hips[0]) * facing
    dy = hips[1] - shoulders[1]
    return -math.degrees(math.atan2(dx, dy)) if (dx or dy) else 0.0


def facing(person: Sequence[Landmark], aspect: float) -> float:
    """1 when a person seen from the side faces image-right, -1 when image-left: the nose is
    always in front of the ears, whatever the trunk does."""
    ears = midpoint(xy(person, Point.LEFT_EAR, aspect), xy(person, Point.RIGHT_EAR, aspect))
    return 1.0 if xy(person, Point.NOSE, aspect)[0] >= ears[0] else -1.0


def body_scale(person: Sequence[Landmark], aspect: float) -> float:
    """A ruler that survives the camera angle and the movement: the longest of the torso and
    the widths of the shoulders and the hips as seen (from any angle one of them faces the
    camera, and none of them changes as the limbs move)."""
    return max(
        torso_length(person, aspect),
        distance(xy(person, Point.LEFT_SHOULDER, aspect), xy(person, Point.RIGHT_SHOULDER, aspect)),
        distance(xy(person, Point.LEFT_HIP, aspect), xy(person, Point.RIGHT_HIP, aspect)),
    )
