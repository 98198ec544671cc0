"""Hip extension with one leg at a time: the donkey kick on hands and knees and the standing
hip extension, best seen from the side.

Counting signal: the distance between the ankles in torso lengths, which grows as the working
leg moves back (or up, on hands and knees) and shrinks as it returns. Per rep: how much the
trunk line turned from where it started (the lower back arching to lift the leg) and how much
the hip line tilted (the pelvis not staying level).
"""

from __future__ import annotations

from collections.abc import Sequence

from backbridge.vision import geometry as g
from backbridge.vision.analysis import Measures, Person
from backbridge.vision.events import Side
from backbridge.vision.exercises.limbs import legs_apart, travelled
from backbridge.vision.exercises.squat import frontal, hip_tilt, trunk
from backbridge.vision.landmarks import Point
from backbridge.vision.robust import HIGH, far_end, held_change, quantile, start

FRONT_VIEW_HIP_WIDTH = 0.3
"""Hip width (in torso lengths) from which a standing person is seen from the front."""


class HipExtensionModel:
    signal = "leg_reach"
    rising = True
    placement = "put it at your side, level with your hips, so it sees the working leg move back"

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        apart = legs_apart(person, aspect, "ankle", "leg_reach")
        if apart is None:
            return None
        torso, measures = apart
        hips, shoulders = trunk(person, aspect)
        measures["trunk_angle"] = g.inclination(hips, shoulders)
        if frontal(person, aspect, torso):
            measures["hip_tilt"] = hip_tilt(person, aspect)
        return measures

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        top = far_end(samples, "leg_reach")
        trunk_start = start(samples, "trunk_angle")
        summary = {
            "leg_reach": quantile([m["leg_reach"] for m in top], HIGH),
            "trunk_turn": quantile([abs(m["trunk_angle"] - trunk_start) for m in top], HIGH),
        }
        if (tilt := held_change(samples, top, "hip_tilt")) is not None:
            summary["hip_tilt"] = tilt
        return summary

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        return travelled(samples, "ankle")


class StandingHipExtensionModel(HipExtensionModel):
    """Standing, the leg moves straight back: from the front that movement is along the line
    of sight and cannot be measured, so a front view asks for the camera at the side."""

    placement = (
        "put it at your side, level with your hips: from the front the leg moving back "
        "cannot be seen"
    )

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        torso = g.torso_length(person, aspect)
        width = g.distance(
            g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect)
        )
        if torso > 0 and width / torso >= FRONT_VIEW_HIP_WIDTH:
            return None
        return super().measure(person, aspect, t)
