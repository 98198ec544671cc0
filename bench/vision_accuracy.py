"""How well does the camera coach count? First on the real, labelled recordings: per clip the
true and counted reps (per side where the label names one), the error and the faults reported,
then exact-count rate, off-by-one rate, mean absolute error and faults per correctly performed
rep. Second on a synthetic set (its own bodies and camera, not the analysers' geometry).
Last, analysis time per frame. Figures only: nothing is asserted.

Run: .venv/bin/python bench/vision_accuracy.py [path/to/shared/data/vision/dev]
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from backbridge.capture.sources import read_landmarks
from backbridge.catalog import Catalog, load_catalog
from backbridge.errors import InvalidInput
from backbridge.vision.analysis import Analysis
from backbridge.vision.exercises import analysis_for, camera_exercises
from backbridge.vision.landmarks import Frame
from backbridge.vision.synthetic import Scenario, generate

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "vision" / "dev"
EXERCISES = {
    # labels.json names exercises descriptively; the catalogue slug each one is watched as
    # (shared/data/vision/README.md). None: the catalogue has no camera exercise for it.
    "bridge": "bridge",
    "banded-bridge": "banded-bridge-abduction",
    "single-leg-bridge": "single-leg-bridge",
    "squat": "squat",
    "donkey-kick": "quadruped-hip-extension",
    "standing-hip-abduction": "standing-hip-abduction",
    "reverse-lunge-knee-drive": "reverse-lunge",
    "clamshell": "clamshell",
    "fire-hydrant-circle": "fire-hydrant",
    "side-lying-hip-abduction": "side-lying-hip-abduction",
}
CLIP_EXERCISES = {"clamshell_banded_loop8.json.gz": "banded-clamshell"}
"""Clips whose catalogue exercise is more precise than their label's (a band in the notes)."""
ONE_SIDE = "one"
"""A label's ``side`` that says one leg works throughout without saying which."""
RESULT_FIELDS = {"exercise", "reps", "accepted_reps", "side", "count_frames", "segments"}
"""Label fields the scoring reads; ``view`` and ``notes`` are for people."""


@dataclass
class ClipScore:
    """One real clip against its label."""

    name: str
    exercise: str
    """The catalogue slug it was watched as, or the label's exercise when it has none."""
    true_reps: int
    accepted: tuple[int, ...]
    true_side: str | None
    """``left``/``right`` (MediaPipe's), ``one`` (one unnamed leg) or None (not labelled)."""
    clean: bool | None
    """Labelled as performed correctly (True), with faults (False) or not labelled (None)."""
    counted: int | None = None
    """None when the analysis refused to count."""
    by_side: dict[str, int] | None = None
    faults: list[str] = field(default_factory=list)
    refusal: str | None = None
    notices: list[str] = field(default_factory=list)
    segments: list[tuple[str, int, int]] = field(default_factory=list)
    """Per camera angle: view, labelled reps, reps counted inside its frame range."""
    outside_segments: int = 0
    frames: int = 0

    @property
    def error(self) -> int | None:
        """Counted minus the nearest accepted count (0 when the count is an accepted one)."""
        if self.counted is None:
            return None
        counted = self.counted
        nearest = min(self.accepted, key=lambda n: (abs(counted - n), n))
        return counted - nearest

    @property
    def side_ok(self) -> bool | None:
        """Whether the reps went to the labelled side (None when no side is labelled or the
        analysis does not split reps by side)."""
        if self.true_side is None or not self.by_side or not self.counted:
            return None
        if self.true_side == ONE_SIDE:
            return min(self.by_side.values()) == 0
        return self.by_side.get(self.true_side, 0) == self.counted


def true_side(text: str | None) -> str | None:
    """The working side a label's ``side`` text names, in the analysis's terms: for a
    single-leg bridge the planted leg works (the lifted one is held up)."""
    if not text:
        return None
    if planted := re.search(r"\b(left|right) foot planted", text):
        return planted.group(1)
    if named := re.search(r"MediaPipe (left|right)_", text):
        return named.group(1)
    if "throughout" in text:
        return ONE_SIDE
    return None


def labelled_clean(label: dict[str, Any]) -> bool | None:
    """A label with a ``faults`` list says how the clip was performed: an empty list means
    correctly. The current labels carry none."""
    faults = label.get("faults")
    if not isinstance(faults, list):
        return None
    return not faults


def feed(analysis: Analysis, frames: Sequence[Frame], timings: list[float]) -> None:
    for frame in frames:
        started = time.perf_counter()
        analysis.feed(frame)
        timings.append(time.perf_counter() - started)
    analysis.finish()


def refused(analysis: Analysis) -> bool:
    """The analysis said where to put the camera instead of guessing a count."""
    return analysis.refused


def score_clip(
    dev: Path,
    name: str,
    label: dict[str, Any],
    catalog: Catalog,
    timings: list[float] | None = None,
) -> ClipScore:
    """Analyse one labelled clip frame by frame, as the app would, and score it."""
    slug = CLIP_EXERCISES.get(name) or EXERCISES.get(label["exercise"], label["exercise"])
    reps = int(label["reps"])
    score = ClipScore(
        name=name,
        exercise=slug or label["exercise"],
        true_reps=reps,
        accepted=tuple(label.get("accepted_reps") or (reps,)),
        true_side=true_side(label.get("side")),
        clean=labelled_clean(label),
    )
    if slug is None:
        score.refusal = "no camera exercise in the catalogue to watch it as"
        return score
    try:
        analysis = analysis_for(catalog, slug)
    except InvalidInput as error:
        score.refusal = str(error).split(";")[0]
        return score
    recorded = read_landmarks(dev / name).frames
    first, last = label.get("count_frames", (0, len(recorded) - 1))
    frames = recorded[first : last + 1]
    score.frames = len(frames)
    feed(analysis, frames, timings if timings is not None else [])
    score.notices = list(dict.fromkeys(notice.text for notice in analysis.notices))
    if refused(analysis):
        score.refusal = next(n for n in score.notices if "cannot see" in n)
        return score
    score.counted = analysis.snapshot.reps
    if analysis.snapshot.reps_by_side is not None:
        score.by_side = dict(analysis.snapshot.reps_by_side)
    score.faults = [fault.cue for fault in analysis.faults]
    for segment in label.get("segments", []):
        first, last = segment["frames"]  # frame numbers in the whole recording
        start, end = recorded[first].t, recorded[min(last, len(recorded) - 1)].t
        inside = sum(start <= (rep.t_start + rep.t_end) / 2 <= end for rep in analysis.reps)
        score.segments.append((segment["view"], int(segment["reps"]), inside))
    if score.segments:
        score.outside_segments = score.counted - sum(inside for *_, inside in score.segments)
    return score


def _count_cell(total: int, by_side: dict[str, int] | None, side: str | None) -> str:
    if by_side is None:
        return str(total)
    if side == ONE_SIDE:
        return f"{total} (one side)"
    return f"{total} (L{by_side.get('left', 0)} R{by_side.get('right', 0)})"


def _true_cell(score: ClipScore) -> str:
    accepted = "/".join(map(str, score.accepted)) if len(score.accepted) > 1 else None
    if score.true_side in ("left", "right"):
        split = {"left": 0, "right": 0, score.true_side: score.true_reps}
        cell = _count_cell(score.true_reps, split, score.true_side)
    else:
        cell = _count_cell(score.true_reps, {} if score.true_side else None, score.true_side)
    return f"{cell} [{accepted} ok]" if accepted else cell


def _clean_cell(clean: bool | None) -> str:
    return {True: "yes", False: "no (faults labelled)", None: "not labelled"}[clean]


def _pct(n: int, of: int) -> str:
    return f"{n}/{of} ({n / of:.1%})" if of else "n/a"


def print_real(dev: Path, scores: list[ClipScore]) -> None:
    print(f"REAL RECORDINGS: {len(scores)} labelled clips in {dev}")
    print("(landmarks from real people; each clip analysed frame by frame as the app would)")
    header = (
        f"{'clip':<30} {'exercise (catalogue)':<24} {'true':<22} {'counted':<14} "
        f"{'error':>5} {'faults':>6}  performed correctly"
    )
    print(header)
    print("-" * len(header))
    for s in scores:
        clip = s.name.removesuffix(".json.gz")
        if s.counted is None:
            counted, error = "refused", "-"
        else:
            counted = _count_cell(s.counted, s.by_side, None)
            error = f"{s.error:+d}" if s.error else "0"
        faults = str(len(s.faults)) if s.counted is not None else "-"
        print(
            f"{clip:<30} {s.exercise:<24} {_true_cell(s):<22} {counted:<14} "
            f"{error:>5} {faults:>6}  {_clean_cell(s.clean)}"
        )
    print("details:")
    for s in scores:
        lines = []
        if s.refusal:
            lines.append(f"refused: {s.refusal}")
        if s.faults:
            cues = Counter(s.faults)
            lines.append("faults: " + ", ".join(f"{cue} x{n}" for cue, n in cues.most_common()))
        if s.side_ok is not None:
            lines.append(f"side: {'as labelled' if s.side_ok else 'NOT as labelled'}")
        if s.segments:
            parts = [f"{view}: true {true}, counted {got}" for view, true, got in s.segments]
            if s.outside_segments:
                parts.append(f"between angles: counted {s.outside_segments}")
            lines.append("per angle: " + "; ".join(parts))
        other = [n for n in s.notices if n != s.refusal]
        if other:
            lines.append("said: " + " | ".join(other))
        if lines:
            print(f"   {s.name.removesuffix('.json.gz')}: " + "; ".join(lines))


def print_real_totals(scores: list[ClipScore], labels: dict[str, dict[str, Any]]) -> None:
    counted = [s for s in scores if s.counted is not None]
    refusals = [s for s in scores if s.counted is None]
    errors = [abs(s.error or 0) for s in counted]
    exact = sum(e == 0 for e in errors)
    print(f"real totals over the {len(counted)} clips counted:")
    print(f"   exact count        {_pct(exact, len(counted))}")
    print(f"   off by one         {_pct(sum(e == 1 for e in errors), len(counted))}")
    mae = f"{sum(errors) / len(errors):.3f} reps" if errors else "n/a"
    print(f"   mean abs. error    {mae}  (against the nearest accepted count)")
    wrong_way = sum((s.error or 0) < 0 for s in counted), sum((s.error or 0) > 0 for s in counted)
    print(f"   misses             {wrong_way[0]} undercounted, {wrong_way[1]} overcounted")
    sided = [s for s in counted if s.side_ok is not None]
    if sided:
        print(f"   side as labelled   {_pct(sum(bool(s.side_ok) for s in sided), len(sided))}")
    if refusals:
        print(f"   refused to count   {len(refusals)} of {len(scores)} clips:")
        for reason, group in itertools.groupby(
            sorted(refusals, key=lambda s: s.refusal or ""), key=lambda s: s.refusal
        ):
            names = ", ".join(s.name.removesuffix(".json.gz") for s in group)
            print(f"      {reason}: {names}")
        print(
            f"   exact count over all {len(scores)} clips, a refusal counted as a miss: "
            f"{_pct(exact, len(scores))}"
        )
    clean = [s for s in counted if s.clean]
    if clean:
        events = sum(len(s.faults) for s in clean)
        reps = sum(s.true_reps for s in clean)
        print(
            f"   faults per correctly performed rep: {events / reps:.3f} "
            f"({events} fault events on {reps} reps in {len(clean)} clips labelled correct)"
        )
    else:
        print(
            "   faults per correctly performed rep: n/a (labels.json marks no clip or rep as "
            "performed correctly or with faults)"
        )
    reps_counted = sum(s.counted or 0 for s in counted)
    events = sum(len(s.faults) for s in counted)
    print(
        f"   fault events       {events} on {reps_counted} counted reps "
        f"({events / reps_counted:.2f} per rep; how the clips were performed is not labelled)"
        if reps_counted
        else "   fault events       none (no reps counted)"
    )
    unused = sorted({key for label in labels.values() for key in label} - RESULT_FIELDS)
    if unused:
        print(f"   label fields not scored: {', '.join(unused)}")


def summarise(name: str, results: list[tuple[str, int, int]]) -> None:
    """Exact, off-by-one and mean error over the sequences counted; a refusal (-1) is listed
    apart, and named when the generator expected reps (the view can see the movement:
    :data:`backbridge.vision.synthetic.BLIND_YAWS` does not list it)."""
    told = [(label, want) for label, got, want in results if got == -1]
    results = [r for r in results if r[1] != -1]
    if told:
        print(f"{name}: {len(told)} sequences seen from where the movement cannot be measured: "
              "no count, the user is told where to put the camera")  # fmt: skip
        for label, want in told:
            if want:
                print(f"   refused, though {want} reps were expected (a view not in "
                      f"BLIND_YAWS): {label}")  # fmt: skip
    if not results:
        print(f"{name}: no sequences")
        return
    errors = [abs(got - want) for _, got, want in results]
    exact = sum(e == 0 for e in errors) / len(errors)
    off_by_one = sum(e == 1 for e in errors) / len(errors)
    mae = sum(errors) / len(errors)
    print(f"{name}: {len(results)} sequences  exact {exact:6.1%}  off-by-one {off_by_one:6.1%}  "
          f"MAE {mae:.3f} reps")  # fmt: skip
    by_option: dict[str, list[int]] = {}
    for label, got, want in results:
        option = label[label.index("{") : label.index("}") + 1]
        by_option.setdefault(option, []).append(int(got == want))
    print("   exact by option: " + "; ".join(
        f"{option} {sum(hits)}/{len(hits)}" for option, hits in by_option.items()
    ))  # fmt: skip
    for label, got, want in results:
        if got != want:
            print(f"   miss: {label}: counted {got}, expected {want}")


VIEWS = (0, 45, 90, 180)
OPTIONS: tuple[dict[str, object], ...] = (
    {},
    {"noise": 0.005},
    {"drop_rate": 0.1},
    {"partial_start": True, "partial_end": True},
    {"second_person": True},
    {"rep_seconds": 1.6, "rest_seconds": 0.4},
    {"pitch": 30.0, "camera_distance": 4.0},
    {"dissolve_turn": 45.0},
)
"""``pitch`` and ``camera_distance``: a phone on a shelf, looking down from close by (a pinhole
lens). ``dissolve_turn``: halfway through, a cross-dissolve to a camera 45 degrees further
round; where one of the two views cannot see the movement (``BLIND_YAWS``: a bridge end-on, a
standing hip extension from the front), only the other view's reps are expected."""


@cache
def catalog() -> Catalog:
    return load_catalog()


def synthetic_view(slug: str, yaw: int) -> tuple[list[tuple[str, int, int]], list[float]]:
    """One exercise seen from one angle, every option and seed (one worker's task)."""
    results: list[tuple[str, int, int]] = []
    timings: list[float] = []
    for extra, seed in itertools.product(OPTIONS, (1, 2)):
        side = "alternate" if slug == "squat-hip-extension" else ("right" if seed == 2 else "left")
        scenario = Scenario(slug, reps=6, yaw=yaw, seed=seed, side=side, **extra)  # type: ignore[arg-type]
        clip = generate(scenario)
        analysis = analysis_for(catalog(), slug)
        feed(analysis, clip.frames, timings)
        got = -1 if refused(analysis) else analysis.snapshot.reps
        results.append((f"{slug} yaw {yaw} {extra} seed {seed}", got, clip.expected_reps))
    return results, timings


def main() -> None:
    dev = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    timings: list[float] = []
    if (dev / "labels.json").exists():
        labels = json.loads((dev / "labels.json").read_text())
        scores = [score_clip(dev, name, lab, catalog(), timings) for name, lab in labels.items()]
        print_real(dev, scores)
        print_real_totals(scores, labels)
    else:
        print(f"REAL RECORDINGS: none found at {dev} (no labels.json)")

    print()
    print("SYNTHETIC: sequences generated by backbridge.vision.synthetic: rigid bodies posed by")
    print("joint angles, seen by their own camera code (orthographic, or elevated and pinhole),")
    print("none of it the analysers' geometry. Still made by the same hands, they check")
    print("consistency across views, noise, drops and dissolves, not accuracy on people.")
    tasks = [(e.slug, yaw) for e in camera_exercises(catalog()) for yaw in VIEWS]
    synthetic: list[tuple[str, int, int]] = []
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        for results, worker_timings in pool.map(synthetic_view, *zip(*tasks, strict=True)):
            synthetic += results
            timings += worker_timings
    summarise("synthetic", synthetic)

    print()
    timings.sort()
    mean = sum(timings) / len(timings) * 1000
    p99 = timings[int(len(timings) * 0.99)] * 1000
    print(f"analysis per frame (real and synthetic): mean {mean:.3f} ms, p99 {p99:.3f} ms "
          f"over {len(timings)} frames")  # fmt: skip


if __name__ == "__main__":
    main()
