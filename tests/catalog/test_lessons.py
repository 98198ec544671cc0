"""The lessons load through the real loader and schema; every lesson cites known sources and
names known exercises, and the moments that need one have one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from backbridge.catalog import Catalog
from backbridge.catalog.lessons import Moment
from backbridge.errors import NotFound
from tests.catalog.test_load import data_copy, problems

__all__ = ["data_copy"]


def test_every_lesson_cites_known_sources(catalog: Catalog) -> None:
    keys = {source.key for source in catalog.sources}
    assert catalog.lessons
    for lesson in catalog.lessons:
        assert lesson.sources and set(lesson.sources) <= keys, lesson.id
        assert set(lesson.exercises) <= {e.slug for e in catalog.exercises}, lesson.id


def test_the_lessons_a_physiotherapist_gives_are_there(catalog: Catalog) -> None:
    assert {lesson.id for lesson in catalog.lessons} >= {
        "why-glutes", "pain-and-harm", "stay-active", "flare-up", "band-safety", "pregnancy",
        "osteoporosis",
    }  # fmt: skip
    for moment in Moment:
        assert catalog.lessons_at(moment), f"no lesson for {moment}"
    assert "band-safety" in [x.id for x in catalog.lessons_for("squat-hip-extension")]
    with pytest.raises(NotFound, match="did you mean 'flare-up'"):
        catalog.lesson("flare-ups")


def test_a_lesson_with_an_unknown_source_is_one_line(data_copy: Path) -> None:
    path = data_copy / "lessons.yaml"
    document = yaml.safe_load(path.read_text())
    document["lessons"][0]["sources"] = ["S9999"]
    document["lessons"][1]["exercises"] = ["moonwalk"]
    path.write_text(yaml.safe_dump(document))
    found = problems(data_copy)
    assert "lessons.yaml: why-glutes.sources: 'S9999' is unknown" in found
    assert "lessons.yaml: pain-and-harm.exercises: 'moonwalk' is unknown" in found
