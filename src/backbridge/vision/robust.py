"""Robust statistics for a rep's measures: a rep is judged on what most of its frames show, not
on its single worst frame (one frame after a cut, or a detector's slip, must not decide it)."""

from __future__ import annotations

from collections.abc import Sequence


def quantile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0-1) of the values, interpolated between the nearest two."""
    if not values:
        raise ValueError("quantile of no values")
    ordered = sorted(values)
    place = q * (len(ordered) - 1)
    below = int(place)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (place - below)


def far_end(
    samples: Sequence[tuple[float, dict[str, float]]], signal: str, share: float = 0.3
) -> list[dict[str, float]]:
    """The frames of a rep at its far end: those whose ``signal`` is within ``share`` of the
    rep's excursion from its highest value. What a rep held there is what it is judged on."""
    values = [m[signal] for _, m in samples]
    low, high = min(values), max(values)
    return [m for _, m in samples if m[signal] >= high - share * (high - low)]


def start(samples: Sequence[tuple[float, dict[str, float]]], key: str) -> float:
    """Where a measure stood as the rep began: the median of its first eighth of frames."""
    first = [m[key] for _, m in samples[: max(1, len(samples) // 8)] if key in m]
    return quantile(first, 0.5) if first else 0.0


def held_change(
    samples: Sequence[tuple[float, dict[str, float]]],
    top: Sequence[dict[str, float]],
    key: str,
) -> float | None:
    """How far a measure moved from where it stood as the rep began to what a quarter of the
    far-end frames ``top`` held (:data:`HIGH`); None when it was not measured in at least half
    of them or not at the start (a view that sees it only now and then says nothing)."""
    held = [m[key] for m in top if key in m]
    if not held or len(held) * 2 < len(top) or key not in samples[0][1]:
        return None
    return quantile(held, HIGH) - start(samples, key)


def travel_time(samples: Sequence[tuple[float, dict[str, float]]], signal: str) -> float:
    """Seconds the signal took to go from 10 % to 90 % of its rise to the rep's highest value."""
    values = [m[signal] for _, m in samples]
    top = max(range(len(values)), key=values.__getitem__)
    low = min(values[: top + 1])
    span = values[top] - low
    if span <= 0:
        return 0.0
    begin = next(t for t, m in samples if m[signal] >= low + 0.1 * span)
    end = next(t for t, m in samples if m[signal] >= low + 0.9 * span)
    return end - begin


HIGH = 0.75
LOW = 0.25
"""The quantiles a rep's far-end frames are judged on, for a measure with an upper limit
(``HIGH``) or a lower one (``LOW``): what a quarter of them reached, so a fault must be held,
not flicker through one frame."""
