"""Noticing that the camera's view of the body changed without a jump: a cross-dissolve
between two camera angles, a slow pan, or the person turning to face another way.

A hard cut moves or resizes the body from one frame to the next (``Analysis`` catches that).
A cross-dissolve does neither: over a third of a second the pose model's landmarks morph from
one view to the other at the same place and size. What does change is the trunk's shape on
screen. Its *frontality*, the wider of the shoulders and the hips against that width plus the
torso's length, is about 0.5-0.65 when the trunk is seen from the front or at an angle and
0.1-0.2 from the side, whatever the limbs do: a movement tilts it by under 0.2 (dev clips:
a fire hydrant's own lift, sitting down and lying on the side), a new view by 0.3 or more.

The rule: the median frontality of the last :data:`WINDOW_S` seconds differs from that of the
:data:`WINDOW_S` seconds before them by more than :data:`CHANGE`. It is said once per change,
half a window late; the change is placed where the two windows meet.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from backbridge.vision import geometry as g
from backbridge.vision.landmarks import Landmark, Point
from backbridge.vision.robust import quantile

WINDOW_S = 0.4
"""Each of the two stretches compared: long enough for a median to ignore a few odd frames,
short enough to notice a new view before the first rep seen from it is under way."""
CHANGE = 0.3
"""Frontality change (0-1) that is a new view; the dev clips' movements stay under 0.22."""
MIN_FRAMES = 3
"""Fewer frames than this in either stretch say nothing."""


def frontality(person: Sequence[Landmark], aspect: float) -> float | None:
    """The trunk's width on screen against its width plus its length, 0-1: about 0.5-0.65 seen
    from the front, the back or at an angle, 0.1-0.2 from the side. None without a trunk."""
    left_shoulder = g.xy(person, Point.LEFT_SHOULDER, aspect)
    right_shoulder = g.xy(person, Point.RIGHT_SHOULDER, aspect)
    left_hip = g.xy(person, Point.LEFT_HIP, aspect)
    right_hip = g.xy(person, Point.RIGHT_HIP, aspect)
    width = max(g.distance(left_shoulder, right_shoulder), g.distance(left_hip, right_hip))
    length = g.distance(g.midpoint(left_shoulder, right_shoulder), g.midpoint(left_hip, right_hip))
    if width + length <= 0:
        return None
    return width / (width + length)


class ViewWatch:
    """Fed every measured frame; :meth:`feed` returns when the view changed, once per change."""

    def __init__(self) -> None:
        self._values: deque[tuple[float, float]] = deque()

    def reset(self) -> None:
        """Forget the old view (after a hard cut or time out of view)."""
        self._values.clear()

    def feed(self, t: float, person: Sequence[Landmark], aspect: float) -> float | None:
        value = frontality(person, aspect)
        if value is None:
            return None
        self._values.append((t, value))
        while self._values[0][0] < t - 2 * WINDOW_S:
            self._values.popleft()
        meet = t - WINDOW_S
        before = [v for when, v in self._values if when < meet]
        after = [v for when, v in self._values if when >= meet]
        if len(before) < MIN_FRAMES or len(after) < MIN_FRAMES:
            return None
        if abs(quantile(after, 0.5) - quantile(before, 0.5)) <= CHANGE:
            return None
        self._values.clear()  # the next change is measured against the new view
        return meet + WINDOW_S / 2  # the later median flips once half its stretch is new
