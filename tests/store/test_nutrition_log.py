"""The nutrition log on real SQLite and real PostgreSQL: every write durable, reads exact,
and backups carry the nutrition rows."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import inspect

from backbridge.errors import InvalidInput
from backbridge.nutrition import (
    ActivityLevel,
    DoseUnit,
    FoodEntry,
    Meal,
    Nutrients,
    Profile,
    Sex,
    SupplementEntry,
    load_nutrition,
)
from backbridge.nutrition.foods import new_food
from backbridge.store import Database
from backbridge.store.backup import export_backup, import_backup, parse_backup
from backbridge.store.journal import LOCAL_USER, ensure_user
from backbridge.store.migrating import sqlalchemy_engine
from backbridge.store.nutrition_log import NutritionLog
from backbridge.store.sql import IntegrityError
from tests.conftest import NOW

PROFILE = Profile(
    weight_kg=72.5, height_cm=170, age_years=44, sex=Sex.FEMALE, activity=ActivityLevel.ACTIVE
)


@pytest.fixture
def log(database: Database) -> NutritionLog:
    return NutritionLog(database, ensure_user(database, LOCAL_USER, NOW))


def an_entry(**changes: object) -> FoodEntry:
    values: dict[str, object] = {
        "id": uuid.uuid4(),
        "food": "greek-yogurt-nonfat",
        "food_name": "Greek yogurt, plain, nonfat",
        "grams": 170,
        "portion": "1 container",
        "meal": Meal.BREAKFAST,
        "eaten_at": NOW - timedelta(hours=9),
        "nutrients": Nutrients(
            energy_kcal=100.3, protein_g=17.323, carbohydrate_g=6.12, fat_g=0.663
        ),
    }
    return FoodEntry.model_validate(values | changes)


def a_supplement(**changes: object) -> SupplementEntry:
    values: dict[str, object] = {
        "id": uuid.uuid4(),
        "supplement": "creatine",
        "amount": 5,
        "unit": DoseUnit.G,
        "taken_at": NOW - timedelta(hours=2),
    }
    return SupplementEntry.model_validate(values | changes)


def test_the_profile_is_stored_and_replaced(log: NutritionLog) -> None:
    assert log.profile() is None
    log.save_profile(PROFILE, NOW)
    assert log.profile() == PROFILE
    changed = PROFILE.model_copy(update={"weight_kg": 70.0, "kidney_disease": True})
    log.save_profile(changed, NOW + timedelta(days=1))
    assert log.profile() == changed


def test_entries_read_back_exactly_within_the_day(log: NutritionLog) -> None:
    breakfast = an_entry()
    yesterday = an_entry(eaten_at=NOW - timedelta(days=1), meal=Meal.DINNER, portion=None)
    log.record_food(breakfast)
    log.record_food(yesterday)
    creatine = a_supplement()
    log.record_supplement(creatine)
    day = (NOW - timedelta(hours=12), NOW + timedelta(hours=12))
    assert log.food_entries(*day) == [breakfast]
    assert log.food_entries(NOW - timedelta(days=2), NOW) == [yesterday, breakfast]
    assert log.supplement_entries(*day) == [creatine]
    assert log.supplement_entries(NOW, NOW + timedelta(days=1)) == []


def test_the_database_refuses_negative_grams(log: NutritionLog, database: Database) -> None:
    from backbridge.store.nutrition_log import food_entry_values

    values = food_entry_values(an_entry()) | {"grams": -5, "user_id": log.user.id}
    with pytest.raises(IntegrityError), database.write() as connection:
        connection.insert("food_entries", values)


def test_own_foods_are_kept_and_unique_by_name(log: NutritionLog) -> None:
    table = load_nutrition().foods
    amounts = {
        "energy_kcal": 380,
        "protein_g": 20,
        "carbohydrate_g": 50,
        "fat_g": 10,
        "fibre_g": 5,
        "caffeine_mg": 0,
    }
    food = new_food(table, "Protein oat bar", amounts, portions=["bar=60"])
    added = log.add_food(food, NOW)
    assert log.custom_foods() == [added]
    assert log.custom_foods()[0].food.portions == {"bar": 60}
    with pytest.raises(InvalidInput, match="you already added a food 'protein-oat-bar'"):
        log.add_food(food, NOW)


def test_backup_round_trip_carries_the_nutrition_rows(
    log: NutritionLog, database: Database
) -> None:
    log.save_profile(PROFILE, NOW)
    log.record_food(an_entry())
    log.record_supplement(a_supplement(supplement="vitamin-d", amount=1000, unit=DoseUnit.IU))
    food = new_food(
        load_nutrition().foods,
        "Rye crispbread",
        {
            "energy_kcal": 350,
            "protein_g": 9,
            "carbohydrate_g": 65,
            "fat_g": 2,
            "fibre_g": 17,
            "caffeine_mg": 0,
        },
    )
    log.add_food(food, NOW)
    document = export_backup(database, NOW)
    assert [len(document[key]) for key in ("nutrition_profiles", "custom_foods")] == [1, 1]
    assert [len(document[key]) for key in ("food_entries", "supplement_entries")] == [1, 1]

    # into an empty database (drop everything and migrate again)
    backup = parse_backup(document, "backup.json")
    with database.write() as connection:
        for table in ("food_entries", "supplement_entries", "custom_foods", "nutrition_profiles"):
            connection.execute(f"DELETE FROM {table}")
    report = import_backup(database, backup)
    assert report.added["nutrition profiles"] == 1 and report.added["own foods"] == 1
    assert report.added["logged foods"] == 1 and report.added["logged supplements"] == 1
    assert export_backup(database, NOW) == document
    again = import_backup(database, backup)
    assert not any(again.added.values())
    assert again.already_present["logged foods"] == 1


def test_the_nutrition_tables_exist(database: Database) -> None:
    engine = sqlalchemy_engine(database.url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert tables >= {
        "nutrition_profiles",
        "food_entries",
        "supplement_entries",
        "custom_foods",
    }
