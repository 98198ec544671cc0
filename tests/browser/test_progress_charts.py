"""Progress and History on a phone, in Chromium, on eight weeks of realistic training: the
session charts open on their latest sessions with labels a person can read, every chart's
numbers open as a table, an exercise's own history is one tap away, and axe finds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from backbridge.settings import Settings
from tests.browser.conftest import PHONE, SCREENSHOTS, Server, start_server, stop_server
from tests.browser.test_accessibility import AXE, RUN_AXE
from tests.reports.eight_weeks import EightWeeks, store_eight_weeks

SMALLEST_LABEL = 13.0
"""CSS pixels: the smallest text a chart label may have on the screen."""


@pytest.fixture(scope="module")
def eight_weeks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, EightWeeks]]:
    home = tmp_path_factory.mktemp("eight-weeks-browser") / "home"
    stored = store_eight_weeks(Settings(home=home))
    server = start_server(home)
    yield server, stored
    stop_server(server)


def no_axe_violations(context: Any, url: str) -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (make test installs it with npm ci)")
    page = context.new_page()
    page.goto(url)
    expect(page.locator("h1")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE)
    page.close()
    assert violations == [], violations


def shoot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-phone.png"), full_page=True)


def test_progress_on_a_phone_reads_from_the_latest_sessions(
    browser: Any, eight_weeks: tuple[Server, EightWeeks]
) -> None:
    server, stored = eight_weeks
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{server.url}/progress")
    charts = page.locator("svg.chart.timeline")
    expect(charts).to_have_count(4)  # the pain of each session, one per main exercise
    for n in range(4):
        box = charts.nth(n).locator("xpath=..")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "eight weeks are wider"
        assert box.evaluate("b => b.scrollLeft + b.clientWidth >= b.scrollWidth - 1"), n
    sizes = charts.first.locator("text").evaluate_all(
        "texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize)"
        " * t.ownerSVGElement.getScreenCTM().a)"
    )
    assert min(sizes) >= SMALLEST_LABEL, sizes
    expect(page.locator("#important-change")).to_contain_text("2 points")
    expect(page.locator(".mcid-band")).to_have_count(1)
    squat = charts.nth(1)
    expect(squat.locator("text.value", has_text="15").first).to_be_attached()
    expect(squat.locator("text", has_text="black")).to_have_count(1)

    page.get_by_text("The numbers, session by session").click()
    table = page.locator("#session-pain-table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(stored.sessions)
    expect(table.locator("td[data-label='Before']").first).to_be_visible()
    page.get_by_text("The numbers for Banded clamshell").click()
    expect(
        page.locator(".exercise-table").last.locator("td", has_text="15 reps").first
    ).to_be_visible()
    shoot(page, "progress-eight-weeks")
    page.close()
    no_axe_violations(context, f"{server.url}/progress")
    context.close()


def test_history_leads_to_an_exercise_best_set_and_band_over_time(
    browser: Any, eight_weeks: tuple[Server, EightWeeks]
) -> None:
    server, _ = eight_weeks
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{server.url}/history")
    records = page.locator("#exercise-records")
    expect(records.get_by_role("link", name="Banded clamshell")).to_be_visible()
    shoot(page, "history-eight-weeks")
    records.get_by_role("link", name="Banded clamshell").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Banded clamshell: your history")
    expect(page.locator("#best-set")).to_contain_text("15 reps")
    expect(page.locator("#heaviest-band")).to_contain_text("black")
    expect(page.locator("svg.chart.timeline")).to_have_count(1)
    expect(page.locator("#exercise-sessions tbody tr").first).to_contain_text("black")
    shoot(page, "exercise-history")
    page.goto(f"{server.url}/history/exercise/clamshel")
    expect(page.get_by_role("link", name="Banded clamshell")).to_have_attribute(
        "href", "/history/exercise/banded-clamshell"
    )
    page.close()
    no_axe_violations(context, f"{server.url}/history")
    no_axe_violations(context, f"{server.url}/history/exercise/banded-clamshell")
    no_axe_violations(context, f"{server.url}/history/exercise/clamshel")
    context.close()
