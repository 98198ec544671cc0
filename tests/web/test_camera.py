"""The camera coach's WebSocket, in-process: a real clip's landmarks replayed frame by frame."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from backbridge.catalog import Catalog, load_catalog
from backbridge.services.camera import needed_frame_rate, too_slow
from backbridge.vision.exercises import analysis_for
from backbridge.web.coaching import CameraSession
from tests.conftest import SHARED
from tests.web.conftest import API, answers, ready_session
from tests.web.test_api import one_line_error, step_body

BRIDGE_CLIP = SHARED / "data" / "vision" / "dev" / "bridge_darebee.json.gz"


def clip_messages(path: Path) -> list[dict[str, Any]]:
    """The browser's messages for a ``backbridge-landmarks/1`` file, one per frame."""
    if not path.exists():
        pytest.skip(f"the landmark clip {path} is not available (../shared/data/vision/dev)")
    with gzip.open(path, "rt") as handle:
        document = json.load(handle)
    width, height = document["width"], document["height"]
    return [
        {"t": frame["t"], "width": width, "height": height, "landmarks": frame["landmarks"]}
        for frame in document["frames"]
    ]


def test_replayed_bridge_clip_counts_five_and_the_set_is_logged(cleared: TestClient) -> None:
    messages = clip_messages(BRIDGE_CLIP)
    replies = []
    with cleared.websocket_connect("/ws/camera?exercise=bridge") as socket:
        for message in messages:
            socket.send_json(message)
            replies.append(socket.receive_json())
        socket.send_json({"type": "finish"})
        report = socket.receive_json()
    assert all("error" not in reply for reply in replies)
    assert {"reps", "reps_by_side", "phase", "person_found", "cue", "events"} <= set(replies[-1])
    assert any(reply["person_found"] for reply in replies)
    assert {event["type"] for reply in replies for event in reply["events"]} >= {"phase", "rep"}
    assert report["type"] == "report"
    assert report["exercise"] == "bridge"
    assert report["reps"] == 5 and len(report["reps_detail"]) == 5
    assert report["frames"] == len(messages)
    # What the page sends when the person confirms the set (camera.js, cameraSet).
    watched = report["watched"]
    assert watched["counted"] == {"both": 5}
    texts = {fault["cue"]: fault["text"] for fault in report["faults"]}
    expected = [{"cue": cue, "rep": n, "text": texts[cue]}
                for n, rep in enumerate(report["reps_detail"], 1) for cue in rep["faults"]]  # fmt: skip
    assert [{k: f[k] for k in ("cue", "rep", "text")} for f in watched["faults"]] == expected
    body = {"exercise": "bridge", "reps": {"both": 5}, "counted": watched["counted"],
            "faults": watched["faults"], "pain": 1}  # fmt: skip
    logged = cleared.post("/api/v1/camera-sets", json=body)
    assert logged.status_code == 201, logged.text
    (row,) = logged.json()["saved"]
    assert row["camera"] == {"reps_counted": 5, "faults": expected} and row["note"] is None
    stored = cleared.get("/api/v1/history").json()["sessions"][0]["sets"]
    assert [s["camera"] for s in stored] == [row["camera"]]


@pytest.mark.parametrize(
    ("message", "says"),
    [
        ("not json", "not JSON"),
        ([1, 2], "JSON object"),
        ({"t": 0}, "missing width, height, landmarks"),
        ({"t": "soon", "width": 640, "height": 480, "landmarks": None}, "t must be a number"),
        ({"t": 0, "width": 0, "height": 480, "landmarks": None}, "width and height"),
        ({"t": 0, "width": 640, "height": 480, "landmarks": [[0, 0, 0, 1]]}, "got 1 points"),
        ({"t": 0, "width": 640, "height": 480, "landmarks": [[0, 0, 0]] * 33}, "landmarks[0]"),
    ],
)
def test_a_bad_message_gets_one_error_line_and_the_socket_stays_open(
    cleared: TestClient, message: Any, says: str
) -> None:
    with cleared.websocket_connect("/ws/camera?exercise=bridge") as socket:
        if isinstance(message, str):
            socket.send_text(message)
        else:
            socket.send_json(message)
        reply = socket.receive_json()
        assert set(reply) == {"error"}
        assert says in reply["error"]
        assert "\n" not in reply["error"]
        socket.send_json({"t": 0.1, "width": 640, "height": 480, "landmarks": None})
        assert socket.receive_json()["reps"] == 0


def test_time_going_backwards_and_messages_after_finish_are_refused(cleared: TestClient) -> None:
    empty = {"width": 640, "height": 480, "landmarks": None}
    with cleared.websocket_connect("/ws/camera?exercise=bridge") as socket:
        socket.send_json({"t": 1.0, **empty})
        assert socket.receive_json()["person_found"] is False
        socket.send_json({"t": 0.5, **empty})
        assert "back in time" in socket.receive_json()["error"]
        socket.send_json({"type": "finish"})
        report = socket.receive_json()
        assert report["reps"] == 0
        assert report["warnings"] == ["nobody was found in any frame, so nothing was counted"]
        socket.send_json({"t": 2.0, **empty})
        assert "finished" in socket.receive_json()["error"]


@pytest.mark.parametrize(
    ("query", "says", "action"),
    [
        ("exercise=no-such-move", "no-such-move", "list-exercises"),
        ("", "say which exercise", None),
    ],
)
def test_an_unknown_exercise_closes_with_a_reason(
    cleared: TestClient, query: str, says: str, action: str | None
) -> None:
    with cleared.websocket_connect(f"/ws/camera?{query}") as socket:
        refusal = socket.receive_json()
        assert says in refusal["error"]
        assert refusal.get("action", {}).get("id") == action
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 1008
    assert says in closed.value.reason


def test_the_camera_waits_for_the_safety_questions(client: TestClient, catalog: Catalog) -> None:
    refused = client.post("/api/v1/sets", json={"exercise": "bridge", "reps": 5, "pain": 1})
    assert refused.status_code == 409
    with client.websocket_connect("/ws/camera?exercise=bridge") as socket:
        assert socket.receive_json() == refused.json()
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 1008 and "safety questions" in closed.value.reason
    assert refused.json()["action"]["id"] == "screen"
    client.post("/api/v1/screening", json=answers(catalog))
    with client.websocket_connect("/ws/camera?exercise=bridge") as socket:
        socket.send_json({"t": 0, "width": 640, "height": 480, "landmarks": None})
        assert socket.receive_json()["reps"] == 0


def test_an_exercise_the_camera_cannot_watch_closes_with_the_list(
    client: TestClient, catalog: Catalog
) -> None:
    unwatched = next(e.slug for e in catalog.exercises if e.camera is None)
    with client.websocket_connect(f"/ws/camera?exercise={unwatched}") as socket:
        error = socket.receive_json()["error"]
        assert f"cannot watch {unwatched}" in error
        assert "bridge" in error
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 1008


def test_a_red_flag_stop_refuses_with_the_referral(client: TestClient, catalog: Catalog) -> None:
    emergency = next(q.id for q in catalog.screening.questions if str(q.level) == "emergency")
    response = client.post("/api/v1/screening", json=answers(catalog, emergency))
    assert response.status_code == 201, response.text
    refused = client.post("/api/v1/sets", json={"exercise": "bridge", "reps": 5})
    assert refused.status_code == 423
    assert refused.json()["action"]["id"] == "clearance"
    with client.websocket_connect("/ws/camera?exercise=bridge") as socket:
        assert socket.receive_json() == refused.json()
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 1008


def test_a_watched_set_is_split_by_side_with_each_sides_faults(
    cleared: TestClient, catalog: Catalog
) -> None:
    cue = catalog.exercise("banded-clamshell").cues[0]
    left = {"cue": cue.id, "rep": 2, "side": "left", "text": cue.text}
    anywhere = {"cue": cue.id, "rep": None, "side": None, "text": cue.text}
    right = {"cue": cue.id, "rep": 7, "side": "right", "text": cue.text}
    body = {"exercise": "banded-clamshell", "reps": {"left": 10, "right": 9},
            "counted": {"left": 10, "right": 8}, "faults": [left, anywhere, right],
            "effort": {"rpe": 7}, "pain": 2, "note": "the count missed one"}  # fmt: skip
    logged = cleared.post("/api/v1/camera-sets", json=body)
    assert logged.status_code == 201, logged.text
    saved = logged.json()["saved"]
    assert [(s["side"], s["reps"], s["source"], s["rpe"]) for s in saved] == [
        ("left", 10, "camera", 7), ("right", 9, "camera", 7)]  # fmt: skip
    assert [s["camera"]["reps_counted"] for s in saved] == [10, 8]
    strip = [{"cue": f["cue"], "rep": f["rep"], "text": f["text"]} for f in (left, anywhere, right)]
    assert saved[0]["camera"]["faults"] == strip[:2], "a fault with no side goes with the first"
    assert saved[1]["camera"]["faults"] == strip[2:]
    assert logged.json()["refused"] is None
    for refused, says in (
        ({**body, "reps": {"up": 3}}, "reps.up"),
        ({**body, "faults": [{"cue": cue.id}]}, "faults.0.text: Field required"),
        ({**body, "reps": {"left": 0, "right": 0}}, "no reps were counted"),
    ):
        response = cleared.post("/api/v1/camera-sets", json=refused)
        assert response.status_code == 422, response.text
        assert set(response.json()) == {"error"} and says in response.json()["error"]


def test_a_painful_first_side_stops_the_second_and_says_so(cleared: TestClient) -> None:
    body = {"exercise": "banded-clamshell", "reps": {"left": 10, "right": 10},
            "counted": {"left": 10, "right": 10}, "pain": 6}  # fmt: skip
    logged = cleared.post("/api/v1/camera-sets", json=body).json()
    assert [s["side"] for s in logged["saved"]] == ["left"]
    assert "stopped for today" in logged["refused"]
    assert any("above the 5/10 limit" in m for m in logged["messages"])


def test_a_manual_set_has_no_camera_result(cleared: TestClient) -> None:
    manual = cleared.post("/api/v1/sets", json={"exercise": "bridge", "reps": 5, "pain": 1})
    assert manual.json()["source"] == "manual" and manual.json()["camera"] is None
    refused = cleared.post("/api/v1/sets", json={"exercise": "bridge", "reps": 5, "pain": 1,
                                                 "source": "camera"})  # fmt: skip
    assert refused.status_code == 422 and "source" in refused.json()["error"]


def test_the_camera_page_lists_the_watchable_exercises_and_loads_nothing_remote(
    client: TestClient, catalog: Catalog
) -> None:
    page = client.get("/camera")
    assert page.status_code == 200
    html = page.text
    assert "Video stays on this device: only body-point positions are sent, on this computer" in (
        html
    )
    assert '<a href="/camera" aria-current="page">Camera</a>' in html
    for exercise in catalog.exercises:
        assert (f'<option value="{exercise.slug}"' in html) is (exercise.camera is not None)
    assert '<script src="/static/vendor/mediapipe-pose/pose.js"' in html
    assert "<video" in html and "<canvas" in html
    assert 'href="/session"' in html
    assert "https://" not in html.replace("https)", "")
    script = client.get("/static/camera-watch.js").text
    assert '"/static/vendor/mediapipe-pose/"' in script and "locateFile" in script
    assert "cdn" not in script.lower()


def test_the_camera_page_is_off_while_a_red_flag_stands(
    client: TestClient, catalog: Catalog
) -> None:
    emergency = next(q.id for q in catalog.screening.questions if str(q.level) == "emergency")
    client.post("/api/v1/screening", json=answers(catalog, emergency))
    html = client.get("/camera").text
    assert "Training is paused by the safety check" in html
    assert "camera.js" not in html


def replayed(messages: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every live reply and the report of the bridge analysis fed ``messages``."""
    session = CameraSession(analysis_for(load_catalog(), "bridge"))
    replies = [session.handle(message) for message in messages]
    return replies, session.handle({"type": "finish"})


def test_the_frame_rate_is_measured_from_the_pages_timestamps() -> None:
    messages = clip_messages(BRIDGE_CLIP)
    span = messages[-1]["t"] - messages[0]["t"]
    replies, report = replayed(messages)
    assert replies[0]["frame_rate"] is None, "no judgement on the first frames"
    assert replies[-1]["frame_rate"] == pytest.approx((len(messages) - 1) / span, rel=0.2)
    assert all(reply["too_slow"] is None for reply in replies)
    assert report["frame_rate"] == pytest.approx((len(messages) - 1) / span, abs=0.1)
    assert not any("frames a second" in warning for warning in report["warnings"])


def test_a_device_too_slow_to_count_is_told_so_live_and_in_the_report() -> None:
    messages = clip_messages(BRIDGE_CLIP)
    analysis = analysis_for(load_catalog(), "bridge")
    needed = needed_frame_rate(analysis)
    # Every n-th frame: what a device analysing at a third of the rate counting needs sends.
    rate = (len(messages) - 1) / (messages[-1]["t"] - messages[0]["t"])
    every = max(2, round(3 * rate / needed))
    replies, report = replayed(messages[::every])
    slow = [reply["too_slow"] for reply in replies if reply["too_slow"]]
    assert slow, "the page is told while the set runs"
    assert f"counting needs about {needed:.0f}" in slow[-1]
    assert "lighter pose model" in slow[-1]
    assert report["frame_rate"] < needed
    assert "frames a second" in report["warnings"][0]


# -- the camera inside a step of the session player ------------------------------------------


def main_step(session: dict[str, Any], exercise: str) -> dict[str, Any]:
    return next(s for s in session["steps"] if s["exercise"] == exercise and s["block"] == "main")


def test_a_step_counted_by_the_camera_is_logged_with_what_it_saw(cleared: TestClient) -> None:
    session = ready_session(cleared)
    step = main_step(session, "banded-bridge-abduction")
    assert step["camera"] is True
    assert not any(s["camera"] for s in session["steps"] if s["timed"]), "holds are not counted"
    with cleared.websocket_connect(
        "/ws/camera?exercise=banded-bridge-abduction&sides=both"
    ) as socket:
        for message in clip_messages(BRIDGE_CLIP):
            socket.send_json(message)
            socket.receive_json()
        socket.send_json({"type": "finish"})
        report = socket.receive_json()
    watched = report["watched"]
    counted = watched["counted"]["both"]
    assert counted == report["reps"] > 0
    body = {"amounts": {"both": counted}, "band": step["band"], "pain": 1, "camera": watched}
    url = f"{API}/sessions/{session['id']}/steps/{step['index']}"
    logged = cleared.post(url, json=body)
    assert logged.status_code == 201, logged.text
    (row,) = logged.json()["saved"]
    assert row["source"] == "camera" and row["reps"] == counted
    assert row["camera"]["reps_counted"] == counted
    assert len(row["camera"]["faults"]) == len(watched["faults"])
    again = cleared.get(f"{API}/sessions/{session['id']}").json()["steps"][step["index"]]
    assert again["sets_logged"][0]["camera"] == row["camera"]


def test_a_one_side_step_takes_every_rep_the_camera_saw(cleared: TestClient) -> None:
    """From a side view the camera may take one leg for the other: a clamshell step for the
    left side gets all the reps and faults counted, whichever side they were put on."""
    session = ready_session(cleared)
    step = main_step(session, "banded-clamshell")
    assert step["sides"] == ["left"]
    fault = {"cue": "open-gently", "rep": 3, "side": "right", "text": "Open and close gently"}
    camera = {"counted": {"left": 6, "right": 4}, "faults": [fault]}
    body = {"amounts": {"left": 10}, "band": step["band"], "pain": 1, "camera": camera}
    logged = cleared.post(f"{API}/sessions/{session['id']}/steps/{step['index']}", json=body)
    assert logged.status_code == 201, logged.text
    (row,) = logged.json()["saved"]
    assert row["side"] == "left" and row["camera"]["reps_counted"] == 10
    assert [f["cue"] for f in row["camera"]["faults"]] == ["open-gently"]


def test_an_alternating_step_keeps_the_cameras_sides(cleared: TestClient) -> None:
    session = ready_session(cleared)
    step = main_step(session, "squat-hip-extension")
    assert step["sides"] == ["left", "right"]
    fault = {"cue": "knees-out", "rep": 2, "side": "right", "text": "Push your knees out"}
    camera = {"counted": {"left": 9, "right": 10}, "faults": [fault]}
    body = {**step_body(step), "amounts": {"left": 10, "right": 10}, "camera": camera}
    logged = cleared.post(f"{API}/sessions/{session['id']}/steps/{step['index']}", json=body)
    assert logged.status_code == 201, logged.text
    rows = {row["side"]: row["camera"] for row in logged.json()["saved"]}
    assert rows["left"] == {"reps_counted": 9, "faults": []}
    assert rows["right"]["reps_counted"] == 10 and len(rows["right"]["faults"]) == 1

    unsplit = {"counted": {"both": 19}, "faults": []}
    following = step["index"] + 1
    refused = cleared.post(
        f"{API}/sessions/{session['id']}/steps/{following}",
        json={**body, "camera": unsplit},
    )
    assert "give the reps per side yourself" in one_line_error(refused, 422)


def test_a_warm_up_cannot_carry_a_camera_count(cleared: TestClient) -> None:
    session = ready_session(cleared)
    step = session["steps"][0]
    body = {**step_body(step), "camera": {"counted": {"both": 3}, "faults": []}}
    refused = cleared.post(f"{API}/sessions/{session['id']}/steps/0", json=body)
    assert "does not count" in one_line_error(refused, 422)
    state = cleared.get(f"{API}/sessions/{session['id']}").json()["steps"][0]["state"]
    assert state == "pending"


def test_sides_the_socket_cannot_read_close_it_with_a_reason(cleared: TestClient) -> None:
    with cleared.websocket_connect("/ws/camera?exercise=bridge&sides=up") as socket:
        assert "'up' is not a side" in socket.receive_json()["error"]
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 1008


def test_the_terminal_is_not_offered_a_lighter_model_it_does_not_have() -> None:
    analysis = analysis_for(load_catalog(), "bridge")
    needed = needed_frame_rate(analysis)
    assert too_slow(analysis, needed) is None
    words = too_slow(analysis, 1.0, lighter_model=False)
    assert words is not None and "1 frame a second" in words
    assert "lighter" not in words and "Close other tabs and programs" in words
