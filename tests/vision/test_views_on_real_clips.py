"""Real clips seen from elsewhere: the same landmarks turned about the body's vertical axis (with
the pose model's own depth estimate), as if the camera had been put somewhere else, or shrunk
with pixel jitter, as if it were far away. Where the movement is then too small on screen to
count, the coach says so and where to put the camera, and reports no count rather than zero; a
camera turned 45 degrees mid-set is a cut that re-baselines the count; a small, jittery body
is no cut."""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import replace

import pytest

from backbridge.catalog import Catalog
from backbridge.vision.events import Notice
from backbridge.vision.exercises import analysis_for
from backbridge.vision.landmarks import Frame, Landmark, Point
from backbridge.vision.report import report
from backbridge.vision.synthetic_camera import blend
from tests.vision.test_analysis import run
from tests.vision.test_faults_on_real_clips import frames_of


def turned(frame: Frame, degrees: float) -> Frame:
    """The camera moved ``degrees`` round the person (about the vertical through the mid-hip):
    each point's image x mixes its x and its depth ``z`` (same scale as x)."""
    if not frame.people:
        return frame
    person, a = frame.people[0], frame.aspect
    centre = (person[Point.LEFT_HIP].x + person[Point.RIGHT_HIP].x) / 2 * a
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    moved = tuple(
        Landmark((centre + (p.x * a - centre) * cos + p.z * a * sin) / a, p.y, p.z, p.visibility)
        for p in person
    )
    return replace(frame, people=(moved,))


def test_a_donkey_kick_filmed_from_behind_is_refused_in_words(catalog: Catalog) -> None:
    """The side-view dev clip (7 reps) seen from behind: the leg moving back goes towards the
    camera, its range on screen stays under the floor, and the count is refused, live."""
    frames = frames_of("donkey_kick_darebee.json.gz")
    analysis = analysis_for(catalog, "quadruped-hip-extension")
    said: list[Notice] = []
    for frame in frames:
        said += [e for e in analysis.feed(turned(frame, 90)) if isinstance(e, Notice)]
    analysis.finish()
    assert analysis.refused
    assert said and said[0].t < frames[-1].t  # said while watching, not only at the end
    assert "cannot see this movement well from here: put it at your side" in said[0].text
    document = report(analysis)
    assert document["reps"] == 0 and document["reps_detail"] == []
    assert any("cannot see" in w for w in document["warnings"])


def test_the_same_clip_from_its_own_side_is_counted(catalog: Catalog) -> None:
    analysis = analysis_for(catalog, "quadruped-hip-extension")
    for frame in frames_of("donkey_kick_darebee.json.gz"):
        analysis.feed(turned(frame, 0))
    analysis.finish()
    assert not analysis.refused and len(analysis.reps) == 7
    assert not any("cannot see" in n.text for n in analysis.notices)


def test_a_fire_hydrant_filmed_end_on_is_refused_not_zero(catalog: Catalog) -> None:
    """Both views of the dev clip turned a further 90 degrees: nothing counts, and it says so."""
    analysis = analysis_for(catalog, "fire-hydrant")
    for frame in frames_of("fire_hydrant_circle_fitbod.json.gz"):
        analysis.feed(turned(frame, 90))
    analysis.finish()
    assert analysis.refused
    assert any("put it behind you or at your side" in n.text for n in analysis.notices)


def steady_depth(frames: list[Frame], half: int = 3) -> list[Frame]:
    """Each point's depth as the median of the frames around it: the pose model's depth jitters
    far more than its x and y, and turned into x it would jitter the way no camera does."""
    out = []
    for index, frame in enumerate(frames):
        near = [f.people[0] for f in frames[max(0, index - half) : index + half + 1] if f.people]
        if not frame.people:
            out.append(frame)
            continue
        person = tuple(
            Landmark(p.x, p.y, statistics.median(q[n].z for q in near), p.visibility)
            for n, p in enumerate(frame.people[0])
        )
        out.append(replace(frame, people=(person,)))
    return out


def far_away(frame: Frame, size: float, jitter: float, rng: random.Random) -> Frame:
    """The person at ``size`` of their size on screen, about the image's centre, each point
    jittered by ``jitter`` of the image (a small body's landmarks are a few pixels apart)."""
    if not frame.people:
        return frame
    person = tuple(
        Landmark(
            0.5 + (p.x - 0.5) * size + rng.gauss(0, jitter),
            0.5 + (p.y - 0.5) * size + rng.gauss(0, jitter),
            p.z * size,
            p.visibility,
        )
        for p in frame.people[0]
    )
    return replace(frame, people=(person,))


FAR_AWAY = [
    # clip, exercise, reps; before the cut test was relative to noise, the fire hydrant counted
    # 0 (66 cuts on jitter) and the side-lying leg raise 2 (23 cuts) at this size
    ("donkey_kick_darebee.json.gz", "quadruped-hip-extension", 7),
    ("fire_hydrant_circle_fitbod.json.gz", "fire-hydrant", 6),
    ("side_lying_leg_raise_fitbod.json.gz", "side-lying-hip-abduction", 6),
    ("side_leg_raise_darebee.json.gz", "standing-hip-abduction", 7),
    ("clamshell_banded_loop8.json.gz", "banded-clamshell", 8),
    # the squat counted 7: a standing person read as 0.2-0.3 of the way down (the highest of
    # many jittered heights, a knee angle that jitters only below straight), so two reps ran
    # together; standing is now what most recent frames held
    ("squat_darebee.json.gz", "squat", 8),
]


@pytest.mark.parametrize(("name", "slug", "reps"), FAR_AWAY)
def test_a_small_jittery_body_is_no_camera_cut(
    catalog: Catalog, name: str, slug: str, reps: int
) -> None:
    """At 15 % of its size (a person about 100 pixels tall in a 720p image) with landmarks
    jittering by 0.2 % of the image, the count and the cuts are the clip's own."""
    frames = frames_of(name)
    rng = random.Random(1)
    own = [p["t_start"] for p in run(catalog, slug, frames)["phases"] if p["phase"] == "cut"]
    result = run(catalog, slug, [far_away(f, 0.15, 0.002, rng) for f in frames])
    assert result["reps"] == reps
    cuts = [p["t_start"] for p in result["phases"] if p["phase"] == "cut"]
    assert len(cuts) == len(own)


@pytest.mark.parametrize("size", [0.3, 0.15])
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_jitter_before_the_first_rep_is_not_counted(
    catalog: Catalog, size: float, seed: int
) -> None:
    """The single-leg bridge clip at 30 % and 15 % of its size with 0.2 % jitter: lying down,
    hugging a knee and lifting the leg before the first bridge move the hips a little. Read
    against a range cut short (it became wide enough halfway up the first bridge), that movement
    and the jitter were counted: 7-8 for 6 on most seeds at 30 %. The range is now known only
    once the first bridge has come back down, so it holds the bridge's top; and at 15 % the
    jitter alone widened the range past its floor before any bridge (8 for 6 on seeds 2 and 3),
    so counting now starts in a range that is wide for the jitter too."""
    frames = frames_of("single_leg_bridge_fitbod.json.gz")
    rng = random.Random(seed)
    result = run(catalog, "single-leg-bridge", [far_away(f, size, 0.002, rng) for f in frames])
    assert result["reps"] == 6
    assert result["reps_by_side"] == {"left": 6, "right": 0}


SWITCHED = [
    (name, slug, degrees)
    for name, slug in (
        ("squat_darebee.json.gz", "squat"),
        ("goblet_squat_single_rep.json.gz", "squat"),
        ("lunge_knee_drive_darebee.json.gz", "reverse-lunge"),
        ("donkey_kick_darebee.json.gz", "quadruped-hip-extension"),
        ("fire_hydrant_circle_fitbod.json.gz", "fire-hydrant"),
    )
    for degrees in (45, -45)
] + [
    ("side_leg_raise_darebee.json.gz", "standing-hip-abduction", 45),
    ("clamshell_banded_loop8.json.gz", "banded-clamshell", -45),
]
"""12 of the 16 switches of these eight clips (bridges turned cannot be measured at all).
Three turn a flat front view the other way (side leg raise -45, clamshell +45, side-lying leg
raise -45): the outline mostly narrows, six key points move 0.06-0.10 body lengths, under the
cut's 0.15, and they are not seen. The side-lying leg raise turned +45 is seen, but its lying
body's turned depth then jitters into two more cuts and two changes of view."""


@pytest.mark.parametrize(("name", "slug", "degrees"), SWITCHED)
def test_a_camera_turned_45_degrees_mid_set_is_a_cut_where_it_happens(
    catalog: Catalog, name: str, slug: str, degrees: float
) -> None:
    """Halfway through, the rest of the clip seen from a camera 45 degrees further round: the
    body neither jumps in size nor in place (the old test saw nothing), but its outline
    steps; that step, and nothing else, is reported as a cut."""
    frames = steady_depth(frames_of(name))
    half = len(frames) // 2
    switched = frames[:half] + [turned(f, degrees) for f in frames[half:]]
    cuts = [p["t_start"] for p in run(catalog, slug, switched)["phases"] if p["phase"] == "cut"]
    assert cuts and abs(cuts[0] - frames[half].t) < 0.05
    assert len(cuts) == 1


@pytest.mark.parametrize(
    ("name", "slug", "degrees", "accepted"),
    [
        # 8 without the re-baseline
        ("donkey_kick_darebee.json.gz", "quadruped-hip-extension", -45, {7}),
        # 3 without it: the side view's range is far smaller once turned, and the front view's
        # range hid its reps for 8 seconds; turned, a circle's return reads as a second lift once
        ("fire_hydrant_circle_fitbod.json.gz", "fire-hydrant", 45, {6, 7}),
    ],
)
def test_the_turn_re_baselines_the_count(
    catalog: Catalog, name: str, slug: str, degrees: float, accepted: set[int]
) -> None:
    frames = steady_depth(frames_of(name))
    half = len(frames) // 2
    switched = frames[:half] + [turned(f, degrees) for f in frames[half:]]
    assert run(catalog, slug, switched)["reps"] in accepted


def dissolved(
    frames: list[Frame], at: int, into: bool, degrees: float, length: int = 10
) -> list[Frame]:
    """An editor's cross-dissolve at frame ``at`` (over ``length`` frames, a third of a second)
    between the clip as filmed and the clip seen from a camera ``degrees`` further round: into
    the turned view, or out of it."""
    out = []
    for index, frame in enumerate(frames):
        if not frame.people:
            out.append(frame)
            continue
        weight = min(1.0, max(0.0, (index - at) / length))
        filmed, other = frame.people[0], turned(frame, degrees).people[0]
        first, second = (filmed, other) if into else (other, filmed)
        out.append(replace(frame, people=(blend(first, second, weight),)))
    return out


@pytest.mark.parametrize(("into", "reps"), [(True, 3), (False, 2)])
def test_a_dissolve_into_or_out_of_an_end_on_view_counts_the_side_views_reps(
    catalog: Catalog, into: bool, reps: int
) -> None:
    """The side-view bridge (5 reps, rests at 1.4-2.3, 3.3-4.2, 5.3-6.1 and 7.3-8.1 s)
    dissolved, in the rest after its third rep, into its own view from the feet (end-on: the
    hip angle cannot be read), or out of it: the reps seen from the side count, none is
    guessed in the end-on view, the coach says where to put the camera, and the set is counted,
    not refused."""
    frames = steady_depth(frames_of("bridge_darebee.json.gz"))
    at = 134  # 5.59 s
    analysis = analysis_for(catalog, "bridge")
    for frame in dissolved(frames, at, into, 90):
        analysis.feed(frame)
    analysis.finish()
    assert len(analysis.reps) == reps and not analysis.refused
    assert all((rep.t_end < frames[at].t) == into for rep in analysis.reps)
    assert any("cannot see this movement well from here" in n.text for n in analysis.notices)
