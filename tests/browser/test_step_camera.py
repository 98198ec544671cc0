"""The camera inside a set of the session player, in Chromium with its fake camera: "Count with
the camera" opens the view in the step, a real clip's landmarks replayed into the step's
WebSocket fill the set's form, and the set is stored with what the camera counted and saw. A
device too slow to count is told so and offered the lighter model; a count of nothing fills
nothing in."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, Server, call
from tests.browser.test_camera import REPLAY
from tests.browser.test_session_player import (
    CUE_STUBS,
    TIMEOUT,
    do_one_step,
    go_to_first_set,
    start_session,
    tap,
)
from tests.web.test_camera import BRIDGE_CLIP, clip_messages

BRIDGE = "banded-bridge-abduction"
SETTLED = ("running", "model-failed", "denied", "no-camera")
QUERY = f"exercise={BRIDGE}&sides=both"


NO_CAMERA = """
navigator.mediaDevices.getUserMedia = async () => {
  throw new DOMException("Requested device not found", "NotFoundError");
};
"""


def open_bridge_camera(
    camera_browser: Any, server: Server, viewport: dict[str, int], camera: bool = True
) -> Any:
    """The player at the first set of the banded bridge, its camera panel opened and settled
    (running, or the pose model failing in this headless browser); a running camera is stopped
    so that only the replayed landmarks count. Without ``camera`` the browser finds none, and
    the panel stays open as it was for the replayed live replies."""
    page = camera_browser.new_page(viewport=viewport)
    page.add_init_script(CUE_STUBS)
    if not camera:
        page.add_init_script(NO_CAMERA)
    start_session(page, server)
    assert page.locator("#camera-count").count() == 0, "a warm-up has no camera count"
    go_to_first_set(page)
    while "Banded hip bridge" not in page.inner_text("#player-title"):
        do_one_step(page)
        page.wait_for_selector("#skip-timer, #set-form", timeout=TIMEOUT)
        if page.locator("#skip-timer").count():
            page.click("#skip-timer")
        page.wait_for_selector("#set-form", timeout=TIMEOUT)
    page.click("#camera-count")
    page.wait_for_selector(
        ", ".join(f"#step-camera[data-state='{state}']" for state in SETTLED), timeout=90_000
    )
    if page.get_attribute("#step-camera", "data-state") == "running":
        width = page.viewport_size["width"]
        page.screenshot(path=str(SCREENSHOTS / f"player-camera-running-{width}.png"))
        page.click("#step-camera-stop")
        page.wait_for_selector("#step-camera[data-state='finished']", timeout=TIMEOUT)
    else:
        expect(page.locator("#step-camera-status")).to_contain_text("Count by hand")
    return page


def replay(messages: list[dict[str, Any]], finish: bool = True) -> dict[str, Any]:
    """REPLAY's argument: the messages into the bridge step's socket, shown in its panel."""
    return {"messages": messages, "query": QUERY, "view": "backbridgeStepCamera", "finish": finish}


def bridge_rows(server: Server) -> list[dict[str, Any]]:
    history = call(server, "GET", "/history")
    return [
        row
        for session in history["sessions"]
        for row in session["sets"]
        if row["exercise"] == BRIDGE
    ]


def test_a_set_counted_with_the_camera_fills_the_form_and_is_stored(
    camera_browser: Any, server: Server
) -> None:
    page = open_bridge_camera(camera_browser, server, PHONE)
    replayed = page.evaluate(REPLAY, replay(clip_messages(BRIDGE_CLIP)))
    assert replayed["errors"] == 0
    expect(page.locator("#step-camera-result")).to_have_text(
        "The camera counted 5 reps: check the form below and save."
    )
    assert page.input_value("#reps-both") == "5"
    cues = page.evaluate("window.__cues")
    assert [c for c in cues if c in {f"say: {n}" for n in range(1, 6)}] == [
        f"say: {n}" for n in range(1, 6)
    ], "each rep is spoken once, in order"
    page.screenshot(path=str(SCREENSHOTS / "player-camera-counted-phone.png"), full_page=True)
    tap(page, "pain", 1)
    page.click("#save-set")
    expect(page.locator("#saved-line")).to_contain_text("Saved: Banded hip bridge", timeout=TIMEOUT)
    page.close()
    (row,) = bridge_rows(server)
    assert (row["reps"], row["source"], row["pain"]) == (5, "camera", 1)
    assert row["camera"] == {"reps_counted": 5, "faults": []}


def test_a_device_too_slow_is_told_and_offered_the_lighter_model(
    camera_browser: Any, server: Server
) -> None:
    page = open_bridge_camera(camera_browser, server, DESKTOP, camera=False)
    expect(page.locator("#step-camera-status")).to_contain_text("No camera was found")
    # Every sixth frame of a 24-frame-a-second clip: 4 a second, under the 8 counting needs.
    slow = clip_messages(BRIDGE_CLIP)[::6]
    page.evaluate(REPLAY, replay(slow, finish=False))
    expect(page.locator("#step-camera-slow")).to_be_visible()
    expect(page.locator("#step-camera-slow-text")).to_contain_text("reps may be missed")
    page.click("#step-camera-lite")
    expect(page.locator("#step-camera-lite")).to_be_hidden()
    assert page.evaluate("localStorage.getItem('backbridge-pose-model')") == "lite"
    page.screenshot(path=str(SCREENSHOTS / "player-camera-too-slow-desktop.png"))
    page.close()


def test_a_camera_that_counted_nothing_fills_nothing_in(
    camera_browser: Any, server: Server
) -> None:
    page = open_bridge_camera(camera_browser, server, DESKTOP)
    planned = page.input_value("#reps-both")
    page.evaluate(REPLAY, replay([]))
    expect(page.locator("#step-camera-result")).to_contain_text("counted no reps")
    assert page.input_value("#reps-both") == planned != "0"
    tap(page, "pain", 0)
    page.click("#save-set")
    expect(page.locator("#saved-line")).to_contain_text("Saved: Banded hip bridge", timeout=TIMEOUT)
    page.close()
    (row,) = bridge_rows(server)
    assert row["source"] == "guided" and row["camera"] is None
