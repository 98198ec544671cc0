"""Which catalogue exercise a name written by another workout logger means.

The table is data (``catalog/data/exchange-names.yaml``), each name with its source. Every
exercise's own name and slug match too, so backbridge's own exports always come back whole.
Matching ignores case, spaces and punctuation: "Glute bridge (band)" is "Glute Bridge (Band)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from backbridge.catalog.collection import Catalog
from backbridge.catalog.load import DATA_DIR, parse_data_file
from backbridge.catalog.models import Record, Slug, Text
from backbridge.errors import DataFileError

NAMES_FILE = DATA_DIR / "exchange-names.yaml"


class NameSource(Record):
    key: Slug
    citation: Text


class NameEntry(Record):
    exercise: Slug
    names: list[Text] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class NameFile(Record):
    note: Text
    sources: list[NameSource] = Field(min_length=1)
    names: list[NameEntry] = Field(min_length=1)


def key(name: str) -> str:
    """A name reduced to lower-case letters and digits."""
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


@dataclass(frozen=True)
class ExerciseNames:
    """Names (reduced by :func:`key`) to exercise slugs."""

    slugs: dict[str, str]

    def find(self, name: str) -> str | None:
        return self.slugs.get(key(name))


def load_names(catalog: Catalog, path: Path = NAMES_FILE) -> ExerciseNames:
    """The table, checked against the catalogue: every exercise exists, every source is one the
    file lists, and no name means two exercises."""
    table = parse_data_file(path, NameFile, path.parent)
    known = {exercise.slug for exercise in catalog.exercises}
    sources = {source.key for source in table.sources}
    slugs: dict[str, str] = {}
    for exercise in catalog.exercises:
        slugs[key(exercise.slug)] = exercise.slug
        slugs[key(exercise.name)] = exercise.slug
    problems = []
    for n, entry in enumerate(table.names):
        where = f"{path.name}: names[{n}]"
        if entry.exercise not in known:
            problems.append(f"{where}.exercise: '{entry.exercise}' is not in the catalogue")
        problems += [
            f"{where}.sources: '{s}' is not a key of the file's sources"
            for s in entry.sources
            if s not in sources
        ]
        for name in entry.names:
            if slugs.get(key(name), entry.exercise) != entry.exercise:
                problems.append(f"{where}.names: '{name}' already means {slugs[key(name)]}")
            slugs[key(name)] = entry.exercise
    if problems:
        raise DataFileError(problems)
    return ExerciseNames(slugs)
