"""Small videos made in code for the source and CLI tests."""

from __future__ import annotations

from pathlib import Path

BLANK_FRAMES = 6
BLANK_FPS = 10.0
BLANK_SIZE = (160, 120)


def blank_video(path: Path, frames: int = BLANK_FRAMES) -> Path:
    """A few grey frames: a real, playable MP4 in which nobody can be found."""
    import cv2
    import numpy as np

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), BLANK_FPS, BLANK_SIZE)
    for _ in range(frames):
        writer.write(np.full((BLANK_SIZE[1], BLANK_SIZE[0], 3), 128, np.uint8))
    writer.release()
    return path


def count_frames(path: Path) -> tuple[int, int, int]:
    """Frames, width and height of a video as OpenCV reads it back."""
    import cv2

    capture = cv2.VideoCapture(str(path))
    frames = 0
    width = height = 0
    while True:
        ok, image = capture.read()
        if not ok:
            break
        frames += 1
        height, width = image.shape[:2]
    capture.release()
    return frames, width, height
