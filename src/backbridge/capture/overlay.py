"""What the camera coach draws: the skeleton, the rep counter, the phase and the last cue.

:func:`draw` paints on a BGR image in place; :class:`AnnotatedVideo` writes such images to an
MP4 file (``analyze --annotate``) and :class:`LiveWindow` shows them (``camera``). OpenCV is
imported only when one of them is used.
"""

from __future__ import annotations

import os
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from backbridge.capture.sources import Closing
from backbridge.errors import BackbridgeError, InvalidInput, NotFound
from backbridge.vision.events import Snapshot
from backbridge.vision.landmarks import Frame, Landmark, Point

if TYPE_CHECKING:
    from cv2.typing import MatLike

CONNECTIONS: tuple[tuple[int, int], ...] = (
    (0, 1), (0, 4), (1, 2), (2, 3), (3, 7), (4, 5), (5, 6), (6, 8), (9, 10), (11, 12), (11, 13),
    (11, 23), (12, 14), (12, 24), (13, 15), (14, 16), (15, 17), (15, 19), (15, 21), (16, 18),
    (16, 20), (16, 22), (17, 19), (18, 20), (23, 24), (23, 25), (24, 26), (25, 27), (26, 28),
    (27, 29), (27, 31), (28, 30), (28, 32), (29, 31), (30, 32),
)  # fmt: skip
"""BlazePose's skeleton, as MediaPipe draws it (``POSE_CONNECTIONS``)."""

MIN_VISIBILITY = 0.5
CUE_SECONDS = 4.0
"""How long a fault's cue stays on screen after the rep that caused it."""
LEFT_COLOUR = (0, 165, 255)  # BGR: orange
RIGHT_COLOUR = (255, 200, 0)  # BGR: light blue
MIDDLE_COLOUR = (230, 230, 230)
TEXT_COLOUR = (255, 255, 255)
CUE_COLOUR = (60, 220, 255)  # BGR: yellow
WARNING_COLOUR = (80, 80, 255)  # BGR: red
ASCII = {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "×": "x"}


class NoDisplay(BackbridgeError):
    """There is no screen to show a window on."""


def draw(image: MatLike, frame: Frame, snapshot: Snapshot, *, title: str) -> None:
    """Paint the skeletons of ``frame`` and the state of the analysis on ``image``."""
    for person in frame.people:
        _skeleton(image, person)
    scale = max(image.shape[0] / 720, 0.4)
    lines = [(title, TEXT_COLOUR), (f"reps {snapshot.reps}", TEXT_COLOUR)]
    if snapshot.reps_by_side is not None:
        sides = snapshot.reps_by_side
        lines.append((f"left {sides.get('left', 0)}  right {sides.get('right', 0)}", TEXT_COLOUR))
    lines.append((f"phase: {snapshot.phase}", TEXT_COLOUR))
    if not snapshot.person_found:
        lines.append(("nobody in view", WARNING_COLOUR))
    _panel(image, lines, scale, top=True)
    fault = snapshot.last_fault
    if fault is not None and 0 <= frame.t - fault.t <= CUE_SECONDS:
        width = max(20, int(image.shape[1] / (19 * scale)))
        cue = [(line, CUE_COLOUR) for line in textwrap.wrap(_ascii(fault.text), width)]
        _panel(image, cue, scale, top=False)


def _skeleton(image: MatLike, person: tuple[Landmark, ...]) -> None:
    import cv2

    height, width = image.shape[0], image.shape[1]
    thickness = max(2, round(height / 240))

    def at(index: int) -> tuple[int, int] | None:
        point = person[index]
        if point.visibility < MIN_VISIBILITY:
            return None
        return round(point.x * width), round(point.y * height)

    for a, b in CONNECTIONS:
        start, end = at(a), at(b)
        if start is not None and end is not None:
            cv2.line(image, start, end, _colour(a, b), thickness, cv2.LINE_AA)
    for index in range(len(person)):
        centre = at(index)
        if centre is not None:
            cv2.circle(image, centre, thickness + 1, _colour(index, index), -1, cv2.LINE_AA)


def _colour(a: int, b: int) -> tuple[int, int, int]:
    names = Point(a).name + Point(b).name
    if "LEFT" in names and "RIGHT" not in names:
        return LEFT_COLOUR
    if "RIGHT" in names and "LEFT" not in names:
        return RIGHT_COLOUR
    return MIDDLE_COLOUR


Colour = tuple[int, int, int]


def _panel(image: MatLike, lines: list[tuple[str, Colour]], scale: float, *, top: bool) -> None:
    """Lines of text on a darkened band, at the top left or along the bottom."""
    import cv2

    if not lines:
        return
    font, size, weight = cv2.FONT_HERSHEY_SIMPLEX, 0.8 * scale, max(1, round(2 * scale))
    line_height = round(34 * scale)
    margin = round(10 * scale)
    widths = [cv2.getTextSize(text, font, size, weight)[0][0] for text, _ in lines]
    box_w = min(image.shape[1], max(widths) + 2 * margin)
    box_h = min(image.shape[0], line_height * len(lines) + margin)
    x0 = 0
    y0 = 0 if top else image.shape[0] - box_h
    region = image[y0 : y0 + box_h, x0 : x0 + box_w]
    region[:] = cv2.convertScaleAbs(region, alpha=0.35)
    for n, (text, colour) in enumerate(lines):
        baseline = y0 + line_height * (n + 1) - round(8 * scale)
        cv2.putText(image, text, (x0 + margin, baseline), font, size, colour, weight, cv2.LINE_AA)


def _ascii(text: str) -> str:
    """OpenCV's built-in fonts draw ASCII only."""
    text = "".join(ASCII.get(char, char) for char in text)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


class AnnotatedVideo(Closing):
    """An MP4 file (``mp4v``) of annotated images, all of the source's size and frame rate."""

    def __init__(self, path: Path, *, fps: float, width: int, height: int) -> None:
        if path.suffix.lower() != ".mp4":
            raise InvalidInput(
                f"{path}: the annotated video is an MP4 file; give a name ending in .mp4"
            )
        if not path.parent.is_dir():
            raise NotFound(f"{path.parent}: no such folder")
        import cv2

        fourcc = cv2.VideoWriter.fourcc(*"mp4v")
        self.path = path
        self.size = (width, height)
        self._writer = cv2.VideoWriter(str(path), fourcc, fps, self.size)
        if not self._writer.isOpened():
            raise InvalidInput(f"{path}: cannot write a video there")

    def write(self, image: MatLike) -> None:
        self._writer.write(image)

    def close(self) -> None:
        self._writer.release()


def display_available() -> bool:
    """False where a window cannot appear: on Linux, without an X11 or Wayland display."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class LiveWindow(Closing):
    """The camera window; q, Esc or closing the window asks to stop."""

    def __init__(self, title: str) -> None:
        if not display_available():
            raise NoDisplay(
                "no display to show the camera window on (DISPLAY and WAYLAND_DISPLAY are not "
                "set); record with `backbridge record-landmarks --device N` and analyse the file"
            )
        self.title = title
        self._shown = False

    def show(self, image: MatLike) -> bool:
        """Show the image; False once the person asked to stop."""
        import cv2

        try:
            cv2.imshow(self.title, image)
            key = cv2.waitKey(1) & 0xFF
        except cv2.error as error:
            lines = [line for line in str(error).splitlines() if line.strip()]
            raise NoDisplay(
                f"cannot open the camera window ({lines[-1].strip() if lines else 'OpenCV error'})"
            ) from None
        if key in (ord("q"), ord("Q"), 27):
            return False
        visible = cv2.getWindowProperty(self.title, cv2.WND_PROP_VISIBLE)
        self._shown = True
        return visible >= 1

    def close(self) -> None:
        import cv2

        if self._shown:
            cv2.destroyWindow(self.title)
            cv2.waitKey(1)
