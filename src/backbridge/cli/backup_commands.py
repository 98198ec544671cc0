"""``backbridge export`` and ``backbridge import``: the full backup as JSON, restored losslessly,
and the formats other tools read (Strong and Hevy CSV, a FHIR R4 Bundle)."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path
from typing import Annotated

import typer

from backbridge.cli import context
from backbridge.errors import DataFileError, InvalidInput, NotFound
from backbridge.reports.schedule import Schedule
from backbridge.services.exchange import Exchange, ExportFormat, ImportFormat

FORMAT_HELP = (
    "json: the full backup; strong-csv or hevy-csv: one row per set as Strong or Hevy export "
    "it; fhir: a FHIR R4 Bundle for a clinic's records; ical: the planned sessions and "
    "next-morning check-ins ahead, with reminders, for a calendar app."
)


def export(
    format: Annotated[ExportFormat, typer.Option("--format", help=FORMAT_HELP)] = ExportFormat.JSON,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(help="Your name for the FHIR Patient; without it the export is pseudonymous."),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="ical: the first day, YYYY-MM-DD (default: today)."),
    ] = None,
    weeks: Annotated[int, typer.Option("--weeks", help="ical: how many weeks ahead.")] = 8,
    at: Annotated[str, typer.Option("--at", help="ical: the time to train, HH:MM.")] = "18:00",
    morning: Annotated[
        str, typer.Option("--morning", help="ical: the time of the next-morning check-in, HH:MM.")
    ] = "08:00",
) -> None:
    """Export everything (sessions, sets, check-ins) as a backup you can import again."""
    schedule = None
    if format is ExportFormat.ICAL:
        schedule = Schedule(
            start=context.parse_date(start) if start else None,
            weeks=weeks,
            training=_clock_time(at, "--at"),
            morning=_clock_time(morning, "--morning"),
        )
    with context.services(show_notice=False) as services:
        text = Exchange(services).export(format, name=name, schedule=schedule)
    if output is None:
        typer.echo(text, nl=False)
        return
    if not output.parent.is_dir():
        raise NotFound(f"{output.parent}: no such folder; create it first or choose another -o")
    partial = output.with_name(output.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InvalidInput(
            f"{output}: cannot write it ({error.strerror}); nothing was exported"
        ) from None
    if format is ExportFormat.JSON:
        document = json.loads(text)
        sessions = len(document["sessions"])
        sets = sum(len(s["sets"]) for s in document["sessions"])
        context.error_console().print(
            f"Exported {sessions} session{'s' * (sessions != 1)} and "
            f"{sets} set{'s' * (sets != 1)} to {output}."
        )
    else:
        context.error_console().print(f"Exported the history as {format} to {output}.")


def _clock_time(text: str, option: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{option} '{text}' is not a time of day; write it as HH:MM, e.g. 18:30"
        ) from None


def import_(
    file: Annotated[Path, typer.Argument(help="A backup written by `backbridge export`.")],
    format: Annotated[
        ImportFormat,
        typer.Option(
            "--format",
            help="json: a backbridge backup; strong-csv or hevy-csv: a CSV export of Strong or "
            "Hevy (or of `backbridge export`).",
        ),
    ] = ImportFormat.JSON,
) -> None:
    """Import a backup; rows already present are left as they are."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(
            f"{file}: no such file; give the path of a file written by `backbridge export`"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(
            [f"{file}: cannot read it ({error}); is it a backup written by `backbridge export`?"]
        ) from None
    if format is not ImportFormat.JSON:
        _import_workouts(file, text, format)
        return
    with context.services() as services:
        report = services.backups.import_text(text, str(file))
    present = sum(report.already_present.values())
    if not any(report.added.values()):
        context.console().print(f"Nothing new to import: all {present} rows were already here.")
        return
    added = ", ".join(
        f"{count} {(name if count != 1 else name.removesuffix('s')).replace('checkin', 'check-in')}"
        for name, count in report.added.items()
        if count
    )
    context.console().print(
        f"Imported {added}" + (f"; {present} rows were already here." if present else ".")
    )


def _import_workouts(file: Path, text: str, format: ImportFormat) -> None:
    with context.services() as services:
        result = Exchange(services).import_workouts(text, str(file), format)
    if result.unknown:
        kept = file.with_name(f"{file.stem}.not-imported.csv")
        kept.write_text(result.unknown_rows, encoding="utf-8")
        warn = context.error_console()
        for name, rows in result.unknown.items():
            warn.print(
                f"warning: '{name}' is not an exercise backbridge knows: its {rows} row(s) "
                f"were not imported and are kept in {kept}",
                markup=False,
            )
        warn.print(
            "Add the name to catalog/data/exchange-names.yaml to import those rows later.",
            markup=False,
        )
    added, present = result.report.added, result.report.already_present
    sessions = present["sessions"] + result.same_time
    if not added["sessions"] and not added["sets"]:
        context.console().print(f"Nothing new to import: {sessions} session(s) were already here.")
        return
    context.console().print(
        f"Imported {added['sessions']} session(s) with {added['sets']} set(s)"
        + (f"; {sessions} session(s) were already here." if sessions else ".")
    )


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_)
