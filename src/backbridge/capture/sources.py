"""Where landmark frames come from: a video file, a webcam or a landmark file.

Every source yields :class:`~backbridge.vision.landmarks.Frame` objects one at a time, so the
analysis cannot tell them apart. Video and webcam sources run a :class:`PoseModel` on each
image; the model sits behind that port so that moving to MediaPipe's Tasks API is one new class.
OpenCV and MediaPipe are imported only when a video or a camera is opened: ``import backbridge``
and reading a landmark file need neither. Nothing is sent anywhere: images are decoded, measured
and dropped in this process.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Self

from backbridge.capture import decoding
from backbridge.capture.decoding import (
    frame_rate,
    native_output_hidden,
    open_capture,
    unreadable,
)
from backbridge.capture.pipeline import Ahead
from backbridge.errors import BackbridgeError, InvalidInput, NotFound
from backbridge.vision.landmarks import Frame, Landmark, LandmarkFile, document, parse

if TYPE_CHECKING:
    from cv2.typing import MatLike

People = tuple[tuple[Landmark, ...], ...]
GZIP_MAGIC = b"\x1f\x8b"


class Closing:
    """``with`` support for anything with a ``close()``: the resource is released on exit."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class VisionUnavailable(BackbridgeError):
    """OpenCV or MediaPipe cannot be imported: the vision extra is missing or incomplete."""


class NoCamera(BackbridgeError):
    """No camera answers at the device index given."""


class PoseSource(Protocol):
    """Landmark frames in time order, and what they were taken from."""

    @property
    def fps(self) -> float: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def description(self) -> str:
        """Where the frames come from, for messages and the landmark file's ``source``."""
        ...

    @property
    def frame_count(self) -> int | None:
        """How many frames to expect, when known (not for a live camera)."""
        ...

    def __iter__(self) -> Iterator[Frame]: ...


class ImageSource(PoseSource, Protocol):
    """A source with pictures: each frame comes with the BGR image it was measured on."""

    def frames_with_images(self) -> Iterator[tuple[Frame, MatLike]]: ...


class PoseModel(Protocol):
    """Finds the people in one RGB image, as 33 normalised BlazePose landmarks each."""

    def estimate(self, rgb: MatLike) -> People: ...
    def close(self) -> None: ...


def require_vision() -> None:
    """Fail with one line when OpenCV or MediaPipe cannot be imported."""
    try:
        import cv2  # noqa: F401
        import mediapipe  # type: ignore[import-untyped]  # noqa: F401
    except ImportError as error:
        if "libGL" in str(error):
            raise VisionUnavailable(
                f"OpenCV needs the system library libgl1 ({error}): apt-get install libgl1"
            ) from None
        raise VisionUnavailable(
            f"video and camera need the vision extra ({error}): pip install 'backbridge[vision]'"
        ) from None


class MediaPipePose:
    """MediaPipe's legacy pose solution: BlazePose full (``model_complexity=1``), tracking mode.

    Complexity 0 and 2 are not in the 0.10.21 wheel and would be downloaded at run time, so they
    are not offered. Tracking mode keeps state between images: use one instance per stream.
    """

    def __init__(self) -> None:
        require_vision()
        import mediapipe
        import numpy

        with native_output_hidden():
            self._pose = mediapipe.solutions.pose.Pose(
                model_complexity=1, static_image_mode=False, enable_segmentation=False
            )
            # The models load in the graph's threads; one empty image waits for them, so their
            # start-up lines are written while hidden. Nobody is found, so tracking is unchanged.
            self._pose.process(numpy.zeros((64, 64, 3), numpy.uint8))
        # Until someone is found, calls are hidden too: the first finding logs a warning.
        self._seen_anyone = False

    def estimate(self, rgb: MatLike) -> People:
        if self._seen_anyone:
            result = self._pose.process(rgb)
        else:
            with native_output_hidden():
                result = self._pose.process(rgb)
        if result.pose_landmarks is None:
            return ()
        self._seen_anyone = True
        return (
            tuple(
                Landmark(float(p.x), float(p.y), float(p.z), float(p.visibility))
                for p in result.pose_landmarks.landmark
            ),
        )

    def close(self) -> None:
        self._pose.close()


def measured(
    images: Iterable[tuple[float, MatLike]],
    pose_model: Callable[[], PoseModel],
    *,
    latest_only: bool,
) -> Generator[tuple[float, MatLike, People], None, None]:
    """Timed BGR images with the people the pose model found in each, as a pipeline: the next
    image is read while the model works on this one, and the model works on the next while the
    caller handles this one (:mod:`~backbridge.capture.pipeline`). ``latest_only`` (a live
    camera): a stage that falls behind skips to the newest image instead of falling further
    behind.

    The reading stage also makes the model's RGB copy of each image, so the pose stage, the one
    that sets the pace, spends its time on the model alone (at 1280×720 the conversion is about
    a millisecond, some 5 % of the model's time).

    One model per stream, made here and closed when the caller stops or the images end.
    """
    import cv2

    def for_model(image: MatLike) -> MatLike:
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        rgb.flags.writeable = False  # MediaPipe takes a read-only image without copying it
        return rgb

    model = pose_model()
    read = Ahead(
        ((t, image, for_model(image)) for t, image in images),
        latest_only=latest_only,
        name="backbridge-capture",
    )
    found = Ahead(
        ((t, image, model.estimate(rgb)) for t, image, rgb in read),
        latest_only=latest_only,
        name="backbridge-pose",
    )
    try:
        yield from found
    finally:
        read.close()  # first: the pose stage may be waiting for an image
        found.close()
        model.close()


def _existing(path: Path) -> Path:
    if not path.exists():
        raise NotFound(f"{path}: no such file")
    if path.is_dir():
        raise InvalidInput(f"{path}: is a folder, not a video or landmark file")
    return path


class LandmarkFileSource:
    """Frames recorded earlier in the ``backbridge-landmarks/1`` format (gzip or plain JSON)."""

    def __init__(self, path: Path) -> None:
        self.path = _existing(path)
        self.file = read_landmarks(path)
        self.description = path.name

    @property
    def fps(self) -> float:
        return self.file.fps

    @property
    def width(self) -> int:
        return self.file.width

    @property
    def height(self) -> int:
        return self.file.height

    @property
    def frame_count(self) -> int:
        return len(self.file.frames)

    def __iter__(self) -> Iterator[Frame]:
        return iter(self.file.frames)


class VideoSource:
    """A video file, each image measured by the pose model.

    OpenCV decodes it where it can, PyAV (FFmpeg with dav1d) where it cannot, such as AV1; a
    video neither can read fails on construction with one line naming its codec
    (:mod:`backbridge.capture.decoding`).

    A frame's time is its index over the file's frame rate: video time, however fast or slow
    decoding runs. Each iteration reads the file afresh with a fresh pose model; the next image
    is decoded while the model works on this one (:func:`measured`), and none is skipped.
    """

    def __init__(self, path: Path, pose_model: Callable[[], PoseModel] = MediaPipePose) -> None:
        self.path = _existing(path)
        require_vision()
        info = decoding.probe(path)
        self.width, self.height, self.fps = info.width, info.height, info.fps
        self.frame_count: int | None = info.frame_count
        self.codec = info.codec
        self.decoder = info.decoder
        self.description = path.name
        self._pose_model = pose_model

    def frames_with_images(self) -> Iterator[tuple[Frame, MatLike]]:
        aspect = self.width / self.height
        timed = (
            (index / self.fps, image)
            for index, image in enumerate(decoding.images(self.path, self.decoder))
        )
        for t, image, people in measured(timed, self._pose_model, latest_only=False):
            yield Frame(t=t, people=people, aspect=aspect), image

    def __iter__(self) -> Iterator[Frame]:
        for frame, _ in self.frames_with_images():
            yield frame


class WebcamSource(Closing):
    """A live camera by device index. A frame's time is the wall time since the first image.

    The camera is opened on construction (opening twice is slow on many cameras) and released by
    :meth:`close` or the ``with`` block; iteration runs until the camera stops or the caller does.
    Reading, the pose model and the caller run as a pipeline (:func:`measured`); a stage that
    falls behind the camera skips to the newest image, so what is shown and counted is never
    late. A video file's path in place of the index is read as if it were the camera, as fast as
    the pose model takes its images and with none skipped (``bench/vision_speed.py`` times the
    live loop so).
    """

    def __init__(
        self, device: int | str, pose_model: Callable[[], PoseModel] = MediaPipePose
    ) -> None:
        require_vision()
        self.device = device
        self._capture = open_capture(device)
        with native_output_hidden():
            ok = self._capture.isOpened() and self._capture.read()[0]
        if not ok:
            self._capture.release()
            raise NoCamera(
                f"no camera found at device {device}; check it is connected, or give --device"
            )
        import cv2

        self.width = int(self._capture.get(cv2.CAP_PROP_FRAME_WIDTH))
        self.height = int(self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        self.fps = frame_rate(self._capture)
        self.frame_count: int | None = None
        self.description = f"camera {device}"
        self._pose_model = pose_model

    def frames_with_images(self) -> Generator[tuple[Frame, MatLike], None, None]:
        live = not isinstance(self.device, str)
        for t, image, people in measured(self._images(), self._pose_model, latest_only=live):
            self.height, self.width = int(image.shape[0]), int(image.shape[1])
            yield Frame(t=t, people=people, aspect=self.width / self.height), image

    def _images(self) -> Iterator[tuple[float, MatLike]]:
        """Each image as the camera delivers it, timed when it arrived."""
        start: float | None = None
        while True:
            ok, image = self._capture.read()
            if not ok or image is None:
                return
            now = time.monotonic()
            start = now if start is None else start
            yield now - start, image

    def __iter__(self) -> Iterator[Frame]:
        for frame, _ in self.frames_with_images():
            yield frame

    def close(self) -> None:
        self._capture.release()


def is_landmark_file(path: Path) -> bool:
    """By name (``.json``, ``.json.gz``), else by content (gzip, or JSON text)."""
    name = path.name.lower()
    if name.endswith((".json", ".json.gz")):
        return True
    with path.open("rb") as handle:
        head = handle.read(64)
    return head.startswith(GZIP_MAGIC) or head.lstrip().startswith(b"{")


def open_source(path: Path) -> LandmarkFileSource | VideoSource:
    """The source for a file given by the user: a landmark file or a video."""
    _existing(path)
    if is_landmark_file(path):
        return LandmarkFileSource(path)
    return VideoSource(path)


def read_landmarks(path: Path) -> LandmarkFile:
    """Read a landmark file; a file that is not one fails with one line."""
    try:
        data = _existing(path).read_bytes()
        text = gzip.decompress(data) if data.startswith(GZIP_MAGIC) else data
        raw = json.loads(text)
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise unreadable(path, f"{type(error).__name__}: {error}") from None
    return parse(raw, str(path))


def write_landmarks(
    path: Path, frames: Iterable[Frame], *, source: str, fps: float, width: int, height: int
) -> None:
    """Write frames in the ``backbridge-landmarks/1`` format, gzip-compressed when the name ends
    in ``.gz``. The file appears whole or not at all (written aside, then renamed)."""
    if not path.parent.is_dir():
        raise NotFound(f"{path.parent}: no such folder")
    body = json.dumps(
        document(frames, source=source, fps=fps, width=width, height=height),
        separators=(",", ":"),
    ).encode()
    if path.name.endswith(".gz"):
        body = gzip.compress(body, mtime=0)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
