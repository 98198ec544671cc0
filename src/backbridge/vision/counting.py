"""Rep counting as a sans-IO state machine: fed one smoothed value at a time, it says when a
movement starts and when a rep is complete.

A rep is a trip away from the start position and back: the signal crosses ``enter`` (leaving
``rest`` for ``work``), reaches an extreme, and crosses back over ``exit``. The gap between the
two thresholds (hysteresis) ignores jitter around either one; minimum phase durations ignore
blips.

The partial-rep rule (docs/camera.md), the same for a file and a live camera: a rep counts when
its movement is seen from the start position to the far end and back. The counter arms only
once it has seen the start position, so movement already under way when the stream starts does
not count. A stream that ends at the far end counts that last rep if it got there
(:meth:`RepCounter.finish`). When the person drops out of view for longer than ``max_gap_s``
(or, on the way back, than the rest of the way back would take: a brisk set), a rep that was
already seen coming back from its far end counts (it finished out of view) and the time out of
view stands for the start position; a rep lost before it turned back does not.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections import deque
from dataclasses import dataclass


class Smoother:
    """Exponential smoothing with a time constant, robust to uneven frame times."""

    def __init__(self, tau_s: float) -> None:
        self.tau = tau_s
        self.value: float | None = None
        self.t: float | None = None

    def feed(self, t: float, value: float) -> float:
        if self.value is None or self.t is None or t <= self.t:
            self.value, self.t = value, t
            return value
        alpha = 1 - math.exp(-(t - self.t) / self.tau) if self.tau > 0 else 1.0
        self.value += alpha * (value - self.value)
        self.t = t
        return self.value

    def reset(self) -> None:
        self.value = self.t = None


class RobustRange:
    """The range a signal covers, robust to outliers and to what happened long ago: the
    ``low_q`` and ``high_q`` quantiles of the values over the last ``window_s`` seconds.

    A set-up movement or one frame after a camera cut leaves a raw minimum or maximum in the
    window for seconds; a quantile ignores a stretch shorter than its share of the window, and
    :meth:`reset` forgets everything after a cut or a change of side."""

    def __init__(self, window_s: float, low_q: float = 0.05, high_q: float = 0.95) -> None:
        self.window_s = window_s
        self.low_q, self.high_q = low_q, high_q
        self.samples: deque[tuple[float, float]] = deque()
        self._sorted: list[float] = []

    def add(self, t: float, value: float, keep_from: float | None = None) -> None:
        """Add a value; those older than the window go, except from ``keep_from`` on (a
        movement under way keeps the values from before it) as long as they are younger than
        twice the window."""
        self.samples.append((t, value))
        insort(self._sorted, value)
        cutoff = t - self.window_s
        if keep_from is not None:
            cutoff = max(min(cutoff, keep_from), t - 2 * self.window_s)
        while self.samples[0][0] < cutoff:
            _, old = self.samples.popleft()
            del self._sorted[bisect_left(self._sorted, old)]

    def quantile(self, q: float) -> float:
        values = self._sorted
        return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]

    @property
    def low(self) -> float:
        return self.quantile(self.low_q)

    @property
    def high(self) -> float:
        return self.quantile(self.high_q)

    @property
    def span(self) -> float:
        return self.high - self.low if self._sorted else 0.0

    def reset(self) -> None:
        self.samples.clear()
        self._sorted.clear()

    def forget_before(self, t: float) -> None:
        """Forget the values from before ``t`` (the view changed then; later ones stay)."""
        while self.samples and self.samples[0][0] < t:
            _, old = self.samples.popleft()
            del self._sorted[bisect_left(self._sorted, old)]


@dataclass(frozen=True)
class Threshold:
    enter: float
    exit: float
    rising: bool
    """True when the work phase is the signal going up (hips rising), False when down (squat)."""
    min_work_s: float = 0.25
    min_rest_s: float = 0.15
    max_gap_s: float = 1.0
    """Out of view longer than this, a rep under way is finished or abandoned
    (:meth:`RepCounter.lost`); sooner when it was on its way back (:meth:`RepCounter.feed`)."""
    min_gap_s: float = 0.4
    """Shorter stretches without a value are dropped frames (a slow camera delivers 10 fps),
    never time out of view."""
    returned_share: float = 0.35
    """Share of the way back from the far end to ``exit`` a rep must have come before the person
    is lost from view for it to count as finished out of view."""

    def entered(self, value: float) -> bool:
        return value >= self.enter if self.rising else value <= self.enter

    def exited(self, value: float) -> bool:
        return value < self.exit if self.rising else value > self.exit

    def beyond(self, value: float, extreme: float) -> bool:
        return value > extreme if self.rising else value < extreme

    def at_start(self, value: float) -> bool:
        """In the start band: past ``exit`` by half the hysteresis, away from the far end."""
        band = self.exit - (self.enter - self.exit) / 2
        return value <= band if self.rising else value >= band

    def came_back(self, value: float, extreme: float) -> float:
        """How far back from ``extreme`` towards ``exit`` the value is, 0-1."""
        span = extreme - self.exit
        return (extreme - value) / span if span else 0.0


@dataclass
class CountedRep:
    t_start: float
    """When the signal left the start position (crossed ``exit`` on its way to ``enter``)."""
    t_peak: float
    t_end: float
    extreme: float
    whole: bool = True
    """False for a rep cut by the end of the clip or lost from view on its way back: its
    duration is not its tempo."""
    cycle_s: float | None = None
    """The whole cycle's duration, start position to start position: the time from leaving the
    start band to crossing back over ``exit``, plus the time it took from the start band to
    ``exit`` on the way out (the return's last stretch mirrors the first); in a set that turns
    back before reaching the start band, from the last rep's end to this one's."""


@dataclass
class RepCounter:
    """Counts reps on one signal; :meth:`feed` returns ``"work"``, ``"rest"``, a
    :class:`CountedRep`, or None when nothing changed."""

    threshold: Threshold
    phase: str = "rest"
    _rest_since: float | None = None
    _work_since: float | None = None
    _moving_since: float | None = None
    _start_band_at: float | None = None
    _left_band_at: float | None = None
    _turned_at: float | None = None
    _extreme: float = 0.0
    _t_peak: float = 0.0
    _last_t: float | None = None
    _last_value: float | None = None
    _lost_rep: CountedRep | None = None

    @property
    def work_started(self) -> float | None:
        """When the current movement left the start position."""
        return self._work_since

    @property
    def left_start_at(self) -> float | None:
        """The last moment the signal was in the start band before the current movement."""
        return self._left_band_at

    @property
    def armed(self) -> bool:
        """The start position has been seen: the next movement out of it can count."""
        return self._rest_since is not None

    def finish(self, typical_peak: float | None, reached: float = 0.6) -> CountedRep | None:
        """The stream ended: a movement still out at its far end counts as a rep if it went at
        least ``reached`` of the way from ``exit`` to a typical peak (the clip stopped before
        the return, not before the rep). Only the way out was seen, so it needs half of
        ``min_work_s`` (a whole trip out and back): the blip that minimum guards against comes
        back, and a brisk set's last lift, cut off at its top, is half a trip."""
        if self.phase != "work" or self._work_since is None or self._last_t is None:
            return None
        if self._last_t - self._work_since < self.threshold.min_work_s / 2:
            return None
        peak = typical_peak if typical_peak is not None else self._extreme
        span = peak - self.threshold.exit
        if span == 0 or (self._extreme - self.threshold.exit) / span < reached:
            return None
        self.phase = "rest"
        return CountedRep(self._work_since, self._t_peak, self._last_t, self._extreme, whole=False)

    def lost(self) -> CountedRep | str | None:
        """The person left the view for longer than ``max_gap_s``: a rep already coming back
        counts (finished out of view), one that had not turned back is abandoned; the time out
        of view stands for the start position."""
        last_t, last_value = self._last_t, self._last_value
        outcome: CountedRep | str | None = None
        if self.phase == "work" and last_t is not None and last_value is not None:
            started = self._work_since if self._work_since is not None else last_t
            came_back = self.threshold.came_back(last_value, self._extreme)
            long_enough = last_t - started >= self.threshold.min_work_s
            if came_back >= self.threshold.returned_share and long_enough:
                outcome = CountedRep(started, self._t_peak, last_t, self._extreme, whole=False)
            else:
                outcome = "rest"
        if outcome == "rest":
            self._rest_since = None  # abandoned: wait for the start position again
        elif self._rest_since is not None or isinstance(outcome, CountedRep):
            self._rest_since = last_t
        self.phase, self._work_since, self._moving_since = "rest", None, None
        self._left_band_at = None
        return outcome

    def _return_hidden(self, t: float) -> bool:
        """A rep on its way back went out of view for longer than the rest of its way back
        would take at the pace it was coming back: that time out of view could hold its end
        (and the start of the next), however brisk the set, so it is :meth:`lost` as after
        ``max_gap_s``, a time that suits a slow set only."""
        last_t, last_value = self._last_t, self._last_value
        if self.phase != "work" or last_t is None or last_value is None:
            return False
        gap, coming_back = t - last_t, last_t - self._t_peak
        came_back = self.threshold.came_back(last_value, self._extreme)
        if gap <= self.threshold.min_gap_s or came_back < self.threshold.returned_share:
            return False
        return gap > coming_back * (1 - came_back) / came_back

    def take_lost(self) -> CountedRep | None:
        """The rep that finished out of view before the latest value, once."""
        rep, self._lost_rep = self._lost_rep, None
        return rep

    def feed(self, t: float, value: float) -> str | CountedRep | None:
        """The value at ``t``; after a gap, :meth:`take_lost` has the rep finished out of view."""
        outcome: str | CountedRep | None = None
        if self._last_t is not None and (
            t - self._last_t > self.threshold.max_gap_s or self._return_hidden(t)
        ):
            outcome = self.lost()
            if isinstance(outcome, CountedRep):
                self._lost_rep, outcome = outcome, None
        self._last_t, self._last_value = t, value
        if self.threshold.at_start(value):
            self._start_band_at = t
        step = self._rest(t, value) if self.phase == "rest" else self._work(t, value)
        return step if step is not None else outcome

    def _rest(self, t: float, value: float) -> str | None:
        threshold = self.threshold
        if self._rest_since is None:
            if not threshold.exited(value):
                return None  # not armed until the start position has been seen
            self._rest_since = t
        if threshold.exited(value):
            self._moving_since = None
        elif self._moving_since is None:
            self._moving_since = t
            # a brisk set may turn back before reaching the start band: its cycle then runs
            # from the last rep's end, not from an old visit to the band
            band, ended = self._start_band_at, self._rest_since
            stale = band is not None and ended is not None and band < ended
            self._left_band_at, self._turned_at = (None, ended) if stale else (band, None)
        if threshold.entered(value) and t - self._rest_since >= threshold.min_rest_s:
            self.phase, self._work_since = "work", self._moving_since or t
            self._extreme, self._t_peak = value, t
            return "work"
        return None

    def _work(self, t: float, value: float) -> str | CountedRep | None:
        threshold = self.threshold
        if threshold.beyond(value, self._extreme):
            self._extreme, self._t_peak = value, t
        if not threshold.exited(value):
            return None
        started = self._work_since if self._work_since is not None else t
        self.phase, self._rest_since, self._moving_since = "rest", t, None
        if t - started < threshold.min_work_s:
            return "rest"
        if self._left_band_at is None and self._turned_at is not None:
            cycle = t - self._turned_at  # from one turn between reps to the next
        else:
            left = self._left_band_at if self._left_band_at is not None else started
            cycle = (t - left) + (started - left)
        return CountedRep(started, self._t_peak, t, self._extreme, cycle_s=cycle)
