"""The schema of ``nutrition.yaml``: activity factors, protein and caffeine numbers, the advice
for kidney disease and pregnancy, and the meal hours. Numbers live in the data file, next to
their sources; the code that applies them is in :mod:`backbridge.nutrition.targets`.
"""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise
from typing import Self

from pydantic import Field, model_validator

from backbridge.catalog.models import Record, SourceKey, Text


class Sex(StrEnum):
    """The sex the energy equation asks for; it has one constant for each."""

    FEMALE = "female"
    MALE = "male"


class ActivityLevel(StrEnum):
    SEDENTARY = "sedentary"
    LIGHT = "light"
    MODERATE = "moderate"
    ACTIVE = "active"
    VERY_ACTIVE = "very-active"


class Meal(StrEnum):
    BREAKFAST = "breakfast"
    LUNCH = "lunch"
    DINNER = "dinner"
    SNACK = "snack"


class ActivityFactor(Record):
    level: ActivityLevel
    factor: float = Field(ge=1.0, le=2.5)
    description: Text


class EnergyGuidance(Record):
    activity_factors: list[ActivityFactor] = Field(min_length=1)
    range_fraction: float = Field(gt=0, le=0.5)
    sources: list[SourceKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_level_once(self) -> Self:
        levels = [item.level for item in self.activity_factors]
        if sorted(levels) != sorted(ActivityLevel):
            raise ValueError(
                "'activity_factors' must list each level once: " + ", ".join(ActivityLevel)
            )
        factors = [item.factor for item in self.activity_factors]
        if factors != sorted(factors):
            raise ValueError("'activity_factors' must rise from the least to the most active")
        return self

    def factor(self, level: ActivityLevel) -> ActivityFactor:
        return next(item for item in self.activity_factors if item.level is level)


class ProteinGuidance(Record):
    """Grams of protein per kg of body weight, for the day and for one meal."""

    default_g_per_kg: float = Field(gt=0, le=3.5)
    min_g_per_kg: float = Field(gt=0, le=3.5)
    max_g_per_kg: float = Field(gt=0, le=3.5)
    per_meal_min_g_per_kg: float = Field(gt=0, le=1)
    per_meal_max_g_per_kg: float = Field(gt=0, le=1)
    per_meal_min_g: float = Field(gt=0, le=100)
    per_meal_max_g: float = Field(gt=0, le=100)
    meal_interval_min_hours: float = Field(gt=0, le=12)
    meal_interval_max_hours: float = Field(gt=0, le=12)
    sources: list[SourceKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.min_g_per_kg <= self.default_g_per_kg <= self.max_g_per_kg:
            raise ValueError("expected min_g_per_kg <= default_g_per_kg <= max_g_per_kg")
        if self.per_meal_min_g_per_kg > self.per_meal_max_g_per_kg:
            raise ValueError("'per_meal_min_g_per_kg' must not exceed 'per_meal_max_g_per_kg'")
        if self.per_meal_min_g > self.per_meal_max_g:
            raise ValueError("'per_meal_min_g' must not exceed 'per_meal_max_g'")
        if self.meal_interval_min_hours > self.meal_interval_max_hours:
            raise ValueError("'meal_interval_min_hours' must not exceed 'meal_interval_max_hours'")
        return self


class KidneyGuidance(Record):
    guidance_g_per_kg: float = Field(gt=0, le=2)
    avoid_above_g_per_kg: float = Field(gt=0, le=3)
    advice: Text
    sources: list[SourceKey] = Field(min_length=1)


class DietitianGuidance(Record):
    """When the energy estimate suggests a dietitian instead of standing alone."""

    below_kcal: float = Field(gt=0, le=3000)
    equation_max_age: int = Field(ge=18, le=120)
    """The oldest age among the adults the equation was built from."""
    advice: Text
    sources: list[SourceKey] = Field(min_length=1)


class CaffeineGuidance(Record):
    limit_mg: int = Field(gt=0, le=1000)
    pregnancy_limit_mg: int = Field(gt=0, le=1000)
    per_kg_mg: float = Field(gt=0, le=10)
    """The suggested dose before training, per kg of body weight."""
    single_dose_mg: int = Field(gt=0, le=1000)
    """Never more than this in one go."""
    sources: list[SourceKey] = Field(min_length=1)


class PregnancyGuidance(Record):
    advice: Text
    sources: list[SourceKey] = Field(min_length=1)


class MealStart(Record):
    meal: Meal
    hour: int = Field(ge=0, le=23)


class MealHours(Record):
    """Which meal a time of day falls in, when a food is logged without one."""

    starts: list[MealStart] = Field(min_length=1)

    @model_validator(mode="after")
    def _increasing(self) -> Self:
        if any(a.hour >= b.hour for a, b in pairwise(self.starts)):
            raise ValueError("'starts' must be in order of the hour, each hour once")
        return self

    def meal_at(self, hour: int) -> Meal:
        """The meal whose start is the latest at or before ``hour``; before the first start,
        the day's last one (the night runs on from the evening)."""
        earlier = [start for start in self.starts if start.hour <= hour]
        return (earlier or self.starts)[-1].meal


class ClaimsRule(Record):
    rule: Text
    sources: list[SourceKey] = Field(min_length=1)


class Guidance(Record):
    energy: EnergyGuidance
    dietitian: DietitianGuidance
    protein: ProteinGuidance
    kidney_disease: KidneyGuidance
    caffeine: CaffeineGuidance
    pregnancy: PregnancyGuidance
    meals: MealHours
    claims: ClaimsRule

    def source_fields(self) -> dict[str, list[str]]:
        return {
            "energy.sources": self.energy.sources,
            "dietitian.sources": self.dietitian.sources,
            "protein.sources": self.protein.sources,
            "kidney_disease.sources": self.kidney_disease.sources,
            "caffeine.sources": self.caffeine.sources,
            "pregnancy.sources": self.pregnancy.sources,
            "claims.sources": self.claims.sources,
        }
