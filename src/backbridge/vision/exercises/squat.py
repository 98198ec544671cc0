"""Squats, plain and with an alternating hip extension, seen from the front, the side or between.

Squat counting signal: depth, from the knee angle (hip–knee–ankle, about 175° standing) or the
drop of the hips, whichever shows more; per rep the depth reached (too deep), the largest trunk
lean from vertical (a back that does not stay straight) and, in a front view, the knees'
spacing against the ankles' at the bottom (knees falling in).

Squat with hip extension: a rep is one leg reaching back, counted on how far that foot rises
above the other; per rep the trunk leaning back (the lower back arching
as the leg goes back) and the pelvis tilting (hips not level).
"""

from __future__ import annotations

from collections.abc import Sequence

from backbridge.vision import geometry as g
from backbridge.vision.analysis import Measures, Person
from backbridge.vision.counting import RobustRange
from backbridge.vision.events import Side
from backbridge.vision.exercises.sides import SIDES, side_point
from backbridge.vision.landmarks import Point
from backbridge.vision.robust import HIGH, LOW, far_end, held_change, quantile

FRONTAL_HIP_WIDTH = 0.25
SIDE_VIEW_HIP_WIDTH = 0.2
STANDING_KNEE = 175.0
FULL_DEPTH_KNEE = 80.0
FULL_DEPTH_DROP = 0.5
"""The hips drop by about half their standing height when the thighs are level."""
STANDING_MEMORY_S = 10.0
"""Seconds over which standing is taken: a few slow reps with the standing between them, at
any frame rate (it was 300 frames: 30 s from a 10 fps camera, 5 s from a 60 fps one)."""
STANDING_SHARE = 0.9
"""Standing is what the knee angle and the hips' height held on all but the highest tenth of
the recent frames, not their single highest frame: on a small body each landmark jitters by a
pixel or two, a knee angle can only jitter below straight, and the highest of many jittered
heights stands above the true one, so a standing person read as a tenth to a fifth of the way
down, and reps ran together."""
STANDING_KNEE_SPREAD = 20.0
"""The standing knee angle taken from the recent frames stays within this of a straight
leg's :data:`STANDING_KNEE`."""


def trunk(person: Person, aspect: float) -> tuple[g.Vec, g.Vec]:
    """Mid-hip and mid-shoulder."""
    hips = g.midpoint(g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect))
    shoulders = g.midpoint(
        g.xy(person, Point.LEFT_SHOULDER, aspect), g.xy(person, Point.RIGHT_SHOULDER, aspect)
    )
    return hips, shoulders


def knee_angles(person: Person, aspect: float) -> dict[Side, float]:
    angles: dict[Side, float] = {}
    for side in SIDES:
        parts = [side_point(side, part) for part in ("HIP", "KNEE", "ANKLE")]
        if g.visible(person, *parts, at_least=0.4):
            hip, knee, ankle = (g.xy(person, part, aspect) for part in parts)
            angles[side] = g.angle(hip, knee, ankle)
    return angles


def frontal(person: Person, aspect: float, torso: float) -> bool:
    """True when the camera sees the hips from the front: their width is measurable."""
    width = g.distance(g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect))
    return width / torso >= FRONTAL_HIP_WIDTH


def hip_tilt(person: Person, aspect: float) -> float:
    """Degrees the left–right hip line is off horizontal."""
    left, right = g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect)
    return (
        abs(90.0 - g.inclination(left, right))
        if left[0] <= right[0]
        else abs(90.0 - g.inclination(right, left))
    )


FEET_DOWN_TOLERANCE = 0.08
"""Torso lengths by which the feet's and the knees' height differences may differ while both
feet are down (landmark jitter); a foot reaching back opens the gap to about a quarter."""
FEET_DOWN_MEMORY_S = 10.0
"""Seconds over which the feet's resting height difference is taken."""


class SquatModel:
    """Counts on ``depth``: 0 standing, about 1 with thighs level. It is the larger of two
    estimates so that every view works: the knee angle (clear from the side) and how far the
    hips have dropped below their standing height over the last seconds (clear from the front,
    where the knees point at the camera and their angle hardly changes)."""

    signal = "depth"
    rising = True
    placement = "put it in front of you or at your side, far enough to see you from head to feet"

    def __init__(self) -> None:
        self._heights = RobustRange(STANDING_MEMORY_S)
        self._knees = RobustRange(STANDING_MEMORY_S)

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        angles = knee_angles(person, aspect)
        torso = g.torso_length(person, aspect)
        if not angles or torso <= 0:
            return None
        hips, shoulders = trunk(person, aspect)
        knee_angle = sum(angles.values()) / len(angles)
        ankles = g.midpoint(
            g.xy(person, Point.LEFT_ANKLE, aspect), g.xy(person, Point.RIGHT_ANKLE, aspect)
        )
        height = ankles[1] - hips[1]
        self._heights.add(t, height)
        self._knees.add(t, knee_angle)
        standing = self._heights.quantile(STANDING_SHARE)
        drop = (1 - height / standing) / FULL_DEPTH_DROP if standing > 0 else 0.0
        straight = self._knees.quantile(STANDING_SHARE)
        straight = min(STANDING_KNEE, max(STANDING_KNEE - STANDING_KNEE_SPREAD, straight))
        measures: Measures = {
            "depth": max((straight - knee_angle) / (straight - FULL_DEPTH_KNEE), drop),
            "knee_angle": knee_angle,
            "trunk_lean": g.inclination(hips, shoulders),
        }
        hip_width = g.distance(
            g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect)
        )
        ankle_gap = g.distance(
            g.xy(person, Point.LEFT_ANKLE, aspect), g.xy(person, Point.RIGHT_ANKLE, aspect)
        )
        if hip_width / torso >= FRONTAL_HIP_WIDTH and ankle_gap > 0:
            knees = g.distance(
                g.xy(person, Point.LEFT_KNEE, aspect), g.xy(person, Point.RIGHT_KNEE, aspect)
            )
            measures["knee_track"] = knees / ankle_gap
        return measures

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        bottom = far_end(samples, "depth")
        summary = {
            "depth": quantile([m["depth"] for m in bottom], HIGH),
            "depth_angle": quantile([m["knee_angle"] for m in bottom], HIGH),
            "trunk_lean": quantile([m["trunk_lean"] for m in bottom], HIGH),
        }
        tracks = [m["knee_track"] for m in bottom if "knee_track" in m]
        if len(tracks) * 2 >= len(bottom):
            summary["knee_track"] = quantile(tracks, LOW)
        return summary

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        return None


class SquatHipExtensionModel:
    """Counts on ``foot_lift``: how far one foot rises above the other, in torso lengths, from
    where the feet sit on screen when both are down. From a camera above the floor (a phone on
    a shelf) the far foot sits higher on screen than the near one even when both are down; that
    offset is measured, not assumed zero: it is the feet's height difference on the recent
    frames where the knees differ by as much (both legs upright: a leg reaching back raises its
    foot further than its knee), or, before any such frame, the knees' own difference."""

    signal = "foot_lift"
    rising = True
    placement = "put it at your side or in front, far enough to see you from head to feet"

    def __init__(self) -> None:
        self._feet_down = RobustRange(FEET_DOWN_MEMORY_S)

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        torso = g.torso_length(person, aspect)
        if torso <= 0 or not g.visible(person, Point.LEFT_ANKLE, Point.RIGHT_ANKLE, at_least=0.3):
            return None
        ankles = (person[Point.RIGHT_ANKLE].y - person[Point.LEFT_ANKLE].y) / torso
        knees = (person[Point.RIGHT_KNEE].y - person[Point.LEFT_KNEE].y) / torso
        if abs(ankles - knees) <= FEET_DOWN_TOLERANCE:
            self._feet_down.add(t, ankles)
        resting = self._feet_down.quantile(0.5) if self._feet_down.samples else knees
        left = ankles - resting
        hips, shoulders = trunk(person, aspect)
        measures: Measures = {
            "foot_lift": abs(left),
            "left_lift": left,
            "trunk_lean": g.inclination(hips, shoulders),
        }
        if frontal(person, aspect, torso):
            measures["hip_tilt"] = hip_tilt(person, aspect)
        hip_width = g.distance(
            g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect)
        )
        if hip_width / torso < SIDE_VIEW_HIP_WIDTH:
            facing = g.facing(person, aspect)
            measures["back_lean"] = g.signed_lean(hips, shoulders, facing)
        return measures

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        top = far_end(samples, "foot_lift")
        summary = {
            "trunk_lean": quantile([m["trunk_lean"] for m in top], HIGH),
            "foot_lift": quantile([m["foot_lift"] for m in top], HIGH),
        }
        if (tilt := held_change(samples, top, "hip_tilt")) is not None:
            summary["hip_tilt"] = tilt
        leans = [m["back_lean"] for m in top if "back_lean" in m]
        if len(leans) * 2 >= len(top):
            summary["back_lean"] = quantile(leans, HIGH)
        return summary

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        peak = max((m for _, m in samples), key=lambda m: m["foot_lift"])
        return "left" if peak["left_lift"] > 0 else "right"


class LungeModel:
    """Reverse lunges (with a knee drive or not): a rep is the hips dropping into the lunge and
    rising again, counted on the drop below their standing height (in the adaptive range of the
    last seconds); the knees are no guide, since the driving knee stays bent when standing."""

    signal = "hip_drop"
    rising = True
    placement = "put it at your side, far enough to see you from head to feet"

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        torso = g.torso_length(person, aspect)
        if torso <= 0 or not g.visible(person, Point.LEFT_HIP, Point.RIGHT_HIP, at_least=0.3):
            return None
        hips, shoulders = trunk(person, aspect)
        lowest_ankle = max(person[Point.LEFT_ANKLE].y, person[Point.RIGHT_ANKLE].y)
        return {
            "hip_drop": -(lowest_ankle - hips[1]) / torso,
            "trunk_lean": g.inclination(hips, shoulders),
            "left_knee_y": person[Point.LEFT_KNEE].y,
            "right_knee_y": person[Point.RIGHT_KNEE].y,
        }

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        bottom = far_end(samples, "hip_drop")
        return {"trunk_lean": quantile([m["trunk_lean"] for m in bottom], HIGH)}

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        """The leg that steps back: its knee goes lowest at the bottom of the lunge."""
        bottom = max((m for _, m in samples), key=lambda m: m["hip_drop"])
        return "left" if bottom["left_knee_y"] > bottom["right_knee_y"] else "right"
