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
    severe_from: int = Field(ge=1, le=10)
    """Pain during a set at or above this ends the session's training."""
    lighter_from: int = Field(ge=1, le=10)
    """Pain before a session at or above this makes that session lighter."""
    lighter_drop_sets: int = Field(ge=1, le=10)
    morning_worse_by: int = Field(ge=1, le=10)
    sources: list[SourceKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.safe_max > self.acceptable_max:
            raise ValueError("'safe_max' must not exceed 'acceptable_max'")
        if self.severe_from <= self.acceptable_max:
            raise ValueError("'severe_from' must be above 'acceptable_max'")
        return self

    def zone(self, pain: int) -> str:
        """``safe``, ``acceptable`` or ``too much``."""
        if pain <= self.safe_max:
            return "safe"
        if pain <= self.acceptable_max:
            return "acceptable"
        return "too much"


class EscalationRules(Record):
    """When persistent pain pauses progression and asks for a clinician review."""

    consecutive_sessions: int = Field(ge=1, le=10)
    improvement_days: int = Field(ge=7, le=365)
    average_days: int = Field(ge=1, le=28)
    min_improvement: int = Field(ge=1, le=10)
    calm_sessions: int = Field(ge=1, le=10)
    sources: list[SourceKey] = Field(min_length=1)


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
    restart_days: int = Field(ge=1)
    """From this many days the slot restarts at the program's starting dose."""
    rationale: Text
    sources: list[SourceKey] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.step_back_days < self.hold_days:
            raise ValueError("'step_back_days' must be at least 'hold_days'")
        if self.restart_days < self.step_back_days:
            raise ValueError("'restart_days' must be at least 'step_back_days'")
        return self


class ScreeningRules(Record):
    repeat_days: int = Field(ge=1)
    rescreen_pain: int = Field(ge=0, le=10)
    rescreen_rise: int = Field(ge=1, le=10)
    sources: list[SourceKey] = Field(min_length=1)


class OutcomeRules(Record):
    """When the outcome measures are asked and what change in them counts."""

    repeat_days: int = Field(ge=1, le=365)
    min_activities: int = Field(ge=1, le=10)
    max_activities: int = Field(ge=1, le=10)
    function_change: float = Field(gt=0, le=10)
    activity_change: int = Field(ge=1, le=10)
    pain_change: float = Field(gt=0, le=10)
    pain_percent: int = Field(ge=1, le=100)
    average_days: int = Field(ge=1, le=28)
    sources: list[SourceKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min_activities > self.max_activities:
            raise ValueError("'min_activities' must not exceed 'max_activities'")
        return self


class Rules(Record):
    pain: PainRules
    escalation: EscalationRules
    progression: ProgressionRules
    return_after_gap: GapRules
    screening: ScreeningRules
    outcomes: OutcomeRules

    def source_fields(self) -> dict[str, list[str]]:
        return {
            "pain.sources": self.pain.sources,
            "escalation.sources": self.escalation.sources,
            "progression.sources": self.progression.sources,
            "return_after_gap.sources": self.return_after_gap.sources,
            "screening.sources": self.screening.sources,
            "outcomes.sources": self.outcomes.sources,
        }


class FlagLevel(StrEnum):
    EMERGENCY = "emergency"
    """Stop the program and seek care today; training stays blocked until a clinician clears it."""
    CLINICIAN = "clinician"
    """See a clinician before continuing; training resumes once a clinician's clearance (who
    cleared, when) is recorded."""
    INFLAMMATORY_ENTRY = "inflammatory-entry"
    """The NICE NG65 entry criterion for inflammatory back pain (onset age and duration)."""
    INFLAMMATORY = "inflammatory"
    """One NICE NG65 feature of inflammatory back pain; counted, never a flag on its own."""


class InflammatoryRule(Record):
    """NICE NG65: the entry question answered yes and at least ``refer_at`` features is a
    non-urgent referral; exactly ``discuss_at`` suggests a test through the doctor."""

    entry: Slug
    refer_at: int = Field(ge=1)
    discuss_at: int = Field(ge=1)
    message: Text
    discuss_message: Text
    sources: list[SourceKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.discuss_at >= self.refer_at:
            raise ValueError("'discuss_at' must be below 'refer_at'")
        return self


class ScreeningQuestion(Record):
    id: Slug
    level: FlagLevel
    text: Text
    sources: list[SourceKey] = Field(min_length=1)


class Screening(Record):
    emergency_message: Text
    clinician_message: Text
    several_message: Text
    """Added when two or more clinician-level answers are yes."""
    inflammatory: InflammatoryRule
    questions: list[ScreeningQuestion] = Field(min_length=1)

    @model_validator(mode="after")
    def _entry_exists(self) -> Self:
        entries = [q.id for q in self.questions if q.level is FlagLevel.INFLAMMATORY_ENTRY]
        if entries != [self.inflammatory.entry]:
            raise ValueError(
                f"'inflammatory.entry' must name the one question of level "
                f"'{FlagLevel.INFLAMMATORY_ENTRY}' (found: {', '.join(entries) or 'none'})"
            )
        return self

    def question(self, question_id: str) -> ScreeningQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)
