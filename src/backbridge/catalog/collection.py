"""The loaded catalogue: lookups by slug, exercise ladders and band order."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from backbridge.catalog.lessons import Lesson, Moment
from backbridge.catalog.models import Band, Exercise, Kind, Muscle, Program, Source
from backbridge.catalog.rules import Rules, Screening
from backbridge.errors import Action, NotFound

DEFAULT_PROGRAM = "glute-lower-back"
"""The program a session follows when none is named: the one the article prescribes."""


def _close(word: str, choices: Sequence[str]) -> list[str]:
    return difflib.get_close_matches(word, choices, n=3, cutoff=0.6)


def _suggest(word: str, choices: Sequence[str]) -> str:
    """``did you mean 'x'?`` for near misses; otherwise the choices, if there are few."""
    close = _close(word, choices)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "known: " + ", ".join(choices) if len(choices) <= 8 else "not in the catalogue"


@dataclass(frozen=True)
class Catalog:
    """Everything the catalogue data files say, validated and cross-checked."""

    exercises: list[Exercise]
    muscles: list[Muscle]
    bands: list[Band]
    band_note: str
    programs: list[Program]
    rules: Rules
    screening: Screening
    sources: list[Source]
    lessons: list[Lesson] = field(default_factory=list)
    _exercise_index: dict[str, Exercise] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_exercise_index", {e.slug: e for e in self.exercises})

    def exercise(self, slug: str) -> Exercise:
        """The exercise with this slug; :class:`NotFound` says which slugs come close."""
        try:
            return self._exercise_index[slug]
        except KeyError:
            slugs = list(self._exercise_index)
            raise NotFound(
                f"unknown exercise '{slug}': {_suggest(slug, slugs)}",
                action=Action.LIST_EXERCISES,
                wanted=slug,
                close=tuple(_close(slug, slugs)),
            ) from None

    def of_kind(self, kind: Kind) -> list[Exercise]:
        return [exercise for exercise in self.exercises if exercise.kind is kind]

    def muscle(self, slug: str) -> Muscle:
        for muscle in self.muscles:
            if muscle.slug == slug:
                return muscle
        raise NotFound(f"unknown muscle '{slug}': {_suggest(slug, [m.slug for m in self.muscles])}")

    def band(self, name: str) -> Band:
        """The band level by slug or colour name, case-insensitive."""
        wanted = name.strip().lower()
        for band in self.bands:
            if wanted in (band.slug, band.colour.lower()):
                return band
        hint = _suggest(wanted, [band.slug for band in self.bands])
        raise NotFound(f"unknown band '{name}': {hint}")

    def band_relative_tension(self, band: Band) -> float:
        """Pull relative to the lightest band, at the same stretch."""
        return band.force_lb_100 / self.bands[0].force_lb_100

    def program(self, slug: str) -> Program:
        for program in self.programs:
            if program.slug == slug:
                return program
        hint = _suggest(slug, [program.slug for program in self.programs])
        raise NotFound(f"unknown program '{slug}': {hint}")

    def source(self, key: str) -> Source:
        for source in self.sources:
            if source.key == key:
                return source
        raise NotFound(f"unknown source '{key}'")

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        known = [lesson.id for lesson in self.lessons]
        raise NotFound(f"no lesson '{lesson_id}': {_suggest(lesson_id, known)}")

    def lessons_at(self, moment: Moment) -> list[Lesson]:
        """The lessons worth reading at ``moment``, in the file's order."""
        return [lesson for lesson in self.lessons if moment in lesson.moments]

    def lessons_for(self, slug: str) -> list[Lesson]:
        """The lessons an exercise's page and card show."""
        return [lesson for lesson in self.lessons if slug in lesson.exercises]

    def ladder(self, slug: str) -> list[Exercise]:
        """The exercise's ladder from easiest to hardest, following first regressions down and
        first progressions up."""
        exercise = self.exercise(slug)
        easier: list[Exercise] = []
        current = exercise
        while current.regressions and len(easier) < len(self.exercises):
            current = self.exercise(current.regressions[0])
            easier.insert(0, current)
        harder: list[Exercise] = []
        current = exercise
        while current.progressions and len(harder) < len(self.exercises):
            current = self.exercise(current.progressions[0])
            harder.append(current)
        return [*easier, exercise, *harder]

    def training(self, muscle_slug: str) -> tuple[list[Exercise], list[Exercise]]:
        """Exercises and warm-up moves that train this muscle: (as primary, as secondary).
        Stretches lengthen a muscle rather than train it, so they are left out."""
        training = [e for e in self.exercises if e.kind is not Kind.STRETCH]
        primary = [e for e in training if muscle_slug in e.muscles.primary]
        secondary = [e for e in training if muscle_slug in e.muscles.secondary]
        return primary, secondary
