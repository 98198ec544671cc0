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
from backbridge.vision.adaptive import RANGE_WINDOW_S, AdaptiveRange
from backbridge.vision.counting import CountedRep, RepCounter, Smoother, Threshold
from backbridge.vision.events import Event, Fault, Notice, PhaseChange, Rep, Side, Snapshot
from backbridge.vision.landmarks import Frame
from backbridge.vision.people import Person as Person
from backbridge.vision.people import PersonTracker, visibility
from backbridge.vision.views import CutWatch, TurnWatch, ViewWatch

Measures = dict[str, float]
NOBODY_AFTER_S = 0.5
BOUT_GAP_S = 5.0
"""One-side-at-a-time work: reps closer together than this belong to one bout on one side."""
SMOOTHING_S = 0.08
RECENT_S = RANGE_WINDOW_S + 0.5
"""Seconds of frames kept so a rep's measures start where the movement started, before the
threshold, even for the reps replayed when an adaptive range becomes ready (its whole window)."""
PRE_ROLL_S = 0.5
"""A rep's frames start this long before it left the start position."""
REACQUIRE_GAP_S = 0.4
"""Out of view this long, the person is taken as found again: smoothing restarts."""
HOLD_FRAMES = 2
"""Frames held back after a return to view or a cut: a detector's first guesses are often off."""
MIN_REP_CONFIDENCE = 0.3
"""Below this, a movement is not counted: the view cannot support it (said once)."""
MIN_FAULT_CONFIDENCE = 0.5
"""Below this, a rep's faults are not reported: a fault has to be believed before it is said."""
DEGREE_MARGIN = 3.0
"""Margin on a check in degrees: 2-D video angles have a standard error of measurement of
2-4 degrees against 3-D motion capture (EVIDENCE.md section 7, S148), so a fault is said only
when the measure is past its limit by more than that."""
SHARE_MARGIN = 0.05
"""Margin on a check in any other unit (body lengths, ratios, seconds, per cent): a twentieth
of the limit, about the spread of landmark noise over a rep."""
DEGREE_MEASURES = frozenset(
    {
        "top_hip_angle",
        "trunk_turn",
        "hip_tilt",
        "trunk_lean",
        "back_lean",
        "pelvis_turn",
        "side_bend",
    }
)


class Model(Protocol):
    """What one family of exercises measures in a frame and in a finished rep."""

    signal: str
    """The measure reps are counted on."""
    rising: bool
    """True when the work phase raises the signal."""
    placement: str
    """Where to put the camera, said when the movement cannot be seen from where it is."""

    def measure(self, person: Person, aspect: float, t: float) -> Measures | None:
        """This frame's measures (``t`` its time: what a model remembers, it keeps for seconds,
        not frames, since cameras differ in frame rate); None when the key landmarks are not
        visible."""
        ...

    def summarise(self, samples: Sequence[tuple[float, Measures]]) -> Measures:
        """A finished rep's measures (the checks' inputs) from its frames' measures."""
        ...

    def side(self, samples: Sequence[tuple[float, Measures]]) -> Side | None:
        """The side that worked in this rep, for one-sided or alternating work."""
        ...


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
    cuts: list[float] = field(default_factory=list)
    """When the camera cut (or jumped, or dissolved) to another framing."""
    out_of_view: list[tuple[float, float]] = field(default_factory=list)
    """Stretches without a measurable person, longer than :data:`REACQUIRE_GAP_S`."""
    uncertain: list[tuple[float, float]] = field(default_factory=list)
    """Movements seen but not counted: the view could not support them."""
    t_first: float | None = None
    t_last: float | None = None
    _tracker: PersonTracker = field(default_factory=PersonTracker)
    _smoothers: dict[str, Smoother] = field(default_factory=dict)
    _samples: list[tuple[float, Measures]] = field(default_factory=list)
    _recent: deque[tuple[float, Measures]] = field(default_factory=deque)
    _seen: deque[tuple[float, bool]] = field(default_factory=deque)
    _missing_since: float | None = None
    _nobody_said: bool = False
    _unseen_since: float | None = None
    _placement_said: bool = False
    _adaptive: AdaptiveRange | None = None
    _peaks: list[float] = field(default_factory=list)
    _measured: bool = False
    _last_seen: float | None = None
    _hold: int = 0
    _views: ViewWatch = field(default_factory=ViewWatch)
    _turns: TurnWatch = field(default_factory=TurnWatch)
    _cut_watch: CutWatch = field(default_factory=CutWatch)
    _held: tuple[float, Person, float, Measures] | None = None
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
        if spec.adaptive_range is not None:
            self._adaptive = AdaptiveRange(spec.adaptive_range, self._counter.threshold)
        if self.exercise.laterality is not Laterality.BILATERAL:
            self.snapshot.reps_by_side = {"left": 0, "right": 0}

    @property
    def spec(self) -> CameraSpec:
        assert self.exercise.camera is not None  # the registry only builds camera exercises
        return self.exercise.camera

    def feed(self, frame: Frame) -> list[Event]:
        self.frames += 1
        if self.t_first is None:
            self.t_first = frame.t
        self.t_last = frame.t
        for kept in (self._recent, self._seen):
            while kept and kept[0][0] < frame.t - RECENT_S:
                kept.popleft()
        person, notice = self._tracker.pick(frame)
        events: list[Event] = []
        if notice is not None:
            events.append(notice)
            self.notices.append(notice)
        if person is None:
            self._seen.append((frame.t, False))
            return events + self._nobody(frame.t)
        self.frames_with_person += 1
        self.snapshot.person_found = True
        self._missing_since = None
        measures = self.model.measure(person, frame.aspect, frame.t)
        self._seen.append((frame.t, measures is not None))
        if measures is None:
            return events + self._unseen(frame.t)
        self._unseen_since = None
        self._measured = True
        held, self._held = self._held, None
        step = self._reacquired(frame.t, person, frame.aspect)
        if step == "release" and held is not None:  # the jump before was no cut after all
            events += self._measured_frame(*held)
        if step == "jump":
            self._held = (frame.t, person, frame.aspect, measures)
        if step in ("jump", "hold"):
            return events
        return events + self._measured_frame(frame.t, person, frame.aspect, measures)

    def _measured_frame(
        self, t: float, person: Person, aspect: float, measures: Measures
    ) -> list[Event]:
        """A frame with the person measured, not held back: watch the view, smooth, count."""
        events: list[Event] = []
        if (changed := self._views.feed(t, person, aspect)) is not None:
            # a new view without a jump (a cross-dissolve, the person turning): the range
            # taken from the old view is forgotten, what was seen since is kept
            self.cuts.append(changed)
            self._turns.reset()
            if self._adaptive is not None:
                self._adaptive.forget_before(changed)
        elif (turned := self._turns.feed(t, person, aspect)) is not None and self._adaptive:
            # perhaps a camera turned round the person without a cut: the range may start
            # again from the new view's own movement (not reported as a cut: less sure)
            self._adaptive.rebase(turned)
        measures["visibility"] = visibility(person)
        smoothed = {key: self._smooth(key, t, value) for key, value in measures.items()}
        self._recent.append((t, smoothed))
        for when, value in self._counting_values(t, smoothed[self.model.signal]):
            events += self._count(when, value)
        self.notices += [e for e in events if isinstance(e, Notice)]
        return events + self._too_narrow(t)

    def _reacquired(self, t: float, person: Person, aspect: float) -> str | None:
        """Notice a return after time out of view and a camera cut (:class:`CutWatch`: the
        body's outline steps to another place, size or angle from one frame to the next);
        after either, smoothing starts afresh and the first frames are held back (a detector's
        first guess is often wrong), and after a cut the adaptive range is measured again.
        ``"hold"`` or ``"jump"`` when this frame is held back (a jump until the next frame
        says whether it was a cut, ``"release"`` if not)."""
        last = self._last_seen
        self._last_seen = t
        gap = last is not None and t - last > REACQUIRE_GAP_S
        if gap and last is not None:
            self.out_of_view.append((last, t))
            self._cut_watch.reset()
        step = self._cut_watch.feed(t, person, aspect)
        if step == "cut":
            self.cuts.append(self._cut_watch.cut_at)
            if self._adaptive is not None:
                self._adaptive.restart()
        if gap or step == "cut":
            for smoother in self._smoothers.values():
                smoother.reset()
            if self._adaptive is not None:
                self._adaptive.lost_track()
            self._views.reset()
            self._turns.reset()
            self._hold = HOLD_FRAMES - (step == "cut")  # the cut's own frame was held
        if step == "jump":
            return step
        if self._hold:
            self._hold -= 1
            return "hold"
        return step

    def _count(self, t: float, value: float) -> list[Event]:
        outcome = self._counter.feed(t, value)
        events: list[Event] = []
        if (lost := self._counter.take_lost()) is not None:
            # finished out of view: its frames are the samples gathered before the gap
            self._peaks.append(lost.extreme)
            self.snapshot.phase = "rest"
            events += [PhaseChange(lost.t_end, "rest"), *self._finish_rep(lost)]
        if outcome == "work":
            # from a moment before the movement (never before the last rep ended), so that
            # measures taken against the start position see the start position
            started = (self._counter.work_started or t) - PRE_ROLL_S
            if self.reps:
                started = max(started, self.reps[-1].t_end)
            self._samples = [sample for sample in self._recent if started <= sample[0] <= t]
        elif self._counter.phase == "work" or isinstance(outcome, CountedRep):
            latest = self._recent[-1] if self._recent else None
            if latest is not None and latest[0] == t:
                self._samples.append(latest)
            else:  # a frame replayed when the range became ready
                self._samples += [sample for sample in self._recent if sample[0] == t]
        if isinstance(outcome, str):
            self.snapshot.phase = outcome
            return [*events, PhaseChange(t, outcome)]
        if isinstance(outcome, CountedRep):
            self._peaks.append(outcome.extreme)
            self.snapshot.phase = "rest"
            return [*events, PhaseChange(t, "rest"), *self._finish_rep(outcome)]
        return events

    def finish(self) -> list[Event]:
        """The stream has ended: count a last rep that reached its far end before the clip
        stopped, and refuse to count (:attr:`refused`) when adaptive counting never had a range
        wide enough to count in. Call once, after the last frame."""
        peaks = sorted(self._peaks)
        typical = peaks[len(peaks) // 2] if peaks else None
        counted = self._counter.finish(typical)
        events: list[Event] = []
        if counted is not None:
            events = [PhaseChange(counted.t_end, "rest"), *self._finish_rep(counted)]
        if self._adaptive is not None and self._measured and not self._adaptive.ever_ready:
            # the range never got wide enough to count: no count, rather than a count of 0
            events += self._say_placement(self.t_last or 0.0)
        return events

    def _smooth(self, key: str, t: float, value: float) -> float:
        smoother = self._smoothers.setdefault(key, Smoother(SMOOTHING_S))
        return smoother.feed(t, value)

    def _counting_values(self, t: float, value: float) -> list[tuple[float, float]]:
        """What the counter is fed for this frame: the signal itself, or for adaptive counting
        its place in its recent range (:mod:`~backbridge.vision.adaptive`)."""
        if self._adaptive is None:
            return [(t, value)]
        return self._adaptive.place(t, value)

    def _unseen(self, t: float) -> list[Event]:
        """Someone is there, but the movement cannot be measured from this camera angle."""
        if self._unseen_since is None:
            self._unseen_since = t
        if t - self._unseen_since >= NOBODY_AFTER_S:
            return self._say_placement(t)
        return []

    def _too_narrow(self, t: float) -> list[Event]:
        """Adaptive counting whose range stays too small on screen to count while the person
        keeps repeating a movement (:meth:`AdaptiveRange.too_narrow`): say where to put the
        camera."""
        if self._adaptive is None or self._placement_said or not self._adaptive.too_narrow(t):
            return []
        return self._say_placement(t)

    def _say_placement(self, t: float) -> list[Event]:
        """Say once that this view cannot support a count and where to put the camera: with no
        rep counted, the analysis refused to count (:attr:`refused`) rather than counting 0."""
        if self._placement_said:
            return []
        self._placement_said = True
        notice = Notice(
            t, f"the camera cannot see this movement well from here: {self.model.placement}"
        )
        self.notices.append(notice)
        return [notice]

    @property
    def refused(self) -> bool:
        """No rep was counted and the coach said the view could not support a count: the
        set's count is unknown, not zero."""
        return not self.reps and self._placement_said

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

    def confidence(self, counted: CountedRep) -> float:
        """How far a rep can be believed, 0-1: the pose model's certainty of the key points,
        the share of the rep's frames in which the movement could be measured, and how clearly
        the signal moved (its excursion against the typical rep's, and for adaptive counting
        the range against its floor)."""
        visibility = sorted(m.get("visibility", 1.0) for _, m in self._samples) or [1.0]
        seen = [ok for t, ok in self._seen if counted.t_start <= t <= counted.t_end]
        coverage = sum(seen) / len(seen) if seen else 1.0
        exit_ = self._counter.threshold.exit
        peaks = sorted(self._peaks) or [counted.extreme]
        typical = peaks[len(peaks) // 2] - exit_
        clarity = min(1.0, (counted.extreme - exit_) / typical) if typical else 1.0
        if self._adaptive is not None:
            clarity *= self._adaptive.clarity()
        return round(max(0.0, visibility[len(visibility) // 2] * coverage * clarity), 2)

    def _finish_rep(self, counted: CountedRep) -> list[Event]:
        """Summarise and check a rep. Tempo is the whole cycle's, for a rep seen whole (one cut
        off by the end of the clip or finished out of view says nothing about it)."""
        confidence = self.confidence(counted)
        if confidence < MIN_REP_CONFIDENCE or not self._samples:
            return self._uncertain(counted)
        summary = self.model.summarise(self._samples)
        if counted.whole:
            cycle = counted.cycle_s or counted.t_end - counted.t_start
            summary.setdefault("rep_seconds", cycle)
        side = self._side(counted)
        faults = [
            fault
            for check in self.spec.checks
            if (fault := self._check(check, summary, counted, confidence))
        ]
        if confidence < MIN_FAULT_CONFIDENCE or self._cut_during(counted):
            faults = []
        rep = Rep(
            t_start=counted.t_start,
            t_end=counted.t_end,
            side=side,
            angles={key: round(value, 2) for key, value in summary.items()},
            faults=tuple(fault.cue for fault in faults),
            confidence=confidence,
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

    def _cut_during(self, counted: CountedRep) -> bool:
        """The camera cut between the rep's start position and its end: measures taken
        against the start position compare two framings, so the rep's faults are not said."""
        return self._cut_between(counted.t_start - PRE_ROLL_S, counted.t_end)

    def _cut_between(self, start: float, end: float) -> bool:
        return any(start <= t <= end for t in self.cuts)

    def _side(self, counted: CountedRep) -> Side | None:
        """The measured side; for one-side-at-a-time work the side of the bout's first rep, since
        side views often swap the labels of the two legs from rep to rep."""
        if self.snapshot.reps_by_side is None:
            return None
        measured = self.model.side(self._samples)
        if self.exercise.laterality is Laterality.ONE_SIDE and self.reps:
            previous = self.reps[-1]
            if (
                counted.t_start - previous.t_end < BOUT_GAP_S
                and previous.side is not None
                and not self._interrupted(previous.t_end, counted.t_start)
            ):
                return previous.side
        return measured

    def _interrupted(self, start: float, end: float) -> bool:
        """The person went out of view, or the view changed, between ``start`` and ``end``:
        what ends one side's bout and starts the other's (turning over to lie on the other
        side, walking round to face the other way), however quickly."""
        return self._cut_between(start, end) or any(
            gone < end and back > start for gone, back in self.out_of_view
        )

    def _uncertain(self, counted: CountedRep) -> list[Event]:
        self.uncertain.append((counted.t_start, counted.t_end))
        if len(self.uncertain) > 1:
            return []
        notice = Notice(
            counted.t_end,
            "a movement was seen but not clearly enough to count it: " + self.model.placement,
        )
        self.notices.append(notice)
        return [notice]

    def _check(
        self, check: CameraCheck, summary: Measures, counted: CountedRep, confidence: float
    ) -> Fault | None:
        value = summary.get(check.measure)
        if value is None:
            return None
        margin = DEGREE_MARGIN if check.measure in DEGREE_MEASURES else None
        crossed = (
            check.min is not None
            and value < check.min - (margin if margin is not None else SHARE_MARGIN * check.min)
        ) or (
            check.max is not None
            and value > check.max + (margin if margin is not None else SHARE_MARGIN * check.max)
        )
        if not crossed:
            return None
        cue = next(c for c in self.exercise.cues if c.id == check.cue)
        limit = check.min if check.min is not None else check.max
        assert limit is not None
        return Fault(
            cue=cue.id,
            text=cue.text,
            t=counted.t_peak,
            value=round(value, 3),
            threshold=limit,
            confidence=confidence,
        )
