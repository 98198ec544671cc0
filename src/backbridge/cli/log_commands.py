"""``backbridge log set``, ``backbridge checkin`` and ``backbridge history``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import typer
from rich.table import Table

from backbridge.cli import context
from backbridge.cli.session_command import DEFAULT_PROGRAM
from backbridge.clock import utc_now
from backbridge.coach import quick
from backbridge.coach.summary import summarize
from backbridge.errors import InvalidInput
from backbridge.program.history import CheckInKind, Side, TrainingSession


def log_set(
    exercise: Annotated[str, typer.Option("--exercise", "-e", help="Exercise slug.")],
    reps: Annotated[
        int | None, typer.Option(help="Reps done (per side: one entry per side).")
    ] = None,
    seconds: Annotated[int | None, typer.Option(help="Seconds held, for a timed move.")] = None,
    side: Annotated[Side | None, typer.Option(help="left or right, for one-sided work.")] = None,
    band: Annotated[str | None, typer.Option(help="Band colour, e.g. red.")] = None,
    rpe: Annotated[float | None, typer.Option(help="Effort, RPE 1-10.")] = None,
    rir: Annotated[int | None, typer.Option(help="Effort as reps in reserve, 0-10.")] = None,
    pain: Annotated[int | None, typer.Option(help="Pain during the set, 0-10.")] = None,
    note: Annotated[str | None, typer.Option(help="A short note.")] = None,
    at: Annotated[
        str | None,
        typer.Option(help="When it was done, ISO time (default: now), e.g. 2026-11-24T18:30."),
    ] = None,
) -> None:
    """Log one set without the guided flow; it goes into that day's session."""
    if rpe is not None and rir is not None:
        raise InvalidInput("give effort as --rpe or as --rir, not both")
    effort = f"rir {rir}" if rir is not None else (f"{rpe:g}" if rpe is not None else "")
    now = utc_now()
    moment = _parse_moment(at) if at else now
    with context.services() as services:
        services.require_training_allowed(now)
        row, session = quick.log_set(
            services.journal,
            services.catalog,
            quick.ManualSet(exercise, reps, seconds, side, band, effort, pain, note),
            at=moment,
            now=now,
            day=context.local_day_bounds(context.local(moment).date()),
            program=DEFAULT_PROGRAM,
        )
        name = services.catalog.exercise(row.exercise).name
        limits = services.catalog.rules.pain
    amount = f"{row.reps} reps" if row.reps is not None else f"{row.seconds} s"
    where = f", {row.side} side" if row.side else ""
    day = context.local(session.started_at).strftime("%a %d %b")
    out = context.console()
    out.print(f"Saved: {name}, set {row.set_number}{where}: {amount} (session of {day}).")
    if row.pain is not None and row.pain > limits.acceptable_max:
        out.print(
            f"[yellow]Pain {row.pain}/10 is above the {limits.acceptable_max}/10 limit: stop this "
            "exercise for today; the next plan steps it down.[/]"
        )


def checkin(
    pain: Annotated[int, typer.Option(help="Lower-back pain now, 0 (none) to 10 (worst).")],
    when: Annotated[
        CheckInKind, typer.Option(help="before a session, or the next morning.")
    ] = CheckInKind.NEXT_MORNING,
    note: Annotated[str | None, typer.Option(help="A short note.")] = None,
) -> None:
    """Record how your lower back feels: before a session or the morning after."""
    now = utc_now()
    with context.services() as services:
        stored, session = quick.record_checkin(
            services.journal,
            when,
            pain,
            note=note,
            now=now,
            today=context.local_day_bounds(context.local(now).date()),
        )
    out = context.console()
    if stored.pain >= services.catalog.rules.screening.rescreen_pain:
        out.print(f"[yellow]Pain of {stored.pain}/10 calls for the safety questions: run "
                  "`backbridge screen` (the next session asks them first).[/]")  # fmt: skip
    if session is None:
        out.print(f"Saved: {when} pain {stored.pain}/10 (not linked to a session).")
        return
    day = context.local(session.started_at).strftime("%a %d %b")
    out.print(f"Saved: {when} pain {stored.pain}/10 for the session of {day}.")
    before = session.checkin(CheckInKind.BEFORE)
    if when is CheckInKind.NEXT_MORNING and before is not None:
        change = stored.pain - before.pain
        trend = "the same as" if change == 0 else ("better than" if change < 0 else "worse than")
        out.print(f"That is {trend} before the session ({before.pain}/10).")


def history(
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    since: Annotated[
        str | None, typer.Option(help="Only sessions from this date on (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Your sessions with every set and check-in."""
    start = context.local_day_bounds(_parse_date(since))[0] if since else None
    with context.services(show_notice=not json_output) as services:
        sessions = services.journal.sessions(since=start)
        unlinked = [c for c in services.journal.checkins(since=start) if c.session_id is None]
        catalog = services.catalog
    if json_output:
        context.print_json(
            {
                "sessions": [_session_document(s) for s in sessions],
                "unlinked_checkins": [c.model_dump(mode="json") for c in unlinked],
            }
        )
        return
    out = context.console()
    if not sessions:
        out.print("No sessions yet. Start one with [bold]backbridge session[/].")
        return
    for session in sessions:
        summary = summarize(session, catalog)
        started = context.local(session.started_at).strftime("%a %d %b %Y, %H:%M")
        pains = (
            f"pain before {_score(summary.pain_before)}, "
            f"next morning {_score(summary.pain_next_morning)}"
        )
        table = Table(
            title=f"{started} · {session.status} · {pains}",
            title_justify="left",
            title_style="bold",
        )
        for column in ("exercise", "sets", "reps", "band", "effort", "pain"):
            table.add_column(column)
        for row in summary.exercises:
            reps = ", ".join(f"{s} {n}" if s != "both" else str(n) for s, n in row.reps.items())
            table.add_row(
                row.name,
                f"{row.sets_done}"
                + (f" (+{row.sets_skipped} skipped)" if row.sets_skipped else ""),
                reps or (f"{row.seconds} s" if row.seconds else "-"),
                ", ".join(row.bands) or "-",
                row.effort,
                _score(row.max_pain),
            )
        out.print(table)
    for stored in unlinked:
        moment = context.local(stored.recorded_at).strftime("%a %d %b %Y, %H:%M")
        out.print(f"{moment} · {stored.kind} check-in · pain {stored.pain}/10")


def _session_document(session: TrainingSession) -> dict[str, Any]:
    return session.model_dump(mode="json", exclude={"plan"})


def _score(value: int | None) -> str:
    return "-" if value is None else f"{value}/10"


def _parse_moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"'{text}' is not a time; write it as e.g. 2026-11-24T18:30") from None
    return moment if moment.tzinfo else moment.astimezone()


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01"
        ) from None


def register(app: typer.Typer) -> None:
    log = typer.Typer(help="Log training without the guided session.", no_args_is_help=True)
    log.command("set")(log_set)
    app.add_typer(log, name="log")
    app.command("checkin")(checkin)
    app.command("history")(history)
