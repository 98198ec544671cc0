"""How close does the live camera coach run to the pose model's own cost? Per frame, model alone
against the whole live pipeline, with the overhead in per cent.

    .venv/bin/python bench/vision_speed.py [VIDEO] [--exercise SLUG] [--frames N] [--rounds R]
    xvfb-run -a .venv/bin/python bench/vision_speed.py VIDEO    # the window's cost included

For each of 640×480 and 1280×720 the clip is cut to that shape (centre crop), scaled, and written
as Motion JPEG, which is what a USB webcam sends at these sizes. Then, ``--rounds`` times in
alternation, on the same frames:

- model alone: MediaPipe's pose with the app's settings (legacy Pose, complexity 1, tracking)
  on every frame already decoded and in RGB in memory, read-only as the app hands it over (so
  MediaPipe need not copy it); only ``process`` is timed.
- live: the frames as ``backbridge camera`` runs them: a ``WebcamSource`` reading the clip as it
  reads a camera (capture and decoding and the model's RGB copy in one thread, pose and
  landmarks in another, each one frame ahead; wall-clock times), then in the main thread the
  frame rate check, ``Analysis.feed``, ``overlay.draw`` and, when there is a display,
  ``LiveWindow.show``. Per frame is wall time from one frame to the next; the stages are printed
  beside it, each timed in the thread it runs in, so they overlap and do not add up.

The overhead is live over model alone, less one, in wall time per frame; in CPU time (this
process's, all threads) beside it, which other programs on the machine disturb less. Each figure
carries the 1-minute load average taken when its pass ended; the summary gives the medians of the
rounds and of their overheads. The first frames of each
pass (model loading) are left out. Without VIDEO, a clip is drawn in code: a filled human-like
figure doing squats in side view (MediaPipe finds it, but it is not a person on a camera). Figures
only; nothing is asserted.
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
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from backbridge.capture import decoding, overlay, sources
from backbridge.catalog import load_catalog
from backbridge.services.camera import FrameRate, too_slow
from backbridge.vision.exercises import analysis_for

SIZES = [(640, 480), (1280, 720)]
FPS = 30.0
WARM_UP_FRAMES = 10
"""Left out of the figures: the first frames load the models and open the window."""
DRAWN_FRAMES = 240
MAX_FRAMES = 450
"""A video's frames used at most, unless --frames says otherwise (every pass holds them)."""

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


def fitted(image: Image, size: tuple[int, int]) -> Image:
    """The image cut to the shape of ``size`` about its centre, then scaled to it."""
    height, width = image.shape[:2]
    want = size[0] / size[1]
    if width / height > want:
        keep = round(height * want)
        image = image[:, (width - keep) // 2 : (width - keep) // 2 + keep]
    else:
        keep = round(width / want)
        image = image[(height - keep) // 2 : (height - keep) // 2 + keep]
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def clip_images(video: Path | None, frames: int, size: tuple[int, int]) -> Iterator[Image]:
    if video is None:
        for n in range(frames):
            yield figure(n / FPS, *size)
        return
    info = decoding.probe(video)
    for n, image in enumerate(decoding.images(video, info.decoder)):
        if n == frames:
            return
        yield fitted(image, size)


def write_clip(video: Path | None, frames: int, size: tuple[int, int], out: Path) -> Path:
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter.fourcc(*"MJPG"), FPS, size)
    for image in clip_images(video, frames, size):
        writer.write(image)
    writer.release()
    return out


def load_average() -> float:
    return os.getloadavg()[0]


@dataclass
class Pass:
    """One pass over the clip: milliseconds per frame (after the warm-up), and by stage."""

    per_frame: list[float] = field(default_factory=list)
    stages: dict[str, list[float]] = field(default_factory=dict)
    found: int = 0
    reps: int = 0
    slow_warning: bool = False
    load: float = 0.0
    cpu: float = 0.0
    """This process's CPU time per frame, all threads, in ms (a display server's is not in it)."""

    @property
    def mean(self) -> float:
        return statistics.fmean(self.per_frame)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.per_frame, n=20)[18]


def model_alone(rgb_frames: list[Image]) -> Pass:
    """MediaPipe's ``process`` alone on images already in memory, as ``MediaPipePose`` builds it
    (its start-up image included); a fresh model, so tracking starts as in the live pass."""
    import mediapipe  # type: ignore[import-untyped]

    result = Pass()
    with decoding.native_output_hidden():
        pose = mediapipe.solutions.pose.Pose(
            model_complexity=1, static_image_mode=False, enable_segmentation=False
        )
        pose.process(np.zeros((64, 64, 3), np.uint8))
        try:
            for index, rgb in enumerate(rgb_frames):
                if index == WARM_UP_FRAMES:
                    cpu = time.process_time()
                t0 = time.perf_counter()
                found = pose.process(rgb).pose_landmarks is not None
                elapsed = (time.perf_counter() - t0) * 1000
                if index >= WARM_UP_FRAMES:
                    result.per_frame.append(elapsed)
                    result.found += found
            result.cpu = (time.process_time() - cpu) * 1000 / len(result.per_frame)
        finally:
            pose.close()
    result.load = load_average()
    return result


class TimedPose:
    """The app's pose model, with the time of each ``estimate`` kept (in whichever thread)."""

    def __init__(self) -> None:
        self.model = sources.MediaPipePose()
        self.times: list[float] = []

    def estimate(self, image: Image) -> sources.People:
        t0 = time.perf_counter()
        people = self.model.estimate(image)
        self.times.append((time.perf_counter() - t0) * 1000)
        return people

    def close(self) -> None:
        self.model.close()


def live(clip: Path, exercise: str, window: overlay.LiveWindow | None) -> Pass:
    """The loop of ``backbridge camera`` (cli/vision_commands.py) over the clip as its camera.

    A frame's cost is the wall time between one frame's end and the next's; the stages are
    timed where they run.
    """
    analysis = analysis_for(load_catalog(), exercise)
    title = analysis.exercise.name
    rate = FrameRate()
    warned = False
    timed = TimedPose()
    result = Pass(stages={name: [] for name in ("pose", "analysis", "overlay", "window")})
    with sources.WebcamSource(str(clip), pose_model=lambda: timed) as camera:
        last = time.perf_counter()
        for index, (frame, image) in enumerate(camera.frames_with_images()):
            if index == WARM_UP_FRAMES:
                cpu = time.process_time()
            t0 = time.perf_counter()
            rate.add(frame.t)
            if not warned and rate.now is not None:
                warned = too_slow(analysis, rate.now, lighter_model=False) is not None
            analysis.feed(frame)
            t1 = time.perf_counter()
            overlay.draw(image, frame, analysis.snapshot, title=title)
            t2 = time.perf_counter()
            if window is not None:
                window.show(image)
            t3 = time.perf_counter()
            if index >= WARM_UP_FRAMES:
                result.per_frame.append((t3 - last) * 1000)
                result.stages["analysis"].append((t1 - t0) * 1000)
                result.stages["overlay"].append((t2 - t1) * 1000)
                result.stages["window"].append((t3 - t2) * 1000)
                result.found += bool(frame.people)
            last = t3
        result.cpu = (time.process_time() - cpu) * 1000 / len(result.per_frame)
    result.stages["pose"] = timed.times[WARM_UP_FRAMES:]
    result.reps = analysis.snapshot.reps
    result.slow_warning = warned
    result.load = load_average()
    return result


def decoded(clip: Path) -> tuple[list[Image], float]:
    """The clip decoded whole, in RGB, less its first frame (``WebcamSource`` reads that one to
    check the camera answers, so the live pass starts at the second); and the mean time of
    reading one image (capture and decoding alone), in ms."""
    capture = cv2.VideoCapture(str(clip))
    images: list[Image] = []
    reads: list[float] = []
    while True:
        t0 = time.perf_counter()
        ok, image = capture.read()
        reads.append((time.perf_counter() - t0) * 1000)
        if not ok:
            break
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        rgb.flags.writeable = False  # as the app hands it over: MediaPipe need not copy it
        images.append(rgb)
    capture.release()
    return images[1:], statistics.fmean(reads[1:-1])


def describe(n: int, model: Pass, run: Pass, shown: bool, capture_ms: float) -> str:
    overhead = 100 * (run.mean / model.mean - 1)
    stages = f"capture {capture_ms:.2f} (alone)  " + "  ".join(
        f"{stage} {statistics.fmean(values):.2f}"
        for stage, values in run.stages.items()
        if shown or stage != "window"
    )
    return "\n".join(
        [
            f"  round {n}: model alone {model.mean:6.2f} ms/frame (p95 {model.p95:6.2f}, "
            f"CPU {model.cpu:6.2f}, load {model.load:.2f})",
            f"           live        {run.mean:6.2f} ms/frame (p95 {run.p95:6.2f}, "
            f"CPU {run.cpu:6.2f}, load {run.load:.2f}) = {1000 / run.mean:5.1f} fps, "
            f"overhead {overhead:+5.1f} %",
            f"           stages (ms, each where it runs): {stages}",
        ]
    )


def measure(clip: Path, size: tuple[int, int], exercise: str, rounds: int) -> str:
    frames, capture_ms = decoded(clip)
    if len(frames) < WARM_UP_FRAMES + 2:
        return f"{size[0]}×{size[1]}: only {len(frames)} frames, too few to time"
    window = (
        overlay.LiveWindow(f"backbridge bench {size[0]}x{size[1]}")
        if overlay.display_available()
        else None
    )
    pairs: list[tuple[Pass, Pass]] = []
    lines: list[str] = []
    try:
        for n in range(1, rounds + 1):
            model = model_alone(frames)
            run = live(clip, exercise, window)
            pairs.append((model, run))
            lines.append(describe(n, model, run, window is not None, capture_ms))
    finally:
        if window is not None:
            window.close()
    model_ms = statistics.median(model.mean for model, _ in pairs)
    live_ms = statistics.median(run.mean for _, run in pairs)
    paired = statistics.median(100 * (run.mean / model.mean - 1) for model, run in pairs)
    cpu = statistics.median(100 * (run.cpu / model.cpu - 1) for model, run in pairs)
    loads = [p.load for pair in pairs for p in pair]
    last = pairs[-1][1]
    timed = len(last.per_frame)
    head = (
        f"{size[0]}×{size[1]}: {timed} frames timed a pass (after {WARM_UP_FRAMES} warm-up), "
        f"a person in {last.found} live ({100 * last.found / timed:.0f}%) and "
        f"{pairs[-1][0].found} with the model alone; {last.reps} reps counted"
        + ("; the too-slow warning would show" if last.slow_warning else "")
    )
    summary = (
        f"  median of {rounds}: model alone {model_ms:.2f} ms/frame, live {live_ms:.2f} ms/frame "
        f"({1000 / live_ms:.1f} fps), overhead {100 * (live_ms / model_ms - 1):+.1f} %; "
        f"round by round {paired:+.1f} %, in CPU {cpu:+.1f} % (median; load "
        f"{min(loads):.2f}–{max(loads):.2f})"
    )
    return "\n".join([head, *lines, summary])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "video", nargs="?", type=Path, help="a video of a person to use instead of the drawn clip"
    )
    parser.add_argument("--exercise", default="squat", help="the analyser to run (default squat)")
    parser.add_argument(
        "--frames",
        type=int,
        help=f"frames per size (default: the video's, at most {MAX_FRAMES}; drawn {DRAWN_FRAMES})",
    )
    parser.add_argument("--rounds", type=int, default=3, help="passes of each kind (default 3)")
    options = parser.parse_args()
    if options.video is not None and not options.video.exists():
        sys.exit(f"{options.video}: no such file")
    frames = options.frames or (MAX_FRAMES if options.video else DRAWN_FRAMES)
    what = (
        f"the video {options.video}, cut to shape and scaled"
        if options.video
        else "a drawn human-like figure doing squats (side view), not a real person"
    )
    shown = overlay.display_available()
    print(f"Input: {what}; up to {frames} frames per size, Motion JPEG.")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()},"
        f" OpenCV {cv2.__version__}; pose model: MediaPipe legacy Pose, complexity 1."
    )
    print(
        "Window: shown on "
        + (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or "the screen")
        if shown
        else "Window: not shown (no display; run under `xvfb-run -a` to include its cost)"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            clip = write_clip(options.video, frames, size, Path(folder) / f"{size[0]}.avi")
            print(measure(clip, size, options.exercise, options.rounds), flush=True)


if __name__ == "__main__":
    main()
