"""Noticing that the camera's view of the body changed: a hard cut (:class:`CutWatch`), or a
change without a jump (:class:`ViewWatch`): a cross-dissolve between two camera angles, a slow
pan, or the person turning to face another way.

A hard cut, to another framing or to a camera turned round the person, moves the whole body's
outline from one frame to the next, and then it stays where it landed: a step.
A cross-dissolve does neither: over a third of a second the pose model's landmarks morph from
one view to the other at the same place and size. What does change is the trunk's shape on
screen. Its *frontality*, the wider of the shoulders and the hips against that width plus the
torso's length, is about 0.5-0.65 when the trunk is seen from the front or at an angle and
0.1-0.2 from the side, whatever the limbs do: a movement tilts it by under 0.2 (dev clips:
a fire hydrant's own lift, sitting down and lying on the side), a new view by 0.3 or more.

The rule: the median frontality of the last :data:`WINDOW_S` seconds differs from that of the
:data:`WINDOW_S` seconds before them by more than :data:`CHANGE`. It is said once per change,
half a window late; the change is placed where the two windows meet.

Its blind spot is a turn of an upright body: from the side or the front to 45 degrees, the
frontality (a ratio of the trunk's width) moves by 0.1-0.22, as a movement does. The trunk's
width itself, in body lengths (:func:`trunk_width`), moves by 0.34-1.5 on the dev clips, their
own movements by at most 0.16 over :data:`SLOW_WINDOW_S`; :class:`TurnWatch` compares it over
two such stretches, and its change, less sure than a cut, only lets the adaptive range start
again from the new view (:meth:`~backbridge.vision.adaptive.AdaptiveRange.rebase`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from backbridge.vision import geometry as g
from backbridge.vision.landmarks import Landmark, Point
from backbridge.vision.robust import quantile

CUT_KEY_POINTS = (
    Point.LEFT_SHOULDER, Point.RIGHT_SHOULDER, Point.LEFT_HIP, Point.RIGHT_HIP,
    Point.LEFT_KNEE, Point.RIGHT_KNEE, Point.LEFT_ANKLE, Point.RIGHT_ANKLE,
)  # fmt: skip
CUT_JUMP = 0.15
"""A hard cut moves six of the eight key points (shoulders, hips, knees, ankles) by at least
this many body lengths in one frame (the quarter quantile of their moves). A camera turned 45
degrees round the person moves them by 0.19-0.54 on 13 of 15 dev clips; the clips' own
movements by under 0.14 (a lunge's step), a moving limb alone not at all (it is two or three
points), nor a close-up whose legs are out of frame and guessed."""
CUT_SHARE = 0.25
CUT_NOISE_TIMES = 6.0
"""...and by this many times the recent median jump: a body small on screen, or seen end-on,
jitters by a larger share of its own size, and that jitter is no cut."""
CUT_STEP = 3.0
"""A cut is a step: the jump is this many times the move of the frame before it and of the
frame after it. A fast movement builds up and slows down over several frames, and a
detector's slip jumps back the next frame; neither is a cut."""
NOISE_FRAMES = 30
"""Frames the recent median jump is taken over (about a second)."""
WINDOW_S = 0.4
"""Each of the two stretches compared: long enough for a median to ignore a few odd frames,
short enough to notice a new view before the first rep seen from it is under way."""
CHANGE = 0.3
"""Frontality change (0-1) that is a new view; the dev clips' movements stay under 0.22."""
MIN_FRAMES = 3
"""Fewer frames than this in either stretch say nothing."""
SLOW_WINDOW_S = 1.5
"""Each of the two stretches compared for the trunk's width (:func:`trunk_width`): as long as a
rep or two, so that what a movement does to it evens out in a median, and longer than an
editor's cross-dissolve (a third of a second to a second), so that one stretch is all old view
and the other mostly new."""
SLOW_CHANGE = 0.3
"""Change in :func:`trunk_width` between the two stretches that is a new view. A camera turned
45 degrees round the person changes it by 0.34-1.5 on the dev clips (a front view narrows, a
side view widens), the clips' own movements by at most 0.16 (a squat, a lunge, a donkey kick, a
side-lying leg raise)."""


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


def trunk_width(person: Sequence[Landmark], aspect: float) -> float | None:
    """The shoulders' and the hips' widths on screen, added, in body lengths
    (:func:`~backbridge.vision.geometry.body_scale`): about 1.4 from the front, 1 at 45 degrees,
    0.2-0.3 from the side. A turn of the camera about the person changes both widths at once
    and for good; a limb's movement changes neither. None without a trunk."""
    scale = g.body_scale(person, aspect)
    if scale <= 0:
        return None
    shoulders = g.distance(
        g.xy(person, Point.LEFT_SHOULDER, aspect), g.xy(person, Point.RIGHT_SHOULDER, aspect)
    )
    hips = g.distance(g.xy(person, Point.LEFT_HIP, aspect), g.xy(person, Point.RIGHT_HIP, aspect))
    return (shoulders + hips) / scale


class CutWatch:
    """Fed every measured frame; :meth:`feed` says, one frame late, whether a jump was a cut."""

    def __init__(self) -> None:
        self._last: list[g.Vec] | None = None
        self._last_scale = 0.0
        self._jumps: deque[float] = deque(maxlen=NOISE_FRAMES)
        self._pending: tuple[float, float] | None = None
        self._last_jump = 0.0
        self.cut_at = 0.0
        """When the last cut happened (the time of the frame that jumped)."""

    def reset(self) -> None:
        """Forget the last frame (after time out of view: the next one is not compared)."""
        self._last, self._pending = None, None
        self._jumps.clear()
        self._last_jump = 0.0

    def feed(self, t: float, person: Sequence[Landmark], aspect: float) -> str | None:
        """``"jump"``: this frame jumped, hold it back until the next one shows whether it was
        a cut; then ``"cut"`` (it was: at :attr:`cut_at`, this frame is the new view's) or
        ``"release"`` (it was not: process the held frame now, then this one); else None."""
        scale = g.body_scale(person, aspect)
        points = [g.xy(person, point, aspect) for point in CUT_KEY_POINTS]
        last, last_scale = self._last, self._last_scale
        self._last, self._last_scale = points, scale
        if last is None or scale <= 0 or last_scale <= 0:
            return "release" if self._pending else None
        moves = [g.distance(a, b) for a, b in zip(points, last, strict=True)]
        jump = quantile(moves, CUT_SHARE) / max(scale, last_scale)
        before, self._last_jump = self._last_jump, jump
        pending, self._pending = self._pending, None
        if pending is not None:
            at, size = pending
            if jump * CUT_STEP <= size:  # it stayed where it jumped to: a cut
                self._jumps.clear()
                self.cut_at = at
                return "cut"
            return "release"  # it jumped back, or kept moving
        recent = quantile(self._jumps, 0.5) if len(self._jumps) >= NOISE_FRAMES // 3 else 0.0
        if jump > max(CUT_JUMP, CUT_NOISE_TIMES * recent) and jump >= CUT_STEP * before:
            self._pending = (t, jump)
            return "jump"
        self._jumps.append(jump)
        return None


class ViewWatch:
    """Fed every measured frame; :meth:`feed` returns when the view changed, once per change."""

    def __init__(self) -> None:
        self._values: deque[tuple[float, float]] = deque()

    def reset(self) -> None:
        """Forget the old view (after a hard cut or time out of view)."""
        self._values.clear()

    def feed(self, t: float, person: Sequence[Landmark], aspect: float) -> float | None:
        changed = _stepped(self._values, t, frontality(person, aspect), WINDOW_S, CHANGE)
        if changed is not None:
            self.reset()  # the next change is measured against the new view
        return changed


class TurnWatch:
    """Fed every measured frame; :meth:`feed` returns when the trunk's width on screen
    (:func:`trunk_width`) changed for good, once per change: the camera may have turned round
    the person without a cut (a cross-dissolve to a camera 45 degrees further round), which
    :class:`ViewWatch` does not see in an upright trunk (its frontality is a ratio of the
    width, and hardly changes). Slower and less sure than a cut: the analysis does not report
    it as one, it only lets the counting range start again from the new view's own movement
    (:meth:`~backbridge.vision.adaptive.AdaptiveRange.rebase`)."""

    def __init__(self) -> None:
        self._widths: deque[tuple[float, float]] = deque()

    def reset(self) -> None:
        """Forget the old view (after a cut, a change of view or time out of view)."""
        self._widths.clear()

    def feed(self, t: float, person: Sequence[Landmark], aspect: float) -> float | None:
        width = trunk_width(person, aspect)
        changed = _stepped(self._widths, t, width, SLOW_WINDOW_S, SLOW_CHANGE, steady=True)
        if changed is not None:
            self.reset()
        return changed


def _stepped(
    values: deque[tuple[float, float]],
    t: float,
    value: float | None,
    window_s: float,
    change: float,
    steady: bool = False,
) -> float | None:
    """Add ``value``; when the median of the last ``window_s`` seconds differs from that of the
    ``window_s`` before them by more than ``change`` (and, if ``steady``, by more than either
    stretch's interquartile range: a step between two steady views, not a pose model's guesses
    scattering in a close-up or a title card), the time the view changed."""
    if value is None:
        return None
    values.append((t, value))
    while values[0][0] < t - 2 * window_s:
        values.popleft()
    meet = t - window_s
    before = [v for when, v in values if when < meet]
    after = [v for when, v in values if when >= meet]
    if len(before) < MIN_FRAMES or len(after) < MIN_FRAMES:
        return None
    step = abs(quantile(after, 0.5) - quantile(before, 0.5))
    if step <= change:
        return None
    if steady and any(step <= quantile(v, 0.75) - quantile(v, 0.25) for v in (before, after)):
        return None
    # the later median flips once half its stretch is new (when ``steady``, the step is seen
    # once its spread is small too, about three quarters new: placed a quarter stretch late,
    # which leaves out of the new view's range the blended frames of a dissolve)
    return meet + window_s / 2
