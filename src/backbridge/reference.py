"""Generate ``docs/cli.md`` from the CLI itself: ``python -m backbridge.reference``.

A test compares the file with this output, so the reference cannot drift from the code.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import typer

from backbridge.main import app

HEADER = """# Command-line reference

Generated from the CLI by `make docs-cli`; do not edit by hand.
Every command prints one line starting with `error:` and exits non-zero when an input is wrong.
"""


def _commands(group: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    for name in sorted(group.commands):
        command = group.commands[name]
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):
            yield from _commands(command, path)
        else:
            yield path, command


def _param_line(command: Any, param: Any) -> str:
    context = command.make_context(command.name, [], resilient_parsing=True)
    names, text = param.get_help_record(context)
    return f"- `{names}`: {text}".rstrip(": ")


def render() -> str:
    root = typer.main.get_command(app)
    parts = [HEADER]
    for path, command in _commands(root, "backbridge"):
        parts.append(f"## `{path}`\n")
        help_text = inspect.cleandoc(command.help or "")
        parts.append(help_text + "\n")
        params = [p for p in command.params if p.name != "help"]
        if params:
            parts.append("\n".join(_param_line(command, p) for p in params) + "\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
