"""Which person to follow, and how sure the pose model is of them: the first choice is the
largest, most central person; after that, whoever is nearest to where the followed one was."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backbridge.vision import geometry
from backbridge.vision.events import Notice
from backbridge.vision.landmarks import Frame, Landmark, Point

Person = Sequence[Landmark]
KEY_POINTS = (
    Point.LEFT_SHOULDER, Point.RIGHT_SHOULDER, Point.LEFT_HIP, Point.RIGHT_HIP,
    Point.LEFT_KNEE, Point.RIGHT_KNEE, Point.LEFT_ANKLE, Point.RIGHT_ANKLE,
)  # fmt: skip


@dataclass
class PersonTracker:
    """Follows one person: the first choice is the largest, most central person; after that,
    whoever is nearest to where the followed person was."""

    last_centre: tuple[float, float] | None = None
    warned_crowd: bool = False

    def pick(self, frame: Frame) -> tuple[Person | None, Notice | None]:
        people = frame.people
        if not people:
            return None, None
        notice = None
        if len(people) > 1 and not self.warned_crowd:
            self.warned_crowd = True
            notice = Notice(
                frame.t,
                f"{len(people)} people in view: following the one doing the exercise "
                "(the largest and most central, then the same person from frame to frame)",
            )
        if len(people) == 1:
            chosen = people[0]
        elif self.last_centre is None:
            chosen = max(people, key=lambda p: prominence(p, frame.aspect))
        else:
            last = self.last_centre
            chosen = min(people, key=lambda p: geometry.distance(centre(p, frame.aspect), last))
        self.last_centre = centre(chosen, frame.aspect)
        return chosen, notice


def centre(person: Person, aspect: float) -> tuple[float, float]:
    """The hips' midpoint."""
    return geometry.midpoint(
        geometry.xy(person, Point.LEFT_HIP, aspect), geometry.xy(person, Point.RIGHT_HIP, aspect)
    )


def visibility(person: Person) -> float:
    """How sure the pose model is of the body's key points, 0-1: the better side's mean (a side
    view hides the far side by nature, which says nothing about the near one)."""
    left = sum(person[p].visibility for p in KEY_POINTS[0::2]) / 4
    right = sum(person[p].visibility for p in KEY_POINTS[1::2]) / 4
    return max(left, right)


def prominence(person: Person, aspect: float) -> float:
    """How much a person stands out: the box they fill, less the further from the centre."""
    xs = [p.x * aspect for p in person]
    ys = [p.y for p in person]
    area = (max(xs) - min(xs)) * (max(ys) - min(ys))
    cx, cy = centre(person, aspect)
    off_centre = abs(cx - aspect / 2) / aspect + abs(cy - 0.5)
    return area * (1 - min(off_centre, 0.9))
