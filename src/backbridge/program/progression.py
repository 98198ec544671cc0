"""The next session's prescription from the history: pain-gated double progression.

Pure: the program, the catalogue, the past sessions and the moment of planning go in; a
:class:`SessionPlan` comes out, every main item with its change and the reasons for it. No
database, no clock. The rules' numbers come from ``rules.yaml``.

For each main item of the program (a slot), the last session that included it is assessed:

- pain during a set above the acceptable limit, or a next morning worse than the pre-session
  baseline by ``morning_worse_by`` points (the minimum detectable change), steps the dose down
  one level; a smaller rise holds it;
- a missing check-in, a lighter day (pain before the session of ``lighter_from`` or more), a
  skipped or short set, high or unrecorded effort, or a gap of ``hold_days`` holds the dose; a
  gap of ``step_back_days`` steps down one level, and a gap of ``restart_days`` starts the
  slot again at the program's starting dose (or one step down, if that is lower);
- while a pain review stands (:mod:`backbridge.program.escalation`) nothing progresses, and
  the first session after it was raised is one step down; the first session after a
  clinician's clearance never progresses either;
- otherwise the reps go up one step; at the top of the rep range, ``sessions_at_top`` such
  sessions in a row move up one band (back to the bottom of the range), and past the last band
  the next exercise of the ladder starts at its easiest level.

Never more than one step per slot per session (save the restart after a long break, which only
goes down), never outside the ladder, and the same history always gives the same plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Program, ProgramItem
from backbridge.catalog.rules import Rules
from backbridge.program.escalation import PainReview
from backbridge.program.history import (
    CheckInKind,
    LoggedSet,
    SessionStatus,
    SetStatus,
    Side,
    TrainingSession,
)
from backbridge.program.ladder import Ladder, Level
from backbridge.program.plan import Change, PlannedBlock, Prescription, SessionPlan, starting_plan


@dataclass(frozen=True)
class SlotSession:
    """What one past session says about one slot: the dose asked for and the sets done."""

    session: TrainingSession
    target: Prescription
    sets: tuple[LoggedSet, ...]


@dataclass
class Assessment:
    regress: list[str] = field(default_factory=list)
    hold: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.regress and not self.hold


@dataclass(frozen=True)
class Restraint:
    """What holds the plan back beyond the last session itself: a standing pain review and the
    latest clinician's clearance."""

    review: PainReview | None = None
    cleared_at: datetime | None = None


def plan_next_session(
    program: Program,
    catalog: Catalog,
    history: Sequence[TrainingSession],
    now: datetime,
    restraint: Restraint | None = None,
) -> SessionPlan:
    """The plan for a session starting at ``now``, given every earlier session."""
    base = starting_plan(program, catalog)
    finished = sorted(
        (s for s in history if s.status is not SessionStatus.IN_PROGRESS and s.started_at <= now),
        key=lambda s: s.started_at,
    )
    main = next(block for block in program.blocks if block.kind is BlockKind.MAIN)
    starts = {item.exercise: item for block in base.blocks for item in block.items}
    held = restraint or Restraint()
    items = tuple(
        prescribe(item, starts[item.exercise], catalog, catalog.rules, finished, now, held)
        for item in main.items
    )
    blocks = tuple(
        PlannedBlock(kind=b.kind, title=b.title, intro=b.intro, items=items)
        if b.kind is BlockKind.MAIN
        else b
        for b in base.blocks
    )
    return SessionPlan(program=program.slug, blocks=blocks)


def prescribe(
    item: ProgramItem,
    start: Prescription,
    catalog: Catalog,
    rules: Rules,
    history: Sequence[TrainingSession],
    now: datetime,
    restraint: Restraint,
) -> Prescription:
    """The dose of one slot for the next session, with the reasons for it."""
    ladder = Ladder(item.exercise, catalog, rules.progression)
    past = slot_sessions(ladder, start, history)
    if not past:
        return start
    last = past[-1]
    current = ladder.locate(last.target.exercise, last.target.band, last.target.reps)
    assessment = assess(last, ladder, rules)
    days = (now - last.session.started_at).days
    gap = rules.return_after_gap
    restart = days >= gap.restart_days
    if restart:
        assessment.regress.append(
            f"{days} days since you last did it ({gap.restart_days} or more): back to an "
            "easy dose to build up again."
        )
    elif days >= gap.step_back_days:
        assessment.regress.append(
            f"{days} days since you last did it ({gap.step_back_days} or more): "
            "one step back to ease in again."
        )
    elif days >= gap.hold_days:
        assessment.hold.append(
            f"{days} days since you last did it ({gap.hold_days} or more): the last dose again."
        )

    review = restraint.review
    if review is not None and not assessment.regress:
        if last.session.started_at <= review.raised_at:
            assessment.regress.append(
                f"Pain review: {review.reason} A reduced dose while it stands."
            )
        else:
            assessment.hold.insert(
                0, f"Pain review: {review.reason} No progression while it stands."
            )
    elif review is not None:
        assessment.regress.append("Pain review: no progression while it stands.")
    cleared = restraint.cleared_at
    if cleared is not None and last.session.started_at < cleared and not assessment.regress:
        assessment.hold.insert(
            0,
            f"First session since a clinician cleared you on {cleared:%d %b}: the last dose "
            "again, not a step up.",
        )

    if assessment.regress:
        move = ladder.down(current)
        if restart:
            beginning = ladder.locate(start.exercise, start.band, start.reps)
            lowest = min(move.index if move else current, beginning)
            if lowest < current:
                where = _describe_restart(ladder, current, lowest, lowest == beginning)
                reasons = [*assessment.regress, where]
                return _prescription(ladder, lowest, start, Change.REGRESS, reasons)
        if move is None:
            advice = "." if review else "; if the pain keeps coming back, ask your clinician."
            easiest = f"This is already the easiest level, so it stays{advice}"
            reasons = [*assessment.regress, easiest]
            return _prescription(ladder, current, start, Change.HOLD, reasons)
        reasons = [*assessment.regress, _describe_move(ladder, current, move.index, "down")]
        return _prescription(ladder, move.index, start, Change.REGRESS, reasons)
    if assessment.hold:
        return _prescription(
            ladder, current, start, Change.HOLD, [*assessment.hold, *assessment.notes]
        )

    evidence = list(assessment.notes)
    if not ladder.at_top_of_range(current):
        move = ladder.up(current)
        assert move is not None  # below the top of the range there is always a next rep step
        reasons = [_describe_move(ladder, current, move.index, "up"), *evidence]
        return _prescription(ladder, move.index, start, Change.PROGRESS, reasons)
    streak = _streak_at(ladder, past, current, rules)
    needed = rules.progression.sessions_at_top
    if streak < needed:
        reasons = [
            f"Top of the rep range reached ({streak} of {needed} sessions in a row): "
            "the same dose once more before the load goes up.",
            *evidence,
        ]
        return _prescription(ladder, current, start, Change.HOLD, reasons)
    move = ladder.up(current)
    if move is None:
        reasons = ["The top of this ladder: the hardest level here, so the dose stays.", *evidence]
        return _prescription(ladder, current, start, Change.HOLD, reasons)
    reasons = [
        f"Top of the rep range in {needed} sessions in a row. "
        + _describe_move(ladder, current, move.index, "up"),
        *evidence,
    ]
    change = Change.VARIANT if move.kind == "variant" else Change.PROGRESS
    return _prescription(ladder, move.index, start, change, reasons)


def slot_sessions(
    ladder: Ladder, start: Prescription, history: Sequence[TrainingSession]
) -> list[SlotSession]:
    """Every past session that planned or logged work on this slot, oldest first."""
    found = []
    for session in history:
        sets = tuple(s for s in session.sets if s.block is BlockKind.MAIN and s.exercise in ladder)
        target = _planned(session, ladder) or _inferred(sets, start, ladder)
        if target is not None:
            found.append(SlotSession(session, target, sets))
    return found


def _planned(session: TrainingSession, ladder: Ladder) -> Prescription | None:
    if session.plan is None:
        return None
    return next((item for item in session.plan.main_items() if item.exercise in ladder), None)


def _inferred(
    sets: Sequence[LoggedSet], start: Prescription, ladder: Ladder
) -> Prescription | None:
    """The dose a session without a stored plan aimed at: the ladder level nearest to what was
    logged (so 8 logged reps are judged against the 10 of the first rep step, not against 8)."""
    done = [s for s in sets if s.status is SetStatus.DONE and s.reps is not None]
    if not done:
        return None
    bands = [s.band for s in done if s.band]
    exercise = done[-1].exercise
    level = ladder.levels[
        ladder.locate(exercise, max(set(bands), key=bands.count) if bands else None,
                      max(s.reps or 0 for s in done))
    ]  # fmt: skip
    return start.model_copy(
        update={
            "exercise": exercise,
            "sets": max(s.set_number for s in sets),
            "reps": level.reps,
            "band": level.band,
            "per_side": any(s.side is not None for s in done),
        }
    )


def assess(last: SlotSession, ladder: Ladder, rules: Rules) -> Assessment:
    """Read one session of a slot: pain, the next morning, completion and effort."""
    result = Assessment()
    target = last.target
    name = ladder.variant(target.exercise).name if target.exercise in ladder else target.exercise
    when = last.session.started_at.strftime("%d %b")
    pain = rules.pain
    done = [s for s in last.sets if s.status is SetStatus.DONE]
    for logged in done:
        if logged.pain is not None and logged.pain > pain.acceptable_max:
            result.regress.append(
                f"Pain {logged.pain}/10 during {name} set {logged.set_number} was above the "
                f"{pain.acceptable_max}/10 limit."
            )
            break
    before = last.session.checkin(CheckInKind.BEFORE)
    morning = last.session.checkin(CheckInKind.NEXT_MORNING)
    if morning is None:
        result.hold.append(
            f"No next-morning check-in after the session of {when}: a missing check-in never "
            "counts as fine, so the dose is held."
        )
    elif before is None:
        result.hold.append(
            f"No pain check-in before the session of {when}, so the next morning cannot be "
            "compared: the dose is held."
        )
    elif morning.pain - before.pain >= pain.morning_worse_by:
        result.regress.append(
            f"The next morning your back was {morning.pain}/10, worse than {before.pain}/10 "
            "before the session."
        )
    elif morning.pain > before.pain:
        result.hold.append(
            f"The next morning your back was {morning.pain}/10, up from {before.pain}/10 before "
            f"the session: less than the {pain.morning_worse_by}-point change a pain score can "
            "reliably show, so the dose is held rather than lowered."
        )
    else:
        result.notes.append(
            f"The next morning ({morning.pain}/10) was not worse than before ({before.pain}/10)."
        )
    lighter = before is not None and before.pain >= pain.lighter_from
    if lighter and not result.regress:
        assert before is not None
        result.hold.append(
            f"Your back was at {before.pain}/10 before the session of {when}, so it was a "
            "lighter day: the dose is held."
        )
    elif not result.regress:
        _assess_work(result, last, name, rules)
    return result


def _assess_work(result: Assessment, last: SlotSession, name: str, rules: Rules) -> None:
    target = last.target
    sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if target.per_side else (None,)
    by_key = {(s.exercise, s.set_number, s.side): s for s in last.sets}
    for number in range(1, target.sets + 1):
        for side in sides:
            logged = by_key.get((target.exercise, number, side))
            where = f"set {number}" + (f" ({side})" if side else "")
            if logged is None or logged.status is not SetStatus.DONE:
                result.hold.append(f"{name} {where} was not done, so the dose is held.")
                return
            if target.reps is not None and (logged.reps or 0) < target.reps:
                result.hold.append(
                    f"{name} {where}: {logged.reps} of {target.reps} reps; the same dose until "
                    "every set reaches the target."
                )
                return
    done = [s for s in last.sets if s.status is SetStatus.DONE]
    progression = rules.progression
    rpes = [s.rpe for s in done if s.rpe is not None]
    reserves = [s.reps_in_reserve for s in done if s.reps_in_reserve is not None]
    if not rpes and not reserves:
        result.hold.append(
            "Effort was not recorded, so there is no sign the dose is easy enough to raise."
        )
    elif rpes and max(rpes) > progression.max_rpe:
        result.hold.append(
            f"Effort reached RPE {max(rpes):g}, above {progression.max_rpe:g}: the same dose "
            "until it feels easier."
        )
    elif reserves and min(reserves) < progression.min_reps_in_reserve:
        result.hold.append(
            f"Only {min(reserves)} rep(s) left in reserve (fewer than "
            f"{progression.min_reps_in_reserve}): the same dose until it feels easier."
        )
    if not result.hold:
        effort = f"RPE up to {max(rpes):g}" if rpes else f"{min(reserves)}+ reps in reserve"
        amount = f"{target.reps} reps" + (" per side" if target.per_side else "")
        result.notes.insert(0, f"All {target.sets} sets reached {amount} ({effort}).")
    pains = [s.pain for s in done if s.pain is not None]
    if pains and max(pains) > rules.pain.safe_max:
        result.notes.append(f"Pain peaked at {max(pains)}/10 during the sets: acceptable.")


def _streak_at(ladder: Ladder, past: Sequence[SlotSession], index: int, rules: Rules) -> int:
    """How many of the latest sessions in a row were successes at this same level."""
    streak = 0
    for entry in reversed(past):
        here = ladder.locate(entry.target.exercise, entry.target.band, entry.target.reps)
        if here != index or not assess(entry, ladder, rules).success:
            break
        streak += 1
    return streak


def _describe_move(ladder: Ladder, old: int, new: int, direction: str) -> str:
    before, after = ladder.levels[old], ladder.levels[new]
    verb = "Up" if direction == "up" else "Down"
    if before.variant != after.variant:
        name = ladder.variant(after.variant).name
        band = f" with the {after.band} band" if after.band else ""
        gentle = " at a conservative dose" if direction == "up" else ""
        return f"{verb} to {name}{gentle}: {after.reps} reps{band}."
    if before.band != after.band:
        return f"{verb} one band: {before.band} → {after.band}, {after.reps} reps."
    return f"{verb} one rep step: {before.reps} → {after.reps} reps."


def _describe_restart(ladder: Ladder, old: int, new: int, beginning: bool) -> str:
    after = ladder.levels[new]
    band = f" with the {after.band} band" if after.band else ""
    where = "where the program starts" if beginning else "one step below your last dose"
    return f"Down to {ladder.variant(after.variant).name}: {after.reps} reps{band}, {where}."


def _prescription(
    ladder: Ladder, index: int, start: Prescription, change: Change, reasons: list[str]
) -> Prescription:
    level: Level = ladder.levels[index]
    variant = ladder.variant(level.variant)
    same = level.variant == start.exercise
    return Prescription(
        exercise=level.variant,
        sets=start.sets,
        reps=level.reps,
        per_side=variant.dose.per_side,
        rest_seconds=start.rest_seconds if same else variant.dose.rest_seconds,
        band=level.band,
        change=change,
        reasons=tuple(reasons),
    )
