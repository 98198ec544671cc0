"""Hip bridges (bridge, banded bridge with abduction, single-leg bridge), best seen from the side.

Counting signal: hip extension, the angle at the hip between shoulder and knee (about 125°
lying down, 180° when shoulders, hips and knees form a straight line). Per rep: the top angle
(short of the line = hips sagging), how far the hip rose above the shoulder–knee line (the lower
back driving the movement), and, when the camera sees the knees from the front, how far apart
the knees stayed relative to the hips (the band's inward pull winning).
"""

from __future__ import annotations

from collections.abc import Sequence

from backbridge.vision import geometry as g
from backbridge.vision.analysis import Measures, Person
from backbridge.vision.events import Side
from backbridge.vision.exercises.sides import SIDES, best_side, side_point
from backbridge.vision.landmarks import Point

FRONTAL_HIP_WIDTH = 0.25
END_ON = 0.8
"""A torso shorter than this share of the body's longest segment means an end-on view."""
"""Hip width (in torso lengths) above which the view shows the knees' spacing."""


class BridgeModel:
    signal = "hip_extension"
    rising = True
    placement = "put it at your side, level with your hips, so it sees you from shoulders to feet"

    def measure(self, person: Person, aspect: float) -> Measures | None:
        side = best_side(person)
        shoulder = g.xy(person, side_point(side, "SHOULDER"), aspect)
        hip = g.xy(person, side_point(side, "HIP"), aspect)
        knee = g.xy(person, side_point(side, "KNEE"), aspect)
        torso = g.torso_length(person, aspect)
        if torso < END_ON * g.body_scale(person, aspect):
            return None  # seen from the head or the feet: the hip angle cannot be read
        key_points = (side_point(side, part) for part in ("SHOULDER", "HIP", "KNEE"))
        if torso <= 0 or not g.visible(person, *key_points, at_least=0.3):
            return None
        measures: Measures = {
            "hip_extension": g.angle(shoulder, hip, knee),
            "hip_above_line": _height_above_line(hip, shoulder, knee) / torso,
        }
        left_hip = g.xy(person, Point.LEFT_HIP, aspect)
        right_hip = g.xy(person, Point.RIGHT_HIP, aspect)
        hip_width = g.distance(left_hip, right_hip)
        if hip_width / torso >= FRONTAL_HIP_WIDTH:
            knees = g.distance(
                g.xy(person, Point.LEFT_KNEE, aspect), g.xy(person, Point.RIGHT_KNEE, aspect)
            )
            measures["knee_width_ratio"] = knees / hip_width
        for name in SIDES:
            ankle = person[side_point(name, "ANKLE")]
            measures[f"{name}_ankle_height"] = -ankle.y / torso
        return measures

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        values = [m for _, m in samples]
        top = max(values, key=lambda m: m["hip_extension"])
        summary = {
            "top_hip_angle": top["hip_extension"],
            "hip_above_line": max(m["hip_above_line"] for m in values),
        }
        widths = [m["knee_width_ratio"] for m in values if "knee_width_ratio" in m]
        if widths:
            summary["knee_width_ratio"] = min(widths)
        return summary

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        """The working leg of a single-leg bridge is the one on the floor: the lifted leg's
        ankle is the higher one."""
        lifted = {name: max(m[f"{name}_ankle_height"] for _, m in samples) for name in SIDES}
        return min(lifted, key=lambda name: lifted[name])


def _height_above_line(point: g.Vec, a: g.Vec, b: g.Vec) -> float:
    """How far ``point`` is above the line through ``a`` and ``b`` (image up is positive),
    whichever way the person lies."""
    if abs(b[0] - a[0]) < 1e-9:
        return 0.0
    on_line = a[1] + (b[1] - a[1]) * (point[0] - a[0]) / (b[0] - a[0])
    return on_line - point[1]
