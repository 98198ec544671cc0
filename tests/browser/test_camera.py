"""The camera page in Chromium with its fake camera (playing a clip made here with OpenCV):
it starts, says what state it is in, and shows the count of landmarks replayed into the
WebSocket from a real clip's landmark file."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, Server, launch
from tests.web.test_camera import BRIDGE_CLIP, clip_messages

SETTLED = ("running", "model-failed", "denied", "no-camera")
REPLAY = """async (messages) => {
  const socket = new WebSocket(`ws://${location.host}/ws/camera?exercise=bridge`);
  const replies = [];
  let wake = null;
  socket.onmessage = (event) => { replies.push(JSON.parse(event.data)); if (wake) wake(); };
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  const next = () => new Promise((resolve) => { wake = resolve; });
  for (const message of messages) {
    const answered = next();
    socket.send(JSON.stringify(message));
    await answered;
    window.backbridgeCamera.show(replies[replies.length - 1]);
  }
  const finished = next();
  socket.send(JSON.stringify({type: "finish"}));
  await finished;
  socket.close();
  const report = replies[replies.length - 1];
  window.backbridgeCamera.show(report);
  return {live: replies[replies.length - 2].reps, report: report.reps,
          errors: replies.filter((reply) => reply.error).length};
}"""


def fake_clip(folder: Path, seconds: float = 4.0, fps: int = 15) -> Path:
    """A small Y4M clip for Chromium's fake camera: a stick figure doing bridges, drawn with
    OpenCV (Chromium reads Y4M, so the frames are written as I420 by hand)."""
    import cv2
    import numpy as np

    width, height = 640, 480
    path = folder / "fake-camera.y4m"
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for index in range(int(seconds * fps)):
            lift = int(60 * abs(np.sin(index / fps * np.pi / 2)))
            image = np.full((height, width, 3), (225, 220, 210), np.uint8)
            cv2.line(image, (0, 400), (width, 400), (90, 90, 90), 3)
            head, shoulder = (140, 370), (190, 380)
            hip, knee, foot = (330, 380 - lift), (430, 300), (470, 395)
            cv2.circle(image, head, 22, (40, 40, 40), -1)
            for a, b in ((shoulder, hip), (hip, knee), (knee, foot)):
                cv2.line(image, a, b, (40, 40, 40), 12)
            out.write(b"FRAME\n" + cv2.cvtColor(image, cv2.COLOR_BGR2YUV_I420).tobytes())
    return path


@pytest.fixture(scope="module")
def camera_browser(
    playwright_driver: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    clip = fake_clip(tmp_path_factory.mktemp("fake-camera"))
    launched = launch(
        playwright_driver,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={clip}",
    )
    yield launched
    launched.close()


def started_page(camera_browser: Any, server: Server, viewport: dict[str, int]) -> Any:
    page = camera_browser.new_page(viewport=viewport)
    page.goto(f"{server.url}/camera?exercise=bridge")
    page.click("#camera-start")
    page.wait_for_function(
        f"{list(SETTLED)}.includes(document.getElementById('camera').dataset.state)",
        timeout=90_000,
    )
    return page


def test_the_camera_page_starts_and_shows_the_count_of_replayed_landmarks(
    camera_browser: Any, server: Server
) -> None:
    messages = clip_messages(BRIDGE_CLIP)
    page = started_page(camera_browser, server, DESKTOP)
    state = page.eval_on_selector("#camera", "node => node.dataset.state")
    status = page.inner_text("#camera-status")
    assert state in ("running", "model-failed"), f"{state}: {status}"
    if state == "model-failed":
        assert "pose model could not start" in page.inner_text("#camera-problem-text")
        assert page.is_visible("#camera-problem")
        assert page.is_visible("a[href='/session']")
    else:
        assert page.eval_on_selector("#camera-video", "v => v.videoWidth") > 0
        page.click("#camera-stop")
        page.wait_for_selector("#camera-report", state="visible")
    result = page.evaluate(REPLAY, messages)
    assert result == {"live": 5, "report": 5, "errors": 0}
    assert page.inner_text("#readout-reps") == "5"
    assert page.inner_text("#report-summary") == "5 reps."
    assert page.input_value("#log-reps") == "5"
    page.fill("#log-pain", "1")
    page.click("#camera-log button[type=submit]")
    page.wait_for_selector("#log-result.saved")
    page.screenshot(path=str(SCREENSHOTS / "camera-report-desktop.png"), full_page=True)
    history = json.loads(urllib.request.urlopen(f"{server.url}/api/v1/history").read())
    logged = [s for session in history["sessions"] for s in session["sets"]]
    assert [(s["exercise"], s["reps"], s["source"]) for s in logged] == [("bridge", 5, "camera")]
    page.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_camera_page_screenshots(camera_browser: Any, server: Server, size: str) -> None:
    viewport = DESKTOP if size == "desktop" else PHONE
    page = started_page(camera_browser, server, viewport)
    page.wait_for_timeout(1500)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"camera-{size}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"camera at {size} scrolls sideways by {overflow}px"
    page.close()


def test_a_denied_camera_says_so_and_links_to_the_manual_form(
    playwright_driver: Any, server: Server
) -> None:
    denied = launch(playwright_driver, "--use-fake-device-for-media-stream",
                    "--deny-permission-prompts")  # fmt: skip
    try:
        page = denied.new_page(viewport=PHONE)
        page.goto(f"{server.url}/camera")
        page.click("#camera-start")
        page.wait_for_selector("#camera-problem", state="visible", timeout=20_000)
        assert page.eval_on_selector("#camera", "n => n.dataset.state") in ("denied", "no-camera")
        assert "camera" in page.inner_text("#camera-problem-text").lower()
        assert page.is_visible("#camera-problem a[href='/session']")
        page.screenshot(path=str(SCREENSHOTS / "camera-denied-phone.png"), full_page=True)
    finally:
        denied.close()
