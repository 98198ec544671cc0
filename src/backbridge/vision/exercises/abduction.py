"""Hip abduction with one straight leg: the standing side leg raise, seen from the front.

Counting signal: the distance between the ankles in torso lengths, which grows as the working
leg lifts out to the side and shrinks as it comes back.

Per rep, in a front view only (a side view looks along the movement's plane and cannot judge
it), two compensations are told apart so that each is said once, under its own cue:

- ``hip_tilt``: the left–right hip line turning from where it started (the pelvis hitching up
  or dropping on the lifting side). A body that tips over its standing foot as one piece tilts
  its pelvis too, so that is said here.
- ``side_bend``: the trunk bending away from the lifting leg *relative to the pelvis* (the
  shoulders going sideways over a pelvis that stays put). Lifting a leg high needs the pelvis
  to tilt, and the trunk then follows the pelvis; measured against vertical, that reads as a
  lean on every high lift. Against the pelvis it does not, and a real lean still does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from backbridge.vision import geometry as g
from backbridge.vision.analysis import Measures, Person
from backbridge.vision.events import Side
from backbridge.vision.exercises.limbs import legs_apart, travelled
from backbridge.vision.landmarks import Point
from backbridge.vision.robust import HIGH, far_end, quantile, start

FRONTAL_HIP_WIDTH = 0.25
"""Hip width (in torso lengths) from which the hips are seen from the front: the frontal plane,
where a hitch or a sideways lean shows, faces the camera."""


def hip_line(person: Person, aspect: float) -> float:
    """Degrees the hip line is off horizontal, signed: positive when its image-right end is
    higher. Either hip may be on the right (front or back view)."""
    left, right = g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect)
    a, b = (left, right) if left[0] <= right[0] else (right, left)
    return math.degrees(math.atan2(a[1] - b[1], b[0] - a[0]))


def trunk_bend(person: Person, aspect: float, pelvis: float) -> float:
    """Degrees the trunk (mid-hip to mid-shoulder) is off the perpendicular to the hip line,
    signed: positive when the shoulders are to the image-right of it. A body tipping as one
    piece keeps this at 0."""
    hips = g.midpoint(g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect))
    shoulders = g.midpoint(
        g.xy(person, Point.LEFT_SHOULDER, aspect), g.xy(person, Point.RIGHT_SHOULDER, aspect)
    )
    trunk = math.degrees(math.atan2(shoulders[0] - hips[0], hips[1] - shoulders[1]))
    return trunk + pelvis


class StandingAbductionModel:
    signal = "leg_reach"
    rising = True
    placement = "put it in front of you, level with your hips, far enough to see your feet"

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        apart = legs_apart(person, aspect, "ankle", "leg_reach")
        if apart is None:
            return None
        _, measures = apart
        length = g.torso_length(person, aspect)
        width = g.distance(
            g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect)
        )
        if length > 0 and width / length >= FRONTAL_HIP_WIDTH:
            pelvis = hip_line(person, aspect)
            measures["hip_line"] = pelvis
            measures["trunk_bend"] = trunk_bend(person, aspect, pelvis)
        return measures

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        top = far_end(samples, "leg_reach")
        summary = {"leg_reach": quantile([m["leg_reach"] for m in top], HIGH)}
        framed = [m for m in top if "hip_line" in m]
        if len(framed) * 2 < len(top) or "hip_line" not in samples[0][1]:
            return summary  # not a front view for most of the lift: nothing to judge
        pelvis, bend = start(samples, "hip_line"), start(samples, "trunk_bend")
        summary["hip_tilt"] = quantile([abs(m["hip_line"] - pelvis) for m in framed], HIGH)
        # away from the lifting leg is positive: the lifted ankle's side of the image
        lifted = travelled(samples, "ankle")
        other = "right" if lifted == "left" else "left"
        out = quantile([m[f"{lifted}_ankle_x"] - m[f"{other}_ankle_x"] for m in framed], 0.5)
        away = -1.0 if out > 0 else 1.0
        summary["side_bend"] = quantile([away * (m["trunk_bend"] - bend) for m in framed], HIGH)
        return summary

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        return travelled(samples, "ankle")


class SideLyingAbductionModel:
    """Lying on the side, the top leg lifts straight up and comes back, seen from the front of
    the person (or at an angle from the feet). Counted on the ankles' distance, in the adaptive
    range of the last seconds; per rep the pelvis rolling back (the hips' stack shrinking as
    seen from the front, in per cent, as in the clamshell), which lowers the side of the hip's
    work (EVIDENCE 7.3, S28). The working leg is the one whose ankle travels."""

    signal = "leg_reach"
    rising = True
    placement = "put it in front of you, level with your hips, so it sees both legs and feet"

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        apart = legs_apart(person, aspect, "ankle", "leg_reach")
        if apart is None:
            return None
        torso, measures = apart
        hips = g.distance(
            g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect)
        )
        return {**measures, "hip_stack": hips / torso}

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        top = far_end(samples, "leg_reach")
        stack = max(start(samples, "hip_stack"), 1e-6)
        return {
            "leg_reach": quantile([m["leg_reach"] for m in top], HIGH),
            "pelvis_roll": quantile([(stack - m["hip_stack"]) / stack * 100 for m in top], HIGH),
        }

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        return travelled(samples, "ankle")
