"""Clamshells (plain, banded, from a side plank), seen from the front of the person lying on
their side.

Counting signal: the gap between the knees in torso lengths (about 0.4 closed, 0.9 open). Per
rep: how far the feet came apart (they should stay together), how much the pelvis rolled back
(seen from the front as the hips' stack shrinking, in per cent; ``pelvis_turn`` is the line
from the lower to the upper hip turning, in degrees, seen from above or at an angle), how fast
the knee opened (a jerk instead of a gentle opening) and, for the side plank, how far the hips
dropped below the shoulder–knee line.
"""

from __future__ import annotations

from collections.abc import Sequence

from backbridge.vision import geometry as g
from backbridge.vision.analysis import Measures, Person
from backbridge.vision.events import Side
from backbridge.vision.exercises.bridge import _height_above_line
from backbridge.vision.landmarks import Point
from backbridge.vision.robust import HIGH, far_end, quantile, start, travel_time


class ClamshellModel:
    signal = "knee_gap"
    rising = True
    placement = "put it in front of you, level with your hips, so it sees both knees and feet"

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        torso = g.body_scale(person, aspect)
        if torso <= 0 or not g.visible(person, Point.LEFT_KNEE, Point.RIGHT_KNEE, at_least=0.3):
            return None
        left_hip, right_hip = (
            g.xy(person, Point.LEFT_HIP, aspect),
            g.xy(person, Point.RIGHT_HIP, aspect),
        )
        lower, upper = (
            (left_hip, right_hip) if left_hip[1] >= right_hip[1] else (right_hip, left_hip)
        )
        shoulders = g.midpoint(
            g.xy(person, Point.LEFT_SHOULDER, aspect), g.xy(person, Point.RIGHT_SHOULDER, aspect)
        )
        knees = g.midpoint(
            g.xy(person, Point.LEFT_KNEE, aspect), g.xy(person, Point.RIGHT_KNEE, aspect)
        )
        hips = g.midpoint(left_hip, right_hip)
        return {
            "knee_gap": g.distance(
                g.xy(person, Point.LEFT_KNEE, aspect), g.xy(person, Point.RIGHT_KNEE, aspect)
            )
            / torso,
            "feet_gap": g.distance(
                g.xy(person, Point.LEFT_ANKLE, aspect), g.xy(person, Point.RIGHT_ANKLE, aspect)
            )
            / torso,
            "pelvis_angle": g.inclination(lower, upper),
            "hip_stack": g.distance(lower, upper) / torso,
            "hip_drop": -_height_above_line(hips, shoulders, knees) / torso,
            "left_on_top": 1.0 if left_hip[1] < right_hip[1] else 0.0,
        }

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        top = far_end(samples, "knee_gap")
        stack = max(start(samples, "hip_stack"), 1e-6)
        pelvis = start(samples, "pelvis_angle")
        gaps = [m["knee_gap"] for _, m in samples]
        opening = max(gaps) - min(gaps)
        seconds = travel_time(samples, "knee_gap")

        def median(values: list[float]) -> float:
            return quantile(values, HIGH)

        return {
            "knee_gap": median([m["knee_gap"] for m in top]),
            "feet_gap": median([m["feet_gap"] for m in top]),
            "pelvis_turn": median([abs(m["pelvis_angle"] - pelvis) for m in top]),
            "pelvis_roll": median([(stack - m["hip_stack"]) / stack * 100 for m in top]),
            # the mean speed over the middle 80 % of the opening, not one frame's jump
            "opening_speed": 0.8 * opening / seconds if seconds > 0 else 0.0,
            "hip_drop": median([m["hip_drop"] for m in top]),
        }

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        """The working leg is the top one."""
        on_top = sum(m["left_on_top"] for _, m in samples) / max(len(samples), 1)
        return "left" if on_top >= 0.5 else "right"
