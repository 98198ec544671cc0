"""Eat and supplement: targets, the food table, the supplement guide and the food log, as data."""

from backbridge.nutrition.foods import Food, FoodTable, Nutrients, Per100g
from backbridge.nutrition.guidance import ActivityLevel, Guidance, Meal, Sex
from backbridge.nutrition.load import NUTRITION_DIR, Nutrition, load_nutrition
from backbridge.nutrition.log import DaySummary, FoodEntry, SupplementEntry, summarize_day
from backbridge.nutrition.supplements import DoseUnit, Grade, Supplement, SupplementGuide
from backbridge.nutrition.targets import Profile, ProfileChanges, Targets, compute_targets

__all__ = [
    "NUTRITION_DIR",
    "ActivityLevel",
    "DaySummary",
    "DoseUnit",
    "Food",
    "FoodEntry",
    "FoodTable",
    "Grade",
    "Guidance",
    "Meal",
    "Nutrients",
    "Nutrition",
    "Per100g",
    "Profile",
    "ProfileChanges",
    "Sex",
    "Supplement",
    "SupplementEntry",
    "SupplementGuide",
    "Targets",
    "compute_targets",
    "load_nutrition",
    "summarize_day",
]
