"""``backbridge handout`` and ``backbridge report``: documents to print or hand over, as PDF or
HTML (by the file's suffix)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.cli import context
from backbridge.errors import InvalidInput, NotFound

OutOption = Annotated[
    Path, typer.Option("--out", "-o", help="The file to write: FILE.pdf or FILE.html.")
]


def _check_out(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise InvalidInput(f"{out}: give a file ending in .pdf or .html")
    if not out.parent.is_dir():
        raise NotFound(f"{out.parent}: no such folder; create it first or choose another --out")
    return suffix


def _write(out: Path, suffix: str, html: str) -> None:
    from backbridge.services.printouts import pdf

    data = pdf(html) if suffix == ".pdf" else html.encode("utf-8")
    partial = out.with_name(out.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InvalidInput(f"{out}: cannot write it ({error.strerror})") from None


def handout(
    out: OutOption,
    program: Annotated[str, typer.Option("--program", help="Program to print.")] = DEFAULT_PROGRAM,
) -> None:
    """Print your exercises as a handout: one page each, with figures, plus the warm-up."""
    from backbridge.services.printouts import Printouts

    suffix = _check_out(out)
    with context.services() as services:
        html = Printouts(services).handout(program)
    _write(out, suffix, html)
    context.console().print(f"Wrote the handout to {out}.")


def report(
    out: OutOption,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="First day, YYYY-MM-DD (default: the first session, at most 12 weeks)."
        ),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """Make a progress report for your clinician: adherence, pain, progression and safety."""
    from backbridge.services.printouts import Printouts

    suffix = _check_out(out)
    first = context.parse_date(start) if start else None
    last = context.parse_date(end) if end else None
    with context.services() as services:
        printouts = Printouts(services)
        days = printouts.report_days(first, last)
        html = printouts.report(*days)
    _write(out, suffix, html)
    context.console().print(f"Wrote the progress report of {days[0]} to {days[1]} to {out}.")


def register(app: typer.Typer) -> None:
    app.command("handout")(handout)
    app.command("report")(report)
