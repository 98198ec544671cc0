"""Decoding a video file into BGR images: OpenCV's FFmpeg first, PyAV's where OpenCV cannot.

OpenCV's wheel reads H.264, HEVC and VP9 but has no AV1 decoder (it opens the file and returns
no image); PyAV (the vision extra) bundles FFmpeg with dav1d, so AV1 from the web is read too.
When neither can decode the video, the error names its codec and how to convert it, in one line.
Both libraries are imported only when a video is opened.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from backbridge.errors import InvalidInput

if TYPE_CHECKING:
    from cv2 import VideoCapture
    from cv2.typing import MatLike

DEFAULT_FPS = 30.0
"""Used when a video does not say its frame rate (some containers and most webcams)."""

Decoder = Literal["opencv", "pyav"]

CODEC_NAMES = {
    "h264": "H.264", "avc1": "H.264", "hevc": "HEVC (H.265)", "hvc1": "HEVC (H.265)",
    "hev1": "HEVC (H.265)", "vp9": "VP9", "vp90": "VP9", "vp8": "VP8", "vp80": "VP8",
    "av1": "AV1", "av01": "AV1", "mpeg4": "MPEG-4 Part 2", "fmp4": "MPEG-4 Part 2",
    "mp4v": "MPEG-4 Part 2", "prores": "ProRes", "mjpeg": "Motion JPEG", "vvc": "VVC (H.266)",
    "vvc1": "VVC (H.266)", "dvvideo": "DV", "theora": "Theora",
}  # fmt: skip
"""Codec names as people know them, by FFmpeg's codec name or the container's fourcc."""
EXPECTED = {"H.264", "HEVC (H.265)", "VP9", "VP8", "AV1", "MPEG-4 Part 2", "Motion JPEG"}
"""Codecs one of the two decoders reads: failing on one of them means a damaged file."""
CONVERT = "re-save it as H.264 MP4 with your phone's or computer's video tool"


@dataclass(frozen=True)
class VideoInfo:
    """What a readable video is: its picture size (as shown), frame rate and length."""

    decoder: Decoder
    width: int
    height: int
    fps: float
    frame_count: int | None
    codec: str


@contextmanager
def native_output_hidden() -> Iterator[None]:
    """Hide what native code writes straight to file descriptor 2 (TensorFlow Lite's start-up
    lines, FFmpeg's complaints about a broken file) so a command's output stays one line."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def unreadable(path: Path, why: str) -> InvalidInput:
    return InvalidInput(f"{path}: not a video or landmark file backbridge can read ({why})")


def undecodable(path: Path, codec: str, *, pyav: bool) -> InvalidInput:
    """One line: the codec that could not be read, and how to get a video that can be."""
    if codec in EXPECTED and pyav:
        problem = f"its {codec} video could not be decoded (the file may be damaged or cut short)"
    else:
        problem = f"its video is {codec}, which backbridge cannot decode here"
    hint = "" if pyav else "; or install PyAV for more codecs: pip install 'backbridge[vision]'"
    return InvalidInput(
        f"{path}: {problem}; {CONVERT} (e.g. ffmpeg -i {path.name} -c:v libx264 "
        f"{path.stem}-h264.mp4){hint}"
    )


def codec_name(raw: str) -> str:
    """A codec as people know it ("AV1"), else FFmpeg's own name or the fourcc as given."""
    key = raw.strip().strip("\x00").lower()
    return CODEC_NAMES.get(key, raw.strip().strip("\x00") or "an unknown codec")


def open_capture(target: str | int) -> VideoCapture:
    """OpenCV's reader; a file's images come the right way up (a phone's portrait video is
    stored sideways with a rotation to apply, which this OpenCV leaves off by default)."""
    import cv2

    with native_output_hidden():
        capture = cv2.VideoCapture(target)
    if isinstance(target, str):
        capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
    return capture


def frame_rate(capture: VideoCapture) -> float:
    import cv2

    fps = float(capture.get(cv2.CAP_PROP_FPS))
    return fps if 0 < fps <= 1000 else DEFAULT_FPS


def _fourcc(capture: VideoCapture) -> str:
    import cv2

    code = int(capture.get(cv2.CAP_PROP_FOURCC))
    return "".join(chr((code >> (8 * n)) & 0xFF) for n in range(4)) if code > 0 else ""


def _pyav_available() -> bool:
    try:
        import av  # noqa: F401
    except ImportError:
        return False
    return True


def probe(path: Path) -> VideoInfo:
    """How to read the video at ``path``; one line naming the problem when it cannot be read.

    OpenCV is tried first (the decoder the pose pipeline was measured with), then PyAV.
    """
    import cv2

    capture = open_capture(str(path))
    fourcc = ""
    try:
        opened = capture.isOpened()
        if opened:
            fourcc = _fourcc(capture)
            with native_output_hidden():
                ok, image = capture.read()
            if ok and image is not None:
                count = int(capture.get(cv2.CAP_PROP_FRAME_COUNT))
                return VideoInfo(
                    decoder="opencv",
                    width=int(image.shape[1]),
                    height=int(image.shape[0]),
                    fps=frame_rate(capture),
                    frame_count=count if count > 0 else None,
                    codec=codec_name(fourcc),
                )
    finally:
        capture.release()
    if _pyav_available():
        return _probe_pyav(path, fourcc)
    if not opened:
        raise unreadable(path, "OpenCV cannot open it")
    raise undecodable(path, codec_name(fourcc), pyav=False)


def _probe_pyav(path: Path, fourcc: str) -> VideoInfo:
    """PyAV's reading; ``fourcc`` (OpenCV's) names the codec where FFmpeg has no decoder."""
    import av

    try:
        container = av.open(str(path))
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as error:
        raise unreadable(path, f"FFmpeg cannot open it: {_short(error)}") from None
    with container:
        if not container.streams.video:
            raise unreadable(path, "it holds no video stream")
        stream = container.streams.video[0]
        context = stream.codec_context
        if context is None:  # FFmpeg knows no decoder for it
            raise undecodable(path, codec_name(fourcc), pyav=True)
        codec = codec_name(context.codec.canonical_name or context.codec.name)
        try:
            first = next(iter(container.decode(stream)), None)
        except (av.FFmpegError, ValueError):
            first = None
        if first is None:
            raise undecodable(path, codec, pyav=True)
        rate = stream.average_rate or stream.guessed_rate
        fps = float(rate) if rate and 0 < float(rate) <= 1000 else DEFAULT_FPS
        width, height = first.width, first.height
        if _quarter_turns(first.rotation) % 2:
            width, height = height, width
        return VideoInfo(
            decoder="pyav",
            width=width,
            height=height,
            fps=fps,
            frame_count=stream.frames if stream.frames > 0 else None,
            codec=codec,
        )


def _short(error: BaseException) -> str:
    lines = [line for line in str(error).splitlines() if line.strip()]
    return lines[0].strip() if lines else type(error).__name__


def _quarter_turns(rotation: float) -> int:
    """The display rotation, in counter-clockwise quarter turns (phones film portrait this way)."""
    return round(rotation / 90) % 4


def images(path: Path, decoder: Decoder) -> Iterator[MatLike]:
    """The video's images in order, as BGR arrays the right way up, until the stream ends."""
    if decoder == "pyav":
        yield from _pyav_images(path)
        return
    capture = open_capture(str(path))
    try:
        while True:
            ok, image = capture.read()
            if not ok or image is None:
                return
            yield image
    finally:
        capture.release()


def _pyav_images(path: Path) -> Iterator[MatLike]:
    import av
    import numpy

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        try:
            for frame in container.decode(stream):
                image = frame.to_ndarray(format="bgr24")
                turns = _quarter_turns(frame.rotation)
                yield numpy.ascontiguousarray(numpy.rot90(image, turns)) if turns else image
        except av.FFmpegError:
            return  # a file cut short ends where it breaks, as with OpenCV
