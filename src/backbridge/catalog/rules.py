"""The schema of ``rules.yaml`` and ``screening.yaml``: the thresholds the coach applies and the
red-flag questions. Numbers live in the data files, next to their sources."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from backbridge.catalog.models import Record, Slug, SourceKey, Text


class PainRules(Record):
    """Pain-monitoring thresholds on a 0-10 scale (traffic-light model)."""

    safe_max: int = Field(ge=0, le=10)
    acceptable_max: int = Field(ge=0, le=10)
    morning_worse_by: int = Field(ge=1, le=10)
    sources: list[SourceKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.safe_max > self.acceptable_max:
            raise ValueError("'safe_max' must not exceed 'acceptable_max'")
        return self

    def zone(self, pain: int) -> str:
        """``safe``, ``acceptable`` or ``too much``."""
        if pain <= self.safe_max:
            return "safe"
        if pain <= self.acceptable_max:
            return "acceptable"
        return "too much"


class ProgressionRules(Record):
    rep_steps: list[int] = Field(min_length=1)
    max_rpe: float = Field(ge=1, le=10)
    min_reps_in_reserve: int = Field(ge=0, le=10)
    sessions_at_top: int = Field(ge=1, le=10)
    band_range: list[Slug] = Field(min_length=1)
    sources: list[SourceKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _increasing(self) -> Self:
        if self.rep_steps != sorted(set(self.rep_steps)) or self.rep_steps[0] < 1:
            raise ValueError("'rep_steps' must be positive and strictly increasing")
        return self


class GapRules(Record):
    hold_days: int = Field(ge=1)
    step_back_days: int = Field(ge=1)
    rationale: Text
    sources: list[SourceKey] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.step_back_days < self.hold_days:
            raise ValueError("'step_back_days' must be at least 'hold_days'")
        return self


class ScreeningRules(Record):
    repeat_days: int = Field(ge=1)
    rescreen_pain: int = Field(ge=0, le=10)
    rescreen_rise: int = Field(ge=1, le=10)
    sources: list[SourceKey] = Field(min_length=1)


class Rules(Record):
    pain: PainRules
    progression: ProgressionRules
    return_after_gap: GapRules
    screening: ScreeningRules

    def source_fields(self) -> dict[str, list[str]]:
        return {
            "pain.sources": self.pain.sources,
            "progression.sources": self.progression.sources,
            "return_after_gap.sources": self.return_after_gap.sources,
            "screening.sources": self.screening.sources,
        }


class FlagLevel(StrEnum):
    EMERGENCY = "emergency"
    """Stop the program and seek care today; training stays blocked until a clinician clears it."""
    CLINICIAN = "clinician"
    """See a clinician before continuing; training resumes after an explicit acknowledgement."""


class ScreeningQuestion(Record):
    id: Slug
    level: FlagLevel
    text: Text
    sources: list[SourceKey] = Field(min_length=1)


class Screening(Record):
    emergency_message: Text
    clinician_message: Text
    questions: list[ScreeningQuestion] = Field(min_length=1)

    def question(self, question_id: str) -> ScreeningQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)
