"""The real catalogue loads through the real loader, and broken files fail with file, field and
what is expected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from backbridge.catalog import DATA_DIR, Catalog, Kind, Laterality, load_catalog
from backbridge.errors import DataFileError, NotFound

MAIN_EXERCISES = {
    "squat-hip-extension",
    "squat",
    "standing-hip-extension",
    "quadruped-hip-extension",
    "bridge",
    "banded-bridge-abduction",
    "single-leg-bridge",
    "clamshell",
    "banded-clamshell",
    "side-plank-clamshell",
}


def test_every_required_exercise_is_there(catalog: Catalog) -> None:
    assert {e.slug for e in catalog.of_kind(Kind.EXERCISE)} >= MAIN_EXERCISES
    assert len(catalog.of_kind(Kind.WARM_UP)) >= 6
    assert len(catalog.of_kind(Kind.STRETCH)) >= 6


@pytest.mark.parametrize(
    ("slug", "ladder"),
    [
        ("squat", ["squat", "squat-hip-extension"]),
        ("bridge", ["bridge", "banded-bridge-abduction", "single-leg-bridge"]),
        ("banded-bridge-abduction", ["bridge", "banded-bridge-abduction", "single-leg-bridge"]),
        ("clamshell", ["clamshell", "banded-clamshell", "side-plank-clamshell"]),
    ],
)
def test_ladders(catalog: Catalog, slug: str, ladder: list[str]) -> None:
    assert [e.slug for e in catalog.ladder(slug)] == ladder


def test_the_hip_extension_regresses_to_the_floor(catalog: Catalog) -> None:
    assert "squat" in catalog.exercise("squat-hip-extension").regressions
    assert catalog.exercise("quadruped-hip-extension").kind is Kind.EXERCISE
    chain = [e.slug for e in catalog.ladder("standing-hip-extension")]
    assert chain.index("quadruped-hip-extension") < chain.index("standing-hip-extension")


def test_the_articles_exercises_match_its_description(catalog: Catalog) -> None:
    squat = catalog.exercise("squat-hip-extension")
    assert squat.band_placement == "under-both-feet"
    assert squat.laterality is Laterality.ALTERNATING
    assert (squat.dose.sets, squat.dose.reps, squat.dose.per_side) == (3, 10, True)
    assert "gluteus-maximus" in squat.muscles.primary
    bridge = catalog.exercise("banded-bridge-abduction")
    assert bridge.band_placement == "above-knees"
    assert "gluteus-medius" in bridge.muscles.primary
    assert {"hips-in-line", "resist-band"} <= {cue.id for cue in bridge.cues}
    clam = catalog.exercise("banded-clamshell")
    assert clam.band_placement == "above-knees"
    assert {"open-gently", "pelvis-stacked"} <= {cue.id for cue in clam.cues}
    assert "hips-up" in {cue.id for cue in catalog.exercise("side-plank-clamshell").cues}


def test_every_exercise_cites_known_sources_and_its_facts_are_sourced(catalog: Catalog) -> None:
    keys = {source.key for source in catalog.sources}
    for exercise in catalog.exercises:
        assert exercise.cited_sources, exercise.slug
        assert set(exercise.cited_sources) <= keys
        for fact in exercise.evidence:
            assert fact.sources, (exercise.slug, fact.fact)
    main = catalog.of_kind(Kind.EXERCISE)
    assert all(e.evidence for e in main), "each main exercise states its evidence"


def test_the_glutes_and_their_functions(catalog: Catalog) -> None:
    for slug in ("gluteus-maximus", "gluteus-medius", "gluteus-minimus"):
        assert catalog.muscle(slug).functions
    primary, _ = catalog.training("gluteus-medius")
    assert "banded-clamshell" in {e.slug for e in primary}


def test_bands_are_ordered_loads(catalog: Catalog) -> None:
    assert [band.slug for band in catalog.bands][:3] == ["tan", "yellow", "red"]
    tensions = [catalog.band_relative_tension(band) for band in catalog.bands]
    assert tensions[0] == 1.0
    assert tensions == sorted(tensions)
    assert catalog.band("Red").slug == "red"
    with pytest.raises(NotFound, match="unknown band 'purple'"):
        catalog.band("purple")


def test_the_default_program_is_the_articles_routine(catalog: Catalog) -> None:
    program = catalog.program("glute-lower-back")
    assert program.sessions_per_week == 3
    assert [block.kind for block in program.blocks] == ["warm-up", "stretch", "main", "cool-down"]
    main = next(block for block in program.blocks if block.kind == "main")
    assert [item.exercise for item in main.items] == [
        "squat-hip-extension",
        "banded-bridge-abduction",
        "banded-clamshell",
    ]
    for item in main.items:
        dose = item.dose or catalog.exercise(item.exercise).dose
        assert (dose.sets, dose.reps) == (3, 10)
        assert dose.rest_seconds > 0
    assert next(i for i in main.items if i.exercise == "squat-hip-extension").dose.per_side  # type: ignore[union-attr]


def test_unknown_exercise_suggests_the_close_ones(catalog: Catalog) -> None:
    with pytest.raises(NotFound, match="did you mean 'banded-clamshell'"):
        catalog.exercise("banded-clamshel")


# -- broken data files ----------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(path: Path, change: dict[str, object] | None = None, drop: str | None = None) -> None:
    document = yaml.safe_load(path.read_text())
    if drop:
        del document[drop]
    document.update(change or {})
    path.write_text(yaml.safe_dump(document, sort_keys=False))


def problems(data_dir: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        load_catalog(data_dir)
    return str(caught.value)


def test_missing_field(data_copy: Path) -> None:
    edit(data_copy / "exercises" / "bridge.yaml", drop="cues")
    assert "data/exercises/bridge.yaml: cues: required field is missing" in problems(data_copy)


def test_wrong_type_names_field_and_expectation(data_copy: Path) -> None:
    path = data_copy / "exercises" / "bridge.yaml"
    document = yaml.safe_load(path.read_text())
    document["dose"]["reps"] = -3
    path.write_text(yaml.safe_dump(document))
    assert "bridge.yaml: dose.reps: expected greater than or equal to 1 (got -3)" in problems(
        data_copy
    )


def test_unknown_muscle(data_copy: Path) -> None:
    edit(data_copy / "exercises" / "bridge.yaml", {"muscles": {"primary": ["gluteus-maximum"]}})
    assert (
        "bridge.yaml: muscles: 'gluteus-maximum' is unknown; expected a slug from muscles.yaml"
        in problems(data_copy)
    )


def test_unknown_progression(data_copy: Path) -> None:
    edit(data_copy / "exercises" / "bridge.yaml", {"progressions": ["flying-bridge"]})
    assert "bridge.yaml: progressions: 'flying-bridge' is unknown" in problems(data_copy)


def test_one_way_ladder_link(data_copy: Path) -> None:
    edit(
        data_copy / "exercises" / "squat.yaml", {"progressions": ["squat-hip-extension", "bridge"]}
    )
    assert "does not list 'squat' in its regressions" in problems(data_copy)


def test_duplicate_slug(data_copy: Path) -> None:
    shutil.copy(
        data_copy / "exercises" / "bridge.yaml", data_copy / "exercises" / "bridge-copy.yaml"
    )
    found = problems(data_copy)
    assert "bridge-copy.yaml: slug: expected the file name 'bridge-copy', got 'bridge'" in found
    assert "slugs must be unique" in found
    assert "ids must be unique" in found


def test_unknown_field_is_a_typo(data_copy: Path) -> None:
    edit(data_copy / "exercises" / "bridge.yaml", {"queues": []})
    assert "bridge.yaml: queues: unknown field" in problems(data_copy)


def test_not_yaml(data_copy: Path) -> None:
    (data_copy / "exercises" / "bridge.yaml").write_text("name: [unclosed\n")
    assert "bridge.yaml: line 2: not valid YAML" in problems(data_copy)


def test_unknown_source_key(data_copy: Path) -> None:
    edit(data_copy / "exercises" / "bridge.yaml", {"sources": ["S999"]})
    assert "bridge.yaml: sources: 'S999' is unknown; expected a key from sources.yaml" in problems(
        data_copy
    )


def test_program_refers_to_unknown_exercise(data_copy: Path) -> None:
    path = data_copy / "programs" / "glute-lower-back.yaml"
    document = yaml.safe_load(path.read_text())
    document["blocks"][2]["items"][0]["exercise"] = "moonwalk"
    path.write_text(yaml.safe_dump(document))
    assert "blocks.2.items.0.exercise: 'moonwalk' is unknown" in problems(data_copy)


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    edit(data_copy / "exercises" / "bridge.yaml", drop="cues")
    edit(data_copy / "exercises" / "squat.yaml", drop="steps")
    found = problems(data_copy).splitlines()
    assert any("bridge.yaml" in line for line in found)
    assert any("squat.yaml" in line for line in found)


def test_a_program_needs_one_main_block(data_copy: Path) -> None:
    path = data_copy / "programs" / "glute-lower-back.yaml"
    document = yaml.safe_load(path.read_text())
    document["blocks"] = [b for b in document["blocks"] if b["kind"] != "main"]
    path.write_text(yaml.safe_dump(document))
    assert "glute-lower-back.yaml: blocks: expected exactly one main block, found 0" in problems(
        data_copy
    )


def test_a_block_of_the_wrong_kind_reads_well(data_copy: Path) -> None:
    path = data_copy / "programs" / "glute-lower-back.yaml"
    document = yaml.safe_load(path.read_text())
    document["blocks"][0]["items"][0]["exercise"] = "bridge"
    path.write_text(yaml.safe_dump(document))
    assert "'bridge' is an exercise; a warm-up block takes a warm-up" in problems(data_copy)


def test_a_rule_broken_across_fields_names_the_rule(data_copy: Path) -> None:
    path = data_copy / "exercises" / "marching.yaml"
    document = yaml.safe_load(path.read_text())
    del document["tempo"]
    path.write_text(yaml.safe_dump(document))
    assert "marching.yaml: (top level): an entry dosed in reps needs a 'tempo'" in problems(
        data_copy
    )
