"""Landmark frames: 33 BlazePose points per frame, in the ``backbridge-landmarks/1`` format.

Coordinates arrive normalised to the image (x by width, y by height, origin top-left); a
:class:`Frame` keeps them with the image's aspect ratio so that geometry is done in
proportions of the real scene, independent of the image size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from backbridge.errors import DataFileError

FORMAT = "backbridge-landmarks/1"
MODEL = "mediapipe 0.10.21 pose_landmark_full (legacy Pose, tracking mode)"


class Point(IntEnum):
    """BlazePose landmark indices (the order of the format's ``landmark_names``)."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


LANDMARK_NAMES = [point.name.lower() for point in Point]


@dataclass(frozen=True, slots=True)
class Landmark:
    x: float
    y: float
    z: float
    visibility: float


@dataclass(frozen=True, slots=True)
class Frame:
    """One video frame's pose; ``people`` is empty when nobody was found.

    Each person is a tuple of 33 landmarks. Sources that see one person give at most one;
    the browser or a multi-person detector may give several.
    """

    t: float
    people: tuple[tuple[Landmark, ...], ...]
    aspect: float = 1.0
    """Image width divided by height: x is scaled by it so distances are true proportions."""

    @property
    def person(self) -> tuple[Landmark, ...] | None:
        return self.people[0] if self.people else None


@dataclass(frozen=True)
class LandmarkFile:
    source: str
    fps: float
    width: int
    height: int
    model: str
    frames: list[Frame]


def parse(document: Any, where: str) -> LandmarkFile:
    """Read a ``backbridge-landmarks/1`` document; malformed files fail with one clear line."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DataFileError([f'{where}: not a landmark file (expected "format": "{FORMAT}")'])
    try:
        width, height = int(document["width"]), int(document["height"])
        aspect = width / height
        frames = [_frame(raw, aspect) for raw in document["frames"]]
        return LandmarkFile(
            source=str(document.get("source", "")),
            fps=float(document["fps"]),
            width=width,
            height=height,
            model=str(document.get("model", "")),
            frames=frames,
        )
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as error:
        problem = f"{type(error).__name__}: {error}"
        raise DataFileError(
            [
                f"{where}: malformed landmark file ({problem}); "
                f"see the {FORMAT} format in docs/camera.md"
            ]
        ) from None


def _frame(raw: dict[str, Any], aspect: float) -> Frame:
    points = raw["landmarks"]
    people: tuple[tuple[Landmark, ...], ...] = ()
    if points is not None:
        if points and isinstance(points[0][0], list):  # several people
            people = tuple(_person(p) for p in points)
        else:
            people = (_person(points),)
    return Frame(t=float(raw["t"]), people=people, aspect=aspect)


def _person(points: Sequence[Sequence[float]]) -> tuple[Landmark, ...]:
    if len(points) != len(Point):
        raise ValueError(f"a person has {len(points)} landmarks, expected {len(Point)}")
    return tuple(Landmark(float(p[0]), float(p[1]), float(p[2]), float(p[3])) for p in points)


def document(
    frames: Iterable[Frame], *, source: str, fps: float, width: int, height: int
) -> dict[str, Any]:
    """The ``backbridge-landmarks/1`` document for these frames (first person only)."""
    return {
        "format": FORMAT,
        "source": source,
        "fps": fps,
        "width": width,
        "height": height,
        "model": MODEL,
        "landmark_names": LANDMARK_NAMES,
        "frames": [
            {
                "t": round(frame.t, 4),
                "landmarks": None
                if frame.person is None
                else [[round(v, 5) for v in (p.x, p.y, p.z, p.visibility)] for p in frame.person],
            }
            for frame in frames
        ],
    }
