"""Food and supplements: the profile and its targets, the day's log against them, logging a
food or a supplement, and the supplement guide. The terminal and the web call the same
methods (``backbridge nutrition|food|supplement``, the Nutrition page, ``/api/v1/nutrition``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from backbridge.clock import as_aware
from backbridge.errors import Action, NotFound
from backbridge.nutrition import (
    DaySummary,
    DoseUnit,
    FoodEntry,
    FoodTable,
    Meal,
    Nutrition,
    Supplement,
    Targets,
    compute_targets,
    load_nutrition,
    summarize_day,
)
from backbridge.nutrition.foods import CustomFood, Food
from backbridge.nutrition.log import SupplementEntry, log_food, log_supplement, supplement_cautions
from backbridge.nutrition.targets import Profile, ProfileChanges, update_profile
from backbridge.services.stores import Room

NO_PROFILE = "there is no nutrition profile yet"


@dataclass(frozen=True)
class SupplementLogged:
    entry: SupplementEntry
    supplement: Supplement
    cautions: list[str]
    """Why this supplement needs a clinician's agreement for this person, if it does."""


@dataclass
class NutritionCases:
    room: Room

    @cached_property
    def data(self) -> Nutrition:
        """The nutrition data files, loaded on first use (training never needs them)."""
        return load_nutrition()

    # -- profile and targets ----------------------------------------------------------------

    def profile(self) -> Profile | None:
        return self.room.stores.nutrition.profile()

    def require_profile(self) -> Profile:
        stored = self.profile()
        if stored is None:
            raise NotFound(NO_PROFILE, action=Action.NUTRITION_PROFILE)
        return stored

    def save_profile(self, changes: ProfileChanges, *, store: bool = True) -> Targets:
        """The stored profile updated with ``changes`` (each value checked), and its targets;
        ``store=False`` computes without keeping the changes."""
        updated = update_profile(self.profile(), changes)
        if store and not changes.empty:
            self.room.stores.nutrition.save_profile(updated, self.room.now())
        return compute_targets(updated, self.data.guidance)

    def targets(self) -> Targets | None:
        """Targets from the stored profile; ``None`` before a profile is stored."""
        stored = self.profile()
        return None if stored is None else compute_targets(stored, self.data.guidance)

    def require_targets(self) -> Targets:
        return compute_targets(self.require_profile(), self.data.guidance)

    # -- foods ------------------------------------------------------------------------------

    def foods(self) -> FoodTable:
        """The bundled food table with the person's own foods."""
        return self.data.foods.with_foods(
            added.food for added in self.room.stores.nutrition.custom_foods()
        )

    def add_food(self, food: Food) -> CustomFood:
        return self.room.stores.nutrition.add_food(food, self.room.now())

    def record_food(
        self,
        food: str,
        *,
        grams: float | None,
        portion: str | None,
        meal: Meal | None,
        at: datetime | None = None,
    ) -> FoodEntry:
        """Check and store one food entry (eaten now unless ``at``); without a meal, the local
        time it was eaten picks one."""
        now = self.room.now()
        moment = now if at is None else as_aware(at)
        entry = log_food(
            self.foods(),
            food,
            grams=grams,
            portion=portion,
            meal=meal,
            at=moment,
            local_time=moment.astimezone().time(),
            now=now,
            guidance=self.data.guidance,
        )
        self.room.stores.nutrition.record_food(entry)
        return entry

    # -- supplements ------------------------------------------------------------------------

    def delete_food_entry(self, entry_id: uuid.UUID) -> FoodEntry:
        """Take back a food entry logged by mistake; the day's totals follow."""
        return self.room.stores.nutrition.delete_food(entry_id)

    def record_supplement(
        self, supplement: str, amount: float, unit: DoseUnit | None, at: datetime | None = None
    ) -> SupplementLogged:
        """Check and store one supplement entry (in the supplement's unit if none is given)."""
        now = self.room.now()
        guide = self.data.guide
        item = guide.supplement(supplement)
        entry = log_supplement(
            guide, supplement, amount=amount, unit=unit or item.dose.unit,
            at=now if at is None else as_aware(at), now=now,
        )  # fmt: skip
        self.room.stores.nutrition.record_supplement(entry)
        cautions = supplement_cautions(guide, entry.supplement, self.profile())
        return SupplementLogged(entry, item, cautions)

    # -- the day ----------------------------------------------------------------------------

    def day(self, moment: datetime | None = None) -> DaySummary:
        """What was eaten and taken on the local day of ``moment`` (default today) against
        the targets."""
        start, end = self.room.day_of(moment or self.room.now())
        log = self.room.stores.nutrition
        return summarize_day(
            log.food_entries(start, end),
            log.supplement_entries(start, end),
            self.targets(),
            self.data.guide,
        )
