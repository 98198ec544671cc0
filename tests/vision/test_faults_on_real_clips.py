"""Faults on real people: demonstration clips performed correctly report none of the faults
below, and the same clips with a fault written into their landmarks report it on every rep
(a trunk bent away from the lifting leg; the whole set played three or four times faster:
reps of about 0.4 s, under the half second that EVIDENCE 2.3 (S45) sets as the shortest studied)."""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import replace

import pytest

from backbridge.catalog import Catalog
from backbridge.vision.exercises import analysis_for
from backbridge.vision.landmarks import Frame, Landmark, Point, parse
from tests.vision.test_analysis import DEV, run

UPPER_BODY = frozenset(range(Point.LEFT_HIP))
"""Face, shoulders, arms and hands: everything above the hips."""


def frames_of(name: str) -> list[Frame]:
    if not (DEV / name).exists():
        pytest.skip(f"the dev recordings are not at {DEV}")
    return parse(json.loads(gzip.decompress((DEV / name).read_bytes())), name).frames


def bend_away(frame: Frame, degrees: float) -> Frame:
    """The upper body turned about the mid-hip, away from the lifted leg, up to ``degrees``
    as the ankles part (none with the feet together)."""
    if not frame.people:
        return frame
    person = frame.people[0]
    a = frame.aspect
    hip_x = (person[Point.LEFT_HIP].x + person[Point.RIGHT_HIP].x) / 2 * a
    hip_y = (person[Point.LEFT_HIP].y + person[Point.RIGHT_HIP].y) / 2
    left, right = person[Point.LEFT_ANKLE], person[Point.RIGHT_ANKLE]
    lifted, standing = (left, right) if left.y < right.y else (right, left)
    shoulder_y = (person[Point.LEFT_SHOULDER].y + person[Point.RIGHT_SHOULDER].y) / 2
    gap = math.hypot((left.x - right.x) * a, left.y - right.y) / abs(hip_y - shoulder_y)
    apart = min(1.0, max(0.0, (gap - 0.5) / 1.5))  # feet together 0, leg well out 1
    # away from the lifted leg: the shoulders move to the other side of the image
    turn = math.radians(degrees * apart) * (1 if lifted.x < standing.x else -1)
    moved = []
    for index, point in enumerate(person):
        if index not in UPPER_BODY:
            moved.append(point)
            continue
        dx, dy = point.x * a - hip_x, point.y - hip_y
        x = hip_x + dx * math.cos(turn) - dy * math.sin(turn)
        y = hip_y + dx * math.sin(turn) + dy * math.cos(turn)
        moved.append(Landmark(x / a, y, point.z, point.visibility))
    return replace(frame, people=(tuple(moved),))


def test_a_high_side_leg_raise_is_not_a_lean_and_a_written_in_lean_is(catalog: Catalog) -> None:
    """The demonstration tilts its pelvis to lift the leg above horizontal, and the trunk
    follows the pelvis: that is no sideways bend. Bent 35 degrees away at the top (the clip
    itself bends 5-16 degrees towards the leg), every rep is."""
    frames = frames_of("side_leg_raise_darebee.json.gz")
    clean = run(catalog, "standing-hip-abduction", frames)
    assert "stand-tall" not in {fault["cue"] for fault in clean["faults"]}
    leaning = run(catalog, "standing-hip-abduction", [bend_away(f, 35) for f in frames])
    assert leaning["reps"] == clean["reps"]
    assert all("stand-tall" in rep["faults"] for rep in leaning["reps_detail"])


@pytest.mark.parametrize(
    ("name", "slug", "faster"),
    [
        ("squat_darebee.json.gz", "squat", 4),  # 1.7 s a rep, played at about 0.4 s
        ("donkey_kick_darebee.json.gz", "quadruped-hip-extension", 3),  # 1.4 s, then 0.47 s
    ],
)
def test_a_brisk_set_is_not_rushed_and_a_bouncing_one_is(
    catalog: Catalog, name: str, slug: str, faster: int
) -> None:
    frames = frames_of(name)
    clean = run(catalog, slug, frames)
    assert "slow-tempo" not in {fault["cue"] for fault in clean["faults"]}
    fast = analysis_for(catalog, slug)
    for frame in frames:
        fast.feed(replace(frame, t=frame.t / faster))
    fast.finish()
    assert len(fast.reps) == clean["reps"]
    whole = [rep for rep in fast.reps if "rep_seconds" in rep.angles]  # seen start to end
    assert whole and all("slow-tempo" in rep.faults for rep in whole)
