"""The camera page in Chromium with its fake camera (playing a clip made here with OpenCV):
it starts, says what state it is in, and shows the count of landmarks replayed into the
WebSocket from a real clip's landmark file; a set logged from the page stores what the camera
counted and the faults it saw in each rep, per side."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from backbridge.catalog import load_catalog
from backbridge.services.camera import seen_faults
from backbridge.vision.exercises import analysis_for
from backbridge.web.coaching import CameraSession
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    Server,
    answer_safety_questions,
    call,
    launch,
)
from tests.conftest import SHARED
from tests.web.test_camera import BRIDGE_CLIP, clip_messages

ABDUCTION_CLIP = SHARED / "data" / "vision" / "dev" / "side_leg_raise_darebee.json.gz"
"""Standing hip abduction, alternating legs: 5 reps counted left and 2 right."""

SETTLED = ("running", "model-failed", "denied", "no-camera")
REPLAY = """async ({messages, query, view = "backbridgeCamera", finish = true}) => {
  // A clip's landmarks sent to /ws/camera?{query}; each reply rendered by window[view].show as
  // if it came from the page's own socket.
  const socket = new WebSocket(`ws://${location.host}/ws/camera?${query}`);
  const replies = [];
  let wake = null;
  socket.onmessage = (event) => { replies.push(JSON.parse(event.data)); if (wake) wake(); };
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  const next = () => new Promise((resolve) => { wake = resolve; });
  const show = (reply) => window[view].show(reply);
  for (const message of messages) {
    const answered = next();
    socket.send(JSON.stringify(message));
    await answered;
    show(replies[replies.length - 1]);
  }
  let report = null;
  if (finish) {
    const finished = next();
    socket.send(JSON.stringify({type: "finish"}));
    await finished;
    report = replies[replies.length - 1];
    show(report);
  }
  socket.close();
  return {live: messages.length ? replies[messages.length - 1].reps : null,
          report: report && report.reps, errors: replies.filter((reply) => reply.error).length};
}"""


def expected_faults(path: Path, slug: str) -> list[dict[str, Any]]:
    """The faults the server's own analysis of the clip sees, as ``{cue, rep, text, side}``."""
    session = CameraSession(analysis_for(load_catalog(), slug))
    for message in clip_messages(path):
        session.handle(message)
    session.handle({"type": "finish"})
    return [
        {
            "cue": f.cue,
            "rep": f.rep,
            "text": f.text,
            "side": None if f.side is None else str(f.side),
        }
        for f in seen_faults(session.analysis)
    ]


def logged_sets(server: Server) -> list[dict[str, Any]]:
    history = call(server, "GET", "/history")
    return [s for session in history["sessions"] for s in session["sets"]]


def started_page(camera_browser: Any, server: Server, viewport: dict[str, int]) -> Any:
    """The camera page started once the safety questions are answered (the coach refuses
    before)."""
    answer_safety_questions(server)
    page = camera_browser.new_page(viewport=viewport)
    page.goto(f"{server.url}/camera?exercise=bridge")
    page.click("#camera-start")
    page.wait_for_selector(
        ", ".join(f"#camera[data-state='{state}']" for state in SETTLED), timeout=90_000
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
    result = page.evaluate(REPLAY, {"messages": messages, "query": "exercise=bridge"})
    assert result == {"live": 5, "report": 5, "errors": 0}
    assert page.inner_text("#readout-reps") == "5"
    assert page.inner_text("#report-summary") == "5 reps."
    assert page.input_value("#log-reps") == "5"
    assert page.input_value("#log-note") == "", "no camera text in the note any more"
    page.select_option("#log-effort", "rpe:6.5")
    page.fill("#log-pain", "1")
    page.click("#camera-log button[type=submit]")
    expect(page.locator("#log-result.saved")).to_have_text("Logged 1 set.", timeout=15_000)
    page.screenshot(path=str(SCREENSHOTS / "camera-report-desktop.png"), full_page=True)
    page.close()
    (logged,) = logged_sets(server)
    assert (logged["exercise"], logged["reps"], logged["source"]) == ("bridge", 5, "camera")
    assert (logged["rpe"], logged["reps_in_reserve"], logged["pain"]) == (6.5, None, 1)
    assert logged["note"] is None
    faults = [
        {k: v for k, v in f.items() if k != "side"} for f in expected_faults(BRIDGE_CLIP, "bridge")
    ]
    # A clean set: the stored faults are exactly what the analysis found, none here (the
    # one-sided test below stores faults on each side).
    assert logged["camera"] == {"reps_counted": 5, "faults": faults}


def test_a_one_sided_camera_set_stores_each_sides_count_and_faults(
    browser: Any, server: Server
) -> None:
    """No camera needed: the clip's landmarks are replayed into the page's report and the set
    is logged from its form, one row per side, with reps corrected by hand on one side."""
    answer_safety_questions(server)
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server.url}/camera?exercise=standing-hip-abduction")
    result = page.evaluate(
        REPLAY,
        {"messages": clip_messages(ABDUCTION_CLIP), "query": "exercise=standing-hip-abduction"},
    )
    assert result["errors"] == 0
    expect(page.locator("#camera-report")).to_be_visible()
    expect(page.locator("#log-both")).to_be_hidden()
    assert (page.input_value("#log-reps-left"), page.input_value("#log-reps-right")) == ("4", "3")
    page.fill("#log-reps-right", "4")
    page.select_option("#log-effort", "rir:5")
    page.fill("#log-pain", "0")
    page.click("#camera-log button[type=submit]")
    expect(page.locator("#log-result.saved")).to_have_text("Logged 2 sets.", timeout=15_000)
    page.close()
    rows = {s["side"]: s for s in logged_sets(server)}
    assert set(rows) == {"left", "right"}
    expected = expected_faults(ABDUCTION_CLIP, "standing-hip-abduction")
    for side, reps, counted in (("left", 4, 4), ("right", 4, 3)):
        row = rows[side]
        assert (row["reps"], row["source"], row["reps_in_reserve"], row["rpe"]) == (
            reps,
            "camera",
            5,
            None,
        )
        own = [{k: v for k, v in f.items() if k != "side"} for f in expected if f["side"] == side]
        assert own, f"the clip has faults on the {side} side"
        assert row["camera"] == {"reps_counted": counted, "faults": own}


def test_the_camera_refuses_until_the_safety_questions_are_answered(
    browser: Any, server: Server
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/camera?exercise=bridge")
    expect(page.locator("#camera-screening a[href='/safety']")).to_be_visible()
    page.evaluate("window.backbridgeCamera.connect('bridge')")
    problem = page.locator("#camera-problem")
    expect(problem).to_be_visible(timeout=15_000)
    expect(page.locator("#camera-problem-text")).to_contain_text("safety questions are due")
    expect(page.locator("#camera-problem-text a")).to_have_attribute("href", "/safety")
    expect(page.locator("#camera")).to_have_attribute("data-state", "refused")
    page.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_camera_page_screenshots(camera_browser: Any, server: Server, size: str) -> None:
    viewport = DESKTOP if size == "desktop" else PHONE
    page = started_page(camera_browser, server, viewport)
    if page.eval_on_selector("#camera", "node => node.dataset.state") == "running":
        # The first frame's answer from the server, then Stop: the pose model keeps the page's
        # only thread too busy for a screenshot while it runs on a small machine.
        expect(page.locator("#readout-phase")).not_to_have_text("–", timeout=60_000)
        page.click("#camera-stop")
        expect(page.locator("#camera-report")).to_be_visible(timeout=60_000)
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
