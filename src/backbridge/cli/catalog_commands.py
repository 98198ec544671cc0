"""``backbridge exercises list|show`` and ``backbridge muscles``: the routine as reviewable data."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from backbridge.catalog import Kind
from backbridge.cli import context
from backbridge.cli.handout import handout
from backbridge.notice import NOTICE_TITLE, notice

KIND_TITLES = {Kind.EXERCISE: "Exercises", Kind.WARM_UP: "Warm-up", Kind.STRETCH: "Stretches"}

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def list_exercises(
    json_output: JsonFlag = False,
    kind: Annotated[
        Kind | None, typer.Option(help="Only this kind: exercise, warm-up or stretch.")
    ] = None,
) -> None:
    """List the exercises, warm-up moves and stretches."""
    catalog = context.catalog()
    chosen = [e for e in catalog.exercises if kind is None or e.kind is kind]
    if json_output:
        from backbridge.services.documents import exercise_document

        context.print_json([exercise_document(catalog, e) for e in chosen])
        return
    out = context.console()
    for group in Kind:
        rows = [e for e in chosen if e.kind is group]
        if not rows:
            continue
        table = Table(title=KIND_TITLES[group], title_justify="left", title_style="bold")
        table.add_column("slug", style="cyan", no_wrap=True)
        table.add_column("name")
        table.add_column("mainly trains")
        table.add_column("dose")
        for exercise in rows:
            names = [catalog.muscle(m).name for m in exercise.muscles.primary]
            table.add_row(exercise.slug, exercise.name, ", ".join(names), exercise.dose.describe())
        out.print(table)
    out.print("Details: backbridge exercises show SLUG")


def show_exercise(
    slug: Annotated[str, typer.Argument(help="The exercise's slug, e.g. banded-clamshell.")],
    json_output: JsonFlag = False,
) -> None:
    """Show one exercise as a handout: steps, cues, muscles, dose, ladder and sources."""
    catalog = context.catalog()
    exercise = catalog.exercise(slug)
    if json_output:
        from backbridge.services.documents import exercise_document

        context.print_json(exercise_document(catalog, exercise))
        return
    context.console().print(handout(catalog, exercise))


def muscles(json_output: JsonFlag = False) -> None:
    """Which exercise trains which muscle."""
    catalog = context.catalog()
    documents = []
    for muscle in catalog.muscles:
        primary, secondary = catalog.training(muscle.slug)
        documents.append(
            {
                **muscle.model_dump(mode="json"),
                "primary_in": [e.slug for e in primary],
                "secondary_in": [e.slug for e in secondary],
            }
        )
    if json_output:
        context.print_json(documents)
        return
    table = Table(title="Muscles and the exercises that train them", title_justify="left")
    table.add_column("muscle", style="cyan")
    table.add_column("what it does")
    table.add_column("mainly in")
    table.add_column("also in", style="dim")
    for document in documents:
        table.add_row(
            document["name"],
            "; ".join(f.rstrip(".") for f in document["functions"]),
            "\n".join(document["primary_in"]) or "-",
            "\n".join(document["secondary_in"]) or "-",
        )
    context.console().print(table)


def about() -> None:
    """What backbridge is and is not, and when to see a clinician."""
    out = context.console()
    out.print(f"[bold]{NOTICE_TITLE}[/]\n")
    out.print(notice(context.catalog().rules.pain))


def register(app: typer.Typer) -> None:
    exercises = typer.Typer(help="The exercises, warm-ups and stretches.", no_args_is_help=True)
    exercises.command("list")(list_exercises)
    exercises.command("show")(show_exercise)
    app.add_typer(exercises, name="exercises")
    app.command("muscles")(muscles)
    app.command("about")(about)
