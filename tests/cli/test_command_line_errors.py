"""Mistakes in the command line itself end as one ``error:`` line too, never a usage panel or
a traceback: unknown options and commands, values that do not parse, a port that cannot be
listened on."""

from __future__ import annotations

import socket

import pytest


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["checkin", "--pain", "abc"], "Invalid value for '--pain'"),
        (["checkin", "--pain", "2", "--when", "later"], "'later' is not one of 'before'"),
        (["checkin", "--bogus"], "No such option: --bogus"),
        (["nosuch"], "No such command 'nosuch'"),
        (["exercises", "show"], "Missing argument 'slug'"),
        (["log", "set", "-e", "bridge", "--reps", "many"], "Invalid value for '--reps'"),
        (["history", "--since"], "Option '--since' requires an argument"),
        (["serve", "--port", "99999"], "Invalid value for '--port'"),
    ],
)
def test_a_bad_command_line_is_one_error_line(cli, args: list[str], says: str) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], lines
    assert "(see `backbridge" in lines[0] and "--help`)" in lines[0]
    assert "Traceback" not in result.output and "╭" not in result.output


def test_no_arguments_shows_the_help(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli()
    assert result.exit_code == 0 and "Usage: backbridge" in result.stdout
    assert "error:" not in result.output


def test_a_port_in_use_is_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: port {port} is already in use by another program; choose another with "
        "--port, e.g. --port 8001"
    ]
