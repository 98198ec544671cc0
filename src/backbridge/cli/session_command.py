"""``backbridge session``: a guided session in the terminal, every set stored as it is logged."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table

from backbridge import values
from backbridge.catalog import DEFAULT_PROGRAM, Catalog
from backbridge.catalog.lessons import Moment
from backbridge.catalog.models import BlockKind
from backbridge.catalog.words import equipment_line
from backbridge.cli import context
from backbridge.cli.handout import handout
from backbridge.cli.safety_commands import run_screen
from backbridge.cli.terminal import InputEnded, Terminal, TimerOutcome
from backbridge.coach import entries
from backbridge.coach.guided import GuidedSession, StepResult
from backbridge.coach.steps import Step
from backbridge.errors import Action, InvalidInput, NotFound
from backbridge.program.effort import parse_effort
from backbridge.program.history import Side, TrainingSession
from backbridge.program.plan import Change
from backbridge.services.documents import summary_document

if TYPE_CHECKING:
    from backbridge.services import Services

SKIP_WORDS = ("s", "skip")
GET_READY_SECONDS = 5


def session(
    program: Annotated[str, typer.Option(help="Program to follow.")] = DEFAULT_PROGRAM,
    no_timers: Annotated[
        bool, typer.Option("--no-timers", help="Do not run countdowns or the count-along.")
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the unfinished session where it stopped.")
    ] = False,
) -> None:
    """Do a guided session: check-in, warm-up, stretches, sets with rest, cool-down, summary.

    Every answer is stored the moment you give it. Answers are read line by line, so the
    session can be scripted through a pipe (see docs/user-guide.md).
    """
    out = context.console()
    terminal = Terminal(out, interactive=sys.stdin.isatty(), timers=not no_timers)
    with context.services() as services:
        runner = SessionRunner(services, terminal)
        try:
            runner.run(program, resume)
        except (InputEnded, KeyboardInterrupt):
            out.print(
                "\n[yellow]Session paused.[/] Everything you logged is saved; continue with "
                "[bold]backbridge session --resume[/]."
            )
            raise typer.Exit(130 if sys.exc_info()[0] is KeyboardInterrupt else 1) from None


class SessionRunner:
    def __init__(self, services: Services, terminal: Terminal) -> None:
        self.services = services
        self.catalog: Catalog = services.catalog
        self.terminal = terminal
        self.out: Console = terminal.console

    def run(self, program_slug: str, resume: bool) -> None:
        training = self.services.training
        if resume and training.unfinished() is None:
            raise NotFound("there is no unfinished session to resume", action=Action.START_SESSION)
        self._safety_first()
        guided = self._open(program_slug, resume)
        program = self.catalog.program(guided.plan.program)
        done, total = guided.progress()
        steps = f"resuming, {done} of {total} steps done" if guided.resumed else f"{total} steps"
        title = f"{program.name}: {steps}"
        self.out.print(Rule(title))
        if not guided.resumed and all(
            item.change is Change.START for item in guided.plan.main_items()
        ):
            lessons = [x.id for x in self.catalog.lessons_at(Moment.FIRST_SESSION)]
            context.print_lessons(self.catalog, lessons, lead="Before your first session")
        if guided.needs_checkin:
            self._check_in(guided)
        self._do_steps(guided)
        self._print_summary(training.finish(guided.record.id))

    def _safety_first(self) -> None:
        """Refuse while a red flag stops the program or pauses it until a clinician's
        clearance; ask the safety questions when they are due."""
        status = self.services.safety.status()
        status.require_training()
        if status.screening_due:
            self.out.print(f"[bold]Safety check first:[/] {status.due_reason}.")
            run_screen(self.services, self.terminal)

    def _open(self, program_slug: str, resume: bool) -> GuidedSession:
        training = self.services.training
        unfinished = training.unfinished()
        if not resume and unfinished is not None:
            started = context.local(unfinished.record.started_at).strftime("%a %d %b %H:%M")
            self.out.print(
                f"[yellow]Your unfinished session from {started} is closed as incomplete; "
                "its sets stay in your history. (To carry on with an unfinished session "
                "instead, start with `backbridge session --resume`.)[/]"
            )
        guided, _ = training.open_session(program_slug, resume=resume)
        return guided

    def _check_in(self, guided: GuidedSession) -> None:
        pain = self.terminal.ask_valid(
            "Before you start: lower-back pain right now, 0 (none) to 10 (worst)",
            _whole_number(values.check_pain),
        )
        before = self.services.training.check_in_before(guided, pain)
        if before.screening_due:
            self.out.print(f"[yellow]Pain of {pain}/10 calls for the safety questions again.[/]")
            run_screen(self.services, self.terminal)
        if before.caution:
            self.out.print(f"[yellow]{before.caution}[/]")
        context.print_lessons(self.catalog, before.lessons)

    def _do_steps(self, guided: GuidedSession) -> None:
        block: BlockKind | None = None
        item: tuple[BlockKind, str] | None = None
        first = True
        for step in guided.pending():
            if step.block is not block:
                block = step.block
                planned = next(b for b in guided.plan.blocks if b.kind is block)
                self.out.print(Rule(f"[bold]{planned.title}[/]", style="cyan"))
                self.out.print(planned.intro)
            if (step.block, step.exercise.slug) != item:
                item = (step.block, step.exercise.slug)
                self._show_card(step)
            elif step.rest_before and not first:
                self.terminal.countdown(step.rest_before, "Rest", allow_skip=False)
            if step.switch_sides:
                self.out.print(f"[bold magenta]Switch sides:[/] now the {step.sides[0]} side.")
            first = False
            if step.block is BlockKind.MAIN:
                self._do_work_set(guided, step)
            else:
                self._do_guided_move(guided, step)

    def _show_card(self, step: Step) -> None:
        exercise = step.exercise
        dose = step.prescription.dose.describe()
        band = (
            f" · band: {self.catalog.band(step.prescription.band).colour}"
            if step.prescription.band
            else ""
        )
        if step.block is BlockKind.MAIN:
            self.out.print(
                Panel(
                    handout(self.catalog, exercise, full=False),
                    title=f"{dose}{band}",
                    title_align="left",
                )
            )
            for reason in step.prescription.reasons:
                self.out.print(f"[dim]Why this dose: {reason}[/]")
        else:
            cues = " ".join(cue.text for cue in exercise.cues)
            needs = equipment_line(exercise)
            self.out.print(
                f"\n[bold]{exercise.name}[/] — {dose}" + (f"  [dim]({needs})[/]" if needs else "")
            )
            self.out.print(f"  {exercise.summary}\n  [italic]{cues}[/]")

    def _do_guided_move(self, guided: GuidedSession, step: Step) -> None:
        label = f"{step.exercise.name} · {step.label()}"
        if step.timed:
            outcome = self.terminal.countdown(step.target, label)
        else:
            outcome = self.terminal.count_along(step.pace(), step.exercise.name)
            if not self.terminal.timers:
                self.out.print(f"[dim]{label}: {step.target} reps[/]")
        training = self.services.training
        if outcome is TimerOutcome.SKIPPED:
            training.skip_step(guided, step)
            self.out.print("[dim]Skipped.[/]")
            return
        training.record_step(
            guided, step, StepResult(amounts=dict.fromkeys(step.sides, step.target))
        )

    def _do_work_set(self, guided: GuidedSession, step: Step) -> None:
        target = f"target {step.target} reps" + (" per side" if len(step.sides) > 1 else "")
        self.out.print(f"\n[bold]{step.exercise.name}[/] · {step.label()} · {target}")
        if self.terminal.timers:
            self.terminal.countdown(GET_READY_SECONDS, "Get into position", allow_skip=False)
        if self.terminal.count_along(step.pace(), step.exercise.name) is TimerOutcome.SKIPPED:
            self.out.print("[dim]Count-along skipped; log what you did.[/]")
        amounts: dict[Side | None, int] = {}
        for side in step.sides:
            question = "Reps done" + (
                f", {side} side" if side is not None and len(step.sides) > 1 else ""
            )
            answer = self.terminal.ask_valid(
                f"{question} (s to skip the set)", _reps_or_skip, str(step.target)
            )
            if answer is None:
                self.services.training.skip_step(guided, step)
                self.out.print("[dim]Set skipped and noted.[/]")
                return
            amounts[side] = answer
        band = None
        if step.exercise.uses_band:
            band = self.terminal.ask_valid(
                "Band colour (or none)",
                lambda text: entries.check_band(self.catalog, step.exercise, text) or "none",
                step.prescription.band or "none",
            )
        effort = self.terminal.ask_valid(
            "Effort: RPE 1-10, or 'rir N' for reps in reserve (Enter to skip)", parse_effort, ""
        )
        pain = self.terminal.ask_valid(
            "Pain during the set, 0-10", _whole_number(values.check_pain)
        )
        note = self.terminal.ask_valid("Note (Enter for none)", values.check_note, "")
        result = StepResult(amounts=amounts, band=band, effort=effort, pain=pain, note=note)
        feedback = self.services.training.record_step(guided, step, result)
        self.out.print("[green]Saved.[/]")
        for message in feedback.messages:
            self.out.print(f"[yellow]{message}[/]")
        context.print_lessons(self.catalog, feedback.lessons)

    def _print_summary(self, finished: TrainingSession) -> None:
        """The same summary as the player's last screen, from the same document."""
        summary = summary_document(
            finished, self.catalog, self.services.overview.plan(finished.program)
        )
        table = Table(title="Session summary", title_justify="left")
        for column in ("exercise", "sets", "reps", "band", "max effort", "max pain", "camera saw"):
            table.add_column(column)
        for row in summary["exercises"]:
            reps = ", ".join(
                f"{side} {count}" if side != "both" else str(count)
                for side, count in row["reps"].items()
            )
            skipped = row["sets_skipped"]
            table.add_row(
                row["name"],
                f"{row['sets_done']}" + (f" (+{skipped} skipped)" if skipped else ""),
                reps or "-",
                ", ".join(row["bands"]) or "-",
                row["effort"] or "-",
                "-" if row["max_pain"] is None else f"{row['max_pain']}/10",
                ", ".join(f"{cue} x{n}" for cue, n in row["camera_faults"].items()) or "-",
            )
        self.out.print(table)
        moves = summary["moves"]
        minutes = "" if summary["minutes"] is None else f" in {summary['minutes']} min"
        self.out.print(
            f"Warm-up, stretches and cool-down: {moves['done']} of {moves['total']} moves "
            f"done{minutes}."
        )
        if summary["pain_before"] is not None:
            during = "-" if summary["max_pain"] is None else f"{summary['max_pain']}/10"
            self.out.print(
                f"Pain before: {summary['pain_before']}/10; highest during the sets: {during}."
            )
        upcoming = summary["next"]
        if upcoming["stopped"]:
            self.out.print(f"[bold red]{upcoming['stop_reason']}[/]")
        else:
            if upcoming.get("pain_review"):
                self.out.print(f"[yellow]{upcoming['pain_review']['message']}[/]")
            self.out.print("[bold]Next time[/]")
            for item in upcoming["exercises"]:
                dose = f"{item['sets']} x {item['reps'] or '-'}" + (
                    " per side" if item["per_side"] else ""
                )
                band = f", {item['band']} band" if item["band"] else ""
                self.out.print(f"- {item['name']}: {dose}{band}. {' '.join(item['reasons'])}")
        self.out.print(
            "[bold]Tomorrow morning[/], tell the coach how your back feels: "
            "[cyan]backbridge checkin --pain N --when next-morning[/]"
        )
        due = self.services.measures.outcomes().due
        if due:
            self.out.print(
                f"Time to rate your activities ({due}): [cyan]backbridge measure --rate "
                "'activity=N'[/] (3 to 5 of them)."
            )


def _whole_number(check: Callable[[int], int]) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise InvalidInput(f"'{text}' is not a whole number") from None
        return check(value)

    return parse


def _reps_or_skip(text: str) -> int | None:
    if text.lower() in SKIP_WORDS:
        return None
    return _whole_number(values.check_reps)(text)


def register(app: typer.Typer) -> None:
    app.command("session")(session)
