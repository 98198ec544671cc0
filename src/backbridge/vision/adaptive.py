"""Adaptive counting: the counting signal read as its place (0-1) in the range it covered over
the last seconds, for distances whose size on screen depends on the camera's angle (an
exercise's ``adaptive_range``, the narrowest range that counts).

The range is known once it is wide enough, for the signal's jitter too, and the movement that
widened it has come back out of the work zone: until then its far end is still ahead, and the
frames before it, read against a range cut short, would make reps of the jitter and of the
shuffles of getting into position. At that moment the frames kept so far are handed over, so
the first rep is seen from its start. A range that never gets wide enough while the person keeps
repeating a movement is a view that cannot support a count (:meth:`AdaptiveRange.too_narrow`).
"""

from __future__ import annotations

from bisect import insort

from backbridge.vision.counting import RobustRange, Threshold

RANGE_WINDOW_S = 8.0
"""The signal's range is taken over this many recent seconds."""
RANGE_SETTLE_S = 0.8
"""Counting starts once the range has been watched this long (and is wide enough): a range taken
from the first few frames is a fraction of the real one. The shortest real rep of these
exercises takes about this long; a longer wait (it was 1.5 s) lost the reps of a short shot
between two cuts in a brisk set, and a range still growing is caught by its own rule
(:meth:`AdaptiveRange._widening`), whatever the tempo."""
JITTER_MULTIPLE = 6.0
"""Counting starts in a range wider than its floor by this many times the signal's jitter (the
lower quartile of its frame-to-frame change over the window, which still frames give): on a
small or blurred body, jitter alone widens a range past a floor set for a clear view."""
START_KEPT_S = 2.0
"""Seconds of the start position kept in the range, before a movement held beyond the work
zone's edge for longer than the window."""
RISE_S = 1.0
"""Seconds a movement takes to get to its far end, after which a hold is still."""
HELD_SHARE = 0.25
"""A hold moves about by at most this share of the range."""
MOVED_SHARE = 0.5
"""A range of at least this share of its floor, held for a whole window without reaching it, is
a movement seen too small to count (a still person moves far less)."""
NARROW_CYCLES = 3
"""Cycles across a too-narrow range, in one window, that make it reps rather than a set-up."""


class AdaptiveRange:
    """One counting signal's recent range, and its values placed in it for the rep counter."""

    def __init__(self, floor: float, threshold: Threshold) -> None:
        self.floor = floor
        self.threshold = threshold
        self.range = RobustRange(RANGE_WINDOW_S)
        self._jitter = RobustRange(RANGE_WINDOW_S)
        self._last: float | None = None
        self._moving = False
        self._far: list[float] = []
        """The values of the latest movement since it got to its far end, in order of size."""
        self._moved_at: float | None = None
        """When the signal last entered the work zone: the range keeps what came shortly before
        (:data:`START_KEPT_S`) until the window has passed it, so a movement held at its far end
        for longer than the window (a long hold at the top) does not forget where it started
        (up to twice the window)."""
        self._rebase_from: float | None = None
        """The camera may have turned then (:meth:`rebase`): the range starts from there once
        what came since is wide enough to count in."""
        self.ready = False
        self.ever_ready = False
        """The range was wide enough to count in at some point (else the view was refused)."""

    def place(self, t: float, value: float) -> list[tuple[float, float]]:
        """What the counter is fed for this frame: nothing until the range is known, then at
        that moment the frames kept so far, and after it this frame, each as its place in the
        range (the start position, 0 for a rising signal, while the range is under its floor)."""
        self.range.add(t, value, keep_from=self._kept_from())
        self._rebased(t)
        if not self.ready:  # the jitter is read only until counting starts (or restarts)
            if self._last is not None:
                self._jitter.add(t, abs(value - self._last))
            self._last = value
        low, span = self.range.low, self.range.span
        self._follow(t, value, moving=span > 0 and self.threshold.entered((value - low) / span))
        if span < self.floor:
            if self.ready:
                return [(t, 0.0 if self.threshold.rising else 1.0)]
            return []
        if not self.ready:
            if t - self.range.samples[0][0] < RANGE_SETTLE_S or span < self.ready_floor():
                return []
            if self.threshold.entered((value - low) / span):
                return []  # the movement that widened the range is still on its way out
            if self._widening(value):
                return []  # or still on its way back, past where the range began
            self.ready = self.ever_ready = True
            return [(when, (v - low) / span) for when, v in self.range.samples]
        return [(t, (value - low) / span)]

    def _widening(self, value: float) -> bool:
        """The value stands at or past the range's start-side end: the range is still growing
        that way (a set filmed from mid-rep, on its way back to a start position not yet seen).
        Read against the part it covered so far, a bob at the bottom of a lunge under way when
        a slow set's clip began would be a whole rep."""
        if self.threshold.rising:
            return value <= self.range.low
        return value >= self.range.high

    def _follow(self, t: float, value: float, moving: bool) -> None:
        """Note when a movement enters the work zone, and its values once at its far end (no
        longer than a range is ever kept)."""
        if moving and not self._moving:
            self._moved_at, self._far = t, []
        since = t - self._moved_at if self._moved_at is not None else 0.0
        if moving and RISE_S <= since <= 2 * RANGE_WINDOW_S:
            insort(self._far, value)
        self._moving = moving

    def _kept_from(self) -> float | None:
        """From when the range keeps its values beyond the window: shortly before the latest
        movement, if that was held still at its far end (or is on its way there), not a run of
        reps or a new view read against an old range, which move about in it. The movement's
        own way back is too short a part of a long hold to count (the 10th to 90th
        percentile)."""
        if self._moved_at is None:
            return None
        far = self._far
        if far:
            spread = far[round(0.9 * (len(far) - 1))] - far[round(0.1 * (len(far) - 1))]
            if spread > HELD_SHARE * self.range.span:
                return None
        return self._moved_at - START_KEPT_S

    def ready_floor(self) -> float:
        """The narrowest range counting starts in: the floor, raised by the signal's jitter
        (:data:`JITTER_MULTIPLE`). Once started, the floor alone decides: a floor that moved
        with the jitter would switch counting off and on within a set, and each switch would
        look like a rep."""
        if not self._jitter.samples:
            return self.floor
        return self.floor + JITTER_MULTIPLE * self._jitter.quantile(0.25)

    def forget_before(self, t: float) -> None:
        """A new view without a cut (a cross-dissolve, the person turning): the range the old
        view gave is forgotten, what was seen since is kept."""
        self.range.forget_before(t)

    def rebase(self, t: float) -> None:
        """The camera may have turned round the person at ``t`` without a cut
        (:class:`~backbridge.vision.views.TurnWatch`): the new view shows the same reps at
        another size (about half the old one's for 45 degrees), and the old view's far end would
        hide them for the whole window. Not being sure, the range keeps the old view until what
        came since ``t`` is itself wide enough to count in, then forgets the rest. Before
        counting has started there is no old range to hide anything: nothing changes."""
        if self.ready:
            self._rebase_from = t

    def _rebased(self, t: float) -> None:
        """Forget the range from before a :meth:`rebase` once the values since it span
        :meth:`ready_floor` (quantiles as the range's own); give up once the window is past it."""
        since = self._rebase_from
        if since is None:
            return
        if t - since > RANGE_WINDOW_S:  # the window has moved past the old view anyway
            self._rebase_from = None
            return
        values = sorted(v for when, v in self.range.samples if when >= since)
        if len(values) < 2:
            return
        low = values[round(self.range.low_q * (len(values) - 1))]
        high = values[round(self.range.high_q * (len(values) - 1))]
        if high - low >= self.ready_floor():
            self.range.forget_before(since)
            self._rebase_from = None

    def restart(self) -> None:
        """After a camera cut: what the old view showed says nothing about the new one."""
        self.range.reset()
        self._jitter.reset()
        self._last = None
        self._moving = False
        self._moved_at, self._far = None, []
        self._rebase_from = None
        self.ready = False

    def lost_track(self) -> None:
        """Smoothing restarts (back in view after a gap): the next value is no step from the
        last."""
        self._last = None

    def clarity(self) -> float:
        """How clearly the range stands above its floor, 0-1 (a rep's confidence)."""
        return min(1.0, self.range.span / (1.5 * self.floor))

    def too_narrow(self, t: float) -> bool:
        """The range stayed under its floor for a whole window while the person kept repeating
        a movement (at least :data:`NARROW_CYCLES` cycles across the range, each held out as
        long as a rep's shortest work, and a range of at least :data:`MOVED_SHARE` of the
        floor): the reps are there, but from this camera angle, or this far away, they are too
        small on screen to count. A set-up movement does not repeat; a still person's jitter
        covers far less."""
        samples, span = self.range.samples, self.range.span
        if not samples or span >= self.floor:
            return False
        if t - samples[0][0] < RANGE_WINDOW_S * 0.95 or span < MOVED_SHARE * self.floor:
            return False
        low, threshold = self.range.low, self.threshold
        cycles, out_since = 0, None
        for when, value in samples:  # excursions held as long as a rep's work, not jitter
            share = (value - low) / span
            if out_since is None and threshold.entered(share):
                out_since = when
            elif out_since is not None and threshold.exited(share):
                cycles += when - out_since >= threshold.min_work_s
                out_since = None
        return cycles >= NARROW_CYCLES
