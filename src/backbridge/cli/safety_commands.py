"""``backbridge screen``: the red-flag questions, the stop they can cause and the clearance."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.panel import Panel

from backbridge.cli import context
from backbridge.cli.terminal import Terminal
from backbridge.errors import Action, InvalidInput, TrainingStopped
from backbridge.program.safety import Outcome, ScreeningRecord

if TYPE_CHECKING:
    from backbridge.services import Services

YES = ("y", "yes")
NO = ("n", "no")


def yes_or_no(text: str) -> bool:
    answer = text.strip().lower()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise InvalidInput(f"'{text}' is not an answer here: type y (yes) or n (no)")


def run_screen(services: Services, terminal: Terminal) -> ScreeningRecord:
    """Ask every question, store the answers at once, and explain the outcome.

    A clinician flag asks for an acknowledgement; an emergency flag ends with
    :class:`TrainingStopped` after the answers are stored.
    """
    out = terminal.console
    out.print(
        "[bold]Safety questions[/] — answer y or n. They look for the rare signs that back pain "
        "needs a clinician first."
    )
    answers = {
        question.id: terminal.ask_valid(f"{n}. {question.text} (y/n)", yes_or_no)
        for n, question in enumerate(services.safety.questions(), 1)
    }
    result = services.safety.submit(answers)
    if result.record.outcome is Outcome.CLEAR:
        out.print(f"[green]{result.message}[/]")
        return result.record
    listed = "\n".join(f"• {question.text}" for question in result.flagged)
    if result.record.outcome is Outcome.EMERGENCY:
        out.print(Panel(f"{result.message}\n\nYou answered yes to:\n{listed}",
                        title="Stop: get medical help today", border_style="red bold"))  # fmt: skip
        raise TrainingStopped(
            "the program is stopped until a clinician clears you", action=Action.CLEARANCE
        )
    advice = f"{services.catalog.screening.clinician_message}\n\nYou answered yes to:\n{listed}"
    out.print(Panel(advice, title="See a clinician before you continue", border_style="yellow"))
    if terminal.ask_valid(
        "Have you read this, and will you check with a clinician? (y/n)", yes_or_no
    ):
        return services.safety.acknowledge(result.record)
    raise TrainingStopped(
        "training stays paused until you confirm the advice", action=Action.SCREEN
    )


def screen(
    cleared: Annotated[
        bool,
        typer.Option(
            "--cleared", help="Record that a clinician examined you and cleared you to train."
        ),
    ] = False,
    note: Annotated[str | None, typer.Option(help="With --cleared: who cleared you, when.")] = None,
    status: Annotated[
        bool, typer.Option("--status", help="Show where the safety check stands and exit.")
    ] = False,
) -> None:
    """Answer the red-flag safety questions, or record a clinician's clearance."""
    out = context.console()
    terminal = Terminal(out, interactive=sys.stdin.isatty(), timers=False)
    with context.services() as services:
        if status:
            _print_status(services)
            return
        if note is not None and not cleared:
            raise InvalidInput("--note goes with --cleared: who cleared you, and when")
        if cleared:
            confirmed = terminal.ask_valid(
                "Has a clinician examined you and told you that you can exercise again? (y/n)",
                yes_or_no,
            )
            if not confirmed:
                raise TrainingStopped(
                    "nothing recorded: the program stays stopped until a clinician clears you"
                )
            services.safety.clear(confirmed=True, note=note)
            out.print("[green]Clearance recorded.[/] The safety questions come first next time.")
            return
        run_screen(services, terminal)


def _print_status(services: Services) -> None:
    state = services.safety.status()
    out = context.console()
    if state.stopped:
        out.print(f"[red bold]Stopped.[/] {state.referral}{context.action_hint(state.action)}")
    elif state.needs_acknowledgement:
        out.print(
            "[yellow]Paused:[/] a clinician flag is waiting for your confirmation"
            f"{context.action_hint(state.action)}."
        )
    else:
        out.print("[green]Training allowed.[/]")
    if state.screening_due:
        out.print(f"The safety questions are due: {state.due_reason}.")
    if state.stopped or state.needs_acknowledgement:
        raise typer.Exit(TrainingStopped.exit_code)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
