"""The nutrition files load through the real loader; broken copies fail with file, field and
what is expected, all problems at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from backbridge.catalog import DATA_DIR
from backbridge.errors import DataFileError
from backbridge.nutrition import NUTRITION_DIR, load_nutrition


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the data files: ``nutrition/`` beside ``sources.yaml``."""
    shutil.copy(DATA_DIR / "sources.yaml", tmp_path / "sources.yaml")
    shutil.copytree(NUTRITION_DIR, tmp_path / "nutrition")
    return tmp_path / "nutrition"


def edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataFileError) as error:
        load_nutrition(data_dir)
    return error.value.problems


def test_the_real_files_load_and_a_copy_loads_the_same(copy: Path) -> None:
    real = load_nutrition()
    copied = load_nutrition(copy)
    assert [f.slug for f in copied.foods.foods] == [f.slug for f in real.foods.foods]
    assert copied.guidance == real.guidance


def test_broken_food_files_name_the_file_the_field_and_what_is_expected(copy: Path) -> None:
    def breaks(document: dict) -> None:  # type: ignore[type-arg]
        document["foods"][1]["per_100g"]["protein_g"] = -1
        document["foods"][2]["per_100g"]["fat_g"] = 95
        del document["foods"][3]["name"]
        document["foods"][4]["colour"] = "white"
        document["foods"][10]["aliases"] = ["eggs"]
        document["sources"] = ["S999"]

    edit(copy / "foods.yaml", breaks)
    found = problems(copy)
    assert (
        "nutrition/foods.yaml: foods.1.per_100g.protein_g: expected greater than or equal to 0 "
        "(got -1)" in found
    )
    assert any("foods.2.per_100g: protein, carbohydrate and fat add up to" in p for p in found)
    assert "nutrition/foods.yaml: foods.3.name: required field is missing" in found
    assert any("foods.4.colour: unknown field" in p for p in found)
    edit(copy / "foods.yaml", lambda d: d.update(foods=d["foods"][:1] + d["foods"][5:]))
    found = problems(copy)
    assert any("'eggs' already names 'egg-raw'" in p for p in found)
    assert (
        "nutrition/foods.yaml: sources: 'S999' is unknown; expected a key from sources.yaml"
        in found
    )


def test_broken_guidance_and_guide(copy: Path) -> None:
    def drop_a_level(document: dict) -> None:  # type: ignore[type-arg]
        document["energy"]["activity_factors"].pop()
        document["caffeine"]["sources"] = ["S777"]

    def break_guide(document: dict) -> None:  # type: ignore[type-arg]
        document["supplements"][0]["strength"]["grade"] = "excellent"
        document["supplements"][1]["back_pain"]["sources"] = []
        document["supplements"][2]["log_as_food"] = "no-such-food"
        document["supplements"][3]["dose"]["sources"] = ["S888"]

    edit(copy / "nutrition.yaml", drop_a_level)
    edit(copy / "supplements.yaml", break_guide)
    found = problems(copy)
    assert any(
        p.startswith("nutrition/nutrition.yaml: energy: 'activity_factors' must list each level")
        for p in found
    )
    assert any("supplements.0.strength.grade: expected 'strong', 'moderate'" in p for p in found)
    assert any("supplements.1.back_pain.sources: expected" in p for p in found)
    edit(copy / "nutrition.yaml", lambda d: d["energy"]["activity_factors"].append(
        {"level": "very-active", "factor": 1.9, "description": "very hard exercise"}
    ))  # fmt: skip
    edit(
        copy / "supplements.yaml", lambda d: d["supplements"][0]["strength"].update(grade="strong")
    )
    edit(
        copy / "supplements.yaml",
        lambda d: d["supplements"][1]["back_pain"].update(sources=["S87"]),
    )
    found = problems(copy)
    assert (
        "nutrition/nutrition.yaml: caffeine.sources: 'S777' is unknown; expected a key from sources.yaml"
        in found
    )
    assert any("plant-protein.log_as_food: 'no-such-food' is unknown" in p for p in found)
    assert any("vitamin-d.sources: 'S888' is unknown" in p for p in found)


def test_a_missing_file_is_reported(copy: Path) -> None:
    (copy / "supplements.yaml").unlink()
    assert problems(copy) == [
        "nutrition/supplements.yaml: file not found (expected a SupplementFile YAML file)"
    ]
