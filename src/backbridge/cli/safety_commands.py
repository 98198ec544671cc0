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

    An emergency or clinician-level flag ends with :class:`TrainingStopped` after the answers
    are stored: both wait for a clinician's clearance.
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
    outcome = result.record.outcome
    if outcome is Outcome.CLEAR:
        out.print(f"[green]{result.message}[/]")
        return result.record
    listed = "\n".join(f"• {question.text}" for question in result.flagged)
    if outcome is Outcome.REFERRAL:
        out.print(Panel(f"{result.message}\n\nYou answered yes to:\n{listed}",
                        title="Ask your doctor for a referral", border_style="yellow"))  # fmt: skip
        return result.record
    if outcome is Outcome.EMERGENCY:
        out.print(Panel(f"{result.message}\n\nYou answered yes to:\n{listed}",
                        title="Stop: get medical help today", border_style="red bold"))  # fmt: skip
        raise TrainingStopped(
            "the program is stopped until a clinician clears you", action=Action.CLEARANCE
        )
    advice = f"{result.message}\n\nYou answered yes to:\n{listed}"
    out.print(Panel(advice, title="See a clinician before you continue", border_style="yellow"))
    if not result.status.blocked:
        out.print("[green]A clinician has already cleared you for these signs.[/]")
        return result.record
    raise TrainingStopped(
        "training is paused until a clinician has looked at this and you record who cleared you",
        action=Action.CLEARANCE,
    )


def screen(
    cleared: Annotated[
        bool,
        typer.Option(
            "--cleared", help="Record that a clinician examined you and cleared you to train."
        ),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="With --cleared: who cleared you, a name or a role ('Dr Patel, GP')."
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="With --cleared or --confirm-review: anything to keep.")
    ] = None,
    confirm_review: Annotated[
        bool,
        typer.Option(
            "--confirm-review",
            help="Confirm you read the pain review's advice; training goes on at a reduced dose.",
        ),
    ] = False,
    status: Annotated[
        bool, typer.Option("--status", help="Show where the safety check stands and exit.")
    ] = False,
) -> None:
    """Answer the red-flag safety questions, record a clearance, or confirm a pain review."""
    out = context.console()
    terminal = Terminal(out, interactive=sys.stdin.isatty(), timers=False)
    with context.services() as services:
        if status:
            _print_status(services)
            return
        if note is not None and not (cleared or confirm_review):
            raise InvalidInput(
                "--note goes with --cleared (who cleared you, and when) or --confirm-review"
            )
        if by is not None and not cleared:
            raise InvalidInput("--by goes with --cleared: who cleared you")
        if confirm_review:
            services.safety.confirm_review(note)
            out.print(
                "[green]Confirmed.[/] Please arrange the clinician review. Meanwhile the plan "
                "goes on at a reduced dose and does not progress."
            )
            return
        if cleared:
            if not (by or "").strip():
                raise InvalidInput(
                    "say who cleared you with --by, a name or a role (for example "
                    "--by 'Dr Patel, GP')"
                )
            confirmed = terminal.ask_valid(
                "Has a clinician examined you and told you that you can exercise again? (y/n)",
                yes_or_no,
            )
            if not confirmed:
                raise TrainingStopped(
                    "nothing recorded: the program stays stopped until a clinician clears you"
                )
            services.safety.clear(confirmed=True, cleared_by=by, note=note)
            out.print(
                "[green]Clearance recorded.[/] The safety questions come first next time, and "
                "the plan restarts without a step up."
            )
            return
        run_screen(services, terminal)


def _print_status(services: Services) -> None:
    state = services.safety.status()
    review = services.safety.pain_review(status=state)
    out = context.console()
    if state.stopped:
        out.print(f"[red bold]Stopped.[/] {state.referral}{context.action_hint(state.action)}")
    elif state.needs_clearance:
        out.print(f"[yellow]Paused.[/] {state.referral}{context.action_hint(state.action)}")
    elif review is not None and review.blocked:
        hint = context.action_hint(Action.CONFIRM_REVIEW)
        out.print(f"[yellow]Paused.[/] {review.message}{hint}")
    else:
        out.print("[green]Training allowed.[/]")
        if review is not None:
            out.print(review.message)
    if state.screening_due:
        out.print(f"The safety questions are due: {state.due_reason}.")
    if state.blocked or (review is not None and review.blocked):
        raise typer.Exit(TrainingStopped.exit_code)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
