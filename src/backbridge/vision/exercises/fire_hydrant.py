"""The fire hydrant: on hands and knees, one bent leg lifts out to the side and comes back.

Counting signal: the distance between the knees in body lengths. With both knees on the mat it
is the knees' spacing (about the hips' width, less from the side); as the working knee lifts
out and up it grows to well over a body length, seen from behind, from the front, at an angle
or from the side (the knee rises as it goes out). Its size on screen depends on the camera's
angle, so it is counted adaptively, in the range it covered over the last seconds. The working
leg is the one whose knee travelled.
"""

from __future__ import annotations

from collections.abc import Sequence

from backbridge.vision.analysis import Measures, Person
from backbridge.vision.events import Side
from backbridge.vision.exercises.limbs import legs_apart, travelled
from backbridge.vision.robust import HIGH, far_end, quantile


class FireHydrantModel:
    signal = "knee_lift"
    rising = True
    placement = "put it behind you or at your side, level with your hips, so it sees both knees"

    def measure(self, person: Person, aspect: float) -> Measures | None:
        apart = legs_apart(person, aspect, "knee", "knee_lift")
        return None if apart is None else apart[1]

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        top = far_end(samples, "knee_lift")
        return {"knee_lift": quantile([m["knee_lift"] for m in top], HIGH)}

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        return travelled(samples, "knee")
