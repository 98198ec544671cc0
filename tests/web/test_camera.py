"""The camera coach's WebSocket, in-process: a real clip's landmarks replayed frame by frame."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from backbridge.catalog import Catalog
from tests.conftest import SHARED
from tests.web.conftest import answers

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
    # What the page sends when the person confirms the set (camera.js, setBodies).
    texts = {fault["cue"]: fault["text"] for fault in report["faults"]}
    faults = [{"cue": cue, "rep": n, "text": texts[cue]}
              for n, rep in enumerate(report["reps_detail"], 1) for cue in rep["faults"]]  # fmt: skip
    body = {"exercise": "bridge", "reps": report["reps"], "pain": 1, "source": "camera",
            "camera": {"reps_counted": report["reps"], "faults": faults}}  # fmt: skip
    logged = cleared.post("/api/v1/sets", json=body)
    assert logged.status_code == 201, logged.text
    assert logged.json()["camera"] == body["camera"] and logged.json()["note"] is None
    stored = cleared.get("/api/v1/history").json()["sessions"][0]["sets"]
    assert [row["camera"] for row in stored] == [body["camera"]]


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


def test_a_set_counted_by_the_camera_is_logged_as_such(
    cleared: TestClient, catalog: Catalog
) -> None:
    cue = catalog.exercise("bridge").cues[0]
    camera = {"reps_counted": 6, "faults": [{"cue": cue.id, "rep": 2, "text": cue.text}]}
    body = {"exercise": "bridge", "reps": 5, "pain": 1, "note": "the count missed one"}
    logged = cleared.post("/api/v1/sets", json={**body, "source": "camera", "camera": camera})
    assert logged.status_code == 201, logged.text
    row = logged.json()
    assert row["source"] == "camera" and row["reps"] == 5 and row["note"] == body["note"]
    assert row["camera"] == camera
    assert cleared.get(f"/api/v1/sets/{row['id']}").json()["camera"] == camera
    manual = cleared.post("/api/v1/sets", json=body).json()
    assert manual["source"] == "manual" and manual["camera"] is None
    for refused, says in (
        ({**body, "source": "guided"}, "source: Input should be 'manual' or 'camera'"),
        ({**body, "camera": camera}, 'a camera count comes only with "source": "camera"'),
        ({**body, "source": "camera", "camera": {"reps_counted": -1}}, "camera.reps_counted"),
        ({**body, "source": "camera", "camera": {**camera, "faults": [{"cue": cue.id}]}},
         "camera.faults.0.text: Field required"),
    ):  # fmt: skip
        response = cleared.post("/api/v1/sets", json=refused)
        assert response.status_code == 422, response.text
        assert set(response.json()) == {"error"} and says in response.json()["error"]
    sets = cleared.get("/api/v1/history").json()["sessions"][0]["sets"]
    assert [s["id"] for s in sets] == [row["id"], manual["id"]]


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
    script = client.get("/static/camera.js").text
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
