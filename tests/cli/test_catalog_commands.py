"""``exercises list|show`` and ``muscles`` through the real CLI."""

from __future__ import annotations

import json

from tests.catalog.test_load import MAIN_EXERCISES

FIELDS = {
    "id", "slug", "kind", "name", "summary", "steps", "cues", "muscles", "equipment",
    "band_placement", "laterality", "dose", "tempo", "progressions", "regressions",
    "contraindications", "evidence", "sources", "camera", "ladder", "source_citations",
}  # fmt: skip


def test_list_json_has_every_exercise_with_every_field(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("exercises", "list", "--json")
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    kinds = {d["slug"]: d["kind"] for d in documents}
    assert {slug for slug, kind in kinds.items() if kind == "exercise"} >= MAIN_EXERCISES
    assert sum(kind == "warm-up" for kind in kinds.values()) >= 6
    assert sum(kind == "stretch" for kind in kinds.values()) >= 6
    for document in documents:
        assert set(document) == FIELDS
        assert document["cues"] and all({"id", "text"} == set(c) for c in document["cues"])


def test_list_table_groups_by_kind(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("exercises", "list")
    assert result.exit_code == 0
    for heading in ("Exercises", "Warm-up", "Stretches", "banded-bridge-abduction"):
        assert heading in result.stdout


def test_show_reads_like_a_handout(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("exercises", "show", "banded-bridge-abduction")
    assert result.exit_code == 0
    text = result.stdout
    for heading in (
        "How to do it",
        "Keep in mind",
        "Muscles",
        "Dose",
        "Ladder",
        "Take care",
        "Sources",
    ):
        assert heading in text
    assert "bridge → banded-bridge-abduction → single-leg-bridge" in text
    assert "Choi SA et al." in text


def test_show_json(cli) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(cli("exercises", "show", "clamshell", "--json").stdout)
    assert document["ladder"] == ["clamshell", "banded-clamshell", "side-plank-clamshell"]
    assert set(document["source_citations"]) == set(document["sources"]) | {
        key for fact in document["evidence"] for key in fact["sources"]
    }


def test_unknown_exercise_is_one_line_and_exit_2(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("exercises", "show", "banded-clamshel")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error: unknown exercise 'banded-clamshel': did you mean 'banded-clamshell' or "
        "'clamshell' or 'side-plank-clamshell'? (run `backbridge exercises list`)"
    ]


def test_muscles_map_to_exercises(cli) -> None:  # type: ignore[no-untyped-def]
    documents = json.loads(cli("muscles", "--json").stdout)
    medius = next(d for d in documents if d["slug"] == "gluteus-medius")
    assert {"banded-bridge-abduction", "banded-clamshell"} <= set(medius["primary_in"])
    assert "Gluteus medius" in cli("muscles").stdout


def test_about_says_it_is_not_medical_advice(cli) -> None:  # type: ignore[no-untyped-def]
    text = cli("about").stdout
    assert "not a medical device" in text
    assert "medical advice" in text
