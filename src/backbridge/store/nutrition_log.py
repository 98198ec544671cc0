"""The nutrition profile, food and supplement entries and the user's own foods, in the database.

Every write is its own transaction, committed before the call returns, like the journal.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from backbridge.errors import InvalidInput, NotFound
from backbridge.nutrition.foods import USER_GROUP, CustomFood, Food, Nutrients, Per100g
from backbridge.nutrition.log import FoodEntry, SupplementEntry
from backbridge.nutrition.targets import Profile
from backbridge.store.database import Database
from backbridge.store.journal import User
from backbridge.store.sql import IntegrityError

NUTRIENTS = tuple(Nutrients.model_fields)

PROFILE_OF_USER = "SELECT * FROM nutrition_profiles WHERE user_id = :user"
FOOD_OF_USER = "SELECT * FROM food_entries WHERE id = :id AND user_id = :user"
FOODS_BETWEEN = """
    SELECT * FROM food_entries
    WHERE user_id = :user AND eaten_at >= :start AND eaten_at < :end
    ORDER BY eaten_at"""
"""A user's food entries eaten in ``[start, end)`` (``user``, ``start``, ``end``)."""
SUPPLEMENTS_BETWEEN = """
    SELECT * FROM supplement_entries
    WHERE user_id = :user AND taken_at >= :start AND taken_at < :end
    ORDER BY taken_at"""
"""A user's supplement entries taken in ``[start, end)`` (``user``, ``start``, ``end``)."""
CUSTOM_FOODS_OF_USER = "SELECT * FROM custom_foods WHERE user_id = :user ORDER BY created_at"


class NutritionLog:
    """Read and write one user's nutrition records."""

    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    def profile(self) -> Profile | None:
        with self.db.read() as connection:
            row = connection.execute(PROFILE_OF_USER, {"user": self.user.id}).first()
            return None if row is None else profile(row)

    def save_profile(self, stored: Profile, now: datetime) -> None:
        """Create or replace the profile."""
        with self.db.write() as connection:
            connection.execute(
                "DELETE FROM nutrition_profiles WHERE user_id = :user", {"user": self.user.id}
            )
            connection.insert("nutrition_profiles", profile_values(self.user.id, stored, now))

    def record_food(self, entry: FoodEntry) -> None:
        with self.db.write() as connection:
            connection.insert("food_entries", {**food_entry_values(entry), "user_id": self.user.id})

    def delete_food(self, entry_id: uuid.UUID) -> FoodEntry:
        """Remove one of this user's food entries; the entry as it was."""
        mine = {"id": entry_id, "user": self.user.id}
        with self.db.write() as connection:
            row = connection.execute(FOOD_OF_USER, mine).first()
            if row is None:
                raise NotFound(f"no food entry {entry_id}")
            connection.execute("DELETE FROM food_entries WHERE id = :id AND user_id = :user", mine)
        return food_entry(row)

    def record_supplement(self, entry: SupplementEntry) -> None:
        with self.db.write() as connection:
            connection.insert("supplement_entries", {**entry.model_dump(), "user_id": self.user.id})

    def food_entries(self, start: datetime, end: datetime) -> list[FoodEntry]:
        """Foods eaten in ``[start, end)``, in the order they were eaten."""
        params = {"user": self.user.id, "start": start, "end": end}
        with self.db.read() as connection:
            return [food_entry(row) for row in connection.execute(FOODS_BETWEEN, params)]

    def supplement_entries(self, start: datetime, end: datetime) -> list[SupplementEntry]:
        params = {"user": self.user.id, "start": start, "end": end}
        with self.db.read() as connection:
            return [
                supplement_entry(row) for row in connection.execute(SUPPLEMENTS_BETWEEN, params)
            ]

    def add_food(self, food: Food, now: datetime) -> CustomFood:
        added = CustomFood(id=uuid.uuid4(), food=food, created_at=now)
        try:
            with self.db.write() as connection:
                connection.insert(
                    "custom_foods", {**custom_food_values(added), "user_id": self.user.id}
                )
        except IntegrityError:
            raise InvalidInput(
                f"you already added a food '{food.slug}'; log it or give this one another name"
            ) from None
        return added

    def custom_foods(self) -> list[CustomFood]:
        with self.db.read() as connection:
            rows = connection.execute(CUSTOM_FOODS_OF_USER, {"user": self.user.id})
            return [custom_food(row) for row in rows]


def profile(row: Any) -> Profile:
    return Profile.model_validate({name: getattr(row, name) for name in Profile.model_fields})


def profile_values(user_id: uuid.UUID, stored: Profile, now: datetime) -> dict[str, Any]:
    values = stored.model_dump()
    values["sex"], values["activity"] = stored.sex.value, stored.activity.value
    return {**values, "user_id": user_id, "updated_at": now}


def food_entry_values(entry: FoodEntry) -> dict[str, Any]:
    values = entry.model_dump(exclude={"nutrients"})
    values["meal"] = entry.meal.value
    return values | entry.nutrients.model_dump()


def food_entry(row: Any) -> FoodEntry:
    values = {name: getattr(row, name) for name in FoodEntry.model_fields if name != "nutrients"}
    values["nutrients"] = Nutrients(**{name: getattr(row, name) for name in NUTRIENTS})
    return FoodEntry.model_validate(values)


def supplement_entry(row: Any) -> SupplementEntry:
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


def custom_food(row: Any) -> CustomFood:
    food = Food(
        slug=row.slug,
        name=row.name,
        group=USER_GROUP,
        per_100g=Per100g(**{name: getattr(row, name) for name in NUTRIENTS}),
        portions=row.portions,
    )
    return CustomFood(id=row.id, food=food, created_at=row.created_at)
