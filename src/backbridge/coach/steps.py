"""A session plan unrolled into the steps a person does one after another.

A step is one set of one exercise on the sides done together: both sides for bilateral and
alternating work, one side for one-side-at-a-time work (left, then a switch, then right).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Exercise, Laterality
from backbridge.program.history import Side, step_key
from backbridge.program.plan import Prescription, SessionPlan


class Beat(StrEnum):
    UP = "up"
    HOLD = "hold"
    DOWN = "down"


@dataclass(frozen=True)
class PacedBeat:
    """One phase of one rep, for a count-along: "rep 3, left leg: up (2 s)"."""

    rep: int
    side: Side | None
    beat: Beat
    seconds: float


@dataclass(frozen=True)
class Step:
    block: BlockKind
    exercise: Exercise
    prescription: Prescription
    set_number: int
    sides: tuple[Side | None, ...]
    first_of_item: bool
    """The first step of this exercise in its block: show the exercise card."""
    switch_sides: bool
    """Say "switch sides" before this step (the second side of a one-side-at-a-time set)."""
    rest_before: int
    """Seconds of rest between the previous set and this one."""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(
            step_key(self.block, self.exercise.slug, self.set_number, side) for side in self.sides
        )

    @property
    def timed(self) -> bool:
        return self.prescription.seconds is not None

    @property
    def target(self) -> int:
        """Reps (per side) or seconds asked for."""
        value = self.prescription.seconds if self.timed else self.prescription.reps
        assert value is not None  # a Dose has exactly one of the two
        return value

    def label(self) -> str:
        """``Set 2 of 3, left side``."""
        text = f"Set {self.set_number} of {self.prescription.sets}"
        if self.sides == (Side.LEFT, Side.RIGHT):
            return f"{text}, each side" if self.timed else f"{text}, alternating sides"
        if self.sides[0] is not None:
            return f"{text}, {self.sides[0]} side"
        return text

    def pace(self) -> list[PacedBeat]:
        """The count-along for a rep-based step, at the exercise's tempo."""
        tempo = self.exercise.tempo
        if self.timed or tempo is None:
            return []
        order = [side for _ in range(self.target) for side in self.sides]
        beats: list[PacedBeat] = []
        counts: dict[Side | None, int] = {}
        for side in order:
            counts[side] = counts.get(side, 0) + 1
            beats.append(PacedBeat(counts[side], side, Beat.UP, tempo.up))
            if tempo.hold:
                beats.append(PacedBeat(counts[side], side, Beat.HOLD, tempo.hold))
            beats.append(PacedBeat(counts[side], side, Beat.DOWN, tempo.down))
        return beats


def build_steps(plan: SessionPlan, catalog: Catalog) -> list[Step]:
    """Every step of the plan in the order it is done."""
    steps: list[Step] = []
    for block in plan.blocks:
        for item in block.items:
            steps += _item_steps(block.kind, catalog.exercise(item.exercise), item)
    return steps


def _item_steps(block: BlockKind, exercise: Exercise, item: Prescription) -> list[Step]:
    if not item.per_side or exercise.laterality is Laterality.BILATERAL:
        groups: list[tuple[Side | None, ...]] = [(None,)]
    elif exercise.laterality is Laterality.ALTERNATING:
        groups = [(Side.LEFT, Side.RIGHT)]
    else:
        groups = [(Side.LEFT,), (Side.RIGHT,)]
    steps = []
    for set_number in range(1, item.sets + 1):
        for position, sides in enumerate(groups):
            steps.append(
                Step(
                    block=block,
                    exercise=exercise,
                    prescription=item,
                    set_number=set_number,
                    sides=sides,
                    first_of_item=set_number == 1 and position == 0,
                    switch_sides=position > 0,
                    rest_before=item.rest_seconds if set_number > 1 and position == 0 else 0,
                )
            )
    return steps
