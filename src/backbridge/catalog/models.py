"""The schema of the catalogue's data files.

Every model forbids unknown fields so a typo in a YAML file fails at load time instead of
being silently ignored. Cross-file references (muscle slugs, ladder slugs, source keys) are
checked by :mod:`backbridge.catalog.load`, which sees all files at once.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from backbridge.values import MAX_TEXT, text_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
SourceKey = Annotated[str, StringConstraints(pattern=r"^(S\d+[a-z]?|article)$")]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    text_validator("the text", MAX_TEXT),
]
MeasureName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


class Record(BaseModel):
    """A fact read from a data file. Its validator is built the first time one is validated
    (``defer_build``), not when the class is defined: a command that takes the catalogue from
    the cache (:mod:`backbridge.services.catalog_cache`) never builds most of them."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class Kind(StrEnum):
    """What part of a session an entry belongs to."""

    EXERCISE = "exercise"
    WARM_UP = "warm-up"
    STRETCH = "stretch"


class Laterality(StrEnum):
    """How the two sides of the body share the work."""

    BILATERAL = "bilateral"
    """Both sides work together; one count per rep."""
    ALTERNATING = "alternating"
    """Sides take turns rep by rep (left, right, left ...); counted per side."""
    ONE_SIDE = "one-side-at-a-time"
    """All reps on one side, then switch; counted per side."""


class BandPlacement(StrEnum):
    UNDER_BOTH_FEET = "under-both-feet"
    ABOVE_KNEES = "above-knees"


class Equipment(StrEnum):
    MAT = "mat"
    LONG_BAND = "long-band"
    LOOP_BAND = "loop-band"
    TOWEL = "towel"
    WALL = "wall"


class Cue(Record):
    """One thing to pay attention to, with a stable id the camera coach can refer to."""

    id: Slug
    text: Text


class Evidence(Record):
    """One fact about the exercise and the sources that support it."""

    fact: Text
    sources: list[SourceKey] = Field(min_length=1)


class TargetMuscles(Record):
    primary: list[Slug] = Field(min_length=1)
    secondary: list[Slug] = []


class Dose(Record):
    """How much of an exercise: reps or seconds, per set, per side where it applies."""

    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=100)
    seconds: int | None = Field(default=None, ge=1, le=600)
    per_side: bool = False
    rest_seconds: int = Field(default=0, ge=0, le=600)

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> Self:
        if (self.reps is None) == (self.seconds is None):
            raise ValueError("give exactly one of 'reps' or 'seconds'")
        return self

    def describe(self) -> str:
        """Human form, e.g. ``3 × 10 per side, rest 60 s``."""
        amount = f"{self.reps}" if self.reps is not None else f"{self.seconds} s"
        text = f"{self.sets} × {amount}" if self.sets > 1 else amount
        if self.reps is not None and self.sets == 1:
            text = f"{self.reps} reps"
        if self.per_side:
            text += " per side"
        if self.rest_seconds and self.sets > 1:
            text += f", rest {self.rest_seconds} s"
        return text


class Tempo(Record):
    """Seconds for each phase of one rep: the way up (effort), the hold, the way down."""

    up: float = Field(gt=0, le=10)
    hold: float = Field(default=0, ge=0, le=30)
    down: float = Field(gt=0, le=10)

    @property
    def rep_seconds(self) -> float:
        return self.up + self.hold + self.down

    def describe(self) -> str:
        return f"{self.up:g} s up, {self.hold:g} s hold, {self.down:g} s down"


class CameraCheck(Record):
    """A form check the camera coach applies to every rep: a measure of the rep against a limit,
    and the cue to say when it is crossed."""

    cue: Slug
    measure: MeasureName
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _one_limit(self) -> Self:
        if (self.min is None) == (self.max is None):
            raise ValueError("give exactly one of 'min' or 'max'")
        return self


class CameraSpec(Record):
    """How the camera coach counts this exercise: the analyser, the thresholds of its counting
    signal (entering and leaving the work phase) and the form checks."""

    analyser: Slug
    enter: float
    exit: float
    min_work_s: float = Field(default=0.25, ge=0)
    min_rest_s: float = Field(default=0.15, ge=0)
    adaptive_range: float | None = Field(default=None, gt=0)
    """When set, ``enter`` and ``exit`` are fractions of the range the signal covered over the
    last seconds, and a range smaller than this (in the signal's units) counts nothing. For
    distances whose size on screen depends on the camera angle."""
    checks: list[CameraCheck] = []


class Exercise(Record):
    """An exercise, warm-up move or stretch, as one reviewable data file."""

    id: UUID
    slug: Slug
    kind: Kind
    name: Text
    summary: Text
    steps: list[Text] = Field(min_length=2)
    cues: list[Cue] = Field(min_length=1)
    muscles: TargetMuscles
    equipment: list[Equipment] = []
    band_placement: BandPlacement | None = None
    laterality: Laterality
    dose: Dose
    tempo: Tempo | None = None
    progressions: list[Slug] = []
    regressions: list[Slug] = []
    contraindications: list[Text] = []
    evidence: list[Evidence] = []
    sources: list[SourceKey] = Field(min_length=1)
    camera: CameraSpec | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        cue_ids = [cue.id for cue in self.cues]
        if len(set(cue_ids)) != len(cue_ids):
            raise ValueError("cue ids must be unique within an exercise")
        for check in self.camera.checks if self.camera else []:
            if check.cue not in cue_ids:
                raise ValueError(
                    f"camera check cue '{check.cue}' is not one of the exercise's cues"
                )
        banded = {Equipment.LONG_BAND, Equipment.LOOP_BAND} & set(self.equipment)
        if banded and self.band_placement is None:
            raise ValueError("an exercise with a band needs 'band_placement'")
        if self.band_placement is not None and not banded:
            raise ValueError("'band_placement' is set but 'equipment' lists no band")
        if self.dose.reps is not None and self.tempo is None:
            raise ValueError("an entry dosed in reps needs a 'tempo' so the coach can count along")
        if self.dose.per_side and self.laterality is Laterality.BILATERAL:
            raise ValueError("'dose.per_side' must be false for bilateral work")
        if not self.dose.per_side and self.laterality is Laterality.ONE_SIDE:
            raise ValueError("'dose.per_side' must be true for one-side-at-a-time work")
        return self

    @property
    def uses_band(self) -> bool:
        return self.band_placement is not None

    @property
    def cited_sources(self) -> list[str]:
        """Every source key the file cites, in first-mention order."""
        keys = [*self.sources, *(key for item in self.evidence for key in item.sources)]
        return list(dict.fromkeys(keys))


class Muscle(Record):
    slug: Slug
    name: Text
    region: Text
    functions: list[Text] = Field(min_length=1)
    sources: list[SourceKey] = Field(min_length=1)


class MuscleFile(Record):
    muscles: list[Muscle] = Field(min_length=1)


class Band(Record):
    """A band level: a unit of load, ordered from lightest to heaviest."""

    slug: Slug
    colour: Text
    order: int = Field(ge=1)
    force_lb_100: float = Field(gt=0, description="pull at 100% elongation, pounds")
    force_lb_200: float = Field(gt=0, description="pull at 200% elongation, pounds")
    stage: Text
    sources: list[SourceKey] = Field(min_length=1)


class BandFile(Record):
    note: Text
    bands: list[Band] = Field(min_length=2)


class Source(Record):
    key: SourceKey
    citation: Text
    secondary: bool = False


class SourceFile(Record):
    sources: list[Source] = Field(min_length=1)


class BlockKind(StrEnum):
    WARM_UP = "warm-up"
    STRETCH = "stretch"
    MAIN = "main"
    COOL_DOWN = "cool-down"


class ProgramItem(Record):
    """One entry of a program block; ``dose`` and ``band`` override the exercise's defaults."""

    exercise: Slug
    dose: Dose | None = None
    band: Slug | None = None


class ProgramBlock(Record):
    kind: BlockKind
    title: Text
    intro: Text
    items: list[ProgramItem] = Field(min_length=1)


class Program(Record):
    id: UUID
    slug: Slug
    name: Text
    summary: Text
    sessions_per_week: int = Field(ge=1, le=7)
    blocks: list[ProgramBlock] = Field(min_length=1)
    sources: list[SourceKey] = Field(min_length=1)
