"""The camera coach's analysis: landmark frames in, events out, one frame at a time.

:class:`Analysis` is sans-IO: a video file, a webcam, a landmark file and the browser all feed
it the same :class:`~backbridge.vision.landmarks.Frame` objects and read the same events. It
picks the person to follow, smooths each measure, counts reps on the exercise's counting signal
(:mod:`~backbridge.vision.counting`), and checks every finished rep against the exercise's
camera checks from its data file. What is measured comes from a :class:`Model`, one per family
of exercises (``vision/exercises/``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from backbridge.catalog.models import CameraCheck, CameraSpec, Exercise, Laterality
from backbridge.vision import geometry
from backbridge.vision.counting import CountedRep, RepCounter, Smoother, Threshold
from backbridge.vision.events import Event, Fault, Notice, PhaseChange, Rep, Side, Snapshot
from backbridge.vision.landmarks import Frame, Landmark, Point

Person = Sequence[Landmark]
Measures = dict[str, float]
NOBODY_AFTER_S = 0.5
RANGE_WINDOW_S = 8.0
"""Adaptive counting: the signal's range is taken over this many recent seconds."""
BOUT_GAP_S = 5.0
"""One-side-at-a-time work: reps closer together than this belong to one bout on one side."""
SMOOTHING_S = 0.08
RECENT_FRAMES = 240
"""Frames kept so a rep's measures start where the movement started, before the threshold."""


class Model(Protocol):
    """What one family of exercises measures in a frame and in a finished rep."""

    signal: str
    """The measure reps are counted on."""
    rising: bool
    """True when the work phase raises the signal."""
    placement: str
    """Where to put the camera, said when the movement cannot be seen from where it is."""

    def measure(self, person: Person, aspect: float) -> Measures | None:
        """This frame's measures; None when the key landmarks are not visible."""
        ...

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        """A finished rep's measures (the checks' inputs) from its frames' measures."""
        ...

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        """The side that worked in this rep, for one-sided or alternating work."""
        ...


@dataclass
class PersonTracker:
    """Follows one person: the first choice is the largest, most central person; after that,
    whoever is nearest to where the followed person was."""

    last_centre: tuple[float, float] | None = None
    warned_crowd: bool = False

    def pick(self, frame: Frame) -> tuple[Person | None, Notice | None]:
        people = frame.people
        if not people:
            return None, None
        notice = None
        if len(people) > 1 and not self.warned_crowd:
            self.warned_crowd = True
            notice = Notice(
                frame.t,
                f"{len(people)} people in view: following the one doing the exercise "
                "(the largest and most central, then the same person from frame to frame)",
            )
        if len(people) == 1:
            chosen = people[0]
        elif self.last_centre is None:
            chosen = max(people, key=lambda p: _prominence(p, frame.aspect))
        else:
            last = self.last_centre
            chosen = min(people, key=lambda p: geometry.distance(_centre(p, frame.aspect), last))
        self.last_centre = _centre(chosen, frame.aspect)
        return chosen, notice


def _centre(person: Person, aspect: float) -> tuple[float, float]:
    return geometry.midpoint(
        geometry.xy(person, Point.LEFT_HIP, aspect), geometry.xy(person, Point.RIGHT_HIP, aspect)
    )


def _prominence(person: Person, aspect: float) -> float:
    xs = [p.x * aspect for p in person]
    ys = [p.y for p in person]
    area = (max(xs) - min(xs)) * (max(ys) - min(ys))
    cx, cy = _centre(person, aspect)
    off_centre = abs(cx - aspect / 2) / aspect + abs(cy - 0.5)
    return area * (1 - min(off_centre, 0.9))


@dataclass
class Analysis:
    """Counts reps and checks form for one exercise."""

    exercise: Exercise
    model: Model
    snapshot: Snapshot = field(default_factory=Snapshot)
    frames: int = 0
    frames_with_person: int = 0
    reps: list[Rep] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    _tracker: PersonTracker = field(default_factory=PersonTracker)
    _smoothers: dict[str, Smoother] = field(default_factory=dict)
    _samples: list[tuple[float, Measures]] = field(default_factory=list)
    _recent: deque[tuple[float, Measures]] = field(
        default_factory=lambda: deque(maxlen=RECENT_FRAMES)
    )
    _missing_since: float | None = None
    _nobody_said: bool = False
    _unseen_since: float | None = None
    _placement_said: bool = False
    _history: deque[tuple[float, float]] = field(default_factory=deque)
    _peaks: list[float] = field(default_factory=list)
    _range_ready: bool = False
    _counter: RepCounter = field(init=False)

    def __post_init__(self) -> None:
        spec = self.spec
        self._counter = RepCounter(
            Threshold(
                enter=spec.enter,
                exit=spec.exit,
                rising=self.model.rising,
                min_work_s=spec.min_work_s,
                min_rest_s=spec.min_rest_s,
            )
        )
        if self.exercise.laterality is not Laterality.BILATERAL:
            self.snapshot.reps_by_side = {"left": 0, "right": 0}

    @property
    def spec(self) -> CameraSpec:
        assert self.exercise.camera is not None  # the registry only builds camera exercises
        return self.exercise.camera

    def feed(self, frame: Frame) -> list[Event]:
        self.frames += 1
        person, notice = self._tracker.pick(frame)
        events: list[Event] = [notice] if notice else []
        if person is None:
            return events + self._nobody(frame.t)
        self.frames_with_person += 1
        self.snapshot.person_found = True
        self._missing_since = None
        measures = self.model.measure(person, frame.aspect)
        if measures is None:
            return events + self._unseen(frame.t)
        self._unseen_since = None
        smoothed = {key: self._smooth(key, frame.t, value) for key, value in measures.items()}
        self._recent.append((frame.t, smoothed))
        for t, value in self._counting_values(frame.t, smoothed[self.model.signal]):
            events += self._count(t, value)
        self.notices += [e for e in events if isinstance(e, Notice)]
        return events

    def _count(self, t: float, value: float) -> list[Event]:
        outcome = self._counter.feed(t, value)
        if outcome == "work":
            started = self._counter.work_started or t
            self._samples = [sample for sample in self._recent if started <= sample[0] <= t]
        elif self._counter.phase == "work" or isinstance(outcome, CountedRep):
            self._samples += [sample for sample in self._recent if sample[0] == t]
        if isinstance(outcome, str):
            self.snapshot.phase = outcome
            return [PhaseChange(t, outcome)]
        if isinstance(outcome, CountedRep):
            self._peaks.append(outcome.extreme)
            self.snapshot.phase = "rest"
            return [PhaseChange(t, "rest"), *self._finish_rep(outcome, timed=outcome.whole)]
        return []

    def finish(self) -> list[Event]:
        """The stream has ended: count a last rep that reached its far end before the clip
        stopped. Call once, after the last frame."""
        peaks = sorted(self._peaks)
        typical = peaks[len(peaks) // 2] if peaks else None
        counted = self._counter.finish(typical)
        if counted is None:
            return []
        return [PhaseChange(counted.t_end, "rest"), *self._finish_rep(counted, timed=counted.whole)]

    def _smooth(self, key: str, t: float, value: float) -> float:
        smoother = self._smoothers.setdefault(key, Smoother(SMOOTHING_S))
        return smoother.feed(t, value)

    def _counting_values(self, t: float, value: float) -> list[tuple[float, float]]:
        """What the counter is fed for this frame: the signal itself; or, for adaptive counting,
        its place in its recent range (0-1), nothing until that range is wide enough, and at
        that moment the frames so far, so a clip that starts mid-rep still shows that rep."""
        floor = self.spec.adaptive_range
        if floor is None:
            return [(t, value)]
        self._history.append((t, value))
        while self._history[0][0] < t - RANGE_WINDOW_S:
            self._history.popleft()
        low = min(v for _, v in self._history)
        high = max(v for _, v in self._history)
        if high - low < floor:
            if self._range_ready:
                return [(t, 0.0 if self.model.rising else 1.0)]
            return []
        span = high - low
        if not self._range_ready:
            self._range_ready = True
            return [(when, (v - low) / span) for when, v in self._history]
        return [(t, (value - low) / span)]

    def _unseen(self, t: float) -> list[Event]:
        """Someone is there, but the movement cannot be measured from this camera angle."""
        if self._unseen_since is None:
            self._unseen_since = t
        if t - self._unseen_since >= NOBODY_AFTER_S and not self._placement_said:
            self._placement_said = True
            notice = Notice(
                t, f"the camera cannot see this movement well from here: {self.model.placement}"
            )
            self.notices.append(notice)
            return [notice]
        return []

    def _nobody(self, t: float) -> list[Event]:
        self.snapshot.person_found = False
        if self._missing_since is None:
            self._missing_since = t
        if t - self._missing_since >= NOBODY_AFTER_S and not self._nobody_said:
            self._nobody_said = True
            notice = Notice(t, "nobody found in view: step into the frame, whole body visible")
            self.notices.append(notice)
            return [notice]
        return []

    def _finish_rep(self, counted: CountedRep, *, timed: bool = True) -> list[Event]:
        """Summarise and check a rep; ``timed`` is False for a rep cut off by the end of the
        clip, whose duration says nothing about the tempo."""
        summary = self.model.summarise(self._samples)
        if timed:
            summary.setdefault("rep_seconds", counted.t_end - counted.t_start)
        side = self._side(counted)
        faults = [
            fault for check in self.spec.checks if (fault := self._check(check, summary, counted))
        ]
        rep = Rep(
            t_start=counted.t_start,
            t_end=counted.t_end,
            side=side,
            angles={key: round(value, 2) for key, value in summary.items()},
            faults=tuple(fault.cue for fault in faults),
        )
        self.reps.append(rep)
        self.faults += faults
        self.snapshot.reps += 1
        if side is not None and self.snapshot.reps_by_side is not None:
            self.snapshot.reps_by_side[side] += 1
        if faults:
            self.snapshot.last_fault = faults[-1]
            self.snapshot.faults.extend(faults)
        return [*faults, rep]

    def _side(self, counted: CountedRep) -> Side | None:
        """The measured side; for one-side-at-a-time work the side of the bout's first rep, since
        side views often swap the labels of the two legs from rep to rep."""
        if self.snapshot.reps_by_side is None:
            return None
        measured = self.model.side(self._samples)
        if self.exercise.laterality is Laterality.ONE_SIDE and self.reps:
            previous = self.reps[-1]
            if counted.t_start - previous.t_end < BOUT_GAP_S and previous.side is not None:
                return previous.side
        return measured

    def _check(self, check: CameraCheck, summary: Measures, counted: CountedRep) -> Fault | None:
        value = summary.get(check.measure)
        if value is None:
            return None
        crossed = (check.min is not None and value < check.min) or (
            check.max is not None and value > check.max
        )
        if not crossed:
            return None
        cue = next(c for c in self.exercise.cues if c.id == check.cue)
        limit = check.min if check.min is not None else check.max
        assert limit is not None
        return Fault(
            cue=cue.id, text=cue.text, t=counted.t_peak, value=round(value, 3), threshold=limit
        )
