"""``backbridge simulate``: how the program moves over weeks, on a made-up history. Apart from
``plan`` so that ``plan`` does not import the simulation."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from rich.table import Table

from backbridge.catalog import DEFAULT_PROGRAM, Catalog
from backbridge.cli import context
from backbridge.cli.plan_commands import ARROWS, JsonFlag, ProgramOption
from backbridge.errors import InvalidInput
from backbridge.program.plan import Change
from backbridge.program.simulation import Profile, SimulatedSession, simulate


def simulate_command(
    weeks: Annotated[int, typer.Option(help="How many weeks to simulate (1-52).")] = 12,
    profile: Annotated[Profile, typer.Option(help="Who trains.")] = Profile.STEADY,
    program: ProgramOption = DEFAULT_PROGRAM,
    json_output: JsonFlag = False,
) -> None:
    """Run the progression engine on a made-up history and show the week-by-week trajectory."""
    if not 1 <= weeks <= 52:
        raise InvalidInput(f"weeks must be from 1 to 52; got {weeks}")
    catalog = context.catalog()
    start = datetime(2026, 1, 5, 18, 0, tzinfo=UTC)  # a Monday; the dates are illustrative
    sessions = simulate(catalog.program(program), catalog, weeks, profile, start)
    if json_output:
        context.print_json(
            {
                "profile": str(profile),
                "program": program,
                "weeks": weeks,
                "sessions": [_session_document(s) for s in sessions],
            }
        )
        return
    _print_trajectory(catalog, profile, sessions)


def _session_document(session: SimulatedSession) -> dict[str, Any]:
    from backbridge.services import documents

    return {
        "week": session.week,
        "date": session.started_at.date().isoformat(),
        "pain": {
            "before": session.pain_before,
            "max_during": session.max_pain_during,
            "next_morning": session.pain_next_morning,
        },
        "exercises": [documents.prescription_document(item) for item in session.prescriptions],
    }


def _print_trajectory(catalog: Catalog, profile: Profile, sessions: list[SimulatedSession]) -> None:
    out = context.console()
    slots = len(sessions[0].prescriptions) if sessions else 0
    table = Table(
        title=f"Simulated {profile} trainee: the dose at each session", title_justify="left"
    )
    table.add_column("week", justify="right")
    table.add_column("pain b/d/m", justify="center")
    for n in range(slots):
        table.add_column(catalog.exercise(sessions[0].prescriptions[n].exercise).name)
    last_week = 0
    for session in sessions:
        week = str(session.week) if session.week != last_week else ""
        last_week = session.week
        morning = "-" if session.pain_next_morning is None else str(session.pain_next_morning)
        cells = [
            f"{ARROWS[p.change]} {p.exercise} · {p.band or 'no band'} · {p.reps}"
            for p in session.prescriptions
        ]
        table.add_row(week, f"{session.pain_before}/{session.max_pain_during}/{morning}", *cells)
    out.print(table)
    out.print(
        "↑ progress  = hold  ↓ regress  ⇧ next variant  · start;  "
        "pain: before / during / next morning"
    )
    notable = [
        (session, item)
        for session in sessions
        for item in session.prescriptions
        if item.change in (Change.REGRESS, Change.VARIANT)
    ]
    for session, item in notable:
        out.print(f"[dim]week {session.week}, {item.exercise}:[/] {' '.join(item.reasons)}")


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate_command)
