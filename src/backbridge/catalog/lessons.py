"""The schema of ``lessons.yaml``: short lessons in plain words, each with its sources, and the
moments and exercises where the coach shows them."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from backbridge.catalog.models import Record, Slug, SourceKey, Text


class Moment(StrEnum):
    """Where in the program a lesson is worth reading."""

    FIRST_SESSION = "first-session"
    """Before the first session."""
    PAIN_STOP = "pain-stop"
    """When pain during a set stops an exercise or the day's training."""
    FLARE_UP = "flare-up"
    """A high pain before a session (a lighter day) or a pain review."""


class Lesson(Record):
    id: Slug
    title: Text
    summary: Text
    """One sentence, shown where the lesson matters."""
    body: list[Text] = Field(min_length=1)
    """The lesson, a paragraph per entry."""
    moments: list[Moment] = Field(default_factory=list)
    exercises: list[Slug] = Field(default_factory=list)
    """Exercises whose page and card show the lesson."""
    caveat: Text | None = None
    """What the sources do not settle, said plainly."""
    sources: list[SourceKey] = Field(min_length=1)


class LessonFile(Record):
    lessons: list[Lesson] = Field(min_length=1)
