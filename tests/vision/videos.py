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


def encoded_video(
    path: Path,
    encoder: str,
    *,
    frames: int = BLANK_FRAMES,
    size: tuple[int, int] = BLANK_SIZE,
    rotation: int = 0,
) -> Path:
    """A clip written with one of PyAV's encoders (libx264, libx265, libvpx-vp9, libsvtav1...):
    frame ``n`` is grey level ``20 * n``, with a white square in the stored picture's top left
    corner; ``rotation`` is the display rotation a phone writes for a portrait video."""
    import av
    import numpy as np

    width, height = size
    options = {"x265-params": "log-level=error"} if encoder == "libx265" else {}
    with av.open(str(path), "w") as container:
        stream = container.add_stream(encoder, rate=int(BLANK_FPS), options=options)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        if rotation:
            stream.set_display_rotation(rotation)
        for n in range(frames):
            image = np.full((height, width, 3), 20 * n, np.uint8)
            image[:32, :32] = 255
            container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")))
        container.mux(stream.encode())
    return path


def can_encode(encoder: str) -> bool:
    """Whether this machine's PyAV wheel has the encoder."""
    try:
        import av
    except ImportError:
        return False
    try:
        av.codec.Codec(encoder, "w")
    except (av.FFmpegError, ValueError):
        return False
    return True
