"""``backbridge log set``, ``backbridge checkin`` and ``backbridge history``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from backbridge.cli import context
from backbridge.coach.summary import summarize
from backbridge.program.effort import effort
from backbridge.program.history import CheckInKind, Side

AT_HELP = "When, as an ISO time (default: now), up to two days back, e.g. 2026-11-24T18:30."


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
    at: Annotated[str | None, typer.Option(help=AT_HELP)] = None,
) -> None:
    """Log one set without the guided flow; it goes into that day's session."""
    from backbridge.services.training import SetEntry

    entry = SetEntry(
        exercise=exercise,
        reps=reps,
        seconds=seconds,
        side=side,
        band=band,
        effort=effort(rpe=rpe, reps_in_reserve=rir),
        pain=pain,
        note=note,
    )
    moment = context.parse_moment(at)
    with context.services() as services:
        result = services.training.log_set(entry, at=moment)
        name = services.catalog.exercise(result.logged.exercise).name
        catalog = services.catalog
    row = result.logged
    amount = f"{row.reps} reps" if row.reps is not None else f"{row.seconds} s"
    where = f", {row.side} side" if row.side else ""
    day = context.local(result.session.started_at).strftime("%a %d %b")
    out = context.console()
    out.print(f"Saved: {name}, set {row.set_number}{where}: {amount} (session of {day}).")
    for message in result.feedback.messages:
        out.print(f"[yellow]{message}[/]")
    context.print_lessons(catalog, result.feedback.lessons)


def checkin(
    pain: Annotated[int, typer.Option(help="Lower-back pain now, 0 (none) to 10 (worst).")],
    when: Annotated[
        CheckInKind, typer.Option(help="before a session, or the next morning.")
    ] = CheckInKind.NEXT_MORNING,
    note: Annotated[str | None, typer.Option(help="A short note.")] = None,
    at: Annotated[str | None, typer.Option(help=AT_HELP)] = None,
) -> None:
    """Record how your lower back feels: before a session or the morning after."""
    moment = context.parse_moment(at)
    with context.services() as services:
        recorded = services.checkins.record(when, pain, note=note, at=moment)
    stored = recorded.checkin
    out = context.console()
    if recorded.session is None:
        out.print(f"Saved: {when} pain {stored.pain}/10; not linked: {recorded.link_reason}.")
    else:
        day = context.local(recorded.session.started_at).strftime("%a %d %b")
        out.print(f"Saved: {when} pain {stored.pain}/10 for the session of {day}.")
    if recorded.baseline is not None:
        change = stored.pain - recorded.baseline.pain
        trend = "the same as" if change == 0 else ("better than" if change < 0 else "worse than")
        out.print(f"That is {trend} before the session ({recorded.baseline.pain}/10).")
    if recorded.caution:
        out.print(f"[yellow]{recorded.caution}[/]")
    if recorded.screening_due:
        out.print(
            "[yellow]The safety questions are due: answer them with `backbridge screen` "
            "(the next session asks them first).[/]"
        )


def history(
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    since: Annotated[
        str | None, typer.Option(help="Only sessions from this date on (YYYY-MM-DD).")
    ] = None,
    limit: Annotated[
        int, typer.Option(help="Sessions to show: the newest ones, 1-100.", min=1, max=100)
    ] = 20,
    before: Annotated[
        str | None, typer.Option(help="Go on with older sessions from where a page ended.")
    ] = None,
) -> None:
    """Your sessions with every set and check-in, the newest page first."""
    from backbridge.services.documents import history_document

    first_day = context.parse_date(since) if since else None
    with context.services(show_notice=not json_output) as services:
        found = services.overview.history(first_day, before=before, limit=limit)
        catalog = services.catalog
    sessions, unlinked = found.sessions, found.unlinked
    if json_output:
        context.print_json(history_document(sessions, catalog, unlinked, found.next))
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
    if found.next is not None:
        out.print(f"Older sessions: backbridge history --before {found.next}")


def _score(value: int | None) -> str:
    return "-" if value is None else f"{value}/10"


def register(app: typer.Typer) -> None:
    log = typer.Typer(help="Log training without the guided session.", no_args_is_help=True)
    log.command("set")(log_set)
    app.add_typer(log, name="log")
    app.command("checkin")(checkin)
    app.command("history")(history)
