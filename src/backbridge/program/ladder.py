"""The levels of one program slot: every exercise of its ladder × band × rep step, easiest first.

A slot is one main item of a program (the banded clamshell, say). Its ladder runs from the
easiest variant to the hardest (clamshell → banded-clamshell → side-plank-clamshell); banded
variants climb through the rules' band range, and every band through the rep steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import Exercise
from backbridge.catalog.rules import ProgressionRules


@dataclass(frozen=True)
class Level:
    variant: str
    band: str | None
    reps: int


@dataclass(frozen=True)
class Move:
    """Where one step up or down leads, and how: ``reps``, ``band`` or ``variant``."""

    index: int
    kind: str


class Ladder:
    def __init__(self, anchor: str, catalog: Catalog, rules: ProgressionRules) -> None:
        self.anchor = anchor
        self.rules = rules
        self.variants: list[Exercise] = catalog.ladder(anchor)
        self._band_order = {band.slug: band.order for band in catalog.bands}
        self.levels: list[Level] = [
            Level(variant.slug, band, reps)
            for variant in self.variants
            for band in (rules.band_range if variant.uses_band else [None])
            for reps in rules.rep_steps
        ]

    def __contains__(self, exercise: str) -> bool:
        return any(variant.slug == exercise for variant in self.variants)

    def variant(self, slug: str) -> Exercise:
        return next(variant for variant in self.variants if variant.slug == slug)

    def locate(self, exercise: str, band: str | None, reps: int | None) -> int:
        """The level closest to a dose: the same exercise, the band clamped into the range,
        the highest rep step not above ``reps``."""
        candidates = [i for i, level in enumerate(self.levels) if level.variant == exercise]
        bands = [level.band for level in (self.levels[i] for i in candidates)]
        if band not in bands:
            band = self._nearest_band(band, [b for b in dict.fromkeys(bands) if b is not None])
        in_band = [i for i in candidates if self.levels[i].band == band]
        fitting = [i for i in in_band if reps is None or self.levels[i].reps <= reps]
        return fitting[-1] if fitting else in_band[0]

    def _nearest_band(self, band: str | None, bands: list[str]) -> str | None:
        if not bands:
            return None
        if band is None or band not in self._band_order:
            return bands[0]
        order = self._band_order[band]
        below = [b for b in bands if self._band_order[b] <= order]
        return below[-1] if below else bands[0]

    def up(self, index: int) -> Move | None:
        """One step harder: the next rep step, else the next band at the bottom of the range,
        else the next variant at its easiest level; None at the top of the ladder."""
        if index + 1 >= len(self.levels):
            return None
        here, there = self.levels[index], self.levels[index + 1]
        if there.variant != here.variant:
            return Move(index + 1, "variant")
        return Move(index + 1, "band" if there.band != here.band else "reps")

    def down(self, index: int) -> Move | None:
        """One step easier: fewer reps, else a lighter band at the same reps, else the easier
        variant at its easiest level; None at the bottom."""
        here = self.levels[index]
        bottom = self.rules.rep_steps[0]
        if here.reps > bottom:
            return Move(index - 1, "reps")
        same_variant = [i for i, level in enumerate(self.levels) if level.variant == here.variant]
        if index != same_variant[0]:
            lighter = self.locate(here.variant, self._previous_band(here), here.reps)
            return Move(lighter, "band")
        position = [v.slug for v in self.variants].index(here.variant)
        if position == 0:
            return None
        easier = self.variants[position - 1].slug
        return Move(
            next(i for i, level in enumerate(self.levels) if level.variant == easier), "variant"
        )

    def _previous_band(self, level: Level) -> str | None:
        bands = self.rules.band_range
        return bands[bands.index(level.band) - 1] if level.band in bands else None

    def at_top_of_range(self, index: int) -> bool:
        return self.levels[index].reps == self.rules.rep_steps[-1]
