"""The rep counter and the geometry under it."""

from __future__ import annotations

import math

import pytest

from backbridge.vision import geometry as g
from backbridge.vision.counting import CountedRep, RepCounter, RobustRange, Smoother, Threshold


def feed(counter: RepCounter, values: list[float], fps: float = 10) -> list[CountedRep]:
    reps = []
    for n, value in enumerate(values):
        outcome = counter.feed(n / fps, value)
        if isinstance(outcome, CountedRep):
            reps.append(outcome)
    return reps


def test_hysteresis_ignores_jitter_around_a_threshold() -> None:
    counter = RepCounter(Threshold(enter=160, exit=150, rising=True))
    wobble = (
        [140] * 5
        + [158, 161, 159, 161, 160, 162, 170, 175, 170, 155, 152, 151, 149, 140]
        + [140] * 5
    )
    (rep,) = feed(counter, wobble)
    assert rep.extreme == 175
    assert rep.t_start == pytest.approx(0.5)  # when the value left the start position


def test_blips_shorter_than_the_minimum_do_not_count() -> None:
    counter = RepCounter(Threshold(enter=160, exit=150, rising=True, min_work_s=0.3))
    assert feed(counter, [140] * 5 + [170, 145] + [140] * 5) == []


def test_falling_signals_count_too() -> None:
    counter = RepCounter(Threshold(enter=0.3, exit=0.8, rising=False))
    values = ([1.0] * 5 + [0.5, 0.2, 0.1, 0.2, 0.6, 0.9]) * 3
    assert len(feed(counter, values)) == 3


def test_a_clip_starting_at_the_far_end_does_not_count_that_rep() -> None:
    counter = RepCounter(Threshold(enter=160, exit=150, rising=True))
    reps = feed(counter, [175, 176, 174, 170, 145, 140, 140, 165, 170, 172, 170, 140, 140])
    assert [rep.extreme for rep in reps] == [172]


def test_a_rep_lost_from_view_on_its_way_back_counts_once_seen_returning() -> None:
    counter = RepCounter(Threshold(enter=160, exit=150, rising=True))
    values = [140] * 5 + [165, 175, 170, 162]  # up, then lost on the way back
    reps = feed(counter, values)
    assert reps == []
    assert counter.feed(3.0, 166) == "work"  # back in view (2 s later) already moving out
    lost = counter.take_lost()
    assert lost is not None and lost.extreme == 175 and not lost.whole


def test_a_rep_lost_before_it_turned_back_is_abandoned() -> None:
    counter = RepCounter(Threshold(enter=160, exit=150, rising=True))
    feed(counter, [140] * 5 + [165, 170, 175])
    assert counter.feed(3.0, 140) == "rest" and counter.take_lost() is None


def test_robust_range_ignores_a_short_extreme() -> None:
    window = RobustRange(window_s=10)
    for n in range(100):
        window.add(n / 10, 1.0 if n % 20 < 10 else 0.0)
    window.add(10.0, 50.0)  # one wild frame
    assert window.high == 1.0 and window.low == 0.0
    window.reset()
    assert window.span == 0.0


def test_a_clip_starting_between_the_thresholds_waits_for_the_start_position() -> None:
    counter = RepCounter(Threshold(enter=160, exit=150, rising=True))
    reps = feed(counter, [155, 157, 158, 145, 140, 140, 165, 170, 172, 170, 140, 140])
    assert [rep.extreme for rep in reps] == [172]


def test_smoother_follows_time_not_frames() -> None:
    smoother = Smoother(tau_s=0.1)
    smoother.feed(0.0, 0.0)
    assert smoother.feed(0.1, 1.0) == pytest.approx(1 - math.exp(-1))
    assert smoother.feed(0.1, 5.0) == 5.0  # a repeated timestamp resets rather than divides by zero


def test_geometry() -> None:
    assert g.angle((0, 1), (0, 0), (1, 0)) == pytest.approx(90)
    assert g.angle((0, 1), (0, 0), (0, -1)) == pytest.approx(180)
    assert g.inclination((0, 1), (0, 0)) == pytest.approx(0)  # straight up (image y down)
    assert g.inclination((0, 1), (1, 0)) == pytest.approx(45)
    assert (
        g.signed_lean((0, 1), (-0.1, 0), facing=1.0) > 0
    )  # shoulders behind the hips: leaning back
    assert g.signed_lean((0, 1), (0.1, 0), facing=1.0) < 0
