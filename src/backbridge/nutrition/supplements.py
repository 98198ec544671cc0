"""The supplement guide: what each supplement is, the evidence for strength and muscle and,
separately, for low back pain, the usual dose and who should not take it.

Grades describe evidence, never promises: the data file is checked by a test for disease
claims. Performance-enhancing drugs are out of scope (``out_of_scope`` says so to the user).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from backbridge.catalog.models import Record, Slug, SourceKey, Text
from backbridge.errors import Action, InvalidInput, NotFound
from backbridge.nutrition.foods import Alias, normalise


class Grade(StrEnum):
    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    NONE = "none"


class Condition(StrEnum):
    """Profile answers that make a supplement one to check with a clinician first."""

    KIDNEY_DISEASE = "kidney-disease"
    PREGNANCY = "pregnancy"


class DoseUnit(StrEnum):
    G = "g"
    MG = "mg"
    IU = "IU"


MILLIGRAMS = {DoseUnit.G: 1000.0, DoseUnit.MG: 1.0}


class InteractionKind(StrEnum):
    MEDICINE = "medicine"
    CONDITION = "condition"


class Interaction(Record):
    """A medicine taken or a condition had that makes a supplement one to check with a
    clinician or pharmacist first; read by the terminal, the page and the API alike."""

    id: Slug
    kind: InteractionKind
    name: Text
    """What to look out for, in plain words: "NSAID painkillers such as ibuprofen"."""
    daily_from: float | None = Field(default=None, gt=0)
    """The daily amount (in the supplement's dose unit) from which it applies, if it depends
    on the dose."""
    advice: Text
    sources: list[SourceKey] = Field(min_length=1)


class EvidenceGrade(Record):
    grade: Grade
    summary: Text
    sources: list[SourceKey] = Field(min_length=1)


class Dose(Record):
    text: Text
    unit: DoseUnit
    usual_min: float | None = Field(default=None, gt=0)
    usual_max: float | None = Field(default=None, gt=0)
    daily_upper: float | None = Field(default=None, gt=0)
    """The most a day from supplements that raises no safety concern, where one is set."""
    sources: list[SourceKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if (self.usual_min is None) != (self.usual_max is None):
            raise ValueError("give both 'usual_min' and 'usual_max', or neither")
        if self.usual_min and self.usual_max and self.usual_min > self.usual_max:
            raise ValueError("'usual_min' must not exceed 'usual_max'")
        if self.usual_max and self.daily_upper and self.usual_max > self.daily_upper:
            raise ValueError("'usual_max' must not exceed 'daily_upper'")
        return self

    def describe_usual(self) -> str:
        if self.usual_min is None or self.usual_max is None:
            return "-"
        if self.usual_min == self.usual_max:
            return f"{self.usual_min:g} {self.unit}"
        return f"{self.usual_min:g}–{self.usual_max:g} {self.unit}"


class Supplement(Record):
    slug: Slug
    name: Text
    aliases: list[Alias] = Field(default_factory=list)
    what: Text
    strength: EvidenceGrade
    back_pain: EvidenceGrade
    dose: Dose
    safety: list[Text] = Field(min_length=1)
    not_for: list[Text] = Field(default_factory=list)
    cautions: list[Condition] = Field(default_factory=list)
    interactions: list[Interaction] = Field(default_factory=list)
    safety_sources: list[SourceKey] = Field(default_factory=list)
    log_as_food: Slug | None = None
    """Protein powders: the food to log instead, so the protein counts toward the day."""
    adds_caffeine: bool = False
    """Logged milligrams count toward the day's caffeine."""

    @property
    def cited_sources(self) -> list[str]:
        keys = [
            *self.strength.sources,
            *self.back_pain.sources,
            *self.dose.sources,
            *self.safety_sources,
            *(key for interaction in self.interactions for key in interaction.sources),
        ]
        return list(dict.fromkeys(keys))

    @property
    def texts(self) -> list[str]:
        """Every sentence shown to the user, for the wording checks."""
        return [
            self.name,
            self.what,
            self.strength.summary,
            self.back_pain.summary,
            self.dose.text,
            *self.safety,
            *self.not_for,
            *(text for i in self.interactions for text in (i.name, i.advice)),
        ]

    def to_dose_unit(self, amount: float, unit: DoseUnit) -> float:
        """``amount`` in this supplement's dose unit; grams and milligrams convert, IU does not."""
        if unit is self.dose.unit:
            return amount
        if unit in MILLIGRAMS and self.dose.unit in MILLIGRAMS:
            return amount * MILLIGRAMS[unit] / MILLIGRAMS[self.dose.unit]
        raise InvalidInput(
            f"{self.name} is dosed in {self.dose.unit}; give the amount in {self.dose.unit}"
        )


class Grades(Record):
    strong: Text
    moderate: Text
    weak: Text
    none: Text

    def meaning(self, grade: Grade) -> str:
        text: str = getattr(self, grade.value)
        return text


class SupplementFile(Record):
    note: Text
    out_of_scope: Text
    grades: Grades
    supplements: list[Supplement] = Field(min_length=1)


@dataclass(frozen=True)
class SupplementGuide:
    note: str
    out_of_scope: str
    grades: Grades
    supplements: list[Supplement]

    def find(self, slug: str) -> Supplement | None:
        return next((item for item in self.supplements if item.slug == slug), None)

    def supplement(self, text: str) -> Supplement:
        """By slug, name or alias; :class:`NotFound` says which ones come close."""
        wanted = normalise(text)
        names: dict[str, Supplement] = {}
        for item in self.supplements:
            for name in (item.slug, item.name, *item.aliases):
                names[normalise(name)] = item
        if wanted in names:
            return names[wanted]
        close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
        slugs = list(dict.fromkeys(names[match].slug for match in close))
        hint = (
            "did you mean " + " or ".join(f"'{slug}'" for slug in slugs) + "?"
            if slugs
            else "known: " + ", ".join(item.slug for item in self.supplements)
        )
        raise NotFound(
            f"unknown supplement '{text}': {hint} (performance-enhancing drugs are out of scope)",
            action=Action.LIST_SUPPLEMENTS,
        )

    @property
    def texts(self) -> list[str]:
        return [
            self.note,
            self.out_of_scope,
            *(self.grades.meaning(grade) for grade in Grade),
            *(text for item in self.supplements for text in item.texts),
        ]
