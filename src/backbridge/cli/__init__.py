"""The command line: every feature reachable from the terminal.

Commands parse their arguments, call one function of the core and render the result. Errors a
person can cause end as one line on stderr with a non-zero exit; see :mod:`backbridge.errors`.
"""

from __future__ import annotations

import sys

import typer

from backbridge.cli import backup_commands, catalog_commands, log_commands, session_command
from backbridge.cli.context import error_console
from backbridge.errors import BackbridgeError

app = typer.Typer(
    name="backbridge",
    help="A local-first coach for stronger glutes and a calmer lower back.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
catalog_commands.register(app)
session_command.register(app)
log_commands.register(app)
backup_commands.register(app)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BackbridgeError as error:
        for line in str(error).splitlines() or [type(error).__name__]:
            error_console().print(f"[bold red]error:[/] {line}", highlight=False, markup=True)
        sys.exit(error.exit_code)
