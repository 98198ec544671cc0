"""The accuracy bench scores a real clip against its label the way it prints it."""

from __future__ import annotations

import json
from types import ModuleType

import pytest

from backbridge.catalog import Catalog
from tests.conftest import SHARED
from tests.vision.accuracy_bench import accuracy_bench

DEV = SHARED / "data" / "vision" / "dev"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return accuracy_bench()


@pytest.fixture(scope="module")
def labels() -> dict:  # type: ignore[type-arg]
    if not (DEV / "labels.json").exists():
        pytest.skip(f"the dev recordings are not at {DEV}")
    labelled: dict = json.loads((DEV / "labels.json").read_text())  # type: ignore[type-arg]
    return labelled


def test_a_real_clip_is_scored_against_its_label(
    bench: ModuleType,
    labels: dict,  # type: ignore[type-arg]
    catalog: Catalog,
) -> None:
    name = "donkey_kick_darebee.json.gz"
    score = bench.score_clip(DEV, name, labels[name], catalog)
    assert score.exercise == "quadruped-hip-extension"
    assert score.refusal is None
    assert score.true_reps == score.counted == labels[name]["reps"]
    assert score.error == 0
    assert score.true_side == "one" and score.side_ok
    assert sorted(score.by_side.values()) == [0, labels[name]["reps"]]
    assert set(score.faults) <= {cue.id for cue in catalog.exercise(score.exercise).cues}
    assert score.clean is None  # the labels do not say how the clip was performed


def test_an_exercise_the_camera_coach_cannot_watch_is_a_refusal(
    bench: ModuleType, catalog: Catalog
) -> None:
    label = {"exercise": "marching", "reps": 2, "accepted_reps": [2, 3]}
    score = bench.score_clip(DEV, "not-read.json.gz", label, catalog)
    assert score.counted is None and score.error is None and score.refusal


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("one leg throughout", "one"),
        ("left leg (MediaPipe left_*) throughout", "left"),
        ("same leg throughout: right leg (MediaPipe right_*) held up, left foot planted", "left"),
        (None, None),
    ],
)
def test_the_labelled_side_is_the_working_one(bench: ModuleType, text: str, side: str) -> None:
    assert bench.true_side(text) == side


def test_an_accepted_count_is_no_error(bench: ModuleType) -> None:
    score = bench.ClipScore("c", "x", 6, (6, 7), None, None, counted=7)
    assert score.error == 0
    score.counted = 4
    assert score.error == -2
