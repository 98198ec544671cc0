"""The Measures page over eight weeks of training with the activities scale rated every two
weeks: the pain reading and the activities chart with its table, at desktop and phone size,
checked by axe-core and shot for a look."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from backbridge.services import build_services
from backbridge.settings import Settings
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, Server, start_server, stop_server
from tests.browser.test_accessibility import AXE, RUN_AXE
from tests.reports.eight_weeks import MovingClock, store_eight_weeks

ACTIVITIES = ("putting on socks", "walking 30 minutes", "lifting a shopping bag")
RATINGS = ((3, 4, 2), (4, 5, 3), (5, 6, 5), (7, 7, 6))
"""Every two weeks: the average rises from 3 to about 6.7, past the scale's important change."""


@pytest.fixture(scope="module")
def rated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("measures") / "home"
    summary = store_eight_weeks(Settings(home=home))
    clock = MovingClock()
    services = build_services(Settings(home=home), clock=clock)
    try:
        for fortnight, scores in enumerate(RATINGS):
            clock.now = summary.first + timedelta(weeks=2 * fortnight, hours=1)
            services.measures.record(list(zip(ACTIVITIES, scores, strict=True)))
    finally:
        services.close()
    server = start_server(home)
    yield server
    stop_server(server)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_measures_page_charts_the_activities_against_the_change_that_counts(
    browser: Any, rated: Server, size: str
) -> None:
    context = browser.new_context(viewport=DESKTOP if size == "desktop" else PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{rated.url}/measures")
    assert page.locator("#function-title ~ svg, #function-title ~ * svg").count() >= 1
    rows = page.locator("section[aria-labelledby='function-title'] tbody tr")
    assert rows.count() == len(RATINGS)
    assert "3.0" in rows.first.inner_text() and "6.7" in rows.last.inner_text()
    words = page.inner_text("section[aria-labelledby='function-title'] p")
    assert words.strip(), "the reading is said in words"
    assert page.inner_text("section[aria-labelledby='pain-title'] p").strip()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / f"measures-{size}.png"), full_page=True)
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(RUN_AXE) == []
    context.close()
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
