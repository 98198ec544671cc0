"""Rep counting as a sans-IO state machine: fed one smoothed value at a time, it says when a
movement starts and when a rep is complete.

A rep is a trip away from the start position and back: the signal crosses ``enter`` (leaving
``rest`` for ``work``), reaches an extreme, and crosses back over ``exit``. The gap between the
two thresholds (hysteresis) ignores jitter around either one; minimum phase durations ignore
blips, and a frame gap longer than ``max_gap_s`` abandons a half-done rep instead of counting
it. A clip that begins at the far end of a rep counts that rep when it returns; one that
begins between the two thresholds waits for the start position before counting.
"""

from __future__ import annotations

import math
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


@dataclass(frozen=True)
class Threshold:
    enter: float
    exit: float
    rising: bool
    """True when the work phase is the signal going up (hips rising), False when down (squat)."""
    min_work_s: float = 0.25
    min_rest_s: float = 0.15
    max_gap_s: float = 1.0

    def entered(self, value: float) -> bool:
        return value >= self.enter if self.rising else value <= self.enter

    def exited(self, value: float) -> bool:
        return value < self.exit if self.rising else value > self.exit

    def beyond(self, value: float, extreme: float) -> bool:
        return value > extreme if self.rising else value < extreme


@dataclass
class CountedRep:
    t_start: float
    """When the signal left the start position (crossed ``exit`` on its way to ``enter``)."""
    t_peak: float
    t_end: float
    extreme: float
    whole: bool = True
    """False for a rep cut by the start or the end of the clip: its duration is not its tempo."""


@dataclass
class RepCounter:
    """Counts reps on one signal; :meth:`feed` returns ``"work"``, ``"rest"``, a
    :class:`CountedRep`, or None when nothing changed."""

    threshold: Threshold
    phase: str = "rest"
    _rest_since: float | None = None
    _work_since: float | None = None
    _moving_since: float | None = None
    _seen: bool = False
    _cut: bool = False
    _extreme: float = 0.0
    _t_peak: float = 0.0
    _last_t: float | None = None

    def finish(self, typical_peak: float | None, reached: float = 0.6) -> CountedRep | None:
        """The stream ended: a movement still out at its far end counts as a rep if it went at
        least ``reached`` of the way from ``exit`` to a typical peak (the clip stopped before
        the return, not before the rep)."""
        if self.phase != "work" or self._work_since is None or self._last_t is None:
            return None
        if self._last_t - self._work_since < self.threshold.min_work_s:
            return None
        peak = typical_peak if typical_peak is not None else self._extreme
        span = peak - self.threshold.exit
        if span == 0 or (self._extreme - self.threshold.exit) / span < reached:
            return None
        self.phase = "rest"
        return CountedRep(self._work_since, self._t_peak, self._last_t, self._extreme, whole=False)

    @property
    def work_started(self) -> float | None:
        """When the current movement left the start position."""
        return self._work_since

    def feed(self, t: float, value: float) -> str | CountedRep | None:
        gap = self._last_t is not None and t - self._last_t > self.threshold.max_gap_s
        self._last_t = t
        if gap:
            self._moving_since = None
            if self.phase == "work":
                self.phase, self._work_since, self._rest_since = "rest", None, None
                return "rest"
            self._rest_since = None
        first = not self._seen
        self._seen = True
        if first and self.threshold.entered(value):
            # The clip starts at the far end of a rep: it counts once it returns.
            self.phase, self._work_since, self._extreme, self._t_peak = "work", t, value, t
            self._cut = True
            return "work"
        if self.phase == "rest":
            if self._rest_since is None:
                if not self.threshold.exited(value):
                    return None  # not armed until the start position has been seen
                self._rest_since = t
            if self.threshold.exited(value):
                self._moving_since = None
            elif self._moving_since is None:
                self._moving_since = t
            if self.threshold.entered(value) and t - self._rest_since >= self.threshold.min_rest_s:
                self.phase, self._work_since = "work", self._moving_since or t
                self._extreme, self._t_peak = value, t
                return "work"
            return None
        if self.threshold.beyond(value, self._extreme):
            self._extreme, self._t_peak = value, t
        if self.threshold.exited(value):
            started = self._work_since if self._work_since is not None else t
            self.phase, self._rest_since, self._moving_since = "rest", t, None
            cut, self._cut = self._cut, False
            if t - started >= self.threshold.min_work_s:
                return CountedRep(started, self._t_peak, t, self._extreme, whole=not cut)
            return "rest"
        return None
