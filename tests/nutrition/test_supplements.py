"""The supplement guide: every grade sourced, the two aims graded separately, no claims."""

from __future__ import annotations

import re

import pytest

from backbridge.catalog import Catalog
from backbridge.errors import InvalidInput, NotFound
from backbridge.nutrition import DoseUnit, Grade, Nutrition

REQUIRED = {
    "creatine",
    "whey-protein",
    "plant-protein",
    "vitamin-d",
    "caffeine",
    "omega-3",
    "collagen",
    "magnesium",
    "turmeric",
    "glucosamine",
    "bcaa",
}
CLAIM = re.compile(
    r"\b(cur(e|es|ed|ing)|treat(s|ed|ing|ment|ments)?|prevent(s|ed|ing|ion|ive)?|"
    r"heal(s|ed|ing)?)\b",
    re.IGNORECASE,
)


def test_the_guide_covers_what_people_ask_about(nutrition: Nutrition) -> None:
    slugs = {item.slug for item in nutrition.guide.supplements}
    assert len(slugs) >= 10
    assert slugs >= REQUIRED


def test_every_grade_and_dose_cites_known_sources(nutrition: Nutrition, catalog: Catalog) -> None:
    keys = {source.key for source in catalog.sources}
    for item in nutrition.guide.supplements:
        for evidence in (item.strength, item.back_pain):
            assert evidence.grade in Grade
            assert evidence.sources and set(evidence.sources) <= keys, item.slug
            assert evidence.summary, item.slug
        assert item.dose.sources and set(item.dose.sources) <= keys, item.slug
        assert set(item.cited_sources) <= keys
        assert item.safety, item.slug


def test_strength_and_back_pain_are_graded_separately(nutrition: Nutrition) -> None:
    guide = nutrition.guide
    creatine = guide.supplement("creatine")
    assert (creatine.strength.grade, creatine.back_pain.grade) == (Grade.STRONG, Grade.NONE)
    glucosamine = guide.supplement("glucosamine")
    assert glucosamine.back_pain.grade is Grade.NONE and "S208" in glucosamine.back_pain.sources
    assert guide.supplement("vitamin-d").strength.grade is Grade.WEAK
    assert guide.supplement("bcaa").strength.grade is Grade.NONE
    assert not any(item.back_pain.grade is Grade.STRONG for item in guide.supplements)


def test_no_text_claims_to_treat_cure_or_prevent_anything(nutrition: Nutrition) -> None:
    rule = nutrition.guidance.claims.rule
    assert "treats, cures or prevents" in rule  # the rule itself names what is forbidden
    texts = [*nutrition.guide.texts, nutrition.guidance.kidney_disease.advice]
    texts.append(nutrition.guidance.pregnancy.advice)
    for text in texts:
        assert not CLAIM.search(text), f"claim-like wording: {CLAIM.search(text)[0]!r} in {text!r}"  # type: ignore[index]


def test_performance_enhancing_drugs_are_out_of_scope(nutrition: Nutrition) -> None:
    assert "Performance-enhancing drugs" in nutrition.guide.out_of_scope
    assert "out of scope" in nutrition.guide.out_of_scope
    with pytest.raises(NotFound, match="performance-enhancing drugs are out of scope"):
        nutrition.guide.supplement("anabolic steroids")


def test_lookup_by_name_or_alias_and_unit_conversion(nutrition: Nutrition) -> None:
    guide = nutrition.guide
    assert guide.supplement("Fish oil").slug == "omega-3"
    assert guide.supplement("Creatine Monohydrate").slug == "creatine"
    with pytest.raises(NotFound, match="did you mean 'creatine'"):
        guide.supplement("creatin")
    creatine = guide.supplement("creatine")
    assert creatine.to_dose_unit(5000, DoseUnit.MG) == 5
    assert guide.supplement("magnesium").to_dose_unit(0.3, DoseUnit.G) == pytest.approx(300)
    with pytest.raises(InvalidInput, match="dosed in IU; give the amount in IU"):
        guide.supplement("vitamin-d").to_dose_unit(5, DoseUnit.MG)


def test_cautions_and_upper_limits(nutrition: Nutrition) -> None:
    guide = nutrition.guide
    assert {c.value for c in guide.supplement("creatine").cautions} == {
        "kidney-disease",
        "pregnancy",
    }
    assert guide.supplement("vitamin-d").dose.daily_upper == 4000
    assert guide.supplement("magnesium").dose.daily_upper == 350
    assert guide.supplement("caffeine").adds_caffeine
    assert guide.supplement("whey-protein").log_as_food == "whey-protein-powder"


def test_the_interactions_a_reviewer_asked_for_are_data(nutrition: Nutrition) -> None:
    guide = nutrition.guide
    found = {
        (item.slug, interaction.id): interaction
        for item in guide.supplements
        for interaction in item.interactions
    }
    assert set(found) >= {
        ("creatine", "nsaids"),
        ("omega-3", "atrial-fibrillation"),
        ("vitamin-d", "thiazides"),
        ("turmeric", "liver-disease"),
    }
    assert found["creatine", "nsaids"].kind == "medicine"
    assert found["turmeric", "liver-disease"].kind == "condition"
    # "High-dose" is a number: more than 1 g of EPA + DHA a day, in the dose unit (mg).
    omega = guide.supplement("omega-3")
    assert found["omega-3", "atrial-fibrillation"].daily_from == 1000 and omega.dose.unit == "mg"
    for interaction in found.values():
        assert interaction.sources and interaction.advice


def test_the_caffeine_dose_text_agrees_with_the_single_dose_ceiling(nutrition: Nutrition) -> None:
    caffeine = nutrition.guidance.caffeine
    text = " ".join(nutrition.guide.supplement("caffeine").dose.text.split())
    assert f"About {caffeine.per_kg_mg:g} mg per kg, up to {caffeine.single_dose_mg} mg" in text
    # The 3-6 mg/kg of the studies is named as what they used, not as the advice.
    assert "3–6 mg per kg about 60 minutes" not in text
    assert f"{caffeine.single_dose_mg} mg is the largest single dose" in text
