"""How fast is the camera coach? Per-stage latency and end-to-end frames per second.

    .venv/bin/python bench/vision_speed.py [VIDEO] [--exercise SLUG] [--frames N]

For each of 640×480 and 1280×720 the clip is written as an MP4 of that size, then read back the
way ``backbridge analyze --annotate`` reads it, timing each stage of every frame: decode
(OpenCV), pose (MediaPipe, BGR→RGB included), analysis (``Analysis.feed``) and overlay
(``overlay.draw``). With VIDEO, that video is scaled to each size; without, a clip is drawn in
code: a filled human-like figure doing squats in side view (MediaPipe finds it, but it is not a
person on a camera). Pose time depends on whether a person is tracked, so the share of frames with
a person is printed too. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from backbridge.capture import overlay, sources
from backbridge.catalog import load_catalog
from backbridge.vision.exercises import analysis_for
from backbridge.vision.landmarks import Frame

SIZES = [(640, 480), (1280, 720)]
FPS = 30.0
WARM_UP_FRAMES = 10
"""Left out of the figures: the first frames load the models."""

Image = np.ndarray


def figure(t: float, width: int, height: int) -> Image:
    """A side-view figure squatting every 2.5 s, drawn as filled limbs on a plain room."""
    image = np.full((height, width, 3), (200, 210, 215), np.uint8)
    cv2.rectangle(image, (0, int(height * 0.86)), (width, height), (120, 130, 140), -1)
    depth = (1 - math.cos(2 * math.pi * t / 2.5)) / 2  # 0 standing, 1 at the bottom
    unit = height / 9.0  # about a ninth of the image per thigh
    ankle = np.array([width * 0.5, height * 0.84])
    shin_lean = math.radians(5 + 30 * depth)
    knee = ankle + unit * 1.9 * np.array([math.sin(shin_lean), -math.cos(shin_lean)])
    thigh = math.radians(5 + 85 * depth)
    hip = knee + unit * 1.9 * np.array([-math.sin(thigh), -math.cos(thigh)])
    trunk = math.radians(8 + 35 * depth)
    shoulder = hip + unit * 2.4 * np.array([math.sin(trunk), -math.cos(trunk)])
    head = shoulder + unit * 0.75 * np.array([math.sin(trunk) + 0.15, -math.cos(trunk)])
    reach = math.radians(60 + 30 * depth)
    elbow = shoulder + unit * 1.1 * np.array([math.sin(reach), math.cos(reach)])
    wrist = elbow + unit * 1.0 * np.array([1.0, -0.05])
    toe = ankle + np.array([unit * 0.9, 0.0])

    def p(point: np.ndarray) -> tuple[int, int]:
        return int(point[0]), int(point[1])

    limb = max(4, int(unit * 0.42))
    skin, shirt, trousers = (120, 150, 200), (160, 80, 40), (50, 50, 60)
    cv2.line(image, p(ankle), p(toe), (30, 30, 30), limb)
    cv2.line(image, p(ankle), p(knee), trousers, int(limb * 1.2))
    cv2.line(image, p(knee), p(hip), trousers, int(limb * 1.5))
    cv2.line(image, p(hip), p(shoulder), shirt, int(limb * 2.2))
    cv2.line(image, p(shoulder), p(elbow), shirt, limb)
    cv2.line(image, p(elbow), p(wrist), skin, limb)
    cv2.circle(image, p(head), int(unit * 0.5), skin, -1)
    cv2.circle(
        image, p(head + np.array([unit * 0.3, -unit * 0.05])), max(2, limb // 4), (40, 40, 40), -1
    )
    return image


def clip_images(video: Path | None, frames: int, size: tuple[int, int]) -> Iterator[Image]:
    if video is None:
        for n in range(frames):
            yield figure(n / FPS, *size)
        return
    capture = cv2.VideoCapture(str(video))
    for _ in range(frames):
        ok, image = capture.read()
        if not ok:
            break
        yield cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    capture.release()


def write_clip(video: Path | None, frames: int, size: tuple[int, int], out: Path) -> Path:
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter.fourcc(*"mp4v"), FPS, size)
    for image in clip_images(video, frames, size):
        writer.write(image)
    writer.release()
    return out


def measure(path: Path, exercise: str) -> str:
    catalog = load_catalog()
    analysis = analysis_for(catalog, exercise)
    pose = sources.MediaPipePose()
    capture = cv2.VideoCapture(str(path))
    width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
    height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
    stages: dict[str, list[float]] = {"decode": [], "pose": [], "analysis": [], "overlay": []}
    found = index = 0
    started = 0.0
    while True:
        if index == WARM_UP_FRAMES:
            started = time.perf_counter()
        t0 = time.perf_counter()
        ok, image = capture.read()
        if not ok:
            break
        t1 = time.perf_counter()
        frame = Frame(t=index / FPS, people=pose.estimate(image), aspect=width / height)
        t2 = time.perf_counter()
        analysis.feed(frame)
        t3 = time.perf_counter()
        overlay.draw(image, frame, analysis.snapshot, title=analysis.exercise.name)
        t4 = time.perf_counter()
        if index >= WARM_UP_FRAMES:
            for stage, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                stages[stage].append(seconds * 1000)
            found += bool(frame.people)
        index += 1
    elapsed = time.perf_counter() - started
    capture.release()
    pose.close()
    timed = len(stages["decode"])
    if timed < 2:
        return f"{width}×{height}: only {index} frames, too few to time; give a longer video"
    lines = [
        f"{width}×{height}: {timed} frames timed (after {WARM_UP_FRAMES} warm-up), a person in "
        f"{found} ({100 * found / max(timed, 1):.0f}%), {analysis.snapshot.reps} reps counted"
    ]
    for stage, values in stages.items():
        p95 = statistics.quantiles(values, n=20)[18] if len(values) >= 2 else values[0]
        lines.append(f"  {stage:<9} mean {statistics.fmean(values):7.2f} ms   p95 {p95:7.2f} ms")
    lines.append(f"  end to end {timed / elapsed:6.1f} fps")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "video", nargs="?", type=Path, help="a video to use instead of the drawn clip"
    )
    parser.add_argument("--exercise", default="squat", help="the analyser to run (default squat)")
    parser.add_argument("--frames", type=int, default=160, help="frames per size (default 160)")
    options = parser.parse_args()
    if options.video is not None and not options.video.exists():
        sys.exit(f"{options.video}: no such file")
    what = (
        f"the video {options.video}, scaled"
        if options.video
        else "a drawn human-like figure doing squats (side view), not a real person"
    )
    print(f"Input: {what}; {options.frames} frames per size, MP4 (mp4v) at {FPS:g} fps.")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()},"
        f" OpenCV {cv2.__version__}; pose model: MediaPipe legacy Pose, complexity 1."
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            clip = write_clip(options.video, options.frames, size, Path(folder) / f"{size[0]}.mp4")
            print(measure(clip, options.exercise))


if __name__ == "__main__":
    main()
