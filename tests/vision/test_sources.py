"""Pose sources and drawing: landmark files, real videos through the real MediaPipe, the overlay's
video and window (its drawing is in test_overlay.py)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from backbridge.capture import overlay, sources
from backbridge.errors import DataFileError, InvalidInput, NotFound
from backbridge.vision.landmarks import FORMAT, Frame, Landmark
from tests.vision.videos import BLANK_FPS, BLANK_FRAMES, BLANK_SIZE, blank_video, count_frames


def person(shift: float = 0.0) -> tuple[Landmark, ...]:
    return tuple(
        Landmark(round(0.3 + i * 0.01 + shift, 5), round(0.2 + i * 0.015, 5), -0.1, 0.9)
        for i in range(33)
    )


def some_frames(aspect: float) -> list[Frame]:
    return [
        Frame(t=round(n / 25, 4), people=() if n == 2 else (person(n / 100),), aspect=aspect)
        for n in range(5)
    ]


@pytest.mark.parametrize("name", ["clip.json.gz", "clip.json"])
def test_landmark_file_round_trip(tmp_path: Path, name: str) -> None:
    frames = some_frames(640 / 480)
    path = tmp_path / name
    sources.write_landmarks(path, frames, source="test", fps=25.0, width=640, height=480)

    source = sources.open_source(path)
    assert isinstance(source, sources.LandmarkFileSource)
    assert list(source) == frames
    assert (source.fps, source.width, source.height, source.frame_count) == (25.0, 640, 480, 5)
    raw = path.read_bytes()
    assert raw.startswith(sources.GZIP_MAGIC) == name.endswith(".gz")
    document = json.loads(gzip.decompress(raw) if name.endswith(".gz") else raw)
    assert document["format"] == FORMAT and document["frames"][2]["landmarks"] is None


def test_a_landmark_file_is_recognised_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "recording.dat"
    sources.write_landmarks(
        tmp_path / "x.json.gz", some_frames(1.0), source="t", fps=25, width=100, height=100
    )
    path.write_bytes((tmp_path / "x.json.gz").read_bytes())
    assert isinstance(sources.open_source(path), sources.LandmarkFileSource)


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no such file"):
        sources.open_source(tmp_path / "nothing.mp4")


def test_a_text_file_named_mp4_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.mp4"
    path.write_text("not a video\n")
    with pytest.raises(InvalidInput) as caught:
        sources.open_source(path)
    message = str(caught.value)
    assert "not a video or landmark file backbridge can read" in message
    assert "\n" not in message


def test_a_folder_and_broken_json_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="is a folder"):
        sources.open_source(tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ')
    with pytest.raises(InvalidInput, match="JSONDecodeError"):
        sources.open_source(broken)
    other = tmp_path / "other.json"
    other.write_text('{"format": "something else"}')
    with pytest.raises(DataFileError, match="not a landmark file"):
        sources.open_source(other)


def test_writing_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no such folder"):
        sources.write_landmarks(
            tmp_path / "no" / "x.json.gz", [], source="", fps=1, width=1, height=1
        )


def test_a_blank_video_gives_frames_with_nobody(tmp_path: Path) -> None:
    source = sources.open_source(blank_video(tmp_path / "blank.mp4"))
    assert isinstance(source, sources.VideoSource)
    assert (source.width, source.height) == BLANK_SIZE
    assert source.fps == pytest.approx(BLANK_FPS)
    pairs = list(source.frames_with_images())
    assert len(pairs) == BLANK_FRAMES
    assert [frame.t for frame, _ in pairs] == pytest.approx([n / BLANK_FPS for n in range(6)])
    assert all(frame.people == () for frame, _ in pairs)
    assert pairs[0][0].aspect == pytest.approx(BLANK_SIZE[0] / BLANK_SIZE[1])
    assert pairs[0][1].shape == (BLANK_SIZE[1], BLANK_SIZE[0], 3)
    assert len(list(source)) == BLANK_FRAMES, "a video source can be read again"


class ReplayPose:
    """A pose model that finds the same person in every image."""

    closed = False

    def estimate(self, image: object) -> tuple[tuple[Landmark, ...], ...]:
        return (person(),)

    def close(self) -> None:
        ReplayPose.closed = True


def test_a_video_source_reports_what_its_pose_model_finds(tmp_path: Path) -> None:
    source = sources.VideoSource(blank_video(tmp_path / "blank.mp4"), pose_model=ReplayPose)
    frames = list(source)
    assert all(frame.person == person() for frame in frames)
    assert ReplayPose.closed


def test_no_camera_at_an_absent_device() -> None:
    with pytest.raises(sources.NoCamera, match="no camera found at device 97; check it is"):
        sources.WebcamSource(97)


def test_without_mediapipe_the_message_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "mediapipe", None)
    with pytest.raises(sources.VisionUnavailable, match=r"pip install 'backbridge\[vision\]'"):
        sources.require_vision()


def test_the_annotated_video_is_an_mp4(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"ending in \.mp4"):
        overlay.AnnotatedVideo(tmp_path / "out.avi", fps=10, width=32, height=32)
    import numpy as np

    with overlay.AnnotatedVideo(tmp_path / "out.mp4", fps=10, width=64, height=48) as video:
        for _ in range(3):
            video.write(np.zeros((48, 64, 3), np.uint8))
    assert count_frames(tmp_path / "out.mp4") == (3, 64, 48)


def test_no_window_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(overlay.NoDisplay, match="no display"):
        overlay.LiveWindow("test")


@pytest.mark.slow
def test_commands_without_video_never_import_opencv_or_mediapipe() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "backbridge", "analyze", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "backbridge.cli.vision_commands" in imported
    assert not {"cv2", "mediapipe", "numpy"} & imported
