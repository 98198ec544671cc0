"""Adaptive counting's range: when it is known, and what jitter does to it."""

from __future__ import annotations

import math

from backbridge.vision.adaptive import RANGE_SETTLE_S, AdaptiveRange
from backbridge.vision.counting import Threshold

FPS = 30
FLOOR = 0.12


def fresh() -> AdaptiveRange:
    return AdaptiveRange(FLOOR, Threshold(enter=0.6, exit=0.35, rising=True))


def rep(t: float, start: float, height: float = 0.4, seconds: float = 1.5) -> float:
    """A rep of ``height`` from ``start`` s (half a sine wave up and back), else 0."""
    into = (t - start) / seconds
    return height * math.sin(math.pi * into) if 0 <= into <= 1 else 0.0


def test_the_range_is_known_once_the_first_rep_has_come_back() -> None:
    """Wide enough halfway up the first rep, the range still waits for its far end: then every
    frame kept so far is handed over, placed in the whole range."""
    adaptive = fresh()
    handed: list[tuple[float, float]] = []
    ready_at = None
    for n in range(6 * FPS):
        t = n / FPS
        handed += adaptive.place(t, rep(t, start=2.0))
        if adaptive.ready and ready_at is None:
            ready_at = t
    assert ready_at is not None and 2.75 < ready_at < 3.5  # on the way down, not up
    assert handed[0][0] == 0.0, "the frames before it are handed over too"
    assert max(place for _, place in handed) > 0.95, "placed in the range with its far end"


def test_jitter_alone_does_not_start_counting() -> None:
    """A still signal whose jitter spans more than the floor: no range to count in, and no
    placements; the same span as a clean rep starts it."""
    jittery = fresh()
    for n in range(6 * FPS):
        value = 0.08 * (1 if n % 2 else -1)  # 0.16 wide, every frame a jump
        assert jittery.place(n / FPS, value) == []
    assert jittery.range.span > FLOOR and not jittery.ever_ready
    assert jittery.ready_floor() > FLOOR

    clean = fresh()
    for n in range(6 * FPS):
        clean.place(n / FPS, rep(n / FPS, start=RANGE_SETTLE_S + 0.5, height=0.16))
    assert clean.ever_ready


def test_once_counting_the_floor_alone_decides() -> None:
    """After the first rep, a jittery rest keeps being placed in the range (or at the start
    position once the range shrinks under the floor); jitter never switches counting off."""
    adaptive = fresh()
    for n in range(4 * FPS):
        adaptive.place(n / FPS, rep(n / FPS, start=1.6))
    assert adaptive.ready
    for n in range(4 * FPS, 6 * FPS):
        placed = adaptive.place(n / FPS, 0.02 * (1 if n % 2 else -1))
        assert len(placed) == 1 and placed[0][1] < 0.35
    assert adaptive.ready
