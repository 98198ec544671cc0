"""An exercise rendered as a physiotherapist's handout, for the terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from backbridge.catalog import Catalog, Exercise
from backbridge.catalog.words import LATERALITY, equipment_line


def ladder_line(catalog: Catalog, exercise: Exercise) -> Text:
    line = Text()
    for position, step in enumerate(catalog.ladder(exercise.slug)):
        if position:
            line.append(" → ", style="dim")
        line.append(step.slug, style="bold reverse" if step.slug == exercise.slug else "")
    return line


def section(title: str, body: RenderableType) -> Group:
    return Group(Text(title, style="bold cyan"), Padding(body, (0, 0, 1, 2)))


def handout(catalog: Catalog, exercise: Exercise, *, full: bool = True) -> Group:
    """The whole card; ``full=False`` keeps what a person needs mid-session."""
    parts: list[RenderableType] = [
        Text(exercise.name, style="bold"),
        Padding(Text(exercise.summary), (0, 0, 1, 0)),
        section("You need", Text(equipment_line(exercise) or "nothing but a little space")),
        section(
            "How to do it",
            Text("\n".join(f"{n}. {step}" for n, step in enumerate(exercise.steps, 1))),
        ),
        section("Keep in mind", Text("\n".join(f"• {cue.text}" for cue in exercise.cues))),
    ]
    if not full:
        return Group(*parts)
    names = [catalog.muscle(slug).name for slug in exercise.muscles.primary]
    muscles = Text("Mainly: " + ", ".join(names))
    if exercise.muscles.secondary:
        also = [catalog.muscle(slug).name for slug in exercise.muscles.secondary]
        muscles.append("\nAlso: " + ", ".join(also))
    dose = Text(f"{exercise.dose.describe()} ({LATERALITY[exercise.laterality]})")
    if exercise.tempo is not None:
        dose.append(f"\nTempo: {exercise.tempo.describe()}")
    parts += [section("Muscles", muscles), section("Dose", dose)]
    if exercise.progressions or exercise.regressions:
        ladder = ladder_line(catalog, exercise)
        if exercise.regressions:
            ladder.append(f"\nEasier: {', '.join(exercise.regressions)}")
        if exercise.progressions:
            ladder.append(f"\nHarder: {', '.join(exercise.progressions)}")
        parts.append(section("Ladder (easier → harder)", ladder))
    if exercise.contraindications:
        parts.append(
            section("Take care", Text("\n".join(f"• {n}" for n in exercise.contraindications)))
        )
    if exercise.evidence:
        facts = "\n".join(
            f"• {item.fact} [{', '.join(item.sources)}]" for item in exercise.evidence
        )
        parts.append(section("Why this exercise", Text(facts)))
    citations = "\n".join(
        f"{key}: {catalog.source(key).citation}" for key in exercise.cited_sources
    )
    parts.append(section("Sources", Text(citations, style="dim")))
    return Group(*parts)
