"""Quick logging, check-ins, history and backups through the real CLI and a real SQLite file."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

TOMORROW = (datetime.now().astimezone() + timedelta(days=1)).isoformat(timespec="minutes")


def history(cli) -> dict:  # type: ignore[no-untyped-def]
    result = cli("history", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_first_run_shows_the_notice_once(cli) -> None:  # type: ignore[no-untyped-def]
    first = cli("checkin", "--pain", "2", "--when", "before")
    assert "not a medical device" in first.stderr
    second = cli("checkin", "--pain", "2", "--when", "before")
    assert "not a medical device" not in second.stderr


@pytest.mark.usefixtures("screened")
def test_log_set_appends_to_todays_session(cli) -> None:  # type: ignore[no-untyped-def]
    ok = cli("log", "set", "--exercise", "banded-clamshell", "--reps", "10", "--side", "left",
             "--band", "Yellow", "--rpe", "7", "--pain", "2", "--note", "easy")  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert "Saved: Banded clamshell, set 1, left side: 10 reps" in ok.stdout
    again = cli(
        "log", "set", "-e", "banded-clamshell", "--reps", "9", "--side", "left", "--rir", "1"
    )
    assert "set 2, left side" in again.stdout
    cli("log", "set", "-e", "bridge", "--reps", "12")

    sessions = history(cli)["sessions"]
    assert len(sessions) == 1
    sets = sessions[0]["sets"]
    assert [(s["exercise"], s["set_number"], s["side"], s["reps"]) for s in sets] == [
        ("banded-clamshell", 1, "left", 10),
        ("banded-clamshell", 2, "left", 9),
        ("bridge", 1, None, 12),
    ]
    assert sets[0]["band"] == "yellow" and sets[0]["rpe"] == 7 and sets[0]["note"] == "easy"
    assert sets[1]["reps_in_reserve"] == 1 and sets[0]["source"] == "manual"


@pytest.mark.usefixtures("screened")
def test_log_set_at_a_past_time_goes_to_that_day(cli) -> None:  # type: ignore[no-untyped-def]
    yesterday = (datetime.now().astimezone() - timedelta(days=1)).replace(microsecond=0)
    cli("log", "set", "-e", "bridge", "--reps", "10", "--at", yesterday.isoformat())
    cli("log", "set", "-e", "bridge", "--reps", "10")
    sessions = history(cli)["sessions"]
    assert len(sessions) == 2
    assert datetime.fromisoformat(sessions[0]["sets"][0]["performed_at"]) == yesterday


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-e", "bridge", "--reps", "10", "--pain", "11"], "pain must be a whole number from 0"),
        (["-e", "bridge", "--reps", "-3"], "reps must be a whole number from 0 to 200; got -3"),
        (["-e", "moonwalk", "--reps", "10"], "unknown exercise 'moonwalk'"),
        (
            ["-e", "banded-clamshell", "--reps", "10", "--side", "left", "--band", "purple"],
            "unknown band 'purple'",
        ),
        (["-e", "bridge", "--reps", "10", "--band", "red"], "bridge is done without a band"),
        (["-e", "banded-clamshell", "--reps", "10"], "one side at a time"),
        (["-e", "bridge", "--reps", "10", "--at", TOMORROW], "is in the future"),
        (["-e", "bridge", "--reps", "10", "--at", "2999-01-01T10:00"], "outside the calendar"),
        (["-e", "bridge", "--reps", "10", "--at", "yesterday"], "'yesterday' is not a time"),
        (["-e", "bridge", "--reps", "10", "--rpe", "12"], "effort (RPE) must be from 1"),
        (["-e", "bridge", "--reps", "10", "--rpe", "7", "--rir", "2"], "exactly one of them"),
        (["-e", "bridge"], "give the reps done"),
    ],
)
def test_bad_values_are_refused_with_one_line_and_nothing_written(
    cli, args: list[str], message: str
) -> None:  # type: ignore[no-untyped-def]
    result = cli("log", "set", *args)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0]
    assert history(cli)["sessions"] == []


@pytest.mark.usefixtures("screened")
def test_checkin_next_morning_links_to_the_last_session(cli) -> None:  # type: ignore[no-untyped-def]
    yesterday = datetime.now().astimezone() - timedelta(days=1)
    cli("log", "set", "-e", "bridge", "--reps", "10", "--at", yesterday.isoformat())
    result = cli("checkin", "--pain", "3", "--when", "next-morning", "--note", "stiff")
    assert result.exit_code == 0
    assert "next-morning pain 3/10 for the session of" in result.stdout
    session = history(cli)["sessions"][0]
    assert [(c["kind"], c["pain"], c["note"]) for c in session["checkins"]] == [
        ("next-morning", 3, "stiff")
    ]


def test_checkin_without_a_session_is_kept(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("checkin", "--pain", "4").exit_code == 0
    assert [c["pain"] for c in history(cli)["unlinked_checkins"]] == [4]
    refused = cli("checkin", "--pain", "12")
    assert refused.exit_code == 2 and "got 12" in refused.stderr


@pytest.mark.usefixtures("screened")
def test_history_since_filters_and_renders(cli) -> None:  # type: ignore[no-untyped-def]
    last_week = datetime.now().astimezone() - timedelta(days=7)
    cli("log", "set", "-e", "bridge", "--reps", "8", "--at", last_week.isoformat())
    cli("log", "set", "-e", "bridge", "--reps", "10")
    today = datetime.now().astimezone().date().isoformat()
    assert len(json.loads(cli("history", "--json", "--since", today).stdout)["sessions"]) == 1
    table = cli("history").stdout
    assert "Hip bridge" in table and table.count("completed") == 2
    assert cli("history", "--since", "last week").exit_code == 2


@pytest.mark.usefixtures("screened")
def test_export_import_round_trip_into_an_empty_home(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    yesterday = datetime.now().astimezone() - timedelta(days=1)
    cli("log", "set", "-e", "squat-hip-extension", "--reps", "10", "--side", "left", "--band", "red", "--pain", "1",
        "--at", yesterday.isoformat())  # fmt: skip
    cli("checkin", "--pain", "2", "--when", "next-morning")
    cli("checkin", "--pain", "1", "--when", "before")
    backup = tmp_path / "backup.json"
    assert cli("export", "--format", "json", "--output", str(backup)).exit_code == 0
    original = history(cli)

    monkeypatch.setenv("BACKBRIDGE_HOME", str(tmp_path / "fresh"))
    cli("about")
    imported = cli("import", str(backup))
    assert imported.exit_code == 0, imported.output
    assert "Imported 1 user, 1 session, 1 set, 2 check-ins, 1 screening." in imported.stdout
    assert history(cli) == original

    again = cli("import", str(backup))
    assert "Nothing new to import: all 6 rows were already here." in again.stdout
    assert history(cli) == original


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ('{"format": "something-else"}', "not a backbridge backup"),
        (
            '{"format": "backbridge-backup/1", "users": []}',
            "problem(s) in all); nothing was imported",
        ),
    ],
)
def test_import_refuses_malformed_files(cli, tmp_path: Path, content: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = cli("import", str(path))
    assert result.exit_code == 3
    assert message in result.stderr
    assert cli("import", str(tmp_path / "missing.json")).exit_code == 2
