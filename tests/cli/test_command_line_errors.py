"""Mistakes in the command line itself end as one ``error:`` line too, never a usage panel or
a traceback: unknown options and commands, values that do not parse, a port that cannot be
listened on."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Cli


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


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["history", "--since", "0001-01-01"], "outside the calendar backbridge keeps"),
        (["checkin", "--pain", "2", "--at", "0001-01-01"], "outside the calendar backbridge"),
        (["log", "set", "-e", "bridge", "--reps", "9", "--at", "9999-12-31T23:59+14:00"],
         "outside the calendar backbridge keeps"),
        (["food", "log", "banana", "--grams", "100", "--at", "0001-01-01T08:00"],
         "outside the calendar backbridge keeps"),
        (["food", "add", "Thing", "--protein", "nan", "--fat", "1", "--carbs", "1", "--kcal",
          "10"], "protein must be a number; got nan"),
        (["export", "-o", "/nonexistent-folder/backup.json"], "no such folder"),
    ],
)  # fmt: skip
def test_values_out_of_any_sense_are_one_line_and_nothing_is_stored(
    cli, args: list[str], says: str
) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and says in errors[0], result.stderr
    assert "Traceback" not in result.output
    history = cli("history", "--json")
    assert '"sessions": []' in history.stdout


def _corrupt(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "backbridge.db").write_text("not a database at all")


def _newer(home: Path) -> None:
    Cli()("history", "--json")
    with sqlite3.connect(home / "backbridge.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (_corrupt, "is damaged or is not a backbridge database"),
        (_newer, "written by a newer backbridge (schema 0099; this one knows up to"),
    ],
)
def test_a_database_that_cannot_be_used_is_one_line(
    cli, isolated_home: Path, spoil: Callable[[Path], None], says: str
) -> None:  # type: ignore[no-untyped-def]
    spoil(isolated_home)
    result = cli("history")
    assert result.exit_code == 1, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr
    assert "Traceback" not in result.output
    if spoil is _corrupt:
        assert (isolated_home / "backbridge.db").read_text() == "not a database at all"
    else:
        with sqlite3.connect(isolated_home / "backbridge.db") as connection:
            (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == "0099", "a newer database is not touched"


def test_a_data_home_that_is_a_file_is_one_line(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "a-file"
    home.write_text("")
    monkeypatch.setenv("BACKBRIDGE_HOME", str(home))
    result = cli("history")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: cannot use {home} as the data folder (File exists); set BACKBRIDGE_HOME to a "
        "folder you can write to"
    ]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql+psycopg://postgres@127.0.0.1:1/none", "cannot open the database at"),
        ("mysql://someone@localhost/db", "keeps its data in SQLite or PostgreSQL, not mysql"),
        ("nonsense", "is not a database URL"),
    ],
)
def test_a_database_url_that_cannot_serve_is_one_line(
    cli, monkeypatch: pytest.MonkeyPatch, url: str, says: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BACKBRIDGE_DATABASE_URL", url)
    result = cli("history")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], lines


def test_a_database_that_turns_read_only_refuses_the_write_in_one_line(
    cli, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The home became read-only after it was set up (SQLite opened read-only stands in for a
    read-only folder or a full disk: the tests run as root, whom file modes do not stop)."""
    assert cli("checkin", "--pain", "2").exit_code == 0
    database = isolated_home / "backbridge.db"
    monkeypatch.setenv("BACKBRIDGE_DATABASE_URL", f"sqlite:///file:{database}?mode=ro&uri=true")
    result = cli("checkin", "--pain", "3")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot write to the database" in errors[0], result.stderr
    assert "nothing was stored" in errors[0] and "Traceback" not in result.output
    monkeypatch.delenv("BACKBRIDGE_DATABASE_URL")
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM checkins").fetchone() == (1,)


def test_a_damaged_database_is_one_line_not_a_traceback(cli: Cli, isolated_home: Path) -> None:
    assert cli("plan").exit_code == 0  # makes the home and its database
    with sqlite3.connect(isolated_home / "backbridge.db") as connection:
        connection.execute("DROP TABLE screenings")
    result = cli("plan")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "cannot read the database" in result.output and "no such table" in result.output


def test_an_unexpected_fault_is_one_line_and_its_details_are_kept(isolated_home: Path) -> None:
    probe = (
        "from backbridge.main import app, main\n"
        "@app.command('boom')\n"
        "def boom() -> None:\n"
        "    raise KeyError('a fault of the program')\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "boom"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 70
    assert "Traceback" not in result.stdout + result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "did not expect (KeyError: 'a fault of the program')" in line
    (report,) = (isolated_home / "crash-reports").iterdir()
    assert str(report) in line.replace("\n", "")
    assert "Traceback" in report.read_text() and "a fault of the program" in report.read_text()
