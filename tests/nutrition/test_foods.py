"""The bundled food table: schema, internal consistency, source, search and portions."""

from __future__ import annotations

import pytest

from backbridge.errors import InvalidInput, NotFound
from backbridge.nutrition import Nutrition
from backbridge.nutrition.foods import Per100g, new_food, portion_grams

COMMON = {
    "egg-raw": "eggs",
    "greek-yogurt-nonfat": "greek yogurt",
    "oats-dry": "oats",
    "rice-white-cooked": "rice",
    "chicken-breast-roasted": "chicken breast",
    "banana": "banana",
    "peanut-butter": "peanut butter",
    "lentils-boiled": "lentils",
    "tofu-firm": "tofu",
    "whey-protein-powder": "whey",
}


def test_at_least_150_foods_with_a_named_source_database(nutrition: Nutrition) -> None:
    table = nutrition.foods
    assert len(table.foods) >= 150
    assert table.database == "USDA FoodData Central, SR Legacy (April 2018)"
    assert table.sources == ["S201"]
    assert len({food.slug for food in table.foods}) == len(table.foods)


def test_energy_agrees_with_the_macronutrients(nutrition: Nutrition) -> None:
    """4 kcal/g protein and carbohydrate, 9 kcal/g fat: the database's own factors differ a
    little by food (and fibre yields less), so allow 15% or 10 kcal, whichever is larger."""
    for food in nutrition.foods.foods:
        n = food.per_100g
        estimate = 4 * n.protein_g + 4 * n.carbohydrate_g + 9 * n.fat_g
        assert abs(n.energy_kcal - estimate) <= max(10, 0.15 * estimate), (
            food.slug,
            n.energy_kcal,
            round(estimate),
        )


def test_macros_fit_in_100_grams(nutrition: Nutrition) -> None:
    for food in nutrition.foods.foods:
        n = food.per_100g
        assert n.protein_g + n.carbohydrate_g + n.fat_g <= 100, food.slug
        # carbohydrate "by difference" includes fibre in this database
        assert n.fibre_g <= n.carbohydrate_g or n.fibre_g == 0, food.slug
        assert all(grams > 0 for grams in food.portions.values()), food.slug


def test_the_schema_refuses_more_than_100_grams_of_macros() -> None:
    with pytest.raises(ValueError, match="add up to 110 g, more than 100 g"):
        Per100g(energy_kcal=500, protein_g=50, carbohydrate_g=30, fat_g=30, fibre_g=0)


def test_caffeine_is_counted_for_coffee_and_tea(nutrition: Nutrition) -> None:
    table = nutrition.foods
    assert table.food("coffee-brewed").per_100g.caffeine_mg == 40
    assert table.food("espresso").per_100g.caffeine_mg > 200
    assert table.food("banana").per_100g.caffeine_mg == 0


@pytest.mark.parametrize(("slug", "text"), COMMON.items())
def test_common_names_resolve(nutrition: Nutrition, slug: str, text: str) -> None:
    assert nutrition.foods.resolve(text).slug == slug
    assert nutrition.foods.resolve(slug).slug == slug


def test_search_tolerates_word_order_plurals_and_typos(nutrition: Nutrition) -> None:
    table = nutrition.foods
    assert {f.slug for f in table.search("yogurt greek")[:2]} == {
        "greek-yogurt-nonfat",
        "greek-yogurt-whole",
    }
    assert table.search("yoghurt greek")[0].slug == "greek-yogurt-nonfat"
    assert table.search("tomatoes")[0].slug == "tomato-raw"
    assert table.search("bannana")[0].slug == "banana"
    assert table.search("yogurt")[0].slug == "yogurt-plain-whole"  # the exact alias comes first
    assert {f.slug for f in table.search("chicken")} >= {
        "chicken-breast-roasted",
        "chicken-thigh-roasted",
    }
    assert table.search("zzzz") == [] and table.search("  ") == []


def test_unknown_and_ambiguous_foods_say_what_to_do(nutrition: Nutrition) -> None:
    with pytest.raises(NotFound, match="unknown food 'bannana': did you mean 'banana'"):
        nutrition.foods.resolve("bannana")
    with pytest.raises(InvalidInput, match=r"'chicken' matches 3 foods: .*give one of these"):
        nutrition.foods.resolve("chicken")
    with pytest.raises(NotFound, match="unknown food 'qwxyz': it is not in the food table"):
        nutrition.foods.resolve("qwxyz")


@pytest.mark.parametrize(
    ("text", "grams", "label"),
    [
        ("cup", 245, "1 cup"),
        ("2 cups", 490, "2 cup"),
        ("1.5 container", 255, "1.5 container"),
        ("1/2 cup", 122.5, "0.5 cup"),
        ("2 x cup", 490, "2 cup"),
    ],
)
def test_portions(nutrition: Nutrition, text: str, grams: float, label: str) -> None:
    food = nutrition.foods.food("greek-yogurt-nonfat")
    assert portion_grams(food, text) == (pytest.approx(grams), label)


def test_bad_portions(nutrition: Nutrition) -> None:
    yogurt = nutrition.foods.food("greek-yogurt-nonfat")
    with pytest.raises(InvalidInput, match=r"'bowl' is not a portion of .*container \(170 g\)"):
        portion_grams(yogurt, "bowl")
    with pytest.raises(InvalidInput, match="number of portions must be more than 0"):
        portion_grams(yogurt, "0 cup")
    with pytest.raises(
        InvalidInput, match="Kale, raw has no portions listed; give the amount in grams"
    ):
        portion_grams(nutrition.foods.food("kale-raw"), "cup")


def test_a_users_food_is_scaled_to_100_g_and_checked(nutrition: Nutrition) -> None:
    amounts = {
        "energy_kcal": 180,
        "protein_g": 8,
        "carbohydrate_g": 25,
        "fat_g": 6,
        "fibre_g": 3,
        "caffeine_mg": 0,
    }
    food = new_food(nutrition.foods, "  Oat  bar ", amounts, per_grams=45, portions=["bar=45"])
    assert (food.slug, food.name, food.group) == ("oat-bar", "Oat bar", "your-foods")
    # 180 kcal per 45 g = 400 kcal per 100 g; 8 g per 45 g = 17.78 g per 100 g
    assert food.per_100g.energy_kcal == pytest.approx(400)
    assert food.per_100g.protein_g == pytest.approx(17.777, abs=0.01)
    assert food.portions == {"bar": 45}
    with pytest.raises(InvalidInput, match="'greek yogurt' already names a food"):
        new_food(nutrition.foods, "Greek yogurt", amounts)
    with pytest.raises(InvalidInput, match="protein must be 0 or more; got -1 g"):
        new_food(nutrition.foods, "x bar", amounts | {"protein_g": -1})
    with pytest.raises(InvalidInput, match="more than pure fat"):
        new_food(nutrition.foods, "x bar", amounts, per_grams=10)
    with pytest.raises(InvalidInput, match="write it as NAME=GRAMS"):
        new_food(nutrition.foods, "x bar", amounts, portions=["bar"])
