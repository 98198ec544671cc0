"""The fire hydrant: on hands and knees, one bent leg lifts out to the side and comes back.

Counting signal: the distance between the knees in body lengths. With both knees on the mat it
is the knees' spacing (about the hips' width, less from the side); as the working knee lifts
out and up it grows to well over a body length, seen from behind, from the front, at an angle
or from the side (the knee rises as it goes out). Its size on screen depends on the camera's
angle, so it is counted adaptively, in the range it covered over the last seconds. The working
leg is the one whose knee travelled.

Checks, each against where the rep started, on what a quarter of the far-end frames held:

- ``shin_turn`` (knee bent): how far the working shin, knee to ankle, turned from where it
  lay, in body lengths. The lift turns the bent leg about the hip's front-to-back axis, which
  the shin on the mat lies along, so a knee kept at a right angle carries its shin along
  unturned, and a line that keeps its direction in space keeps it on screen from any camera
  angle; a knee that straightens swings the foot out. A 2-D knee angle cannot say this: on the
  dev clip it reads 50-80 degrees on the mat and 107-148 at the top, the knee bent throughout.
- ``hip_hike`` (hips level): how far the working side's hip rose above the other, in body
  lengths. The lift itself raises that hip's landmark (it follows the thigh) by 0.21-0.24 on
  the dev clip's correct reps, from an angle and from the side alike; a pelvis hitched up and
  over, the weight leaning away from the leg, adds to that.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from backbridge.vision import geometry as g
from backbridge.vision.analysis import Measures, Person
from backbridge.vision.events import Side
from backbridge.vision.exercises.limbs import legs_apart, travelled
from backbridge.vision.exercises.sides import SIDES, side_point
from backbridge.vision.robust import HIGH, far_end, held_change, quantile, start

ANKLE_SEEN = 0.4
"""An ankle less visible than this leaves its shin unmeasured in that frame."""


class FireHydrantModel:
    signal = "knee_lift"
    rising = True
    placement = "put it behind you or at your side, level with your hips, so it sees both knees"

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        apart = legs_apart(person, aspect, "knee", "knee_lift")
        if apart is None:
            return None
        scale, measures = apart
        for side in SIDES:
            knee = g.xy(person, side_point(side, "KNEE"), aspect)
            hip = g.xy(person, side_point(side, "HIP"), aspect)
            measures[f"{side}_hip_height"] = -hip[1] / scale
            if person[side_point(side, "ANKLE")].visibility >= ANKLE_SEEN:
                ankle = g.xy(person, side_point(side, "ANKLE"), aspect)
                measures[f"{side}_shin_x"] = (ankle[0] - knee[0]) / scale
                measures[f"{side}_shin_y"] = (ankle[1] - knee[1]) / scale
        return measures

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        side = self.side(samples)
        other = "right" if side == "left" else "left"
        x, y = f"{side}_shin_x", f"{side}_shin_y"
        lay = (start(samples, x), start(samples, y)) if x in samples[0][1] else None

        def checked(m: Measures) -> Measures:
            derived = {"hip_hike": m[f"{side}_hip_height"] - m[f"{other}_hip_height"]}
            if lay is not None and x in m:
                derived["shin_turn"] = math.hypot(m[x] - lay[0], m[y] - lay[1])
            return {**m, **derived}

        rep = [(t, checked(m)) for t, m in samples]
        top = far_end(rep, "knee_lift")
        summary = {"knee_lift": quantile([m["knee_lift"] for m in top], HIGH)}
        if (hike := held_change(rep, top, "hip_hike")) is not None:
            summary["hip_hike"] = hike
        turned = [m["shin_turn"] for m in top if "shin_turn" in m]
        if turned and len(turned) * 2 >= len(top):
            summary["shin_turn"] = quantile(turned, HIGH)
        return summary

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        return travelled(samples, "knee")
