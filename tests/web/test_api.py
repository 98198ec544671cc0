"""The REST API in-process on SQLite: shapes, the guided session, corrections, errors."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backbridge.catalog import Catalog
from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.web.conftest import API, TEST_HOSTS, answers, ready_session


def one_line_error(response: Any, status: int, action: str | None = None) -> str:
    """The error line of a refusal; ``action`` is the id of the action it must offer (none
    when ``None``)."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ({"error", "action"} if action else {"error"}), body
    assert body["error"] and "\n" not in body["error"]
    assert "`backbridge" not in body["error"], "an API error names no terminal command"
    if action is not None:
        assert body["action"]["id"] == action, body
        assert body["action"]["label"] and body["action"]["href"].startswith("/")
    return str(body["error"])


def step_body(step: dict[str, Any], pain: int = 1) -> dict[str, Any]:
    amounts = dict.fromkeys(step["sides"], step["target"])
    if step["block"] != "main":
        return {"amounts": amounts}
    body: dict[str, Any] = {
        "amounts": amounts,
        "effort": {"rpe": 7.5},
        "pain": pain,
        "note": "fine",
    }
    if step["uses_band"]:
        body["band"] = step["band"]
    return body


def sessions_stored(client: TestClient) -> list[dict[str, Any]]:
    return list(client.get(f"{API}/sessions").json())


def test_exercises_list_and_show(client: TestClient, catalog: Catalog) -> None:
    listed = client.get(f"{API}/exercises").json()
    assert [e["slug"] for e in listed] == [e.slug for e in catalog.exercises]
    stretches = client.get(f"{API}/exercises", params={"kind": "stretch"}).json()
    assert stretches and all(e["kind"] == "stretch" for e in stretches)
    shown = client.get(f"{API}/exercises/banded-clamshell").json()
    assert shown["ladder"] == ["clamshell", "banded-clamshell", "side-plank-clamshell"]
    assert shown["source_citations"]
    missing = client.get(f"{API}/exercises/banded-clamshel")
    assert "did you mean" in one_line_error(missing, 404, action="list-exercises")
    assert missing.json()["action"]["href"] == "/library"


def test_plan_has_the_shape_of_plan_json(client: TestClient, cli: Any) -> None:
    from_api = client.get(f"{API}/plan").json()
    from_cli = json.loads(cli("plan", "--json").stdout)
    assert set(from_api) == set(from_cli)
    assert from_api["exercises"] == from_cli["exercises"]
    assert all(item["reasons"] for item in from_api["exercises"])
    assert client.get(f"{API}/programs").json()[0]["slug"] == "glute-lower-back"
    one_line_error(client.get(f"{API}/plan", params={"program": "nope"}), 404)


def test_training_waits_for_the_safety_questions(client: TestClient, catalog: Catalog) -> None:
    refused = client.post(f"{API}/sessions", json={})
    message = one_line_error(refused, 409, action="screen")
    assert "safety questions" in message and "not been answered" in message
    assert refused.json()["action"]["href"] == "/safety"
    quick = client.post(f"{API}/sets", json={"exercise": "bridge", "reps": 10, "pain": 1})
    assert one_line_error(quick, 409, action="screen") == message
    assert sessions_stored(client) == []
    client.post(f"{API}/screening", json=answers(catalog))
    started = client.post(f"{API}/sessions", json={})
    assert started.status_code == 201
    again = client.post(f"{API}/sessions", json={})
    assert again.status_code == 200 and again.json()["id"] == started.json()["id"]
    assert client.get(f"{API}/sessions/current").json()["id"] == started.json()["id"]


def test_a_painful_checkin_brings_the_questions_back_before_the_next_set(
    cleared: TestClient, catalog: Catalog
) -> None:
    session = cleared.post(f"{API}/sessions", json={}).json()
    checkin = cleared.post(f"{API}/sessions/{session['id']}/checkin", json={"pain": 8})
    assert checkin.status_code == 201, checkin.text
    assert checkin.json()["screening_due"] is True and checkin.json()["kind"] == "before"
    assert "8/10 before you start" in checkin.json()["messages"][0]
    assert "lighter session" in checkin.json()["messages"][0]
    step = session["steps"][0]
    url = f"{API}/sessions/{session['id']}/steps/{step['index']}"
    refused = cleared.post(url, json=step_body(step))
    assert "pain of 8/10" in one_line_error(refused, 409, action="screen")
    quick = cleared.post(f"{API}/sets", json={"exercise": "bridge", "reps": 10, "pain": 1})
    one_line_error(quick, 409, action="screen")
    states = [s["state"] for s in cleared.get(f"{API}/sessions/{session['id']}").json()["steps"]]
    assert "done" not in states
    assert "skipped" in states, "8/10 before the session makes it a lighter day"
    assert cleared.post(f"{API}/screening", json=answers(catalog)).status_code == 201
    assert cleared.post(url, json=step_body(step)).status_code == 201


def test_a_step_before_the_pain_checkin_is_refused(cleared: TestClient) -> None:
    session = cleared.post(f"{API}/sessions", json={}).json()
    assert session["needs_checkin"]
    step = session["steps"][0]
    refused = cleared.post(f"{API}/sessions/{session['id']}/steps/0", json=step_body(step))
    assert "check-in" in one_line_error(refused, 409)
    assert cleared.get(f"{API}/sessions/{session['id']}").json()["progress"]["done"] == 0


def test_a_whole_guided_session_is_stored_set_by_set(cleared: TestClient) -> None:
    client = cleared
    session = client.post(f"{API}/sessions", json={}).json()
    assert session["needs_checkin"] and session["next_step"] == 0
    checkin = client.post(f"{API}/sessions/{session['id']}/checkin", json={"pain": 2}).json()
    assert checkin["messages"] == [] and checkin["screening_due"] is False
    saved_ids = []
    for step in session["steps"]:
        response = client.post(
            f"{API}/sessions/{session['id']}/steps/{step['index']}", json=step_body(step)
        )
        assert response.status_code == 201, response.text
        saved = response.json()["saved"]
        assert len(saved) == len(step["sides"])
        main = step["block"] == "main"
        assert all(row["rpe"] == (7.5 if main else None) for row in saved)
        assert all(row["reps_in_reserve"] is None and row["source"] == "guided" for row in saved)
        saved_ids += [row["id"] for row in saved]
    stored = client.get(f"{API}/sessions/{session['id']}").json()
    assert stored["next_step"] is None and not stored["needs_checkin"]
    assert all(step["state"] == "done" for step in stored["steps"])
    for set_id in saved_ids:
        assert client.get(f"{API}/sets/{set_id}").status_code == 200
    finished = client.post(f"{API}/sessions/{session['id']}/finish").json()
    assert finished["status"] == "completed"
    history = client.get(f"{API}/history").json()
    assert {s["id"] for s in history["sessions"][0]["sets"]} == set(saved_ids)
    assert history["sessions"][0]["summary"]["pain_before"] == 2
    listed = client.get(f"{API}/sessions").json()
    assert listed[0]["sets"] == len(saved_ids)
    late = client.post(f"{API}/sessions/{session['id']}/steps/0", json={"skip": True})
    assert "completed" in one_line_error(late, 409)


def test_a_resumed_session_continues_at_the_first_step_not_logged(cleared: TestClient) -> None:
    session = ready_session(cleared)
    for step in session["steps"][:3]:
        cleared.post(f"{API}/sessions/{session['id']}/steps/{step['index']}", json=step_body(step))
    resumed = cleared.post(f"{API}/sessions", json={"resume": True}).json()
    assert resumed["id"] == session["id"] and resumed["next_step"] == 3
    assert not resumed["needs_checkin"]
    again = cleared.post(
        f"{API}/sessions/{session['id']}/steps/0", json=step_body(session["steps"][0])
    )
    assert "already logged" in one_line_error(again, 409)
    assert cleared.get(f"{API}/sessions/{session['id']}").json()["progress"]["done"] == 3


def test_pain_above_the_limit_stops_the_exercise_for_today(cleared: TestClient) -> None:
    session = ready_session(cleared)
    main = [s for s in session["steps"] if s["block"] == "main"]
    first = main[0]
    answer = cleared.post(
        f"{API}/sessions/{session['id']}/steps/{first['index']}", json=step_body(first, pain=6)
    ).json()
    assert answer["stopped_exercise"] and "above" in answer["messages"][0]
    assert not answer["stopped_session"]
    stored = cleared.get(f"{API}/sessions/{session['id']}").json()
    same = [
        s for s in stored["steps"] if s["exercise"] == first["exercise"] and s["block"] == "main"
    ]
    assert [s["state"] for s in same][1:] == ["skipped"] * (len(same) - 1)
    quick: dict[str, Any] = {"exercise": first["exercise"], "reps": 5, "pain": 1}
    if len(first["sides"]) == 2:
        quick["side"] = "left"
    assert "stopped for today" in one_line_error(cleared.post(f"{API}/sets", json=quick), 409)


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"pain": 11}, 422, "pain must be a whole number from 0"),
        ({"effort": {"rpe": 11}}, 422, "effort.rpe: effort (RPE) must be from 1"),
        ({"effort": {"rpe": 7.25}}, 422, "in steps of 0.5"),
        ({"effort": {"reps_in_reserve": 11}}, 422, "reps in reserve must be a whole number"),
        ({"effort": {"rpe": 7, "reps_in_reserve": 2}}, 422, "exactly one of them"),
        ({"effort": "rir 2"}, 422, "effort: Input should be a valid dictionary"),
        ({"amounts": {"both": 10}}, 422, "give the amount done for"),
        ({"amounts": {"left": -1, "right": 10}}, 422, "reps must be a whole number"),
        ({"amounts": {"up": 10, "right": 10}}, 422, "should be 'left', 'right' or 'both'"),
        ({"band": "purple"}, 404, "unknown band 'purple'"),
        ({"reps": 3}, 422, "reps: Extra inputs are not permitted"),
        ({"pain": "lots"}, 422, "pain: Input should be a valid integer"),
    ],
)
def test_bad_step_input_is_one_clear_line(
    cleared: TestClient, change: dict[str, Any], status: int, words: str
) -> None:
    session = ready_session(cleared)
    step = next(s for s in session["steps"] if s["block"] == "main" and len(s["sides"]) == 2)
    body = {**step_body(step), **change}
    response = cleared.post(f"{API}/sessions/{session['id']}/steps/{step['index']}", json=body)
    assert words in one_line_error(response, status)
    assert cleared.get(f"{API}/sessions/{session['id']}").json()["progress"]["done"] == 0


def test_malformed_requests_and_unknown_ids(cleared: TestClient) -> None:
    response = cleared.post(
        f"{API}/sets", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    one_line_error(response, 422)
    one_line_error(cleared.get(f"{API}/sessions/not-a-uuid"), 422)
    one_line_error(cleared.get(f"{API}/sessions/00000000-0000-0000-0000-000000000000"), 404)
    one_line_error(cleared.get(f"{API}/no-such-thing"), 404)
    session = ready_session(cleared)
    one_line_error(cleared.post(f"{API}/sessions/{session['id']}/steps/999", json={}), 404)


@pytest.mark.parametrize(
    ("path", "body", "says"),
    [
        ("/checkins", {"pain": False}, "pain: Input should be a valid integer"),
        ("/checkins", {"pain": 3.0}, "pain: Input should be a valid integer"),
        ("/checkins", {"pain": 2, "note": "a\x00b"}, "note: a note holds a NUL character"),
        ("/sessions", {"resume": 0}, "resume: Input should be a valid boolean"),
        ("/sets", {"exercise": "bridge", "reps": 10, "at": "2999-01-01T10:00:00Z"},
         "at: 2999-01-01 is outside the calendar"),
        ("/sets", {"exercise": "x" * 81, "reps": 10}, "exercise: the name can hold up to 80"),
        ("/screening", {"answers": {"fever": 0}}, "answers.fever: Input should be a valid bool"),
    ],
)  # fmt: skip
def test_values_are_taken_strictly_as_the_schema_states(
    cleared: TestClient, path: str, body: dict[str, Any], says: str
) -> None:
    """No true/false becomes a number, no 0 a boolean, no 3.0 a count: the API is as strict as
    its document, and its words are the terminal's."""
    before = len(cleared.get(f"{API}/history").json()["sessions"])
    assert says in one_line_error(cleared.post(f"{API}{path}", json=body), 422)
    assert len(cleared.get(f"{API}/history").json()["sessions"]) == before


def test_a_method_a_path_does_not_take_names_those_it_does(cleared: TestClient) -> None:
    response = cleared.request("OPTIONS", f"{API}/sets/00000000-0000-0000-0000-000000000000")
    assert response.headers["allow"] == "GET, PATCH, DELETE"
    assert one_line_error(response, 405) == (
        "this address does not take OPTIONS requests; it takes GET, PATCH, DELETE"
    )


def test_every_refusal_is_documented_with_its_body(client: TestClient) -> None:
    """Each operation states the 4xx it can answer with the ``{"error", "action"}`` body."""
    document = client.get(f"{API}/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            refusals = {k: v for k, v in operation["responses"].items() if k.startswith("4")}
            assert "421" in refusals, (method, path)
            assert ("403" in refusals) == (method != "get"), (method, path)
            assert ("400" in refusals) == ("requestBody" in operation), (method, path)
            for answer in refusals.values():
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, (method, path)


def test_single_sets_are_logged_edited_and_deleted(cleared: TestClient) -> None:
    body = {"exercise": "banded-clamshell", "reps": 10, "side": "left", "band": "yellow",
            "effort": {"reps_in_reserve": 2}, "pain": 2}  # fmt: skip
    logged = cleared.post(f"{API}/sets", json=body)
    assert logged.status_code == 201, logged.text
    row = logged.json()
    assert row["reps_in_reserve"] == 2 and row["rpe"] is None and row["source"] == "manual"
    assert row["camera"] is None
    assert row["messages"] == [] and row["stopped_exercise"] is False
    assert row["session"]["guided"] is False and row["session"]["status"] == "completed"
    assert row["session"]["sets"] == 1, "the session as it stands after this set"
    assert cleared.get(f"{API}/sets/{row['id']}").json()["reps"] == 10
    edited = cleared.patch(f"{API}/sets/{row['id']}", json={"reps": 12, "note": "felt good"})
    assert edited.status_code == 200 and edited.json()["reps"] == 12
    assert edited.json()["band"] == "yellow" and edited.json()["note"] == "felt good"
    assert edited.json()["reps_in_reserve"] == 2
    rated = cleared.patch(f"{API}/sets/{row['id']}", json={"effort": {"rpe": 8}}).json()
    assert (rated["rpe"], rated["reps_in_reserve"]) == (8, None)
    one_line_error(cleared.patch(f"{API}/sets/{row['id']}", json={"effort": "8"}), 422)
    one_line_error(cleared.patch(f"{API}/sets/{row['id']}", json={"pain": 12}), 422)
    stored = cleared.get(f"{API}/sets/{row['id']}").json()
    assert (stored["pain"], stored["rpe"]) == (2, 8)
    cleared_effort = cleared.patch(f"{API}/sets/{row['id']}", json={"effort": None}).json()
    assert (cleared_effort["rpe"], cleared_effort["reps_in_reserve"]) == (None, None)
    assert cleared.delete(f"{API}/sets/{row['id']}").status_code == 204
    one_line_error(cleared.get(f"{API}/sets/{row['id']}"), 404)
    missing_side = {"exercise": "banded-clamshell", "reps": 10}
    assert "one side at a time" in one_line_error(
        cleared.post(f"{API}/sets", json=missing_side), 422
    )
    texted = {**body, "effort": "rir 2"}
    assert "effort:" in one_line_error(cleared.post(f"{API}/sets", json=texted), 422)


def test_acceptable_pain_in_a_quick_set_is_answered_with_the_rule(cleared: TestClient) -> None:
    body = {"exercise": "bridge", "reps": 10, "pain": 4}
    answer = cleared.post(f"{API}/sets", json=body).json()
    assert answer["stopped_exercise"] is False and "acceptable" in answer["messages"][0]
    stopped = cleared.post(f"{API}/sets", json={**body, "pain": 6}).json()
    assert stopped["stopped_exercise"] is True and "above the 5/10 limit" in stopped["messages"][0]
    refused = cleared.post(f"{API}/sets", json=body)
    assert "stopped for today: pain 6/10 in set 2" in one_line_error(refused, 409)
    sets = cleared.get(f"{API}/sessions/{stopped['session']['id']}").json()["sets"]
    assert [s["set_number"] for s in sets] == [1, 2]


def test_checkins(cleared: TestClient) -> None:
    stored = cleared.post(f"{API}/checkins", json={"pain": 3, "kind": "next-morning"})
    assert stored.status_code == 201 and stored.json()["linked_session"] is None
    assert stored.json()["link_reason"] == "there is no earlier session for it to follow"
    assert stored.json()["screening_due"] is False and stored.json()["baseline"] is None
    assert cleared.post(f"{API}/checkins", json={"pain": 8}).json()["screening_due"] is True
    assert [c["pain"] for c in cleared.get(f"{API}/checkins").json()] == [3, 8]
    one_line_error(cleared.post(f"{API}/checkins", json={"pain": -1}), 422)
    one_line_error(cleared.post(f"{API}/checkins", json={"pain": 2, "kind": "noon"}), 422)
    now = datetime.now().astimezone()
    future = cleared.post(f"{API}/checkins", json={"pain": 2, "at": f"{now + timedelta(hours=1)}"})
    assert "in the future" in one_line_error(future, 422)
    old = cleared.post(f"{API}/checkins", json={"pain": 2, "at": f"{now - timedelta(hours=49)}"})
    assert "up to 48 hours late" in one_line_error(old, 422)
    assert len(cleared.get(f"{API}/checkins").json()) == 2


def test_a_late_checkin_is_linked_to_the_session_it_is_about(cleared: TestClient) -> None:
    yesterday = datetime.combine(date.today() - timedelta(days=1), time(12)).astimezone()
    label = yesterday.strftime("%a %d %b")
    waiting = cleared.post(
        f"{API}/checkins", json={"pain": 2, "kind": "before", "at": yesterday.isoformat()}
    ).json()
    assert waiting["linked_session"] is None
    assert waiting["link_reason"].startswith(f"no session on {label} yet")
    logged = cleared.post(
        f"{API}/sets",
        json={"exercise": "bridge", "reps": 10, "pain": 1,
              "at": (yesterday + timedelta(minutes=10)).isoformat()},
    ).json()  # fmt: skip
    session_id = logged["session"]["id"]
    adopted = cleared.get(f"{API}/sessions/{session_id}").json()
    assert adopted["started_at"] == (yesterday + timedelta(minutes=10)).isoformat()
    history = cleared.get(f"{API}/history").json()
    assert [c["id"] for c in history["sessions"][0]["checkins"]] == [waiting["id"]]
    assert history["unlinked_checkins"] == []
    before = cleared.post(
        f"{API}/checkins",
        json={"pain": 3, "kind": "before", "at": (yesterday + timedelta(hours=1)).isoformat()},
    ).json()
    assert before["linked_session"] == session_id
    assert before["link_reason"] == f"the session of {label}"
    morning = cleared.post(f"{API}/checkins", json={"pain": 3, "kind": "next-morning"}).json()
    assert morning["linked_session"] == session_id
    assert morning["link_reason"] == "the session before that morning"
    assert morning["baseline"] == 3 and morning["screening_due"] is False
    summary = cleared.get(f"{API}/history").json()["sessions"][0]["summary"]
    assert (summary["pain_before"], summary["pain_next_morning"]) == (3, 3)


def test_a_red_flag_blocks_training_like_the_cli(client: TestClient, catalog: Catalog) -> None:
    questions = client.get(f"{API}/screening/questions").json()
    assert [q["id"] for q in questions] == [q.id for q in catalog.screening.questions]
    result = client.post(f"{API}/screening", json=answers(catalog, "bladder")).json()
    assert result["outcome"] == "emergency" and result["status"]["stopped"]
    for response in (
        client.post(f"{API}/sessions", json={}),
        client.post(f"{API}/sets", json={"exercise": "bridge", "reps": 10}),
    ):
        assert "emergency" in one_line_error(response, 423, action="clearance")
    assert sessions_stored(client) == []
    plan = client.get(f"{API}/plan").json()
    assert plan["stopped"] and plan["exercises"] == [] and "emergency" in plan["stop_reason"]
    unconfirmed = {"confirmed": False, "cleared_by": "Dr Patel, GP"}
    one_line_error(client.post(f"{API}/screening/clearance", json=unconfirmed), 422)
    one_line_error(client.post(f"{API}/screening/clearance", json={"confirmed": True}), 422)
    body = {"confirmed": True, "cleared_by": "Dr Patel, GP", "note": "seen on 1 Dec"}
    cleared = client.post(f"{API}/screening/clearance", json=body).json()
    assert cleared["cleared_by"] == "Dr Patel, GP" and cleared["note"] == "seen on 1 Dec"
    assert cleared["status"]["training_allowed"] and cleared["status"]["screening_due"]
    assert "clearance" in one_line_error(client.post(f"{API}/sessions", json={}), 409, "screen")


def test_a_clinician_flag_waits_for_a_clinicians_clearance(
    client: TestClient, catalog: Catalog
) -> None:
    result = client.post(f"{API}/screening", json=answers(catalog, "fever")).json()
    assert result["outcome"] == "clinician" and result["status"]["needs_clearance"]
    refused = client.post(f"{API}/sessions", json={})
    assert "doctor or physiotherapist" in one_line_error(refused, 423, action="clearance")
    acknowledged = {**answers(catalog, "fever"), "acknowledge": True}
    one_line_error(client.post(f"{API}/screening", json=acknowledged), 422)
    body = {"confirmed": True, "cleared_by": "practice nurse"}
    assert client.post(f"{API}/screening/clearance", json=body).status_code == 201
    again = client.post(f"{API}/screening", json=answers(catalog, "fever")).json()
    assert again["status"]["training_allowed"], "a cleared flag does not pause again"
    assert client.post(f"{API}/sessions", json={}).status_code == 201
    incomplete = {"answers": {"fever": False}}
    assert "missing" in one_line_error(client.post(f"{API}/screening", json=incomplete), 422)


def test_progress_series(cleared: TestClient) -> None:
    empty = cleared.get(f"{API}/progress", params={"weeks": 4}).json()
    assert len(empty["weeks"]) == 4 and not any(w["sessions"] for w in empty["weeks"])
    cleared.post(f"{API}/sets", json={"exercise": "bridge", "reps": 10, "pain": 1})
    document = cleared.get(f"{API}/progress", params={"weeks": 4}).json()
    assert document["weeks"][-1]["reps"] == 10 and document["weeks"][-1]["sessions"] == 1
    assert any(slot["points"] for slot in document["slots"])
    one_line_error(cleared.get(f"{API}/progress", params={"weeks": 0}), 422)


def test_the_openapi_document_covers_the_api(client: TestClient) -> None:
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in ("/exercises", "/plan", "/sessions", "/sessions/{session_id}/steps/{index}",
                 "/sets", "/sets/{set_id}", "/checkins", "/screening", "/screening/status",
                 "/screening/clearance", "/history", "/progress"):  # fmt: skip
        assert f"{API}{path}" in paths
    assert not any(not path.startswith(API) for path in paths)
    assert client.get("/api/docs").status_code == 200


def test_a_database_that_cannot_be_written_is_a_503_with_one_line(
    isolated_home: Path, catalog: Catalog
) -> None:
    """The home turned read-only after it was set up (SQLite opened read-only stands in for a
    read-only folder or a full disk): the API says so with 503 and a JSON body, nothing is
    stored, and reading still works."""
    with TestClient(create_app(Settings(home=isolated_home), hosts=TEST_HOSTS)) as client:
        assert client.post(f"{API}/checkins", json={"pain": 2}).status_code == 201
    read_only = f"sqlite:///file:{isolated_home / 'backbridge.db'}?mode=ro&uri=true"
    settings = Settings(home=isolated_home, database_url=read_only)
    with TestClient(create_app(settings, hosts=TEST_HOSTS)) as client:
        refused = client.post(f"{API}/checkins", json={"pain": 3})
        assert refused.status_code == 503, refused.text
        assert "cannot write to the database" in refused.json()["error"]
        assert "nothing was stored" in refused.json()["error"]
        assert client.get(f"{API}/history").status_code == 200
    with sqlite3.connect(isolated_home / "backbridge.db") as connection:
        assert connection.execute("SELECT pain FROM checkins").fetchall() == [(2,)]
