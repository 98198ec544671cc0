"""Effort as a typed value: a rating of perceived exertion (RPE) or reps in reserve (RIR).

Effort crosses every boundary as an :class:`Effort`, never as text; only an interface that
reads typed text (the terminal's prompt) parses, with :func:`parse_effort`.
"""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from backbridge.errors import InvalidInput

RPE_RANGE = "effort (RPE) must be from 1 (very easy) to 10 (could not do one more), in steps of 0.5"
RIR_RANGE = "reps in reserve must be a whole number from 0 to 10"


class Effort(BaseModel):
    """How hard a set was: exactly one of ``rpe`` (1-10 in steps of 0.5) and
    ``reps_in_reserve`` (0-10)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    rpe: float | None = None
    reps_in_reserve: int | None = None

    @field_validator("rpe", mode="before")
    @classmethod
    def _rpe(cls, value: object) -> object:
        if isinstance(value, bool):
            raise ValueError(RPE_RANGE)
        if isinstance(value, int):
            value = float(value)
        if isinstance(value, float) and not (1 <= value <= 10 and (value * 2) % 1 == 0):
            raise ValueError(f"{RPE_RANGE}; got {value:g}")
        return value

    @field_validator("reps_in_reserve")
    @classmethod
    def _reserve(cls, value: int | None) -> int | None:
        if value is not None and not 0 <= value <= 10:
            raise ValueError(f"{RIR_RANGE}; got {value}")
        return value

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.rpe is None) == (self.reps_in_reserve is None):
            raise ValueError("give effort as RPE or as reps in reserve, exactly one of them")
        return self

    def describe(self) -> str:
        """``RPE 8`` or ``2 RIR``."""
        return f"RPE {self.rpe:g}" if self.rpe is not None else f"{self.reps_in_reserve} RIR"


def effort(*, rpe: float | None = None, reps_in_reserve: int | None = None) -> Effort | None:
    """An :class:`Effort` from two optional values (none → ``None``); one clear line when they
    are out of range or both given."""
    if rpe is None and reps_in_reserve is None:
        return None
    try:
        return Effort(rpe=rpe, reps_in_reserve=reps_in_reserve)
    except ValidationError as error:
        message = str(error.errors()[0].get("msg", "is not valid"))
        raise InvalidInput(message.removeprefix("Value error, ")) from None


def parse_effort(text: str) -> Effort | None:
    """Read effort as typed: ``8`` or ``7.5`` (RPE), ``rir 2`` or ``2 rir`` (reps in reserve);
    ``None`` for empty text."""
    words = text.strip().lower().replace("rir", " rir ").split()
    if not words:
        return None
    if "rir" in words:
        numbers = [word for word in words if word != "rir"]
        if len(numbers) != 1 or not numbers[0].isdigit():
            raise InvalidInput(f"could not read '{text}': write reps in reserve as e.g. 'rir 2'")
        return effort(reps_in_reserve=int(numbers[0]))
    try:
        rpe = float(words[0]) if len(words) == 1 else None
    except ValueError:
        rpe = None
    if rpe is None:
        raise InvalidInput(
            f"could not read '{text}': give effort as RPE 1-10 (e.g. 8) or as 'rir 2'"
        )
    return effort(rpe=rpe)
