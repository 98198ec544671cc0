"""The command line: every feature reachable from the terminal.

Commands parse their arguments, call one function of the core and render the result. Errors a
person can cause end as one line on stderr with a non-zero exit; see :mod:`backbridge.errors`.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from backbridge.cli import (
    backup_commands,
    catalog_commands,
    log_commands,
    nutrition_commands,
    plan_commands,
    safety_commands,
    session_command,
    vision_commands,
)
from backbridge.cli.context import action_hint, error_console
from backbridge.errors import BackbridgeError


class ReportingGroup(TyperGroup):
    """Turns errors a person can cause into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BackbridgeError as error:
            lines = str(error).splitlines() or [type(error).__name__]
            lines[-1] += action_hint(error.action)
            for line in lines:
                error_console().print(f"[bold red]error:[/] {escape(line)}", soft_wrap=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=ReportingGroup,
    name="backbridge",
    help="A local-first coach for stronger glutes and a calmer lower back.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
catalog_commands.register(app)
session_command.register(app)
plan_commands.register(app)
safety_commands.register(app)
log_commands.register(app)
backup_commands.register(app)
nutrition_commands.register(app)
vision_commands.register(app)
