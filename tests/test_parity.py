"""Path parity: each safety and training rule gives the same outcome through every way in.

The ways in are the guided session in the terminal (``backbridge session``), quick logging in
the terminal (``backbridge log set``), the guided session the web player drives (the
``/api/v1/sessions`` steps it posts to), quick logging through the REST API
(``POST /api/v1/sets``), and backup import (a history exported after the scenario and
imported into an empty home must be judged the same). Each rule is one scenario; each way in
implements the same few moves, and the test compares what the person is told and what is
stored. Everything is real: the CLI in-process on the test's SQLite home, the app through
FastAPI's test client on the same file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import pytest
from fastapi.testclient import TestClient

from backbridge.catalog import Catalog
from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.cli.conftest import Cli
from tests.web.conftest import TEST_HOSTS

API = "/api/v1"
EXERCISE = "squat-hip-extension"
"""The first main exercise of the program: both sides alternate, with a red band."""
PAINFUL = 6
"""Above the acceptable limit: the exercise stops for the day."""
SEVERE = 7
"""Severe: the day's training stops, every exercise."""
OTHER = "banded-bridge-abduction"
"""The second main exercise of the program, with a red band."""
ABDUCTION = "standing-hip-abduction"
ABDUCTION_CLIP = "side_leg_raise_darebee.json.gz"
"""Side leg raises, alternating: each side counted, and the pelvis tilting on every high lift."""


@dataclass(frozen=True)
class Attempt:
    """What one attempt to train came to."""

    stored: bool
    refusal: str | None = None
    """``stopped`` (a red flag), ``review`` (a pain review waits for a confirmation), ``due``
    (the safety questions first), ``conflict``, or ``None``."""
    text: str = ""
    """Everything the person was told."""


class Way(Protocol):
    name: str

    def screen(self, *yes: str) -> None: ...

    def train(self, pain: int) -> Attempt:
        """Give the pre-session pain where this way asks for it, then the first set of
        :data:`EXERCISE` (both sides) with ``pain`` during it."""
        ...

    def again(self) -> Attempt:
        """Try one more set of :data:`EXERCISE` the same day."""
        ...

    def other(self) -> Attempt:
        """Try a set of :data:`OTHER`, the next main exercise, the same day."""
        ...

    def finish(self) -> None:
        """End the day's training the way this way does (a guided session is finished)."""
        ...


@dataclass
class World:
    """One person's home, reachable from the CLI and from the app."""

    cli: Cli
    client: TestClient
    catalog: Catalog

    def answers(self, *yes: str) -> dict[str, bool]:
        return {q.id: q.id in yes for q in self.catalog.screening.questions}

    def history(self) -> dict[str, Any]:
        result = self.cli("history", "--json")
        assert result.exit_code == 0, result.output
        return dict(json.loads(result.stdout))

    def done_sets(self) -> list[dict[str, Any]]:
        return [
            s
            for session in self.history()["sessions"]
            for s in session["sets"]
            if s["exercise"] == EXERCISE and s["status"] == "done"
        ]

    def plan(self) -> dict[str, Any]:
        return dict(self.client.get(f"{API}/plan").json())

    def status(self) -> dict[str, Any]:
        return dict(self.client.get(f"{API}/screening/status").json())


def _refusal(text: str) -> str | None:
    if "Pain review:" in text:
        return "review"
    if "red-flag answer" in text or "stopped until a clinician" in text:
        return "stopped"
    if "safety questions are due" in text or "Safety check first" in text:
        return "due"
    if "stopped for today" in text or "already logged" in text or "over for today" in text:
        return "conflict"
    return None


class TerminalGuided:
    name = "terminal guided session"

    def __init__(self, world: World) -> None:
        self.world = world

    def screen(self, *yes: str) -> None:
        questions = self.world.catalog.screening.questions
        self.world.cli("screen", input="".join("y\n" if q.id in yes else "n\n" for q in questions))

    def train(self, pain: int) -> Attempt:
        before = len(self.world.done_sets())
        # pain before; reps left and right (the target); band (the plan's); effort; pain; note
        script = f"2\n\n\n\n7\n{pain}\n\n"
        result = self.world.cli("session", "--no-timers", input=script)
        text = result.stdout + result.stderr
        return Attempt(len(self.world.done_sets()) > before, _refusal(text), text)

    def again(self) -> Attempt:
        return self._offered(EXERCISE)

    def other(self) -> Attempt:
        return self._offered(OTHER)

    def _offered(self, exercise: str) -> Attempt:
        """The terminal offers exactly the pending steps when the session is resumed; a
        session that went on to its end offers none."""
        current = self.world.client.get(f"{API}/sessions/current").json()
        offered = [
            step
            for step in current.get("steps", [])
            if step["exercise"] == exercise and step["state"] == "pending"
        ]
        return Attempt(bool(offered), None if offered else "conflict")

    def finish(self) -> None:
        """Resume the session and skip every set left, so it ends with its summary."""
        if self.world.client.get(f"{API}/sessions/current").status_code == 404:
            return  # the session already went on to its end
        result = self.world.cli("session", "--resume", "--no-timers", input="s\n" * 40)
        assert result.exit_code == 0 and "Session summary" in result.stdout, result.output


class TerminalQuick:
    name = "terminal quick log"

    def __init__(self, world: World) -> None:
        self.world = world

    def screen(self, *yes: str) -> None:
        TerminalGuided(self.world).screen(*yes)

    def train(self, pain: int) -> Attempt:
        checked = self.world.cli("checkin", "--pain", "2", "--when", "before")
        assert checked.exit_code == 0, checked.output
        return self._log("left", pain)

    def again(self) -> Attempt:
        return self._log("right", 1)

    def other(self) -> Attempt:
        return self._log(None, 1, OTHER)

    def finish(self) -> None:
        """Quick-logged sets need no ending."""

    def _log(self, side: str | None, pain: int, exercise: str = EXERCISE) -> Attempt:
        sided = () if side is None else ("--side", side)
        result = self.world.cli("log", "set", "-e", exercise, "--reps", "10", *sided,
                                "--band", "red", "--rpe", "7", "--pain", str(pain))  # fmt: skip
        text = result.stdout + result.stderr
        return Attempt(result.exit_code == 0, _refusal(text), text)


class WebPlayer:
    name = "web player"

    def __init__(self, world: World) -> None:
        self.world = world
        self.session: dict[str, Any] | None = None

    def screen(self, *yes: str) -> None:
        self.world.client.post(f"{API}/screening", json={"answers": self.world.answers(*yes)})

    def train(self, pain: int) -> Attempt:
        client = self.world.client
        started = client.post(f"{API}/sessions", json={})
        if started.status_code != 201:
            return Attempt(False, _refusal(started.json()["error"]), started.json()["error"])
        session_id = started.json()["id"]
        untouched = self._step(session_id, pain)
        assert untouched.status_code == 409, "a step before the pain check-in is refused"
        assert "pain check-in first" in untouched.json()["error"]
        checked = client.post(f"{API}/sessions/{session_id}/checkin", json={"pain": 2})
        assert checked.status_code == 201, checked.text
        self.session = client.get(f"{API}/sessions/{session_id}").json()
        logged = self._step(session_id, pain)
        body = logged.json()
        if logged.status_code != 201:
            return Attempt(False, _refusal(body["error"]), body["error"])
        return Attempt(True, None, " ".join(body["messages"]))

    def again(self) -> Attempt:
        assert self.session is not None
        response = self._step(self.session["id"], 1, nth=1)
        if response.status_code == 201:
            return Attempt(True)
        return Attempt(False, "conflict" if response.status_code == 409 else None)

    def other(self) -> Attempt:
        assert self.session is not None
        response = self._step(self.session["id"], 1, exercise=OTHER)
        if response.status_code == 201:
            return Attempt(True)
        return Attempt(False, "conflict" if response.status_code == 409 else None)

    def finish(self) -> None:
        assert self.session is not None
        finished = self.world.client.post(f"{API}/sessions/{self.session['id']}/finish")
        assert finished.status_code == 200, finished.text

    def _step(self, session_id: str, pain: int, nth: int = 0, exercise: str = EXERCISE) -> Any:
        current = self.world.client.get(f"{API}/sessions/{session_id}").json()
        step = [s for s in current["steps"] if s["exercise"] == exercise][nth]
        body = {
            "amounts": dict.fromkeys(step["sides"], step["target"]),
            "band": step["band"],
            "effort": {"rpe": 7},
            "pain": pain,
        }
        return self.world.client.post(f"{API}/sessions/{session_id}/steps/{step['index']}",
                                      json=body)  # fmt: skip


class RestQuick:
    name = "REST API quick log"

    def __init__(self, world: World) -> None:
        self.world = world

    def screen(self, *yes: str) -> None:
        WebPlayer(self.world).screen(*yes)

    def train(self, pain: int) -> Attempt:
        checked = self.world.client.post(f"{API}/checkins", json={"kind": "before", "pain": 2})
        assert checked.status_code == 201, checked.text
        return self._log("left", pain)

    def again(self) -> Attempt:
        return self._log("right", 1)

    def other(self) -> Attempt:
        return self._log(None, 1, OTHER)

    def finish(self) -> None:
        """Quick-logged sets need no ending."""

    def _log(self, side: str | None, pain: int, exercise: str = EXERCISE) -> Attempt:
        body = {"exercise": exercise, "reps": 10, "band": "red",
                "effort": {"rpe": 7}, "pain": pain}  # fmt: skip
        if side is not None:
            body["side"] = side
        response = self.world.client.post(f"{API}/sets", json=body)
        document = response.json()
        if response.status_code == 201:
            return Attempt(True, None, " ".join(document["messages"]))
        return Attempt(False, _refusal(document["error"]), document["error"])


WAYS = [TerminalGuided, TerminalQuick, WebPlayer, RestQuick]


@pytest.fixture
def world(isolated_home: Path, catalog: Catalog) -> Iterator[World]:
    cli = Cli()
    assert cli("about").exit_code == 0
    cli("history", "--json")  # the first-run notice, once, before the scenarios
    with TestClient(create_app(Settings(home=isolated_home), hosts=TEST_HOSTS)) as client:
        yield World(cli, client, catalog)


def imported_copy(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """The same history exported and imported into an empty home, seen through a new app."""
    backup = tmp_path / "backup.json"
    assert world.cli("export", "--output", str(backup)).exit_code == 0
    monkeypatch.setenv("BACKBRIDGE_HOME", str(tmp_path / "imported"))
    imported = world.cli("import", str(backup))
    assert imported.exit_code == 0, imported.output
    client = TestClient(create_app(Settings(home=tmp_path / "imported"), hosts=TEST_HOSTS))
    client.__enter__()
    return World(world.cli, client, world.catalog)


def assert_imported_the_same(world: World, tmp_path: Path, mp: pytest.MonkeyPatch) -> None:
    """Backup import: the imported history gets the same status and the same next plan."""
    status, plan, sets = world.status(), world.plan(), world.done_sets()
    copy = imported_copy(world, tmp_path, mp)
    try:
        assert copy.status() == status
        assert copy.plan() == plan
        assert copy.done_sets() == sets
    finally:
        copy.client.__exit__(None, None, None)


@pytest.mark.parametrize("way", WAYS, ids=lambda w: w.name)
def test_a_red_flag_stops_training_with_the_referral(
    way: type[Way], world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = way(world)  # type: ignore[call-arg]
    path.screen("saddle-numbness")
    attempt = path.train(pain=1)
    assert not attempt.stored and attempt.refusal == "stopped", attempt.text
    referral = world.status()["referral"]
    assert referral and "medical help today" in referral
    assert world.done_sets() == []
    assert_imported_the_same(world, tmp_path, monkeypatch)


@pytest.mark.parametrize("way", WAYS, ids=lambda w: w.name)
def test_nothing_is_logged_while_the_safety_questions_are_due(
    way: type[Way], world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = way(world)  # type: ignore[call-arg]
    attempt = path.train(pain=1)
    assert not attempt.stored and attempt.refusal == "due", attempt.text
    assert world.done_sets() == []
    assert world.status()["screening_due"]
    assert_imported_the_same(world, tmp_path, monkeypatch)


@pytest.mark.parametrize("way", WAYS, ids=lambda w: w.name)
def test_pain_above_the_limit_stops_that_exercise_for_the_day(
    way: type[Way], world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = way(world)  # type: ignore[call-arg]
    path.screen()
    attempt = path.train(pain=PAINFUL)
    assert attempt.stored, attempt.text
    limit = world.catalog.rules.pain.acceptable_max
    assert f"above the {limit}/10 limit" in " ".join(attempt.text.split()), attempt.text
    again = path.again()
    assert not again.stored and again.refusal == "conflict", again.text
    assert path.other().stored, "pain above the limit stops only that exercise"
    path.finish()
    squat = next(e for e in world.plan()["exercises"] if e["slug"] == EXERCISE)
    assert squat["change"] == "regress", squat
    assert_imported_the_same(world, tmp_path, monkeypatch)


@pytest.mark.parametrize("way", WAYS, ids=lambda w: w.name)
def test_severe_pain_ends_the_days_training(
    way: type[Way], world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = way(world)  # type: ignore[call-arg]
    path.screen()
    attempt = path.train(pain=SEVERE)
    assert attempt.stored, attempt.text
    told = " ".join(attempt.text.split())
    assert "the training stops here for today, for every exercise" in told, attempt.text
    for more in (path.again(), path.other()):
        assert not more.stored and more.refusal == "conflict", more.text
    path.finish()
    squat = next(e for e in world.plan()["exercises"] if e["slug"] == EXERCISE)
    assert squat["change"] == "regress", squat
    assert_imported_the_same(world, tmp_path, monkeypatch)


@pytest.mark.parametrize("way", WAYS, ids=lambda w: w.name)
def test_the_pre_session_pain_joins_the_session_it_was_given_for(
    way: type[Way], world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = way(world)  # type: ignore[call-arg]
    path.screen()
    assert path.train(pain=1).stored
    (session,) = world.history()["sessions"]
    assert [(c["kind"], c["pain"]) for c in session["checkins"]] == [("before", 2)]
    assert world.history()["unlinked_checkins"] == []
    assert_imported_the_same(world, tmp_path, monkeypatch)


@pytest.mark.parametrize("way", [TerminalQuick, RestQuick], ids=lambda w: w.name)
def test_a_before_checkin_given_after_the_first_quick_set_joins_its_session(
    way: type[Way], world: World
) -> None:
    path = way(world)  # type: ignore[call-arg]
    path.screen()
    assert path.again().stored, "a set first"
    recorded = world.client.post(f"{API}/checkins", json={"kind": "before", "pain": 3})
    assert recorded.status_code == 201 and recorded.json()["session_id"], recorded.text
    (session,) = world.history()["sessions"]
    assert [(c["kind"], c["pain"]) for c in session["checkins"]] == [("before", 3)]


def test_every_way_shows_the_same_dose(world: World) -> None:
    """The dose the terminal plan, the API plan, the guided steps and the session card use."""
    WebPlayer(world).screen()
    cli_plan = json.loads(world.cli("plan", "--json").stdout)
    assert cli_plan == world.plan()
    squat = next(e for e in cli_plan["exercises"] if e["slug"] == EXERCISE)
    started = world.client.post(f"{API}/sessions", json={}).json()
    steps = [s for s in started["steps"] if s["exercise"] == EXERCISE]
    assert len(steps) == squat["sets"]
    assert {(s["target"], s["band"]) for s in steps} == {(squat["reps"], squat["band"])}
    card = world.cli("session", "--no-timers", input="2\n").stdout
    assert f"{squat['sets']} × {squat['reps']}" in card


def test_camera_sets_from_the_terminal_and_the_browser_both_reach_the_faults_chart(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``backbridge camera`` and the camera page (its socket, then ``POST /camera-sets`` as
    camera.js sends it) store the same rows, one per side, and the progress chart counts
    both. The side leg raises go higher than the hip can without the pelvis tilting, so the
    clip has faults to count."""
    pytest.importorskip("cv2")
    from backbridge.capture import overlay, sources
    from tests.cli.test_vision_commands import AlwaysOpenWindow, ReplayCamera
    from tests.conftest import SHARED
    from tests.web.test_camera import clip_messages

    WebPlayer(world).screen()
    monkeypatch.setattr(ReplayCamera, "recording", ABDUCTION_CLIP)
    monkeypatch.setattr(sources, "WebcamSource", ReplayCamera)
    monkeypatch.setattr(overlay, "LiveWindow", AlwaysOpenWindow)
    terminal = world.cli("camera", "-e", ABDUCTION, input="y\n")
    assert terminal.exit_code == 0, terminal.output

    with world.client.websocket_connect(f"/ws/camera?exercise={ABDUCTION}") as socket:
        for message in clip_messages(SHARED / "data" / "vision" / "dev" / ABDUCTION_CLIP):
            socket.send_json(message)
            socket.receive_json()
        socket.send_json({"type": "finish"})
        report = socket.receive_json()
    watched = report["watched"]
    body = {"exercise": ABDUCTION, "reps": watched["counted"], "counted": watched["counted"],
            "faults": watched["faults"], "pain": 1}  # fmt: skip
    assert world.client.post(f"{API}/camera-sets", json=body).status_code == 201

    rows = world.history()["sessions"][0]["sets"]
    by_way = [sorted(rows[:2], key=lambda r: r["side"]), sorted(rows[2:], key=lambda r: r["side"])]
    assert [r["side"] for r in by_way[0]] == ["left", "right"]
    assert [r["camera"] for r in by_way[0]] == [r["camera"] for r in by_way[1]], "the same rows"
    faults = sum(len(r["camera"]["faults"]) for r in by_way[0])
    assert faults > 0, "the clip has faults to count"
    progress = world.client.get(f"{API}/progress", params={"weeks": 1}).json()
    assert progress["faults"] == [2 * faults] and progress["camera_sets"] == [4]
    page = world.client.get("/progress").text
    assert f"4 camera set(s), {2 * faults} fault(s)" in page


@pytest.mark.parametrize("way", WAYS, ids=lambda w: w.name)
def test_a_pain_review_waits_for_the_persons_confirmation(
    way: type[Way], world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pain above the limit in two sessions in a row (logged on two earlier days) raises the
    pain review: the next session is refused on every way until the person confirms."""
    path = way(world)  # type: ignore[call-arg]
    path.screen()
    now = datetime.now(UTC)
    for days in (3, 2):
        body = {"exercise": EXERCISE, "reps": 10, "side": "left", "band": "red",
                "effort": {"rpe": 7}, "pain": PAINFUL,
                "at": (now - timedelta(days=days)).isoformat()}  # fmt: skip
        logged = world.client.post(f"{API}/sets", json=body)
        assert logged.status_code == 201, logged.text
    attempt = path.train(pain=1)
    assert not attempt.stored and attempt.refusal == "review", attempt.text
    review = world.plan()["pain_review"]
    assert review["training_paused"] and review["cause"] == "persistent-pain"
    assert world.status()["pain_review"]["training_paused"]
    confirmed = world.client.post(f"{API}/screening/review", json={"note": "booked"})
    assert confirmed.status_code == 201, confirmed.text
    assert path.train(pain=1).stored
    assert all(e["change"] != "progress" for e in world.plan()["exercises"])
    assert_imported_the_same(world, tmp_path, monkeypatch)
