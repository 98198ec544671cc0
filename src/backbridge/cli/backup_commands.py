"""``backbridge export`` and ``backbridge import``: a full backup as JSON, restored losslessly."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from backbridge.cli import context
from backbridge.errors import DataFileError, InvalidInput, NotFound


class ExportFormat(StrEnum):
    JSON = "json"


def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", help="Export format.")
    ] = ExportFormat.JSON,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Export everything (sessions, sets, check-ins) as a backup you can import again."""
    with context.services(show_notice=False) as services:
        document = services.backups.export()
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
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
    sets = sum(len(s["sets"]) for s in document["sessions"])
    context.error_console().print(
        f"Exported {len(document['sessions'])} sessions and {sets} sets to {output}."
    )


def import_(
    file: Annotated[Path, typer.Argument(help="A backup written by `backbridge export`.")],
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


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_)
