"""The nutrition profile, food and supplement entries and the user's own foods, in the database.

Every write is its own transaction, committed before the call returns, like the journal.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backbridge.errors import InvalidInput, NotFound
from backbridge.nutrition.foods import USER_GROUP, CustomFood, Food, Nutrients, Per100g
from backbridge.nutrition.log import FoodEntry, SupplementEntry
from backbridge.nutrition.targets import Profile
from backbridge.store.database import Database
from backbridge.store.journal import User
from backbridge.store.tables import (
    CustomFoodRow,
    FoodEntryRow,
    NutritionProfileRow,
    SupplementEntryRow,
)

NUTRIENTS = tuple(Nutrients.model_fields)


class NutritionLog:
    """Read and write one user's nutrition records."""

    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def profile(self) -> Profile | None:
        with self.db.read() as tx:
            row = tx.get(NutritionProfileRow, self.user.id)
            return None if row is None else profile(row)

    def save_profile(self, stored: Profile, now: datetime) -> None:
        """Create or replace the profile."""
        with self.db.write() as tx:
            row = tx.get(NutritionProfileRow, self.user.id)
            if row is None:
                tx.add(profile_row(self.user.id, stored, now))
                return
            for name, value in stored.model_dump().items():
                setattr(row, name, value)
            row.updated_at = now

    def record_food(self, entry: FoodEntry) -> None:
        with self.db.write() as tx:
            tx.add(FoodEntryRow(user_id=self.user.id, **food_entry_values(entry)))

    def delete_food(self, entry_id: uuid.UUID) -> FoodEntry:
        """Remove one of this user's food entries; the entry as it was."""
        with self.db.write() as tx:
            row = tx.get(FoodEntryRow, entry_id)
            if row is None or row.user_id != self.user.id:
                raise NotFound(f"no food entry {entry_id}")
            removed = food_entry(row)
            tx.delete(row)
        return removed

    def record_supplement(self, entry: SupplementEntry) -> None:
        with self.db.write() as tx:
            tx.add(SupplementEntryRow(user_id=self.user.id, **entry.model_dump()))

    def food_entries(self, start: datetime, end: datetime) -> list[FoodEntry]:
        """Foods eaten in ``[start, end)``, in the order they were eaten."""
        query = (
            select(FoodEntryRow)
            .where(
                FoodEntryRow.user_id == self.user.id,
                FoodEntryRow.eaten_at >= start,
                FoodEntryRow.eaten_at < end,
            )
            .order_by(FoodEntryRow.eaten_at)
        )
        with self.db.read() as tx:
            return [food_entry(row) for row in tx.scalars(query)]

    def supplement_entries(self, start: datetime, end: datetime) -> list[SupplementEntry]:
        query = (
            select(SupplementEntryRow)
            .where(
                SupplementEntryRow.user_id == self.user.id,
                SupplementEntryRow.taken_at >= start,
                SupplementEntryRow.taken_at < end,
            )
            .order_by(SupplementEntryRow.taken_at)
        )
        with self.db.read() as tx:
            return [supplement_entry(row) for row in tx.scalars(query)]

    def add_food(self, food: Food, now: datetime) -> CustomFood:
        added = CustomFood(id=uuid.uuid4(), food=food, created_at=now)
        try:
            with self.db.write() as tx:
                tx.add(CustomFoodRow(user_id=self.user.id, **custom_food_values(added)))
        except IntegrityError:
            raise InvalidInput(
                f"you already added a food '{food.slug}'; log it or give this one another name"
            ) from None
        return added

    def custom_foods(self) -> list[CustomFood]:
        query = (
            select(CustomFoodRow)
            .where(CustomFoodRow.user_id == self.user.id)
            .order_by(CustomFoodRow.created_at)
        )
        with self.db.read() as tx:
            return [custom_food(row) for row in tx.scalars(query)]


def profile(row: NutritionProfileRow) -> Profile:
    return Profile.model_validate({name: getattr(row, name) for name in Profile.model_fields})


def profile_row(user_id: uuid.UUID, stored: Profile, now: datetime) -> NutritionProfileRow:
    values = stored.model_dump()
    values["sex"], values["activity"] = stored.sex.value, stored.activity.value
    return NutritionProfileRow(user_id=user_id, updated_at=now, **values)


def food_entry_values(entry: FoodEntry) -> dict[str, Any]:
    values = entry.model_dump(exclude={"nutrients"})
    values["meal"] = entry.meal.value
    return values | entry.nutrients.model_dump()


def food_entry(row: FoodEntryRow) -> FoodEntry:
    values = {name: getattr(row, name) for name in FoodEntry.model_fields if name != "nutrients"}
    values["nutrients"] = Nutrients(**{name: getattr(row, name) for name in NUTRIENTS})
    return FoodEntry.model_validate(values)


def supplement_entry(row: SupplementEntryRow) -> SupplementEntry:
    return SupplementEntry.model_validate(
        {name: getattr(row, name) for name in SupplementEntry.model_fields}
    )


def custom_food_values(added: CustomFood) -> dict[str, Any]:
    food = added.food
    return {
        "id": added.id,
        "slug": food.slug,
        "name": food.name,
        "portions": dict(food.portions),
        "created_at": added.created_at,
        **food.per_100g.model_dump(),
    }


def custom_food(row: CustomFoodRow) -> CustomFood:
    food = Food(
        slug=row.slug,
        name=row.name,
        group=USER_GROUP,
        per_100g=Per100g(**{name: getattr(row, name) for name in NUTRIENTS}),
        portions=row.portions,
    )
    return CustomFood(id=row.id, food=food, created_at=row.created_at)
