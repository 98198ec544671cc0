"""What a value a person gives may be: the one definition of every range and text limit.

Each limit is written once, here, and used two ways. The ``check_*`` functions refuse a value in
one line that says what to give instead; the terminal, the pages and the application layer call
them. The annotated types (:data:`PainScore`, :data:`Note` ...) run the same checks inside
pydantic records (the API's request bodies and the records a backup holds) and state the limit
in the OpenAPI document. Numbers are strict there: ``true`` is not a pain score and ``3.0`` is
not a count of reps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, AwareDatetime, Field, JsonValue

from backbridge.clock import check_calendar
from backbridge.errors import InvalidInput

PAIN = (0, 10)
MAX_REPS = 200
MAX_SECONDS = 3600
MAX_NOTE = 500
MAX_TEXT = 2000
"""A line of the catalogue's content (a step, a cue, a source)."""
MAX_NAME = 80
"""A slug, a band colour, a food or supplement named in words, a portion."""
MAX_FOOD_NAME = 120
"""A food's full name, as the table or a person's own food has it."""
NO_NUL = "^[^\\x00]*$"
"""The text pattern the OpenAPI document states; :func:`check_text` enforces it and more."""

T = TypeVar("T")


def check_text(text: str, what: str, limit: int) -> str:
    """Refuse text a database cannot keep (a NUL character, half of a surrogate pair) and text
    over ``limit`` characters; ``what`` names the field in the message."""
    if "\x00" in text:
        raise InvalidInput(f"{what} holds a NUL character; remove it")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"{what} holds a character that is not valid text; retype it") from None
    if len(text) > limit:
        raise InvalidInput(f"{what} can hold up to {limit} characters; this one has {len(text)}")
    return text


def check_pain(pain: int) -> int:
    low, high = PAIN
    if not low <= pain <= high:
        raise InvalidInput(
            f"pain must be a whole number from {low} (no pain) to {high} (worst imaginable); "
            f"got {pain}"
        )
    return pain


def check_reps(reps: int) -> int:
    if not 0 <= reps <= MAX_REPS:
        raise InvalidInput(f"reps must be a whole number from 0 to {MAX_REPS}; got {reps}")
    return reps


def check_seconds(seconds: int) -> int:
    if not 0 <= seconds <= MAX_SECONDS:
        raise InvalidInput(f"seconds must be from 0 to {MAX_SECONDS}; got {seconds}")
    return seconds


def check_note(note: str | None) -> str | None:
    """A note without its surrounding blanks; ``None`` for no note or a blank one."""
    if note is None or not note.strip():
        return None
    return check_text(note, "a note", MAX_NOTE).strip()


def _as_value_error(check: Callable[[T], T]) -> Callable[[T], T]:
    """``check`` for pydantic: its one line becomes the validation message of the field."""

    def run(value: T) -> T:
        try:
            return check(value)
        except InvalidInput as error:
            raise ValueError(str(error)) from None

    return run


def _day_of(moment: datetime) -> datetime:
    check_calendar(moment.date())
    return moment


def text_validator(what: str, limit: int) -> AfterValidator:
    """:func:`check_text` as a pydantic validator, for a field with its own limit."""
    return AfterValidator(_as_value_error(lambda text: check_text(text, what, limit)))


def _bounded(low: int, high: int, **schema: Any) -> Any:
    """A strict whole number whose range the schema states; the ``check_*`` function beside it
    enforces the range, so that the API says what the terminal says."""
    return Field(strict=True, json_schema_extra={"minimum": low, "maximum": high, **schema})


def stated_range(low: float, high: float, *, above: bool = False, **more: Any) -> Any:
    """A finite number whose range (``above``: more than ``low``) the schema states, for a
    field whose range a domain check enforces in its own words (``check_grams`` ...)."""
    bounds: dict[str, JsonValue] = {
        "exclusiveMinimum" if above else "minimum": low,
        "maximum": high,
    }
    return Field(allow_inf_nan=False, json_schema_extra=bounds, **more)


def _text_schema(limit: int) -> Any:
    return Field(json_schema_extra={"maxLength": limit, "pattern": NO_NUL})


PainScore = Annotated[
    int,
    _bounded(*PAIN, description="0 (no pain) to 10 (worst imaginable)."),
    AfterValidator(_as_value_error(check_pain)),
]
RepCount = Annotated[int, _bounded(0, MAX_REPS), AfterValidator(_as_value_error(check_reps))]
HoldSeconds = Annotated[
    int, _bounded(0, MAX_SECONDS), AfterValidator(_as_value_error(check_seconds))
]
Amount = Annotated[int, _bounded(0, MAX_SECONDS)]
"""Reps done or seconds held, whichever the step counts: the step's check applies its bound."""
Count = Annotated[int, Field(strict=True, ge=0, le=MAX_REPS)]
"""Reps counted by the camera or a rep's number: the same bound as :data:`RepCount`."""
Flag = Annotated[bool, Field(strict=True)]
Note = Annotated[str, _text_schema(MAX_NOTE), text_validator("a note", MAX_NOTE)]
Name = Annotated[
    str, Field(min_length=1), _text_schema(MAX_NAME), text_validator("the name", MAX_NAME)
]
"""A slug or a thing named in words (an exercise, a band, a food, a portion, a program)."""
Moment = Annotated[AwareDatetime, AfterValidator(_as_value_error(_day_of))]
"""A time with its zone, on a day of the calendar backbridge keeps."""
Day = Annotated[date, AfterValidator(_as_value_error(check_calendar))]
