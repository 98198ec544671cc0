"""``/ws/camera?exercise=SLUG[&sides=left,right]``: the camera coach's WebSocket. Each message
is parsed, handed to :class:`~backbridge.web.coaching.CameraSession` and its answer sent back;
the rules live there and in :mod:`backbridge.vision`. ``sides`` names the sides of the session
player's step the set will be logged with."""

from __future__ import annotations

import json

from fastapi import APIRouter, WebSocket

from backbridge.errors import BackbridgeError
from backbridge.services.documents import sides_named
from backbridge.web import coaching
from backbridge.web.actions import action_link

router = APIRouter()
POLICY_VIOLATION = 1008
REASON_BYTES = 123
"""The WebSocket protocol's limit on a close reason; the full text is sent first as an error."""


@router.websocket("/ws/camera")
async def camera(websocket: WebSocket, exercise: str = "", sides: str = "") -> None:
    services = websocket.app.state.services
    await websocket.accept()
    try:
        analysis = services.camera.start(exercise)
        session = coaching.CameraSession(analysis, sides=sides_named(sides) if sides else None)
    except BackbridgeError as error:
        text = " ".join(str(error).split())
        refusal: dict[str, object] = {"error": text}
        if error.action is not None:
            refusal["action"] = action_link(error.action)
        await websocket.send_json(refusal)
        reason = text.encode()[:REASON_BYTES].decode(errors="ignore")
        await websocket.close(code=POLICY_VIOLATION, reason=reason)
        return
    while True:
        received = await websocket.receive()
        if received["type"] == "websocket.disconnect":
            return
        try:
            message = json.loads(received.get("text") or received.get("bytes") or "")
        except ValueError:
            await websocket.send_json({"error": f"not JSON: {coaching.MESSAGE_SHAPE}"})
            continue
        await websocket.send_json(session.handle(message))
