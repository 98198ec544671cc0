"""Screenshots of every page at desktop and phone size, under ``screenshots/`` (not in git):
with a year of data and on a fresh home. Look at them after a change to the pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backbridge.catalog import load_catalog
from backbridge.settings import Settings
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    Server,
    call,
    start_server,
    stop_server,
)
from tests.web.history import store_a_year

PAGES = {
    "today": "/",
    "progress": "/progress?weeks=52",
    "history": "/history",
    "library": "/library",
    "exercise": "/library/banded-bridge-abduction",
    "safety": "/safety",
}
FRESH = {
    "today": "/",
    "progress": "/progress?weeks=52",
    "history": "/history",
    "nutrition": "/nutrition",
}
"""On a fresh home; the Nutrition page with entries is shot by ``test_nutrition.py``."""
SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def year_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("year") / "home"
    store_a_year(Settings(home=home))
    running = start_server(home)
    questions = load_catalog().screening.questions
    call(running, "POST", "/screening", {"answers": {q.id: False for q in questions}})
    session = call(running, "POST", "/sessions", {})
    call(running, "POST", f"/sessions/{session['id']}/checkin", {"pain": 2})
    for step in session["steps"]:
        if step["block"] == "main":
            break
        amounts = dict.fromkeys(step["sides"], step["target"])
        call(
            running,
            "POST",
            f"/sessions/{session['id']}/steps/{step['index']}",
            {"amounts": amounts},
        )
    yield running
    stop_server(running)


def shoot(browser: Any, url: str, name: str, size: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport=SIZES[size])
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "/session" in url:
        page.wait_for_selector("#step-title")
    path = SCREENSHOTS / f"{name}-{size}.png"
    page.screenshot(path=str(path), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.close()
    assert overflow <= 0, f"{name} at {size} scrolls sideways by {overflow}px"
    return path


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", [*PAGES, "session"])
def test_pages_with_a_year_of_data(browser: Any, year_server: Server, name: str, size: str) -> None:
    url = year_server.url + PAGES.get(name, "/session")
    assert shoot(browser, url, name, size).stat().st_size > 10_000


@pytest.mark.parametrize("size", SIZES)
def test_pages_on_a_fresh_home(browser: Any, server: Server, size: str) -> None:
    for name, path in FRESH.items():
        assert shoot(browser, server.url + path, f"{name}-empty", size).exists()


def test_progress_on_a_phone_opens_on_the_latest_weeks(browser: Any, year_server: Server) -> None:
    """A chart wider than the phone starts scrolled to its right end (the latest weeks), and the
    pain chart has its numbers as a table."""
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{year_server.url}/progress?weeks=52")
    box = page.locator(".chart-scroll").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "a year does not fit a phone"
    assert box.evaluate("b => b.scrollLeft + b.clientWidth >= b.scrollWidth - 1")
    page.click("details.numbers summary")
    assert page.locator("#pain-table tbody tr").count() > 10
    page.close()
