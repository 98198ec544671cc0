"""The player's states, each checked by axe-core and shot at desktop and phone size: the pain
check-in, a warm-up step, a set's form, the rest countdown, the camera panel without a camera,
the floor view and the summary. The floor view's type is big enough to read from two metres
and the switch stays on after a reload."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, Server, call
from tests.browser.test_accessibility import AXE, RUN_AXE
from tests.browser.test_session_player import (
    TIMEOUT,
    assert_in_view,
    go_to_first_set,
    open_player,
    tap,
)
from tests.browser.test_step_camera import NO_CAMERA

FLOOR_TYPE_PX = 48
"""The least type size of the floor view's words on a laptop (docs/web.md says why)."""
PHONE_TYPE_PX = 28
"""On a phone, whose screen is too small for words at two metres: its digits are big."""


def font_px(page: Any, selector: str) -> float:
    return float(
        page.eval_on_selector(selector, "node => parseFloat(getComputedStyle(node).fontSize)")
    )


class States:
    """Each state of the player: axe finds nothing, and a screenshot is kept."""

    def __init__(self, page: Any, size: str) -> None:
        self.page, self.size = page, size

    def check(self, name: str) -> None:
        self.page.wait_for_load_state("networkidle")
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        violations = self.page.evaluate(RUN_AXE)
        assert violations == [], (name, violations)
        self.page.screenshot(path=str(SCREENSHOTS / f"player-{name}-{self.size}.png"))


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_player_state_passes_axe(browser: Any, server: Server, size: str) -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (make test installs it with npm ci)")
    context = browser.new_context(viewport=DESKTOP if size == "desktop" else PHONE, bypass_csp=True)
    context.add_init_script(NO_CAMERA)
    page = context.new_page()
    states = States(page, size)
    open_player(page, server)
    states.check("checkin")
    tap(page, "pain-before", 1)
    page.click("text=Save and start")
    page.wait_for_selector("#step-title", timeout=TIMEOUT)
    states.check("warm-up")
    go_to_first_set(page)
    states.check("set-form")
    page.click("#camera-count")
    page.wait_for_selector("#step-camera[data-state='no-camera']", timeout=TIMEOUT)
    states.check("camera-no-camera")
    page.click("#step-camera-close")
    tap(page, "pain", 1)
    page.click("#save-set")
    page.wait_for_selector(".countdown .timer", timeout=TIMEOUT)
    states.check("rest")

    page.click("#floor-view")
    assert page.inner_text("#floor-view") == "Floor view: on"
    assert not page.is_visible("header.top nav") and not page.is_visible(".exercise-card")
    least = FLOOR_TYPE_PX if size == "desktop" else PHONE_TYPE_PX
    for selector in ("#step-title", ".target"):
        assert font_px(page, selector) >= least, selector
    assert font_px(page, ".countdown .timer") >= 2 * FLOOR_TYPE_PX
    for selector in ("#step-title", ".target", ".countdown .timer", "#skip-timer"):
        assert_in_view(page, selector)
    target = page.locator(".target").bounding_box()
    bar = page.locator(".main-actions").bounding_box()
    assert target["y"] + target["height"] <= bar["y"] + 1, "the timer's bar covers no words"
    states.check("floor-view")
    page.reload()
    page.wait_for_selector("#step-title", timeout=TIMEOUT)
    assert page.inner_text("#floor-view") == "Floor view: on", "it stays on"
    page.click("#floor-view")
    assert page.is_visible("header.top nav")

    session_id = page.get_attribute("#player", "data-session")
    for step in call(server, "GET", f"/sessions/{session_id}")["steps"]:
        if step["state"] == "pending":
            call(server, "POST", f"/sessions/{session_id}/steps/{step['index']}", {"skip": True})
    page.reload()
    page.click("#finish")
    page.wait_for_selector("#summary", timeout=TIMEOUT)
    states.check("summary")
    context.close()
