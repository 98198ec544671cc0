"""Real Chromium (Debian's, headless) against a real ``backbridge serve`` on a free port.

The pages run under the app's Content-Security-Policy, which evaluates no text as script:
wait with selectors and ``expect``, never ``page.wait_for_function`` (Playwright evaluates its
predicate with ``eval`` in the page, which the policy refuses).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]  # fmt: skip
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    home: Path
    process: subprocess.Popen[bytes]


def start_server(home: Path, database_url: str | None = None) -> Server:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKBRIDGE_")}
    env["BACKBRIDGE_HOME"] = str(home)
    if database_url is not None:
        env["BACKBRIDGE_DATABASE_URL"] = database_url
    process = subprocess.Popen(
        [sys.executable, "-m", "backbridge", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/v1/screening/status", timeout=1):
                return Server(url, home, process)
        except OSError:
            if process.poll() is not None:
                output = process.stderr.read().decode() if process.stderr else "died"
                raise RuntimeError(output) from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not answer within 30 s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    if server.process.stderr:
        server.process.stderr.close()


def call(server: Server, method: str, path: str, body: Any = None) -> Any:
    """One request to the server's API under ``/api/v1``; the decoded answer."""
    request = urllib.request.Request(
        f"{server.url}/api/v1{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def answer_safety_questions(server: Server) -> None:
    """Answer every safety question "no" through the API: training may be logged after it."""
    questions = call(server, "GET", "/screening/questions")
    call(server, "POST", "/screening", {"answers": {q["id"]: False for q in questions}})


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = start_server(tmp_path / "web-home")
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """One Playwright for the whole run; each browser below is launched from it."""
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's Chromium is not installed at /usr/bin/chromium (make test installs it)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def launch(playwright: Any, *extra: str) -> Any:
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, *extra]
    )


@pytest.fixture(scope="session")
def browser(playwright_driver: Any) -> Iterator[object]:
    launched = launch(playwright_driver)
    yield launched
    launched.close()


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
