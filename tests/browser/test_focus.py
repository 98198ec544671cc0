"""Today keeps people in place: dismissing the first-run notice moves the focus to the page's
heading, not to the top of the document, and a check-in refreshes the page where it stands."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, Server


def test_dismissing_the_notice_leaves_the_focus_on_the_heading(
    browser: Any, server: Server
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/")
    button = page.locator("#notice button")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#notice")).to_have_count(0)
    expect(page.locator("main h1")).to_be_focused()
    page.close()


def test_a_check_in_from_today_refreshes_the_page(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/")
    page.locator("#morning-pain").fill("4")
    page.click("form.checkin button[type=submit]")
    expect(page.locator("#checkin-result")).to_contain_text("Saved: before pain 4/10")
    expect(page.locator("main")).to_contain_text("Last check-in: 4/10")
    assert page.url.rstrip("/") == server.url, "htmx swapped the page in place"
    page.close()
