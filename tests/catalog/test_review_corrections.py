"""Corrections from the physiotherapist's review: one band rule, stretches do not train a
muscle, one-sided sets described as the session runs them, and the gap rule cites no source
that does not support it."""

from __future__ import annotations

import re
from pathlib import Path

from backbridge.catalog import Catalog, Kind

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = ROOT.parent / "shared" / "EVIDENCE.md"


def test_stretches_are_not_listed_as_training_a_muscle(catalog: Catalog) -> None:
    for muscle in catalog.muscles:
        primary, secondary = catalog.training(muscle.slug)
        assert all(e.kind is not Kind.STRETCH for e in [*primary, *secondary]), muscle.slug


def test_the_clamshells_band_rule_is_the_engines(catalog: Catalog) -> None:
    progression = catalog.rules.progression
    facts = [f.fact for f in catalog.exercise("banded-clamshell").evidence]
    band = [fact for fact in facts if "heavier band" in fact or "band gets heavier" in fact]
    assert band, facts
    top = str(progression.rep_steps[-1])
    assert all(top in fact and "two sessions in a row" in fact for fact in band)
    assert progression.sessions_at_top == 2


def test_one_sided_sets_are_described_set_by_set(catalog: Catalog) -> None:
    for exercise in catalog.exercises:
        if exercise.laterality == "one-side-at-a-time":
            text = " ".join(exercise.steps)
            assert "Do all the reps on one side" not in text, exercise.slug


def test_the_gap_rule_is_a_stated_convention(catalog: Catalog) -> None:
    gap = catalog.rules.return_after_gap
    assert gap.sources == [] and "convention" in gap.rationale


def test_the_keys_to_add_to_the_evidence_notes_are_listed(catalog: Catalog) -> None:
    """The clinician guide lists every key ``sources.yaml`` has and the evidence notes lack
    (beside the repository when they are there; otherwise the listed keys must exist)."""
    guide = (ROOT / "docs" / "clinician-guide.md").read_text()
    section = guide.split("### Sources to add to EVIDENCE.md", 1)[1].split("\n#", 1)[0]
    listed = re.findall(r"^\| (S\d+[a-z]?) \|", section, re.MULTILINE)
    known = {source.key for source in catalog.sources}
    assert listed and set(listed) <= known
    if EVIDENCE.exists():
        noted = set(re.findall(r"^- (S\d+[a-z]?) ", EVIDENCE.read_text(), re.MULTILINE))
        assert sorted(listed) == sorted(known - noted - {"article"})
