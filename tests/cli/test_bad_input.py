"""The bad-input table: every command, given what a person might mistype or a damaged file,
answers with one ``error:`` line and a non-zero exit, shows no traceback, and stores nothing.

Each case starts from the same home (screened, one set, one check-in, one food) and counts the
rows of every table before and after.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Cli

NOW = datetime.now().astimezone()
FUTURE = (NOW + timedelta(hours=3)).isoformat(timespec="minutes")
LONG_AGO = (NOW - timedelta(days=3)).isoformat(timespec="minutes")
TOO_LONG = "x" * 501


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with a little of everything, made once and copied into each case's home."""
    home = tmp_path_factory.mktemp("bad-input") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BACKBRIDGE_HOME", str(home))
        cli = Cli()
        steps = [
            ("screen",),
            ("log", "set", "-e", "bridge", "--reps", "10", "--pain", "1"),
            ("checkin", "--pain", "2", "--when", "next-morning"),
            ("food", "log", "banana", "--grams", "120"),
            ("export", "-o", str(home.parent / "backup.json")),
        ]
        for args in steps:
            result = cli(*args, input="n\n" * 40 if args == ("screen",) else None)
            assert result.exit_code == 0, (args, result.output)
    return home


@pytest.fixture
def home(template: Path, isolated_home: Path) -> Path:
    shutil.copytree(template, isolated_home)
    return isolated_home


def row_counts(home: Path) -> dict[str, int]:
    with sqlite3.connect(home / "backbridge.db") as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
        )]  # fmt: skip
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def backup_with(change: Callable[[dict[str, Any]], object]) -> Callable[[Path], str]:
    """A file made from the template's backup, with one thing spoiled; its path."""

    def write(folder: Path) -> str:
        document = json.loads((folder.parent / "template-backup.json").read_text())
        change(document)
        path = folder / "spoiled.json"
        path.write_text(json.dumps(document))
        return str(path)

    return write


def raw_file(text: str) -> Callable[[Path], str]:
    def write(folder: Path) -> str:
        path = folder / "file.json"
        path.write_text(text)
        return str(path)

    return write


def first_set(document: dict[str, Any]) -> dict[str, Any]:
    return dict(document["sessions"][0]["sets"][0])


def set_field(name: str, value: object) -> Callable[[dict[str, Any]], object]:
    return lambda document: document["sessions"][0]["sets"][0].__setitem__(name, value)


def add_set(**values: object) -> Callable[[dict[str, Any]], object]:
    """A second, new set in the first session (valid but for ``values``)."""

    def change(document: dict[str, Any]) -> None:
        new = {**first_set(document), "id": "6c1f6e4e-6a51-4a35-a1a4-3e8fd8a9a001", **values}
        new["set_number"] = 2
        document["sessions"][0]["sets"].append(new)

    return change


def orphan_checkin(document: dict[str, Any]) -> None:
    checkin = document["checkins"][0] if document["checkins"] else None
    assert checkin is not None
    checkin["user_id"] = "00000000-0000-4000-8000-000000000000"


def duplicate_set(document: dict[str, Any]) -> None:
    document["sessions"][0]["sets"].append({**first_set(document), "set_number": 2})


def deep(folder: Path) -> str:
    path = folder / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    return str(path)


def huge_number(document: dict[str, Any]) -> None:
    set_field("reps", 10**40)(document)


Args = tuple[Any, ...]
CASES: list[tuple[str, Args, str]] = [
    # checkin
    ("pain above 10", ("checkin", "--pain", "11"), "pain must be a whole number from 0"),
    ("pain below 0", ("checkin", "--pain", "-1"), "pain must be a whole number from 0"),
    ("pain not a number", ("checkin", "--pain", "abc"), "Invalid value for '--pain'"),
    ("unknown moment", ("checkin", "--pain", "2", "--when", "later"), "'later' is not one of"),
    ("note with NUL", ("checkin", "--pain", "2", "--note", "a\x00b"), "NUL character"),
    ("note too long", ("checkin", "--pain", "2", "--note", TOO_LONG), "up to 500 characters"),
    ("check-in in the future", ("checkin", "--pain", "2", "--at", FUTURE), "in the future"),
    ("check-in long ago", ("checkin", "--pain", "2", "--at", LONG_AGO), "48 hours"),
    ("year 1", ("checkin", "--pain", "2", "--at", "0001-01-01"), "outside the calendar"),
    # log set
    ("unknown exercise", ("log", "set", "-e", "bridgee", "--reps", "5"), "unknown exercise"),
    ("reps above 200", ("log", "set", "-e", "bridge", "--reps", "201"), "reps must be"),
    ("negative reps", ("log", "set", "-e", "bridge", "--reps", "-1"), "reps must be"),
    ("reps and seconds", ("log", "set", "-e", "bridge", "--reps", "5", "--seconds", "5"),
     "not both"),
    ("no amount", ("log", "set", "-e", "bridge"), "give the reps"),
    ("set pain 11", ("log", "set", "-e", "bridge", "--reps", "5", "--pain", "11"), "pain must"),
    ("side of a two-sided move", ("log", "set", "-e", "bridge", "--reps", "5", "--side", "left"),
     "leave out the side"),
    ("unknown side", ("log", "set", "-e", "bridge", "--reps", "5", "--side", "up"),
     "'up' is not one of"),
    ("unknown band", ("log", "set", "-e", "banded-clamshell", "--reps", "5", "--side", "left",
                      "--band", "purple"), "band"),
    ("RPE 11", ("log", "set", "-e", "bridge", "--reps", "5", "--rpe", "11"), "RPE"),
    ("RPE 7.3", ("log", "set", "-e", "bridge", "--reps", "5", "--rpe", "7.3"), "steps of 0.5"),
    ("RPE and RIR", ("log", "set", "-e", "bridge", "--reps", "5", "--rpe", "7", "--rir", "2"),
     "exactly one"),
    ("set note too long", ("log", "set", "-e", "bridge", "--reps", "5", "--note", TOO_LONG),
     "up to 500 characters"),
    ("set in the future", ("log", "set", "-e", "bridge", "--reps", "5", "--at", FUTURE),
     "in the future"),
    ("set in 9999", ("log", "set", "-e", "bridge", "--reps", "5", "--at", "9999-12-31T23:59+14:00"),
     "outside the calendar"),
    # catalogue
    ("unknown exercise shown", ("exercises", "show", "nosuch"), "unknown exercise"),
    ("unknown kind", ("exercises", "list", "--kind", "cardio"), "'cardio' is not one of"),
    ("unknown option", ("muscles", "--bogus"), "No such option"),
    ("unknown program planned", ("plan", "--program", "nosuch"), "unknown program"),
    ("simulate 0 weeks", ("simulate", "--weeks", "0"), "weeks"),
    ("simulate 53 weeks", ("simulate", "--weeks", "53"), "weeks"),
    ("simulate unknown profile", ("simulate", "--profile", "lazy"), "'lazy' is not one of"),
    # history and export
    ("history since year 1", ("history", "--since", "0001-01-01"), "outside the calendar"),
    ("history since words", ("history", "--since", "last week"), "YYYY-MM-DD"),
    ("export to a missing folder", ("export", "-o", "/nonexistent-folder/b.json"), "no such folder"),
    # nutrition
    ("weight 10 kg", ("nutrition", "targets", "--weight", "10", "--height", "170", "--age", "40",
                      "--sex", "female", "--activity", "light"), "weight must be"),
    ("age 5", ("nutrition", "targets", "--weight", "70", "--height", "170", "--age", "5",
               "--sex", "female", "--activity", "light"), "age"),
    ("no profile yet", ("nutrition", "targets"), "no nutrition profile yet"),
    ("unknown food", ("food", "log", "qwertyuiop", "--grams", "100"), "qwertyuiop"),
    ("no food amount", ("food", "log", "banana"), "grams"),
    ("0 grams", ("food", "log", "banana", "--grams", "0"), "grams must be more than 0"),
    ("6 kg of banana", ("food", "log", "banana", "--grams", "6000"), "grams must be"),
    ("unknown meal", ("food", "log", "banana", "--grams", "10", "--meal", "brunch"),
     "'brunch' is not one of"),
    ("food in the future", ("food", "log", "banana", "--grams", "10", "--at", FUTURE),
     "in the future"),
    ("food with NaN protein", ("food", "add", "Thing", "--protein", "nan", "--fat", "1", "--carbs",
                               "1", "--kcal", "10"), "protein must be a number; got nan"),
    ("food with negative energy", ("food", "add", "Thing", "--protein", "1", "--fat", "1",
                                   "--carbs", "1", "--kcal", "-10"), "kcal"),
    ("food named with NUL", ("food", "add", "Th\x00ing", "--protein", "1", "--fat", "1", "--carbs",
                             "1", "--kcal", "10"), "NUL character"),
    ("unknown supplement", ("supplement", "log", "unicorn-dust", "--grams", "1"), "unicorn"),
    ("supplement without amount", ("supplement", "log", "creatine"), "give the amount"),
    ("creatine 1 kg", ("supplement", "log", "creatine", "--grams", "1000"), "at most 100 g"),
    ("unknown supplement shown", ("supplements", "show", "unicorn-dust"), "unicorn"),
    # safety, session, server
    ("clearance note without clearance", ("screen", "--note", "Dr X"), "--cleared"),
    ("screen answers end early", ("screen",), "input ended"),
    ("unknown program trained", ("session", "--program", "nosuch"), "unknown program"),
    ("port 99999", ("serve", "--port", "99999"), "Invalid value for '--port'"),
    # camera
    ("analyze a text file", ("analyze", "{folder}/notes.txt", "-e", "bridge"), "not a video"),
    ("analyze a missing file", ("analyze", "{folder}/none.mp4", "-e", "bridge"), "no such file"),
    ("analyze unknown exercise", ("analyze", "{folder}/notes.txt", "-e", "nosuch"),
     "unknown exercise"),
    ("record nothing", ("record-landmarks", "-o", "{folder}/out.json.gz"), "video"),
    # import
    ("import a missing file", ("import", "{folder}/none.json"), "no such file"),
    ("import not JSON", ("import", raw_file("{not json")), "not valid JSON"),
    ("import deep nesting", ("import", deep), "nested too deeply"),
    ("import another format", ("import", raw_file('{"format": "x"}')), "not a backbridge backup"),
    ("import a FHIR bundle", ("import", raw_file('{"resourceType": "Bundle", "entry": []}')),
     "a FHIR Bundle, which backbridge writes for a clinic but does not read back"),
    ("import unknown exercise", ("import", backup_with(add_set(exercise="bridgee"))),
     "sessions[0].sets[1].exercise: 'bridgee' is not in the catalogue"),
    ("import unknown band", ("import", backup_with(add_set(band="purple"))),
     "sessions[0].sets[1].band"),
    ("import a set in 2999", ("import", backup_with(add_set(performed_at="2999-01-01T10:00:00Z"))),
     "sessions[0].sets[1].performed_at: 2999-01-01 is outside the calendar"),
    ("import a set in the future", ("import", backup_with(add_set(
        performed_at=(NOW + timedelta(days=30)).isoformat()))),
     "sessions[0].sets[1].performed_at"),
    ("import a 5,000,000-character note", ("import", backup_with(add_set(note="n" * 5_000_000))),
     "sessions[0].sets[1].note: a note can hold up to 500 characters"),
    ("import a huge number", ("import", backup_with(huge_number)), "sessions[0].sets[0].reps"),
    ("import pain false", ("import", backup_with(add_set(pain=False))),
     "sessions[0].sets[1].pain"),
    ("import reps 3.0", ("import", backup_with(add_set(reps=3.0))), "sessions[0].sets[1].reps"),
    ("import a NUL in a note", ("import", backup_with(add_set(note="a\x00b"))), "NUL character"),
    ("import an orphan check-in", ("import", backup_with(orphan_checkin)),
     "checkins[0].user_id: names a user the backup does not hold"),
    ("import one id twice", ("import", backup_with(duplicate_set)), "the same id as"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_one_error_line_and_nothing_is_stored(
    cli: Cli, home: Path, template: Path, tmp_path: Path, args: Args, says: str
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "notes.txt").write_text("this is not a video\n")
    shutil.copy(template.parent / "backup.json", tmp_path / "template-backup.json")
    words = [a(folder) if callable(a) else a.replace("{folder}", str(folder)) for a in args]
    before = row_counts(home)

    result = cli(*words, input="")

    assert result.exit_code != 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert says in errors[0], errors[0]
    assert "Traceback" not in result.output and "╭" not in result.output
    assert row_counts(home) == before, "nothing is stored"
