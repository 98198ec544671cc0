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


def test_replayed_bridge_clip_counts_five(client: TestClient) -> None:
    messages = clip_messages(BRIDGE_CLIP)
    replies = []
    with client.websocket_connect("/ws/camera?exercise=bridge") as socket:
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
    assert report["reps"] == 5
    assert report["frames"] == len(messages)


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
    client: TestClient, message: Any, says: str
) -> None:
    with client.websocket_connect("/ws/camera?exercise=bridge") as socket:
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


def test_time_going_backwards_and_messages_after_finish_are_refused(client: TestClient) -> None:
    empty = {"width": 640, "height": 480, "landmarks": None}
    with client.websocket_connect("/ws/camera?exercise=bridge") as socket:
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
    ("query", "says"),
    [
        ("exercise=no-such-move", "no-such-move"),
        ("", "say which exercise"),
    ],
)
def test_an_unknown_exercise_closes_with_a_reason(
    client: TestClient, query: str, says: str
) -> None:
    with client.websocket_connect(f"/ws/camera?{query}") as socket:
        assert says in socket.receive_json()["error"]
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 1008
    assert says in closed.value.reason


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
    with client.websocket_connect("/ws/camera?exercise=bridge") as socket:
        assert socket.receive_json()["error"] == refused.json()["error"]
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 1008


def test_a_set_counted_by_the_camera_is_logged_as_such(cleared: TestClient) -> None:
    body = {"exercise": "bridge", "reps": 5, "note": "camera: drive through the heels"}
    logged = cleared.post("/api/v1/sets", json={**body, "source": "camera"})
    assert logged.status_code == 201, logged.text
    assert logged.json()["source"] == "camera"
    assert cleared.post("/api/v1/sets", json=body).json()["source"] == "manual"
    guided = cleared.post("/api/v1/sets", json={**body, "source": "guided"})
    assert guided.status_code == 422


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
