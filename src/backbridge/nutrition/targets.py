"""Daily energy and protein targets and the caffeine limit, from a profile and ``nutrition.yaml``.

Pure: a profile and the guidance numbers in, targets out. Every target carries the inputs and
the arithmetic that produced it, so a person or a clinician can check it by hand. With kidney
disease there is no high-protein target, only the kidney guidance and a referral.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from pydantic import Field

from backbridge.catalog.models import Record
from backbridge.errors import Action, InvalidInput
from backbridge.nutrition.guidance import ActivityLevel, Guidance, Sex

PLANNING_ONLY = "Estimates for planning, not medical advice."
"""What every view of the targets says about them."""
WEIGHT_KG = (30.0, 250.0)
HEIGHT_CM = (120.0, 230.0)
AGE_YEARS = (18, 100)

SEX_CONSTANT = {Sex.MALE: 5.0, Sex.FEMALE: -161.0}
"""The last term of the Mifflin–St Jeor equation (S143)."""


class Profile(Record):
    """What the targets are computed from; stored so later commands need no flags."""

    weight_kg: float = Field(ge=WEIGHT_KG[0], le=WEIGHT_KG[1])
    height_cm: float = Field(ge=HEIGHT_CM[0], le=HEIGHT_CM[1])
    age_years: int = Field(ge=AGE_YEARS[0], le=AGE_YEARS[1])
    sex: Sex
    activity: ActivityLevel
    kidney_disease: bool = False
    pregnant: bool = False


@dataclass(frozen=True)
class ProfileChanges:
    """Values given on the command line; ``None`` keeps the stored value."""

    weight_kg: float | None = None
    height_cm: float | None = None
    age_years: int | None = None
    sex: Sex | None = None
    activity: ActivityLevel | None = None
    kidney_disease: bool | None = None
    pregnant: bool | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, item.name) is None for item in fields(self))


REQUIRED_FLAGS = {
    "weight_kg": "--weight",
    "height_cm": "--height",
    "age_years": "--age",
    "sex": "--sex",
    "activity": "--activity",
}


def update_profile(stored: Profile | None, changes: ProfileChanges) -> Profile:
    """The stored profile with the given values replaced, each value checked with a one-line
    error; without a stored profile every required value must be given."""
    values = stored.model_dump() if stored is not None else {}
    for item in fields(changes):
        if getattr(changes, item.name) is not None:
            values[item.name] = getattr(changes, item.name)
    missing = [flag for name, flag in REQUIRED_FLAGS.items() if name not in values]
    if missing:
        if changes.empty:
            raise InvalidInput(
                "there is no nutrition profile yet: give weight, height, age, sex and activity "
                "level once; later calls reuse them",
                action=Action.NUTRITION_PROFILE,
            )
        raise InvalidInput(
            f"no nutrition profile yet, so also give {', '.join(missing)} (stored for next time)"
        )
    _check_range("weight", values["weight_kg"], WEIGHT_KG, "kg")
    _check_range("height", values["height_cm"], HEIGHT_CM, "cm")
    age = values["age_years"]
    if not AGE_YEARS[0] <= age <= AGE_YEARS[1]:
        raise InvalidInput(
            f"age must be from {AGE_YEARS[0]} to {AGE_YEARS[1]} years (the targets are for "
            f"adults); got {age}"
        )
    if values.get("pregnant") and values["sex"] is Sex.MALE:
        raise InvalidInput("pregnant can be set only with sex female")
    return Profile.model_validate(values)


def _check_range(name: str, value: float, bounds: tuple[float, float], unit: str) -> None:
    if not bounds[0] <= value <= bounds[1]:
        raise InvalidInput(
            f"{name} must be from {bounds[0]:g} to {bounds[1]:g} {unit}; got {value:g}"
        )


def resting_energy(weight_kg: float, height_cm: float, age_years: int, sex: Sex) -> float:
    """Mifflin–St Jeor resting energy in kcal a day (S143):
    ``10 × weight + 6.25 × height − 5 × age + 5`` for men, ``− 161`` instead of ``+ 5`` for women.
    """
    return 10 * weight_kg + 6.25 * height_cm - 5 * age_years + SEX_CONSTANT[sex]


class EnergyTarget(Record):
    resting_kcal: float
    activity: ActivityLevel
    factor: float
    daily_kcal: float
    low_kcal: float
    high_kcal: float
    working: str
    sources: list[str]


class ProteinTarget(Record):
    """Grams a day and per meal; with kidney disease only the kidney guidance is set."""

    kidney_disease: bool
    daily_g: float | None
    low_g: float | None
    high_g: float | None
    per_meal_low_g: float | None
    per_meal_high_g: float | None
    interval_hours: tuple[float, float]
    guidance_g: float | None = None
    avoid_above_g: float | None = None
    working: str
    advice: str | None = None
    sources: list[str]


class CaffeineLimit(Record):
    limit_mg: int
    """The most a day, from every source."""
    single_dose_mg: int
    """The suggested dose before training: per kg of body weight, never above the single-dose
    ceiling."""
    working: str
    pregnant: bool
    sources: list[str]


class Targets(Record):
    profile: Profile
    energy: EnergyTarget
    protein: ProteinTarget
    caffeine: CaffeineLimit
    notes: list[str]


def compute_targets(profile: Profile, guidance: Guidance) -> Targets:
    """Energy, protein and caffeine for one profile; see the module docstring."""
    notes = []
    if profile.kidney_disease:
        notes.append(guidance.kidney_disease.advice)
    if profile.pregnant:
        notes.append(guidance.pregnancy.advice)
    caffeine = guidance.caffeine
    limit = caffeine.pregnancy_limit_mg if profile.pregnant else caffeine.limit_mg
    per_weight = caffeine.per_kg_mg * profile.weight_kg
    single = min(round(per_weight), caffeine.single_dose_mg, limit)
    working = (
        f"{'pregnancy limit' if profile.pregnant else 'adults who are not pregnant'}; before "
        f"training {caffeine.per_kg_mg:g} mg/kg × {profile.weight_kg:g} kg = {per_weight:.0f} "
        f"mg, never more than {caffeine.single_dose_mg} mg in one go: {single} mg"
    )
    energy = energy_target(profile, guidance)
    dietitian = dietitian_note(profile, energy, guidance)
    if dietitian is not None:
        notes.append(dietitian)
    return Targets(
        profile=profile,
        energy=energy,
        protein=protein_target(profile, guidance),
        caffeine=CaffeineLimit(
            limit_mg=limit,
            single_dose_mg=single,
            working=working,
            pregnant=profile.pregnant,
            sources=list(caffeine.sources),
        ),
        notes=notes,
    )


def dietitian_note(profile: Profile, energy: EnergyTarget, guidance: Guidance) -> str | None:
    """Advice to see a dietitian when the energy estimate is below the floor or the person is
    older than the adults the equation was built from; ``None`` otherwise."""
    rule = guidance.dietitian
    reasons = []
    if energy.daily_kcal < rule.below_kcal:
        reasons.append(
            f"the estimate, {energy.daily_kcal:.0f} kcal a day, is below {rule.below_kcal:.0f}"
        )
    if profile.age_years > rule.equation_max_age:
        reasons.append(
            f"the equation was built from adults up to {rule.equation_max_age} years old"
        )
    if not reasons:
        return None
    because = " and ".join(reasons)
    return f"{because[0].upper()}{because[1:]}. {rule.advice}"


def energy_target(profile: Profile, guidance: Guidance) -> EnergyTarget:
    w, h, a = profile.weight_kg, profile.height_cm, profile.age_years
    resting = resting_energy(w, h, a, profile.sex)
    activity = guidance.energy.factor(profile.activity)
    daily = resting * activity.factor
    spread = guidance.energy.range_fraction
    low, high = daily * (1 - spread), daily * (1 + spread)
    constant = SEX_CONSTANT[profile.sex]
    sign = "+" if constant >= 0 else "−"
    working = (
        f"resting: 10 × {w:g} kg + 6.25 × {h:g} cm − 5 × {a} years {sign} {abs(constant):g} "
        f"({profile.sex}) = {resting:.0f} kcal; × {activity.factor:g} ({activity.level}: "
        f"{activity.description}) = {daily:.0f} kcal a day; ± {spread:.0%}: "
        f"{low:.0f}–{high:.0f} kcal"
    )
    return EnergyTarget(
        resting_kcal=resting,
        activity=profile.activity,
        factor=activity.factor,
        daily_kcal=daily,
        low_kcal=low,
        high_kcal=high,
        working=working,
        sources=list(guidance.energy.sources),
    )


def protein_target(profile: Profile, guidance: Guidance) -> ProteinTarget:
    w = profile.weight_kg
    rules = guidance.protein
    interval = (rules.meal_interval_min_hours, rules.meal_interval_max_hours)
    if profile.kidney_disease:
        kidney = guidance.kidney_disease
        return ProteinTarget(
            kidney_disease=True,
            daily_g=None,
            low_g=None,
            high_g=None,
            per_meal_low_g=None,
            per_meal_high_g=None,
            interval_hours=interval,
            guidance_g=kidney.guidance_g_per_kg * w,
            avoid_above_g=kidney.avoid_above_g_per_kg * w,
            working=(
                f"kidney disease: no high-protein target; guidance {kidney.guidance_g_per_kg:g} "
                f"g/kg × {w:g} kg = {kidney.guidance_g_per_kg * w:.0f} g a day, not above "
                f"{kidney.avoid_above_g_per_kg:g} g/kg = {kidney.avoid_above_g_per_kg * w:.0f} g"
            ),
            advice=kidney.advice,
            sources=list(kidney.sources),
        )
    daily, low, high = rules.default_g_per_kg * w, rules.min_g_per_kg * w, rules.max_g_per_kg * w
    meal_low, meal_high = rules.per_meal_min_g_per_kg * w, rules.per_meal_max_g_per_kg * w
    working = (
        f"{rules.default_g_per_kg:g} g/kg × {w:g} kg = {daily:.0f} g a day (range "
        f"{rules.min_g_per_kg:g}–{rules.max_g_per_kg:g} g/kg: {low:.0f}–{high:.0f} g); per meal "
        f"{rules.per_meal_min_g_per_kg:g}–{rules.per_meal_max_g_per_kg:g} g/kg = "
        f"{meal_low:.0f}–{meal_high:.0f} g (about {rules.per_meal_min_g:g}–"
        f"{rules.per_meal_max_g:g} g), every {interval[0]:g}–{interval[1]:g} hours"
    )
    return ProteinTarget(
        kidney_disease=False,
        daily_g=daily,
        low_g=low,
        high_g=high,
        per_meal_low_g=meal_low,
        per_meal_high_g=meal_high,
        interval_hours=interval,
        working=working,
        sources=list(rules.sources),
    )
