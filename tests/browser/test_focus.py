"""Keyboard and screen-reader users keep their place: dismissing the first-run notice moves
the focus to the page's heading, not to the top of the document."""

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
