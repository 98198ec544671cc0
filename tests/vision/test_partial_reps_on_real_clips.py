"""The partial-rep rule on a real clip that starts mid-rep: the rep whose start was not filmed is
the only one not counted, and the same clip with that start filmed counts it."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from backbridge.catalog import Catalog
from backbridge.vision.exercises.squat import LungeModel
from backbridge.vision.landmarks import Frame
from tests.vision.test_analysis import run
from tests.vision.test_faults_on_real_clips import frames_of

LUNGE = "lunge_knee_drive_darebee.json.gz"


def hip_drops(frames: list[Frame]) -> list[float]:
    model = LungeModel()
    drops = []
    for frame in frames:
        measures = model.measure(frame.people[0], frame.aspect, frame.t)
        assert measures is not None
        drops.append(measures["hip_drop"])
    return drops


def with_its_start_filmed(frames: list[Frame], lead_s: float = 0.5) -> list[Frame]:
    """The clip with the first lunge's missing start put before it: the clip's own middle
    descent, from ``lead_s`` before its knee-drive top (the start position, hips highest) down
    to where the hips stand in the clip's first frame, then the clip from its second frame (the
    first is the detector's first guess, its back ankle 0.08 image widths off the next)."""
    drops = hip_drops(frames)
    dt = frames[1].t - frames[0].t
    middle = len(frames) // 2
    top = min(range(middle - 20, middle + 20), key=drops.__getitem__)
    reached = next(i for i in range(top, len(frames)) if drops[i] >= drops[1])
    start = frames[top - round(lead_s / dt) : reached]
    lead = len(start) * dt
    return [replace(f, t=i * dt) for i, f in enumerate(start)] + [
        replace(f, t=f.t + lead) for f in frames[1:]
    ]


def test_a_lunge_set_filmed_from_mid_rep_loses_only_the_rep_already_under_way(
    catalog: Catalog,
) -> None:
    """The clip (labelled 12) opens 0.29 s before the first lunge's bottom, the hips already
    75-85 % of the way down (0.85 of the counting range as the counter first reads it, 0.76
    of the range the clip ends with, 0.73 of the clip's whole span), after a descent that takes
    0.75-0.92 s in the other reps: that lunge's start position was never filmed, so the rule
    does not count it. The 11 reps it does count follow each other every 1.38-1.50 s up to 3
    frames before the end, so none is lost elsewhere; given the missing start, the same
    landmarks count 12."""
    frames = frames_of(LUNGE)
    result = run(catalog, "reverse-lunge", frames)
    assert result["reps"] == 11
    starts = [rep["t_start"] for rep in result["reps_detail"]]
    assert all(1.3 < later - earlier < 1.6 for earlier, later in pairwise(starts))
    drops = hip_drops(frames)
    deepest, highest = max(drops), min(drops)
    assert (drops[0] - highest) / (deepest - highest) > 0.6  # past `enter` at frame 0
    assert result["reps_detail"][0]["t_start"] > 1.0  # the rep under way at frame 0 is not one

    filmed = run(catalog, "reverse-lunge", with_its_start_filmed(frames))
    assert filmed["reps"] == 12
    assert filmed["reps_by_side"] == {"left": 0, "right": 12}
    assert not any(phase["phase"] == "cut" for phase in filmed["phases"])
