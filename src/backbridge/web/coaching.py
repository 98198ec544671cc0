"""The camera coach on the web: landmark messages from the browser in, live counts out.

The browser runs the pose model and sends only body-point positions, one message per video
frame; each connection feeds one :class:`~backbridge.vision.analysis.Analysis`, the same one
``backbridge analyze`` uses. Everything here is sans-IO: :mod:`backbridge.web.live` reads and
sends.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from backbridge.errors import InvalidInput
from backbridge.program.history import Side
from backbridge.services.camera import FrameRate, rate_reading, watched_document
from backbridge.vision.analysis import Analysis
from backbridge.vision.events import Event, Fault, Notice, PhaseChange, Rep
from backbridge.vision.landmarks import Frame, Landmark, Point
from backbridge.vision.report import report

MESSAGE_SHAPE = (
    'send {"t": seconds, "width": w, "height": h, "landmarks": [[x, y, z, visibility] x 33] '
    'or null}, or {"type": "finish"}'
)


@dataclass
class CameraSession:
    """One connection's analysis; :meth:`handle` answers every message."""

    analysis: Analysis
    finished: bool = False
    last_t: float | None = None
    rate: FrameRate = field(default_factory=FrameRate)
    sides: tuple[Side | None, ...] | None = None
    """The sides of the set the count will be logged with (a step of the session player); the
    report's ``watched`` is mapped onto them."""

    def handle(self, message: Any) -> dict[str, Any]:
        """The reply to one decoded JSON message: the live state, the report after
        ``{"type": "finish"}``, or ``{"error": ...}`` for a message that cannot be used."""
        try:
            if isinstance(message, dict) and message.get("type") == "finish":
                return self._finish()
            if self.finished:
                raise InvalidInput("this set is finished; open a new connection for the next one")
            frame = parse_frame(message)
            if self.last_t is not None and frame.t < self.last_t:
                raise InvalidInput(f"t went back in time ({frame.t} after {self.last_t})")
            self.last_t = frame.t
            self.rate.add(frame.t)
            reply = live(self.analysis, self.analysis.feed(frame))
            return {**reply, **rate_reading(self.analysis, self.rate.now)}
        except InvalidInput as error:
            return {"error": str(error)}

    def _finish(self) -> dict[str, Any]:
        if self.finished:
            raise InvalidInput("this set is already finished")
        self.finished = True
        self.analysis.finish()
        document = {**report(self.analysis), **rate_reading(self.analysis, self.rate.overall)}
        if document["too_slow"]:
            document["warnings"] = [document["too_slow"], *document["warnings"]]
        return {
            "type": "report",
            **document,
            "watched": watched_document(self.analysis, self.sides),
        }


def parse_frame(message: Any) -> Frame:
    """A :class:`Frame` from one browser message; one clear line when it is malformed."""
    if not isinstance(message, dict):
        raise InvalidInput(f"a message must be a JSON object: {MESSAGE_SHAPE}")
    missing = [key for key in ("t", "width", "height", "landmarks") if key not in message]
    if missing:
        raise InvalidInput(f"missing {', '.join(missing)}: {MESSAGE_SHAPE}")
    t, width, height = (_number(message, key) for key in ("t", "width", "height"))
    if t < 0 or width <= 0 or height <= 0:
        raise InvalidInput("t must be 0 or more, width and height more than 0")
    points = message["landmarks"]
    if points is None:
        return Frame(t=t, people=(), aspect=width / height)
    if not isinstance(points, list) or len(points) != len(Point):
        count = len(points) if isinstance(points, list) else "no list of"
        raise InvalidInput(f"landmarks: got {count} points, expected {len(Point)} or null")
    person = []
    for index, point in enumerate(points):
        values = point if isinstance(point, list) and len(point) == 4 else None
        if values is None or not all(_finite(v) for v in values):
            raise InvalidInput(f"landmarks[{index}] must be [x, y, z, visibility] numbers")
        person.append(Landmark(*(float(v) for v in values)))
    return Frame(t=t, people=(tuple(person),), aspect=width / height)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _number(message: dict[str, Any], key: str) -> float:
    value = message[key]
    if not _finite(value):
        raise InvalidInput(f"{key} must be a number, not {value!r}")
    return float(value)


def live(analysis: Analysis, events: list[Event]) -> dict[str, Any]:
    """What the page shows after one frame."""
    snapshot = analysis.snapshot
    return {
        "reps": snapshot.reps,
        "reps_by_side": None if snapshot.reps_by_side is None else dict(snapshot.reps_by_side),
        "phase": snapshot.phase,
        "person_found": snapshot.person_found,
        "cue": None if snapshot.last_fault is None else snapshot.last_fault.text,
        "events": [event_document(event) for event in events],
    }


def event_document(event: Event) -> dict[str, Any]:
    if isinstance(event, PhaseChange):
        return {"type": "phase", "t": round(event.t, 3), "phase": event.phase}
    if isinstance(event, Rep):
        return {"type": "rep", "t_start": round(event.t_start, 3), "t_end": round(event.t_end, 3),
                "side": event.side, "faults": list(event.faults)}  # fmt: skip
    if isinstance(event, Fault):
        return {"type": "fault", "t": round(event.t, 3), "cue": event.cue, "text": event.text}
    assert isinstance(event, Notice)
    return {"type": "notice", "t": round(event.t, 3), "text": event.text}
