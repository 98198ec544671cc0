"""What the camera coach draws: the skeleton, the rep counter, the phase and the last cue.

The text goes in the corner of the picture that covers the person least (a person lying on a
mat fills the bottom of it), and stays there from frame to frame unless they move under it.

:func:`draw` paints on a BGR image in place; :class:`AnnotatedVideo` writes such images to an
MP4 file (``analyze --annotate``) and :class:`LiveWindow` shows them (``camera``). OpenCV is
imported only when one of them is used.
"""

from __future__ import annotations

import functools
import os
import sys
import textwrap
import unicodedata
from collections.abc import Callable
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


def draw(
    image: MatLike,
    frame: Frame,
    snapshot: Snapshot,
    *,
    title: str,
    placement: TextPlacement | None = None,
) -> None:
    """Paint the skeletons of ``frame`` and the state of the analysis on ``image``.

    The text (the counter and, after a faulty rep, its cue) goes in the corner that covers the
    person least; ``placement`` remembers that corner between the frames of one stream, so the
    text stays put until the person really moves under it. Without one, a module-wide placement
    is used, which starts afresh when the time goes back or the image size changes (a new
    stream): enough for one stream at a time.
    """
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
    wrap = max(20, int(image.shape[1] * CUE_WIDTH / (19 * scale)))
    fault = snapshot.last_fault
    cue: list[tuple[str, Colour]] = []
    if fault is not None and 0 <= frame.t - fault.t <= CUE_SECONDS:
        cue = [(line, CUE_COLOUR) for line in textwrap.wrap(_ascii(fault.text), wrap)]
    height, width = image.shape[0], image.shape[1]
    counter_size = _measure(lines, scale, width, height)
    # Placement is judged with room kept for a two-line cue, so a cue appearing moves nothing.
    reserved = _measure([("x" * wrap, CUE_COLOUR)] * 2, scale, width, height)
    chooser = placement if placement is not None else _SHARED_PLACEMENT
    corner = chooser.choose(
        lambda c: _layout(c, [counter_size, reserved], width, height),
        person_box(frame, width, height),
        t=frame.t,
        size=(width, height),
    )
    panels = [lines, cue] if cue else [lines]
    sizes = [_measure(panel, scale, width, height) for panel in panels]
    for (x0, y0, _, _), panel in zip(_layout(corner, sizes, width, height), panels, strict=True):
        _paint(image, panel, scale, x0, y0)


Box = tuple[int, int, int, int]
"""A rectangle in pixels: left, top, right, bottom (right and bottom excluded)."""
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
CUE_WIDTH = 0.6
"""The cue wraps at this share of the image's width, so it can sit beside a standing person."""
MOVE_SHARE = 0.2
"""The text moves only once it covers the person over this share of its own area..."""
HOLD_SECONDS = 0.5
"""...and another corner has been clearly better for this long, so it does not jump."""


def person_box(frame: Frame, width: int, height: int) -> Box | None:
    """The people's visible landmarks' bounding box in pixels, with a margin; None if nobody."""
    points = [
        (point.x, point.y)
        for person in frame.people
        for point in person
        if point.visibility >= MIN_VISIBILITY
    ]
    if not points:
        return None
    pad = 0.05 * min(width, height)
    xs, ys = [x * width for x, _ in points], [y * height for _, y in points]
    return (
        max(0, round(min(xs) - pad)),
        max(0, round(min(ys) - pad)),
        min(width, round(max(xs) + pad)),
        min(height, round(max(ys) + pad)),
    )


def _layout(corner: str, sizes: list[tuple[int, int]], width: int, height: int) -> list[Box]:
    """The panels' boxes stacked in a corner: the first (the counter) nearest the top."""
    boxes: list[Box] = []
    total = sum(h for _, h in sizes)
    y = 0 if corner.startswith("top") else max(0, height - total)
    for w, h in sizes:
        x = 0 if corner.endswith("left") else width - w
        boxes.append((x, y, x + w, y + h))
        y += h
    return boxes


def _overlap(boxes: list[Box], other: Box) -> int:
    area = 0
    for x0, y0, x1, y1 in boxes:
        w = min(x1, other[2]) - max(x0, other[0])
        h = min(y1, other[3]) - max(y0, other[1])
        area += max(0, w) * max(0, h)
    return area


class TextPlacement:
    """The corner the text sits in, kept between the frames of one stream.

    The first time someone is seen, the text goes straight to the corner covering them least;
    after that it moves only when it covers a good part of the person (``MOVE_SHARE`` of its
    own area), another corner covers under half as much, and that has held for ``HOLD_SECONDS``.
    With nobody in view it stays where it is.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.corner = CORNERS[0]
        self._settled = False
        self._better: tuple[str, float] | None = None
        self._last: tuple[float, tuple[int, int]] | None = None

    def choose(
        self,
        layout: Callable[[str], list[Box]],
        person: Box | None,
        *,
        t: float,
        size: tuple[int, int],
    ) -> str:
        if self._last is not None and (t < self._last[0] or size != self._last[1]):
            self._reset()  # a new stream: start afresh
        self._last = (t, size)
        if person is None:
            self._better = None
            return self.corner
        covered = {corner: _overlap(layout(corner), person) for corner in CORNERS}
        best = min(CORNERS, key=lambda corner: covered[corner])
        if not self._settled:
            self.corner, self._settled = best, True
            return self.corner
        area = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in layout(self.corner))
        here = covered[self.corner]
        if here <= MOVE_SHARE * area or covered[best] * 2 > here:
            self._better = None
        elif self._better is None or self._better[0] != best:
            self._better = (best, t)
        elif t - self._better[1] >= HOLD_SECONDS:
            self.corner, self._better = best, None
        return self.corner


_SHARED_PLACEMENT = TextPlacement()


def _skeleton(image: MatLike, person: tuple[Landmark, ...]) -> None:
    import cv2

    height, width = image.shape[0], image.shape[1]
    thickness = max(2, round(height / 240))

    at = [
        (round(point.x * width), round(point.y * height))
        if point.visibility >= MIN_VISIBILITY
        else None
        for point in person
    ]
    for a, b in CONNECTIONS:
        start, end = at[a], at[b]
        if start is not None and end is not None:
            cv2.line(image, start, end, _colour(a, b), thickness, cv2.LINE_AA)
    for index, centre in enumerate(at):
        if centre is not None:
            cv2.circle(image, centre, thickness + 1, _colour(index, index), -1, cv2.LINE_AA)


@functools.cache  # drawn for every joint of every frame; the answer never changes
def _colour(a: int, b: int) -> tuple[int, int, int]:
    names = Point(a).name + Point(b).name
    if "LEFT" in names and "RIGHT" not in names:
        return LEFT_COLOUR
    if "RIGHT" in names and "LEFT" not in names:
        return RIGHT_COLOUR
    return MIDDLE_COLOUR


Colour = tuple[int, int, int]


def _font(scale: float) -> tuple[int, float, int, int, int]:
    """OpenCV's font, its size and weight, the line height and the margin at this scale."""
    import cv2

    return (
        cv2.FONT_HERSHEY_SIMPLEX,
        0.8 * scale,
        max(1, round(2 * scale)),
        round(34 * scale),
        round(10 * scale),
    )


def _measure(
    lines: list[tuple[str, Colour]], scale: float, width: int, height: int
) -> tuple[int, int]:
    """The size of the darkened box that holds these lines."""
    import cv2

    font, size, weight, line_height, margin = _font(scale)
    widths = [cv2.getTextSize(text, font, size, weight)[0][0] for text, _ in lines]
    return (
        min(width, max(widths, default=0) + 2 * margin),
        min(height, line_height * len(lines) + margin),
    )


def _paint(image: MatLike, lines: list[tuple[str, Colour]], scale: float, x0: int, y0: int) -> None:
    """Lines of text on a darkened box whose top left corner is at ``x0``, ``y0``."""
    import cv2

    if not lines:
        return
    font, size, weight, line_height, margin = _font(scale)
    box_w, box_h = _measure(lines, scale, image.shape[1], image.shape[0])
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
