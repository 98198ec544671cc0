"""The nutrition profile, food and supplement entries and the user's own foods, in the database.

Every write is its own transaction, committed before the call returns, like the journal.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import ColumnElement

from backbridge.errors import InvalidInput, NotFound
from backbridge.nutrition.foods import USER_GROUP, CustomFood, Food, Nutrients, Per100g
from backbridge.nutrition.log import FoodEntry, SupplementEntry
from backbridge.nutrition.targets import Profile
from backbridge.store.database import Database
from backbridge.store.journal import User
from backbridge.store.tables import (
    CUSTOM_FOODS,
    FOOD_ENTRIES,
    NUTRITION_PROFILES,
    SUPPLEMENT_ENTRIES,
)

NUTRIENTS = tuple(Nutrients.model_fields)


class NutritionLog:
    """Read and write one user's nutrition records."""

    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def profile(self) -> Profile | None:
        with self.db.read() as connection:
            row = connection.execute(self._profile_query()).first()
            return None if row is None else profile(row)

    def save_profile(self, stored: Profile, now: datetime) -> None:
        """Create or replace the profile."""
        with self.db.write() as connection:
            connection.execute(delete(NUTRITION_PROFILES).where(self._profile_owner()))
            connection.execute(
                insert(NUTRITION_PROFILES), profile_values(self.user.id, stored, now)
            )

    def record_food(self, entry: FoodEntry) -> None:
        with self.db.write() as connection:
            connection.execute(
                insert(FOOD_ENTRIES), {**food_entry_values(entry), "user_id": self.user.id}
            )

    def delete_food(self, entry_id: uuid.UUID) -> FoodEntry:
        """Remove one of this user's food entries; the entry as it was."""
        mine = (FOOD_ENTRIES.c.id == entry_id, FOOD_ENTRIES.c.user_id == self.user.id)
        with self.db.write() as connection:
            row = connection.execute(select(FOOD_ENTRIES).where(*mine)).first()
            if row is None:
                raise NotFound(f"no food entry {entry_id}")
            connection.execute(delete(FOOD_ENTRIES).where(*mine))
        return food_entry(row)

    def record_supplement(self, entry: SupplementEntry) -> None:
        with self.db.write() as connection:
            connection.execute(
                insert(SUPPLEMENT_ENTRIES), {**entry.model_dump(), "user_id": self.user.id}
            )

    def food_entries(self, start: datetime, end: datetime) -> list[FoodEntry]:
        """Foods eaten in ``[start, end)``, in the order they were eaten."""
        query = (
            select(FOOD_ENTRIES)
            .where(
                FOOD_ENTRIES.c.user_id == self.user.id,
                FOOD_ENTRIES.c.eaten_at >= start,
                FOOD_ENTRIES.c.eaten_at < end,
            )
            .order_by(FOOD_ENTRIES.c.eaten_at)
        )
        with self.db.read() as connection:
            return [food_entry(row) for row in connection.execute(query)]

    def supplement_entries(self, start: datetime, end: datetime) -> list[SupplementEntry]:
        query = (
            select(SUPPLEMENT_ENTRIES)
            .where(
                SUPPLEMENT_ENTRIES.c.user_id == self.user.id,
                SUPPLEMENT_ENTRIES.c.taken_at >= start,
                SUPPLEMENT_ENTRIES.c.taken_at < end,
            )
            .order_by(SUPPLEMENT_ENTRIES.c.taken_at)
        )
        with self.db.read() as connection:
            return [supplement_entry(row) for row in connection.execute(query)]

    def add_food(self, food: Food, now: datetime) -> CustomFood:
        added = CustomFood(id=uuid.uuid4(), food=food, created_at=now)
        try:
            with self.db.write() as connection:
                connection.execute(
                    insert(CUSTOM_FOODS), {**custom_food_values(added), "user_id": self.user.id}
                )
        except IntegrityError:
            raise InvalidInput(
                f"you already added a food '{food.slug}'; log it or give this one another name"
            ) from None
        return added

    def custom_foods(self) -> list[CustomFood]:
        query = (
            select(CUSTOM_FOODS)
            .where(CUSTOM_FOODS.c.user_id == self.user.id)
            .order_by(CUSTOM_FOODS.c.created_at)
        )
        with self.db.read() as connection:
            return [custom_food(row) for row in connection.execute(query)]

    def _profile_owner(self) -> ColumnElement[bool]:
        return NUTRITION_PROFILES.c.user_id == self.user.id

    def _profile_query(self) -> Select[Any]:
        return select(NUTRITION_PROFILES).where(self._profile_owner())


def profile(row: Row[Any]) -> Profile:
    return Profile.model_validate({name: getattr(row, name) for name in Profile.model_fields})


def profile_values(user_id: uuid.UUID, stored: Profile, now: datetime) -> dict[str, Any]:
    values = stored.model_dump()
    values["sex"], values["activity"] = stored.sex.value, stored.activity.value
    return {**values, "user_id": user_id, "updated_at": now}


def food_entry_values(entry: FoodEntry) -> dict[str, Any]:
    values = entry.model_dump(exclude={"nutrients"})
    values["meal"] = entry.meal.value
    return values | entry.nutrients.model_dump()


def food_entry(row: Row[Any]) -> FoodEntry:
    values = {name: getattr(row, name) for name in FoodEntry.model_fields if name != "nutrients"}
    values["nutrients"] = Nutrients(**{name: getattr(row, name) for name in NUTRIENTS})
    return FoodEntry.model_validate(values)


def supplement_entry(row: Row[Any]) -> SupplementEntry:
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


def custom_food(row: Row[Any]) -> CustomFood:
    food = Food(
        slug=row.slug,
        name=row.name,
        group=USER_GROUP,
        per_100g=Per100g(**{name: getattr(row, name) for name in NUTRIENTS}),
        portions=row.portions,
    )
    return CustomFood(id=row.id, food=food, created_at=row.created_at)
