"""``backbridge plan``: the next session, with the reason for every change."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from backbridge.catalog import DEFAULT_PROGRAM, Catalog
from backbridge.cli import context
from backbridge.errors import Action, TrainingStopped
from backbridge.program.plan import Change, Prescription

ProgramOption = Annotated[str, typer.Option("--program", help="Program to plan.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ARROWS = {
    Change.START: "·",
    Change.PROGRESS: "↑",
    Change.HOLD: "=",
    Change.REGRESS: "↓",
    Change.VARIANT: "⇧",
}


def dose_text(item: Prescription) -> str:
    amount = f"{item.reps}" if item.reps is not None else f"{item.seconds} s"
    return f"{item.sets} × {amount}" + (" per side" if item.per_side else "")


def plan(program: ProgramOption = DEFAULT_PROGRAM, json_output: JsonFlag = False) -> None:
    """The next session's prescription, with the reason for every change or non-change."""
    from backbridge.services.documents import plan_document

    with context.services(show_notice=not json_output) as services:
        view = services.overview.plan(program)
        catalog = services.catalog
    status = view.status
    if json_output:
        context.print_json(plan_document(view))
        if status.blocked:
            raise typer.Exit(TrainingStopped.exit_code)
        return
    status.require_training()
    if view.review is not None:
        hint = context.action_hint(Action.CONFIRM_REVIEW) if view.review.blocked else ""
        context.console().print(f"[yellow]{view.review.message}{hint}[/]")
    _print_plan(catalog, view.items)
    if status.screening_due:
        context.console().print(
            f"[yellow]The safety questions are due ({status.due_reason}); "
            "`backbridge session` asks them first, or run `backbridge screen`.[/]"
        )


def _print_plan(catalog: Catalog, items: tuple[Prescription, ...]) -> None:
    out = context.console()
    table = Table(title="Next session", title_justify="left")
    for column in ("", "exercise", "dose", "band", "rest", "change"):
        table.add_column(column)
    for item in items:
        band = catalog.band(item.band).colour if item.band else "-"
        table.add_row(ARROWS[item.change], catalog.exercise(item.exercise).name, dose_text(item),
                      band, f"{item.rest_seconds} s", str(item.change))  # fmt: skip
    out.print(table)
    for item in items:
        out.print(f"[bold]{catalog.exercise(item.exercise).name}[/]")
        for reason in item.reasons:
            out.print(f"  • {reason}")


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
