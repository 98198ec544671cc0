"""Session plans: what one session asks for, block by block, with the reason for every dose.

:func:`starting_plan` turns a program template into the plan a new user starts with. The
progression engine produces the same :class:`SessionPlan` shape from the history, so the coach,
the CLI and the web never care where a plan came from.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Dose, Program


class Change(StrEnum):
    """How a prescription differs from the last session's."""

    START = "start"
    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"
    VARIANT = "variant"


class Prescription(BaseModel):
    """The dose of one exercise for one session."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    exercise: str
    sets: int = Field(ge=1)
    reps: int | None = None
    seconds: int | None = None
    per_side: bool = False
    rest_seconds: int = 0
    band: str | None = None
    change: Change = Change.START
    reasons: tuple[str, ...] = ()

    @property
    def dose(self) -> Dose:
        return Dose(
            sets=self.sets,
            reps=self.reps,
            seconds=self.seconds,
            per_side=self.per_side,
            rest_seconds=self.rest_seconds,
        )


class PlannedBlock(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: BlockKind
    title: str
    intro: str
    items: tuple[Prescription, ...]


class SessionPlan(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    program: str
    blocks: tuple[PlannedBlock, ...]

    def main_items(self) -> tuple[Prescription, ...]:
        return tuple(
            item for block in self.blocks if block.kind is BlockKind.MAIN for item in block.items
        )


def starting_plan(program: Program, catalog: Catalog) -> SessionPlan:
    """The first session of ``program``: each item at the program's dose, or the exercise's own."""
    blocks = []
    for block in program.blocks:
        items = []
        for item in block.items:
            exercise = catalog.exercise(item.exercise)
            dose = item.dose or exercise.dose
            source = "the program" if item.dose else "the exercise's default"
            reasons = [f"First session: {dose.describe()} from {source}."]
            if item.band:
                band = catalog.band(item.band)
                reasons.append(f"Starting band: {band.colour} ({band.stage}).")
            items.append(
                Prescription(
                    exercise=exercise.slug,
                    sets=dose.sets,
                    reps=dose.reps,
                    seconds=dose.seconds,
                    per_side=dose.per_side,
                    rest_seconds=dose.rest_seconds,
                    band=item.band,
                    reasons=tuple(reasons),
                )
            )
        blocks.append(
            PlannedBlock(kind=block.kind, title=block.title, intro=block.intro, items=tuple(items))
        )
    return SessionPlan(program=program.slug, blocks=tuple(blocks))
