"""How well does the camera coach count? Exact-count rate, mean absolute error and off-by-one
rate over the real dev recordings and a synthetic set, plus analysis time per frame.

Run: .venv/bin/python bench/vision_accuracy.py [path/to/shared/data/vision/dev]
"""

from __future__ import annotations

import gzip
import itertools
import json
import sys
import time
from pathlib import Path

from backbridge.catalog import load_catalog
from backbridge.vision.exercises import analysis_for, camera_exercises
from backbridge.vision.landmarks import Frame, parse
from backbridge.vision.synthetic import Scenario, generate

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "vision" / "dev"
DEV_EXERCISES = {
    "bridge_darebee.json.gz": "bridge",
    "side_leg_raise_darebee.json.gz": "standing-hip-abduction",
    "lunge_knee_drive_darebee.json.gz": "reverse-lunge",
    "squat_darebee.json.gz": "squat",
    "donkey_kick_darebee.json.gz": "quadruped-hip-extension",
    "clamshell_banded_loop8.json.gz": "banded-clamshell",
}
SIDED = {"single-leg-bridge", "clamshell", "banded-clamshell", "side-plank-clamshell",
         "quadruped-hip-extension", "standing-hip-extension"}  # fmt: skip


def count(slug: str, frames: list[Frame], timings: list[float]) -> int:
    analysis = analysis_for(CATALOG, slug)
    for frame in frames:
        started = time.perf_counter()
        analysis.feed(frame)
        timings.append(time.perf_counter() - started)
    analysis.finish()
    if not analysis.reps and any("cannot see" in n.text for n in analysis.notices):
        return -1  # the analysis said where to put the camera instead of guessing
    return analysis.snapshot.reps


def summarise(name: str, results: list[tuple[str, int, int]]) -> None:
    told = [label for label, got, _ in results if got == -1]
    results = [r for r in results if r[1] != -1]
    if told:
        print(f"{name}: {len(told)} sequences seen from where the movement cannot be measured: "
              "no count, the user is told where to put the camera")  # fmt: skip
    if not results:
        print(f"{name}: no sequences")
        return
    errors = [abs(got - want) for _, got, want in results]
    exact = sum(e == 0 for e in errors) / len(errors)
    off_by_one = sum(e == 1 for e in errors) / len(errors)
    mae = sum(errors) / len(errors)
    print(f"{name}: {len(results)} sequences  exact {exact:6.1%}  off-by-one {off_by_one:6.1%}  "
          f"MAE {mae:.3f} reps")  # fmt: skip
    for label, got, want in results:
        if got != want:
            print(f"   miss: {label}: counted {got}, expected {want}")


def main() -> None:
    dev = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    timings: list[float] = []
    real = []
    if (dev / "labels.json").exists():
        labels = json.loads((dev / "labels.json").read_text())
        for name, slug in DEV_EXERCISES.items():
            frames = parse(json.loads(gzip.decompress((dev / name).read_bytes())), name).frames
            real.append((name, count(slug, frames, timings), labels[name]["reps"]))
    summarise("dev recordings", real)

    synthetic = []
    views = (0, 45, 90, 180)
    options: tuple[dict[str, object], ...] = (
        {},
        {"noise": 0.005},
        {"drop_rate": 0.1},
        {"partial_start": True, "partial_end": True},
        {"second_person": True},
        {"rep_seconds": 1.6, "rest_seconds": 0.4},
    )
    for exercise, yaw, extra, seed in itertools.product(
        camera_exercises(CATALOG), views, options, (1, 2)
    ):
        side = (
            "alternate"
            if exercise.slug == "squat-hip-extension"
            else ("right" if seed == 2 else "left")
        )
        scenario = Scenario(exercise.slug, reps=6, yaw=yaw, seed=seed, side=side, **extra)  # type: ignore[arg-type]
        clip = generate(scenario)
        synthetic.append(
            (
                f"{exercise.slug} yaw {yaw} {extra} seed {seed}",
                count(exercise.slug, clip.frames, timings),
                clip.expected_reps,
            )
        )
    summarise("synthetic", synthetic)
    timings.sort()
    mean = sum(timings) / len(timings) * 1000
    p99 = timings[int(len(timings) * 0.99)] * 1000
    print(f"analysis per frame: mean {mean:.3f} ms, p99 {p99:.3f} ms over {len(timings)} frames")


CATALOG = load_catalog()

if __name__ == "__main__":
    main()
