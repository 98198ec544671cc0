"""Hip abduction with one straight leg: the standing side leg raise, seen from the front.

Counting signal: the distance between the ankles in torso lengths, which grows as the working
leg lifts out to the side and shrinks as it comes back.

Per rep, in a front view only (a side view looks along the movement's plane and cannot judge
it), two compensations are told apart so that each is said once, under its own cue:

- ``hip_hitch``: the left–right hip line turning from where it started, the lifting side up,
  beyond what the leg's height needs (or dropping on the lifting side). The hip lifts a
  straight leg to about 50 degrees by itself; a leg lifted higher gets there only by tilting
  the pelvis by the rest, and that tilt is the lift's: the dev clip's demonstration lifts to
  95-110 degrees with the hip line turned 40-54 degrees, which read as a hitch on every rep.
  A pelvis (and the body above it) tipped up while the hip has range left is a hitch, and so
  is one tipped further than the leg's height needs. Judged where the leg is highest.
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
from backbridge.vision.exercises.sides import SIDES, side_point
from backbridge.vision.landmarks import Point
from backbridge.vision.robust import HIGH, far_end, quantile, start

HIP_ABDUCTION_RANGE = 50.0
"""Degrees out from hanging straight down that the hip alone lifts a straight leg to the side,
the pelvis level (the usual active range is given as about 40-50 degrees; the upper end, so
that a supple hip is not taken for a hitch). Higher than this the pelvis must tilt."""
TOP_SHARE = 0.15
"""The frames a hitch is judged on: those within this share of the rep's excursion from its
highest ``leg_reach``. The tilt a leg's height needs is known only where the leg is; on the
way up and down the pelvis tips ahead of the leg and after it (on the dev clip it is 15-20
degrees turned with the leg still 20 degrees out)."""
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


def leg_out(person: Person, aspect: float, side: Side) -> float:
    """Degrees the leg (hip to ankle) is out from hanging straight down, on screen."""
    hip = g.xy(person, side_point(side, "HIP"), aspect)
    ankle = g.xy(person, side_point(side, "ANKLE"), aspect)
    return math.degrees(math.atan2(abs(ankle[0] - hip[0]), ankle[1] - hip[1]))


def hitched(up: float, leg: float) -> float:
    """Degrees the hip line turned beyond what the leg's height needs. ``up`` is its turn from
    the start, the lifting side up; ``leg`` how far the lifting leg is out (:func:`leg_out`).
    Up to :data:`HIP_ABDUCTION_RANGE` the hip lifts the leg by itself and any turn is a hitch;
    above it the pelvis must tilt by the rest, and that much is the lift's. A lifting side that
    dropped needs nothing."""
    return max(up - max(0.0, leg - HIP_ABDUCTION_RANGE), -up)


class StandingAbductionModel:
    signal = "leg_reach"
    rising = True
    placement = "put it in front of you, level with your hips, far enough to see your feet"

    def measure(self, person: Person, aspect: float) -> Measures | None:
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
            for side in SIDES:
                measures[f"{side}_leg_out"] = leg_out(person, aspect, side)
        return measures

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        top = far_end(samples, "leg_reach")
        summary = {"leg_reach": quantile([m["leg_reach"] for m in top], HIGH)}
        framed = [m for m in top if "hip_line" in m]
        if len(framed) * 2 < len(top) or "hip_line" not in samples[0][1]:
            return summary  # not a front view for most of the lift: nothing to judge
        pelvis, bend = start(samples, "hip_line"), start(samples, "trunk_bend")
        # away from the lifting leg is positive: the lifted ankle's side of the image
        lifted = travelled(samples, "ankle")
        other = "right" if lifted == "left" else "left"
        out = quantile([m[f"{lifted}_ankle_x"] - m[f"{other}_ankle_x"] for m in framed], 0.5)
        away = -1.0 if out > 0 else 1.0
        summary["side_bend"] = quantile([away * (m["trunk_bend"] - bend) for m in framed], HIGH)
        peak = [m for m in far_end(samples, "leg_reach", TOP_SHARE) if "hip_line" in m]
        if peak:  # the lifting side up is the side away from the lean
            leg = f"{lifted}_leg_out"
            hitches = [hitched(-away * (m["hip_line"] - pelvis), m[leg]) for m in peak]
            summary["hip_hitch"] = quantile(hitches, HIGH)
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

    def measure(self, person: Person, aspect: float) -> Measures | None:
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
