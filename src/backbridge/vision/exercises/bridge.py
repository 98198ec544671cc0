"""Hip bridges (bridge, banded bridge with abduction, single-leg bridge), best seen from the side.

Counting signal: hip lift, how far the hips are above the mid-height of the shoulders and the
knees, in body lengths (about -0.3 lying down, 0.1 at the top). It reads the same from the side
and from an oblique camera, where the hip angle of the nearer side foreshortens and can even
run backwards; it is counted in its own range (``adaptive_range``), never on fixed angles.

Per rep, each a robust statistic over the rep's frames rather than its worst frame: the top
hip angle (short of the line = hips sagging) and how far the hip rose above the shoulder–knee
line (the lower back driving the movement), both only from the side, where the angle is true;
and, when the camera sees the knees from the front, how far apart the knees stayed relative to
the hips (the band's inward pull winning).
"""

from __future__ import annotations

from collections.abc import Sequence

from backbridge.vision import geometry as g
from backbridge.vision.analysis import Measures, Person
from backbridge.vision.events import Side
from backbridge.vision.exercises.sides import SIDES, best_side, side_point
from backbridge.vision.landmarks import Point
from backbridge.vision.robust import LOW, far_end, quantile

FRONTAL_HIP_WIDTH = 0.25
"""Hip width (in torso lengths) above which the view shows the knees' spacing."""
SIDE_HIP_WIDTH = 0.2
"""Hip width (in torso lengths) below which the camera sees the hip angle from the side."""
END_ON = 0.8
"""A torso shorter than this share of the body's longest segment means an end-on view."""
JOINTS = ("SHOULDER", "HIP", "KNEE")
TOP_SHARE = 0.3
"""A rep's top: its frames in the upper part of its lift, where the line is judged."""


class BridgeModel:
    signal = "hip_lift"
    rising = True
    placement = "put it at your side, level with your hips, so it sees you from shoulders to feet"

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        side = best_side(person)
        torso = g.torso_length(person, aspect)
        if torso < END_ON * g.body_scale(person, aspect):
            return None  # seen from the head or the feet: the hip angle cannot be read
        key_points = (side_point(side, part) for part in ("SHOULDER", "HIP", "KNEE"))
        if torso <= 0 or not g.visible(person, *key_points, at_least=0.3):
            return None
        shoulders, hips = _mid(person, "SHOULDER", aspect), _mid(person, "HIP", aspect)
        knees = _mid(person, "KNEE", aspect)
        scale = g.body_scale(person, aspect)
        measures: Measures = {"hip_lift": ((shoulders[1] + knees[1]) / 2 - hips[1]) / scale}
        left_hip = g.xy(person, Point.LEFT_HIP, aspect)
        right_hip = g.xy(person, Point.RIGHT_HIP, aspect)
        hip_width = g.distance(left_hip, right_hip)
        if hip_width / torso < SIDE_HIP_WIDTH:
            # The working leg's hip extends furthest (in a single-leg bridge the lifted leg's
            # hip stays flexed), so the larger angle of the two sides is the one judged.
            angles = {name: g.angle(*_joints(person, name, aspect)) for name in SIDES}
            working = max(SIDES, key=lambda name: angles[name])
            shoulder, hip, knee = _joints(person, working, aspect)
            above = _height_above_line(hip, shoulder, knee) / torso
            # past the straight line (hips pushed above it) the extension goes on beyond 180
            angle = angles[working]
            measures["hip_extension"] = angle if above <= 0 else 360.0 - angle
            measures["hip_above_line"] = above
        if hip_width / torso >= FRONTAL_HIP_WIDTH:
            knee_width = g.distance(
                g.xy(person, Point.LEFT_KNEE, aspect), g.xy(person, Point.RIGHT_KNEE, aspect)
            )
            measures["knee_width_ratio"] = knee_width / hip_width
        for name in SIDES:
            ankle = person[side_point(name, "ANKLE")]
            measures[f"{name}_ankle_height"] = -ankle.y / torso
        return measures

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        values = [m for _, m in samples]
        top = far_end(samples, "hip_lift", TOP_SHARE)
        summary: Measures = {}
        angles = [m["hip_extension"] for m in top if "hip_extension" in m]
        if len(angles) * 2 >= len(top):  # seen from the side for most of the top
            summary["top_hip_angle"] = quantile(angles, LOW)
            summary["hip_above_line"] = quantile(
                [m["hip_above_line"] for m in top if "hip_above_line" in m], 0.5
            )
        widths = [m["knee_width_ratio"] for m in values if "knee_width_ratio" in m]
        if len(widths) * 2 >= len(values):
            summary["knee_width_ratio"] = quantile(widths, LOW)
        return summary

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        """The working leg of a single-leg bridge is the one on the floor: the lifted leg's
        ankle is the higher one."""
        lifted = {name: max(m[f"{name}_ankle_height"] for _, m in samples) for name in SIDES}
        return min(lifted, key=lambda name: lifted[name])


def _joints(person: Person, side: Side, aspect: float) -> tuple[g.Vec, g.Vec, g.Vec]:
    """That side's shoulder, hip and knee."""
    shoulder, hip, knee = (g.xy(person, side_point(side, part), aspect) for part in JOINTS)
    return shoulder, hip, knee


def _mid(person: Person, part: str, aspect: float) -> g.Vec:
    return g.midpoint(
        g.xy(person, side_point("left", part), aspect),
        g.xy(person, side_point("right", part), aspect),
    )


def _height_above_line(point: g.Vec, a: g.Vec, b: g.Vec) -> float:
    """How far ``point`` is above the line through ``a`` and ``b`` (image up is positive),
    whichever way the person lies."""
    if abs(b[0] - a[0]) < 1e-9:
        return 0.0
    on_line = a[1] + (b[1] - a[1]) * (point[0] - a[0]) / (b[0] - a[0])
    return on_line - point[1]
