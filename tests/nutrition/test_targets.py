"""Targets reproduce numbers worked out by hand (the arithmetic is in the comments)."""

from __future__ import annotations

import pytest

from backbridge.errors import InvalidInput
from backbridge.nutrition import ActivityLevel, Nutrition, Profile, ProfileChanges, Sex
from backbridge.nutrition.targets import compute_targets, resting_energy, update_profile


def profile(**values: object) -> Profile:
    base: dict[str, object] = {
        "weight_kg": 80,
        "height_cm": 180,
        "age_years": 30,
        "sex": Sex.MALE,
        "activity": ActivityLevel.MODERATE,
    }
    return Profile.model_validate(base | values)


def test_resting_energy_is_mifflin_st_jeor() -> None:
    # man: 10 × 80 + 6.25 × 180 − 5 × 30 + 5 = 800 + 1125 − 150 + 5 = 1780
    assert resting_energy(80, 180, 30, Sex.MALE) == 1780
    # woman: 10 × 65 + 6.25 × 165 − 5 × 40 − 161 = 650 + 1031.25 − 200 − 161 = 1320.25
    assert resting_energy(65, 165, 40, Sex.FEMALE) == 1320.25


# Man, 80 kg, 180 cm, 30 years: resting 1780 kcal (above) × the activity factor.
# Woman, 65 kg, 165 cm, 40 years: resting 1320.25 kcal × the activity factor.
@pytest.mark.parametrize(
    ("activity", "man", "woman"),
    [
        (ActivityLevel.SEDENTARY, 2136.0, 1584.3),  # 1780 × 1.2; 1320.25 × 1.2
        (ActivityLevel.LIGHT, 2447.5, 1815.34375),  # 1780 × 1.375; 1320.25 × 1.375
        (ActivityLevel.MODERATE, 2759.0, 2046.3875),  # 1780 × 1.55; 1320.25 × 1.55
        (ActivityLevel.ACTIVE, 3070.5, 2277.43125),  # 1780 × 1.725; 1320.25 × 1.725
        (ActivityLevel.VERY_ACTIVE, 3382.0, 2508.475),  # 1780 × 1.9; 1320.25 × 1.9
    ],
)
def test_daily_energy_for_each_activity_level_and_both_sexes(
    nutrition: Nutrition, activity: ActivityLevel, man: float, woman: float
) -> None:
    male = compute_targets(profile(activity=activity), nutrition.guidance)
    female = compute_targets(
        profile(weight_kg=65, height_cm=165, age_years=40, sex=Sex.FEMALE, activity=activity),
        nutrition.guidance,
    )
    assert male.energy.daily_kcal == pytest.approx(man)
    assert female.energy.daily_kcal == pytest.approx(woman)
    assert male.energy.activity is activity


def test_energy_is_a_range_with_its_working(nutrition: Nutrition) -> None:
    energy = compute_targets(profile(), nutrition.guidance).energy
    # 2759 × 0.9 = 2483.1; 2759 × 1.1 = 3034.9
    assert (energy.low_kcal, energy.high_kcal) == (pytest.approx(2483.1), pytest.approx(3034.9))
    assert energy.resting_kcal == 1780
    assert "10 × 80 kg + 6.25 × 180 cm − 5 × 30 years + 5 (male) = 1780 kcal" in energy.working
    assert "× 1.55 (moderate" in energy.working and "2483–3035 kcal" in energy.working
    assert energy.sources[0] == "S143"


def test_protein_for_a_man_and_a_woman(nutrition: Nutrition) -> None:
    man = compute_targets(profile(), nutrition.guidance).protein
    # 1.6 × 80 = 128 g; range 1.4 × 80 = 112 to 2.0 × 80 = 160; per meal 0.25 × 80 = 20 to 0.4 × 80 = 32
    assert (man.daily_g, man.low_g, man.high_g) == pytest.approx((128, 112, 160))
    assert (man.per_meal_low_g, man.per_meal_high_g) == pytest.approx((20, 32))
    assert man.interval_hours == (3, 4)
    woman = compute_targets(
        profile(weight_kg=65, height_cm=165, age_years=40, sex=Sex.FEMALE), nutrition.guidance
    ).protein
    # 1.6 × 65 = 104; 1.4 × 65 = 91; 2.0 × 65 = 130; per meal 0.25 × 65 = 16.25 to 0.4 × 65 = 26
    assert (woman.daily_g, woman.low_g, woman.high_g) == pytest.approx((104, 91, 130))
    assert (woman.per_meal_low_g, woman.per_meal_high_g) == pytest.approx((16.25, 26))
    assert "1.6 g/kg × 65 kg = 104 g a day" in woman.working


def test_kidney_disease_sets_no_high_protein_target(nutrition: Nutrition) -> None:
    # Man, 70 kg, 175 cm, 50 years, light: 700 + 1093.75 − 250 + 5 = 1548.75; × 1.375 = 2129.53125
    targets = compute_targets(
        profile(
            weight_kg=70,
            height_cm=175,
            age_years=50,
            activity=ActivityLevel.LIGHT,
            kidney_disease=True,
        ),
        nutrition.guidance,
    )
    assert targets.energy.daily_kcal == pytest.approx(2129.53125)
    protein = targets.protein
    assert protein.kidney_disease
    assert protein.daily_g is None and protein.low_g is None and protein.high_g is None
    assert protein.per_meal_low_g is None and protein.per_meal_high_g is None
    # 0.8 × 70 = 56 g; not above 1.3 × 70 = 91 g
    assert protein.guidance_g == pytest.approx(56)
    assert protein.avoid_above_g == pytest.approx(91)
    assert protein.advice is not None and "Ask your clinician" in protein.advice
    assert "S140" in protein.sources
    assert targets.caffeine.limit_mg == 400
    assert any("kidney disease" in note for note in targets.notes)


def test_pregnancy_lowers_the_caffeine_limit(nutrition: Nutrition) -> None:
    # Woman, 60 kg, 160 cm, 28 years, moderate: 600 + 1000 − 140 − 161 = 1299; × 1.55 = 2013.45
    targets = compute_targets(
        profile(weight_kg=60, height_cm=160, age_years=28, sex=Sex.FEMALE, pregnant=True),
        nutrition.guidance,
    )
    assert targets.energy.daily_kcal == pytest.approx(2013.45)
    assert targets.caffeine.limit_mg == 200
    assert targets.caffeine.pregnant
    # 1.6 × 60 = 96 g; per meal 0.25 × 60 = 15 to 0.4 × 60 = 24
    assert targets.protein.daily_g == pytest.approx(96)
    assert (targets.protein.per_meal_low_g, targets.protein.per_meal_high_g) == pytest.approx(
        (15, 24)
    )
    assert any("pregnant" in note for note in targets.notes)
    not_pregnant = compute_targets(profile(sex=Sex.FEMALE), nutrition.guidance)
    assert not_pregnant.caffeine.limit_mg == 400 and not_pregnant.notes == []


def test_a_profile_needs_every_value_once_then_updates_one_at_a_time() -> None:
    with pytest.raises(
        InvalidInput,
        match="there is no nutrition profile yet: give weight, height, age, sex and activity",
    ):
        update_profile(None, ProfileChanges())
    with pytest.raises(InvalidInput, match="also give --height, --age, --sex, --activity"):
        update_profile(None, ProfileChanges(weight_kg=80))
    full = ProfileChanges(80, 180, 30, Sex.MALE, ActivityLevel.MODERATE)
    first = update_profile(None, full)
    assert first == profile()
    lighter = update_profile(first, ProfileChanges(weight_kg=78.5, kidney_disease=True))
    assert lighter.weight_kg == 78.5 and lighter.kidney_disease and lighter.height_cm == 180
    assert update_profile(lighter, ProfileChanges()) == lighter


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"age_years": 17},
            "age must be from 18 to 100 years (the targets are for adults); got 17",
        ),
        ({"age_years": 101}, "age must be from 18 to 100 years"),
        ({"weight_kg": -70}, "weight must be from 30 to 250 kg; got -70"),
        ({"height_cm": 18}, "height must be from 120 to 230 cm; got 18"),
        ({"pregnant": True}, "pregnant can be set only with sex female"),
    ],
)
def test_out_of_range_values_fail_with_one_line(changes: dict[str, object], message: str) -> None:
    values: dict[str, object] = {
        "weight_kg": 80,
        "height_cm": 180,
        "age_years": 30,
        "sex": Sex.MALE,
        "activity": ActivityLevel.MODERATE,
    }
    with pytest.raises(InvalidInput) as error:
        update_profile(None, ProfileChanges(**(values | changes)))  # type: ignore[arg-type]
    assert message in str(error.value) and "\n" not in str(error.value)


def test_the_age_limits_themselves_are_accepted(nutrition: Nutrition) -> None:
    # 10 × 50 + 6.25 × 150 − 5 × 100 − 161 = 500 + 937.5 − 500 − 161 = 776.5
    old = update_profile(None, ProfileChanges(50, 150, 100, Sex.FEMALE, ActivityLevel.SEDENTARY))
    assert compute_targets(old, nutrition.guidance).energy.resting_kcal == 776.5
    assert update_profile(None, ProfileChanges(50, 150, 18, Sex.FEMALE, ActivityLevel.LIGHT))


def test_a_very_small_very_old_person_is_pointed_to_a_dietitian(nutrition: Nutrition) -> None:
    # Woman, 40 kg, 150 cm, 80 years, sedentary: 400 + 937.5 − 400 − 161 = 776.5; × 1.2 = 931.8
    small = compute_targets(
        profile(weight_kg=40, height_cm=150, age_years=80, sex=Sex.FEMALE,
                activity=ActivityLevel.SEDENTARY),
        nutrition.guidance,
    )  # fmt: skip
    assert round(small.energy.daily_kcal) == 932
    (note,) = small.notes
    assert note.startswith("The estimate, 932 kcal a day, is below 1200 and the equation was built")
    assert "Ask a dietitian" in note
    # Older than the equation's adults, with an ordinary estimate: the age alone is the reason.
    (older,) = compute_targets(profile(age_years=79), nutrition.guidance).notes
    assert older.startswith("The equation was built from adults up to 78 years old.")
    # A young, small woman: 35 kg, 145 cm, 25 years, sedentary: 970.25 × 1.2 = 1164.3
    (young,) = compute_targets(
        profile(weight_kg=35, height_cm=145, age_years=25, sex=Sex.FEMALE,
                activity=ActivityLevel.SEDENTARY),
        nutrition.guidance,
    ).notes  # fmt: skip
    assert young.startswith("The estimate, 1164 kcal a day, is below 1200.")
    assert compute_targets(profile(age_years=78), nutrition.guidance).notes == []


@pytest.mark.parametrize(
    ("weight", "pregnant", "single"),
    [(80, False, 200), (50, False, 150), (66.5, False, 200), (60, True, 180), (90, True, 200)],
)
def test_the_caffeine_dose_before_training_is_3_mg_per_kg_and_never_above_200_mg(
    nutrition: Nutrition, weight: float, pregnant: bool, single: int
) -> None:
    sex = Sex.FEMALE if pregnant else Sex.MALE
    caffeine = compute_targets(
        profile(weight_kg=weight, sex=sex, pregnant=pregnant), nutrition.guidance
    ).caffeine
    assert caffeine.single_dose_mg == single
    assert caffeine.single_dose_mg <= caffeine.limit_mg
    assert f"never more than 200 mg in one go: {single} mg" in caffeine.working
