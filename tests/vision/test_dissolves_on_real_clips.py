"""Real clips cross-dissolved, halfway through, into the same clip seen from a camera turned
further round the person (the landmarks blended from the two views over the dissolve, as an
editor's dissolve between two camera angles looks to the pose model): the reps seen from the
new view count.

The old view's adaptive range (its far end, its start position) stayed in use for up to
:data:`~backbridge.vision.adaptive.RANGE_WINDOW_S` after such a dissolve, since the quick view
check (the trunk's frontality, :class:`~backbridge.vision.views.ViewWatch`) does not see a turn
of an upright body: the new view's smaller excursion stayed under ``enter`` and its reps were
lost, or a start position further out ran two reps together. The trunk's width on screen, over
longer stretches (:class:`~backbridge.vision.views.TurnWatch`), now lets the range start again
from the new view's own movement."""

from __future__ import annotations

import random

import pytest

from backbridge.catalog import Catalog
from backbridge.vision.landmarks import Landmark, Point
from backbridge.vision.views import SLOW_WINDOW_S, TurnWatch
from tests.vision.test_analysis import run
from tests.vision.test_faults_on_real_clips import frames_of
from tests.vision.test_views_on_real_clips import dissolved, steady_depth

SIDE_LEG_RAISE = ("side_leg_raise_darebee.json.gz", "standing-hip-abduction", 7)
DONKEY_KICK = ("donkey_kick_darebee.json.gz", "quadruped-hip-extension", 7)
FIRE_HYDRANT = ("fire_hydrant_circle_fitbod.json.gz", "fire-hydrant", 6)
SQUAT = ("squat_darebee.json.gz", "squat", 8)
SIDE_LYING = ("side_lying_leg_raise_fitbod.json.gz", "side-lying-hip-abduction", 6)
LUNGE = ("lunge_knee_drive_darebee.json.gz", "reverse-lunge", 11)  # 11: its first rep is partial

NOT_YET = {
    (SIDE_LEG_RAISE, 45, 0.33): "5: in the turned view one leg's raise reaches 0.57 of the "
    "range (enter 0.6), which still holds the other leg's larger raise just after the dissolve",
    (SIDE_LEG_RAISE, 45, 0.67): "5: as with the 0.33 s dissolve",
    (DONKEY_KICK, 45, 1.0): "6 (5 before the turn watch): one rep during or just after a "
    "1 s dissolve is still lost",
}


def case(clip: tuple[str, str, int], degrees: float, seconds: float) -> object:
    reason = NOT_YET.get((clip, degrees, seconds))
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(
        *clip, degrees, seconds, marks=marks, id=f"{clip[0][:-8]}{degrees:+g}-{seconds:g}s"
    )


CASES = [
    # before the turn watch: side leg raise +45 5/5/5, donkey kick +45 7/7/5, fire hydrant +45
    # 6/5/5 (the dissolves of 0.33, 0.67 and 1 s)
    *(
        case(clip, 45, s)
        for clip in (SIDE_LEG_RAISE, DONKEY_KICK, FIRE_HYDRANT)
        for s in (0.33, 0.67, 1.0)
    ),
    # before: 4/4 (fire hydrant +60, -30), 4 (side leg raise +60), 6/6 (side leg raise -60), 5
    # (donkey kick -30)
    case(FIRE_HYDRANT, 60, 0.67),
    case(FIRE_HYDRANT, 60, 1.0),
    case(FIRE_HYDRANT, -30, 0.67),
    case(FIRE_HYDRANT, -30, 1.0),
    case(SIDE_LEG_RAISE, 60, 0.33),
    case(SIDE_LEG_RAISE, -60, 0.67),
    case(SIDE_LEG_RAISE, -60, 1.0),
    case(DONKEY_KICK, -30, 1.0),
    # counted right before and after
    *(
        case(clip, d, s)
        for clip in (SQUAT, SIDE_LYING, LUNGE)
        for d in (45, -45)
        for s in (0.33, 1.0)
    ),
]


@pytest.mark.parametrize(("name", "slug", "reps", "degrees", "seconds"), CASES)
def test_a_dissolve_to_a_turned_camera_keeps_the_count(
    catalog: Catalog, name: str, slug: str, reps: int, degrees: float, seconds: float
) -> None:
    frames = steady_depth(frames_of(name))
    fps = (len(frames) - 1) / (frames[-1].t - frames[0].t)
    half = len(frames) // 2
    turned = dissolved(frames, half, True, degrees, length=round(seconds * fps))
    result = run(catalog, slug, turned)
    assert result["reps"] == reps


def _person(width: float) -> tuple[Landmark, ...]:
    """A standing body, its shoulders and hips ``width`` wide on screen (torso 0.3 long)."""
    points = [Landmark(0.5, 0.5, 0.0, 1.0)] * 33
    for point, x, y in (
        (Point.LEFT_SHOULDER, 0.5 + width / 2, 0.3),
        (Point.RIGHT_SHOULDER, 0.5 - width / 2, 0.3),
        (Point.LEFT_HIP, 0.5 + width / 2, 0.6),
        (Point.RIGHT_HIP, 0.5 - width / 2, 0.6),
    ):
        points[point] = Landmark(x, y, 0.0, 1.0)
    return tuple(points)


def test_the_turn_watch_sees_a_step_between_steady_views_once() -> None:
    """A trunk 0.2 wide then 0.12 wide (its width in body lengths 1.33 then 0.8): one turn,
    placed up to a quarter of the compared stretch after the step (its spread has to settle)."""
    watch = TurnWatch()
    said = [
        at
        for index in range(300)
        if (at := watch.feed(index / 30, _person(0.2 if index < 150 else 0.12), 1.0)) is not None
    ]
    assert len(said) == 1 and 5.0 <= said[0] <= 5.0 + SLOW_WINDOW_S / 4 + 0.05


def test_the_turn_watch_ignores_scattered_guesses() -> None:
    """A close-up's guesses, the width jumping about between frames: no step between steady
    views, however far the medians drift."""
    watch = TurnWatch()
    rng = random.Random(1)
    widths = [0.2] * 150 + [rng.uniform(0.02, 0.25) for _ in range(150)]
    assert all(watch.feed(i / 30, _person(w), 1.0) is None for i, w in enumerate(widths))
