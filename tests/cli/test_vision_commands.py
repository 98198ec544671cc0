"""``analyze``, ``record-landmarks`` and ``camera`` through the real CLI and the real MediaPipe."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from backbridge.capture import overlay, sources
from backbridge.vision.landmarks import Frame
from tests.conftest import SHARED
from tests.vision.videos import BLANK_FRAMES, BLANK_SIZE, blank_video, count_frames

DEV = SHARED / "data" / "vision" / "dev"
REPORT_KEYS = {
    "exercise", "reps", "reps_by_side", "reps_detail", "faults", "frames", "frames_with_person",
    "warnings", "phases", "uncertain_movements",
}  # fmt: skip


def dev_file(name: str) -> Path:
    path = DEV / name
    if not path.exists():
        pytest.skip(f"the shared dev landmark file {path} is missing")
    return path


def error_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    return blank_video(tmp_path / "blank.mp4")


def test_analyze_json_is_one_object_with_the_documented_keys(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "analyze", str(dev_file("bridge_darebee.json.gz")), "--exercise", "bridge", "--json"
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == REPORT_KEYS
    assert document["exercise"] == "bridge"
    assert document["frames"] == document["frames_with_person"] > 0
    assert document["reps"] == len(document["reps_detail"]) > 0
    for fault in document["faults"]:
        assert set(fault) == {"cue", "text", "t", "value", "threshold", "confidence"}


def test_analyze_prints_reps_faults_and_warnings(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("analyze", str(dev_file("bridge_darebee.json.gz")), "-e", "bridge")
    assert result.exit_code == 0, result.output
    assert "Hip bridge" in result.stdout and " reps" in result.stdout
    assert "frames, a person in" in result.stdout


def test_analyze_a_text_file_named_mp4_is_one_line_and_exit_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "holiday.mp4"
    fake.write_text("this is not a video\n")
    result = cli("analyze", str(fake), "-e", "bridge")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == error_lines(result)
    assert len(error_lines(result)) == 1
    assert "not a video or landmark file backbridge can read" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.mp4", "-e", "bridge"], "no such file"),
        (["{dev}", "-e", "no-such-exercise"], "unknown exercise"),
        (["{dev}", "-e", "pelvic-tilt"], "cannot watch pelvic-tilt"),
        (["{dev}", "-e", "bridge", "--annotate", "out.mp4"], "--annotate draws on the video"),
    ],
)
def test_analyze_refuses_bad_input_in_one_line(cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    if "{dev}" in args:
        args = [str(dev_file("bridge_darebee.json.gz")) if a == "{dev}" else a for a in args]
    result = cli("analyze", *args)
    assert result.exit_code == 2, result.output
    assert len(error_lines(result)) == 1
    assert message in result.stderr


def test_a_video_where_nobody_is_found_fails_clearly(cli, blank: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("analyze", str(blank), "-e", "bridge")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert error_lines(result) == [
        f"error: nobody was found in any of the {BLANK_FRAMES} frames of blank.mp4; film the "
        "whole body, in good light, with the camera still"
    ]
    as_json = cli("analyze", str(blank), "-e", "bridge", "--json")
    assert as_json.exit_code == 1
    document = json.loads(as_json.stdout)
    assert (document["frames"], document["frames_with_person"], document["reps"]) == (6, 0, 0)


def test_annotate_writes_a_playable_mp4(cli, blank: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "annotated.mp4"
    result = cli("analyze", str(blank), "-e", "bridge", "--annotate", str(out))
    assert result.exit_code == 1, "nobody is in the blank video"
    assert count_frames(out) == (BLANK_FRAMES, *BLANK_SIZE)


def test_record_landmarks_from_a_video(cli, blank: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "blank.json.gz"
    result = cli("record-landmarks", str(blank), "--output", str(out))
    assert result.exit_code == 0, result.output
    assert f"Wrote {BLANK_FRAMES} frames (0 with a person)" in result.stdout
    recorded = sources.read_landmarks(out)
    assert (recorded.width, recorded.height) == BLANK_SIZE
    assert len(recorded.frames) == BLANK_FRAMES and not any(f.people for f in recorded.frames)

    short = cli("record-landmarks", str(blank), "-o", str(tmp_path / "s.json"), "--seconds", "0.3")
    assert short.exit_code == 0, short.output
    assert len(sources.read_landmarks(tmp_path / "s.json").frames) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.json.gz"], "give a video file to read, or --device N"),
        (
            ["{blank}", "-o", "x.json.gz", "--device", "0"],
            "give a video file to read, or --device N",
        ),
        (["{blank}", "-o", "out.txt"], "ends in .json.gz"),
        (["{blank}", "-o", "x.json.gz", "--seconds", "0"], "--seconds must be above 0"),
    ],
)
def test_record_landmarks_refuses_bad_arguments(
    cli, blank: Path, args: list[str], message: str
) -> None:  # type: ignore[no-untyped-def]
    args = [str(blank) if a == "{blank}" else a for a in args]
    result = cli("record-landmarks", *args)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.usefixtures("screened")
def test_camera_without_a_display_says_so_in_one_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = cli("camera", "--exercise", "bridge")
    assert result.exit_code != 0
    assert len(error_lines(result)) == 1
    assert "no display to show the camera window on" in result.stderr


class ReplayCamera:
    """A webcam that plays back a landmark file with black pictures."""

    recording = "bridge_darebee.json.gz"

    def __init__(self, device: int) -> None:
        self.file = sources.read_landmarks(dev_file(self.recording))

    def frames_with_images(self) -> Iterator[tuple[Frame, object]]:
        import numpy as np

        for frame in self.file.frames:
            yield frame, np.zeros((90, 160, 3), np.uint8)

    def __enter__(self) -> ReplayCamera:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class AlwaysOpenWindow:
    def __init__(self, title: str) -> None:
        self.shown = 0

    def show(self, image: object) -> bool:
        self.shown += 1
        return True

    def __enter__(self) -> AlwaysOpenWindow:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


@pytest.mark.usefixtures("screened")
def test_camera_counts_then_logs_the_set_with_its_faults(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sources, "WebcamSource", ReplayCamera)
    monkeypatch.setattr(overlay, "LiveWindow", AlwaysOpenWindow)
    result = cli("camera", "-e", "bridge", input="y\n")
    assert result.exit_code == 0, result.output
    assert "rep 1" in result.stdout
    assert "Saved: Hip bridge, set 1" in result.stdout

    history = json.loads(cli("history", "--json").stdout)
    (logged,) = history["sessions"][0]["sets"]
    assert logged["exercise"] == "bridge" and logged["source"] == "camera"
    assert logged["reps"] > 0 and logged["note"] is None
    camera = logged["camera"]
    assert camera["reps_counted"] == logged["reps"]
    for fault in camera["faults"]:
        assert fault["text"] in result.stdout.replace("\n", " ")
        assert 1 <= fault["rep"] <= logged["reps"]


@pytest.mark.usefixtures("screened")
def test_camera_logs_one_set_per_side_for_one_sided_work(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ReplayCamera, "recording", "donkey_kick_darebee.json.gz")
    monkeypatch.setattr(sources, "WebcamSource", ReplayCamera)
    monkeypatch.setattr(overlay, "LiveWindow", AlwaysOpenWindow)
    result = cli("camera", "-e", "quadruped-hip-extension", input="y\n")
    assert result.exit_code == 0, result.output
    sets = json.loads(cli("history", "--json").stdout)["sessions"][0]["sets"]
    assert sets and all(s["side"] in ("left", "right") and s["source"] == "camera" for s in sets)
    assert len({s["side"] for s in sets}) == len(sets), "one set per side"
    assert all(s["reps"] > 0 for s in sets)


@pytest.mark.usefixtures("screened")
@pytest.mark.parametrize("answer", ["n\n", ""])
def test_camera_set_need_not_be_logged(cli, monkeypatch: pytest.MonkeyPatch, answer: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sources, "WebcamSource", ReplayCamera)
    monkeypatch.setattr(overlay, "LiveWindow", AlwaysOpenWindow)
    result = cli("camera", "-e", "bridge", input=answer)
    assert result.exit_code == 0, result.output
    assert "Not logged." in result.stdout
    assert json.loads(cli("history", "--json").stdout)["sessions"] == []
