"""``plan``, ``screen`` and ``simulate`` through the real CLI, and the red-flag stop."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from backbridge.catalog import Catalog


def screen_input(catalog: Catalog, *yes: str, confirm: str = "") -> str:
    lines = ["y" if q.id in yes else "n" for q in catalog.screening.questions]
    return "\n".join([*lines, confirm]) + "\n"


def test_plan_json_has_the_documented_shape(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("plan", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {
        "program",
        "exercises",
        "stopped",
        "stop_reason",
        "screening_due",
        "screening_due_reason",
        "pain_review",
    }
    assert document["pain_review"] is None
    assert document["program"] == "glute-lower-back"
    assert document["stopped"] is False and document["stop_reason"] is None
    assert [e["slug"] for e in document["exercises"]] == [
        "squat-hip-extension",
        "banded-bridge-abduction",
        "banded-clamshell",
    ]
    for exercise in document["exercises"]:
        assert set(exercise) == {
            "slug",
            "sets",
            "reps",
            "per_side",
            "band",
            "rest_s",
            "change",
            "reasons",
        }
        assert exercise["change"] == "start" and exercise["reasons"]


@pytest.mark.usefixtures("screened")
def test_plan_follows_logged_history(cli) -> None:  # type: ignore[no-untyped-def]
    two_days_ago = datetime.now().astimezone() - timedelta(days=2)
    cli("checkin", "--pain", "2", "--when", "before")  # not linked: no session yet
    for side in ("left", "right"):
        for _ in range(3):
            cli("log", "set", "-e", "banded-clamshell", "--reps", "10", "--side", side, "--band", "yellow",
                "--rpe", "7", "--pain", "1", "--at", two_days_ago.isoformat())  # fmt: skip
    items = {e["slug"]: e for e in json.loads(cli("plan", "--json").stdout)["exercises"]}
    clam = items["banded-clamshell"]
    assert clam["change"] == "hold"
    assert any("next-morning check-in" in reason for reason in clam["reasons"])
    text = cli("plan").stdout
    assert "Next session" in text and "Banded clamshell" in text and "next-morning" in text


def test_a_clear_screen_is_stored(cli, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    result = cli("screen", input=screen_input(catalog))
    assert result.exit_code == 0, result.output
    assert "No warning signs" in result.stdout
    assert "Training allowed" in cli("screen", "--status").stdout
    assert json.loads(cli("plan", "--json").stdout)["screening_due"] is False


def test_a_clinician_flag_waits_for_a_clinicians_clearance(cli, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    refused = cli("screen", input=screen_input(catalog, "night-pain", "thoracic-pain"))
    assert refused.exit_code == 4
    assert "See a clinician before you continue" in refused.stdout
    assert "several together make a check more important" in " ".join(refused.stdout.split())
    assert "backbridge screen --cleared --by WHO" in refused.stderr
    assert cli("plan").exit_code == 4
    status = cli("screen", "--status")
    assert status.exit_code == 4 and "Paused." in status.stdout
    unnamed = cli("screen", "--cleared", input="y\n")
    assert unnamed.exit_code == 2 and "say who cleared you with --by" in unnamed.stderr
    cleared = cli("screen", "--cleared", "--by", "Dr Patel, GP", "--note", "seen 1 Dec",
                  input="y\n")  # fmt: skip
    assert cleared.exit_code == 0, cleared.output
    assert "restarts without a step up" in cleared.stdout
    again = cli("screen", input=screen_input(catalog, "night-pain"))
    assert again.exit_code == 0, "a flag a clinician has cleared does not pause again"
    assert "already cleared you" in again.stdout
    assert cli("plan").exit_code == 0


def test_the_inflammatory_back_pain_rule_refers_without_stopping(cli, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    features = ("inflammatory-onset", "onset-before-35", "buttock-pain", "better-with-movement",
                "psoriasis")  # fmt: skip
    result = cli("screen", input=screen_input(catalog, *features))
    assert result.exit_code == 0, result.output
    assert "Ask your doctor for a referral" in result.stdout
    assert "rheumatologist" in " ".join(result.stdout.split())
    assert cli("plan").exit_code == 0


@pytest.mark.parametrize(
    "entry_point",
    [
        ["session", "--no-timers"],
        ["plan"],
        ["plan", "--json"],
        ["log", "set", "-e", "bridge", "--reps", "10"],
    ],
)
def test_an_emergency_answer_blocks_every_training_entry_point(
    cli, catalog: Catalog, entry_point: list[str]
) -> None:  # type: ignore[no-untyped-def]
    stopped = cli("screen", input=screen_input(catalog, "saddle-numbness"))
    assert stopped.exit_code == 4
    assert "Stop: get medical help today" in stopped.stdout

    result = cli(*entry_point, input="2\n")
    assert result.exit_code == 4
    if "--json" in entry_point:
        document = json.loads(result.stdout)
        assert document["stopped"] is True and "medical help today" in document["stop_reason"]
        assert document["exercises"] == []
    else:
        assert "error: A red-flag answer on" in result.stderr
        assert "backbridge screen --cleared" in result.stderr
    assert json.loads(cli("history", "--json").stdout)["sessions"] == []
    assert cli("checkin", "--pain", "3").exit_code == 0, "check-ins and history stay available"

    assert cli("screen", "--cleared", "--by", "GP", input="n\n").exit_code == 4
    cleared = cli("screen", "--cleared", "--by", "GP", "--note", "1 Dec", input="y\n")
    assert cleared.exit_code == 0
    assert cli("plan").exit_code == 0


def test_a_severe_checkin_asks_for_the_screen(cli, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    cli("screen", input=screen_input(catalog))
    result = cli("checkin", "--pain", "8", "--when", "before")
    assert "The safety questions are due" in result.stdout
    assert (
        json.loads(cli("plan", "--json").stdout)["screening_due_reason"]
        == "a check-in reported pain of 8/10"
    )


def test_simulate_steady_json(cli) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(cli("simulate", "--weeks", "12", "--profile", "steady", "--json").stdout)
    assert document["profile"] == "steady" and len(document["sessions"]) == 36
    clam = [e for s in document["sessions"] for e in s["exercises"] if "clamshell" in e["slug"]]
    assert {e["band"] for e in clam} >= {"yellow", "red", "green"}


@pytest.mark.parametrize("profile", ["steady", "flare", "irregular"])
def test_simulate_table(cli, profile: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("simulate", "--weeks", "8", "--profile", profile)
    assert result.exit_code == 0
    assert f"Simulated {profile} trainee" in result.stdout


def test_simulate_refuses_silly_lengths(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("simulate", "--weeks", "0").exit_code == 2
    assert cli("simulate", "--profile", "lazy").exit_code == 2


@pytest.mark.usefixtures("screened")
def test_a_high_pain_before_a_quick_session_says_it_should_be_lighter(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("checkin", "--pain", "6", "--when", "before")
    assert result.exit_code == 0, result.output
    assert "today is a lighter session" in " ".join(result.stdout.split())
    calm = cli("checkin", "--pain", "3", "--when", "before")
    assert "lighter" not in calm.stdout
