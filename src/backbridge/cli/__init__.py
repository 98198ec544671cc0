"""The command line: every feature reachable from the terminal.

Commands parse their arguments, call one function of the core and render the result. Errors a
person can cause end as one line on stderr with a non-zero exit; see :mod:`backbridge.errors`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from backbridge.cli.context import action_hint, error_console
from backbridge.cli.registry import COMMANDS, LazyCommands
from backbridge.errors import BackbridgeError

# Typer raises Click's usage errors (from its vendored copy of Click in recent releases, from
# Click itself in older ones); ``BadParameter``'s bases name both classes either way.
UsageError: type[Exception] = typer.BadParameter.__mro__[1]
ClickError: type[Exception] = typer.BadParameter.__mro__[2]


class ReportingGroup(TyperGroup):
    """Turns errors a person can cause into one line on stderr and a non-zero exit: errors of
    the application (raised while a command runs) and errors in the command line itself (an
    unknown option, a value that does not parse), which would otherwise print a usage panel.

    Its commands are those of :data:`~backbridge.cli.registry.COMMANDS`, each module imported
    only when one of its commands runs (or is asked for help), so every command starts with no
    more than it needs; the top-level help lists them all without importing any."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.commands = LazyCommands(self.commands, COMMANDS)
        self.listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if self.listing and isinstance(self.commands, LazyCommands):
            return self.commands.listing(cmd_name)
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(ReportingGroup, self).main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )

        if not standalone_mode:
            return run()
        try:
            result = run()
        except UsageError as error:
            context = getattr(error, "ctx", None)
            if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
                typer.echo(context.get_help())
                sys.exit(0)
            where = context.command_path if context is not None else "backbridge"
            message = error.format_message().replace("Value error, ", "")  # type: ignore[attr-defined]
            _say_error(f"{message} (see `{where} --help`)")
            sys.exit(2)
        except ClickError as error:
            _say_error(error.format_message())  # type: ignore[attr-defined]
            sys.exit(getattr(error, "exit_code", 1))
        except typer.Abort:
            error_console().print("Stopped.")
            sys.exit(1)
        except Exception as error:  # a fault of backbridge itself: one line, details in a file
            _say_error(_crash_report(error))
            sys.exit(70)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BackbridgeError as error:
            lines = str(error).splitlines() or [type(error).__name__]
            lines[-1] += action_hint(error.action)
            for line in lines:
                _say_error(line)
            raise typer.Exit(error.exit_code) from None


def _crash_report(error: Exception) -> str:
    """Keep the traceback of an unexpected error in a file of the data home (or the temporary
    folder when the home cannot be written) and say so in one line."""
    import tempfile
    import traceback
    from contextlib import suppress
    from datetime import datetime
    from pathlib import Path

    from backbridge.settings import Settings

    text = "".join(traceback.format_exception(error))
    name = f"crash-{datetime.now():%Y%m%d-%H%M%S}.txt"
    folders = [Path(tempfile.gettempdir())]
    with suppress(Exception):  # settings that cannot be read are no reason to lose the report
        folders.insert(0, Settings().home / "crash-reports")
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
        except OSError:
            continue
        where = f"the details are in {folder / name}: please send that file with your report"
        break
    else:
        where = "its details could not be saved"
    return (  # said through _say_error, which puts it on one line
        f"backbridge stopped on a problem it did not expect ({type(error).__name__}: {error}); "
        f"everything logged before it is kept; {where}"
    )


def _say_error(line: str) -> None:
    error_console().print(f"[bold red]error:[/] {escape(' '.join(line.split()))}", soft_wrap=True)


app = typer.Typer(
    cls=ReportingGroup,
    name="backbridge",
    help="A local-first coach for stronger glutes and a calmer lower back.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    # Without a callback, Typer would make an app of one registered command that command
    # itself; the commands of the registry are not registered until they are needed.
    pass
