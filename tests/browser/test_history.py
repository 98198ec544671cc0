"""The History page in Chromium against a real server: a set corrected in place (and a wrong
value refused beside the form), a deletion undone, a deletion carried out once its moment to
undo has passed; each checked in the database, and the next plan following the correction."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    Server,
    answer_safety_questions,
    call,
)

TIMEOUT = 30_000


def logged(server: Server) -> dict[str, dict[str, Any]]:
    sessions = call(server, "GET", "/history")["sessions"]
    return {s["exercise"]: s for session in sessions for s in session["sets"]}


def seed(server: Server) -> None:
    answer_safety_questions(server)
    call(server, "POST", "/sets", {"exercise": "banded-clamshell", "side": "left", "reps": 10,
                                   "band": "yellow", "pain": 6})  # fmt: skip
    call(server, "POST", "/sets", {"exercise": "bridge", "reps": 12, "pain": 1})


def row_of(page: Any, name: str) -> Any:
    return page.locator("tr[data-set]", has_text=name)


def test_a_set_is_corrected_in_place_and_the_plan_follows(browser: Any, server: Server) -> None:
    seed(server)
    plan_before = call(server, "GET", "/plan")
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/history")
    expect(page.locator("tr[data-set]")).to_have_count(2)
    page.screenshot(path=str(SCREENSHOTS / "history-correct-desktop.png"), full_page=True)
    row_of(page, "Banded clamshell").locator(".edit-set").click()
    form = page.locator(".edit-form")
    form.locator(".pain").fill("11")
    form.locator("button[type=submit]").click()
    expect(form.locator(".stop-line")).to_contain_text("pain must be a whole number from 0")
    assert logged(server)["banded-clamshell"]["pain"] == 6, "a refused correction changes nothing"
    form.locator(".pain").fill("2")
    form.locator(".amount").fill("9")
    form.locator("button[type=submit]").click()
    expect(page.locator("#history-message")).to_contain_text("Corrected: Banded clamshell")
    page.close()
    corrected = logged(server)["banded-clamshell"]
    assert (corrected["reps"], corrected["pain"], corrected["band"]) == (9, 2, "yellow")
    assert call(server, "GET", "/plan") != plan_before, "the plan follows the corrected set"


def test_a_deletion_can_be_undone_and_otherwise_happens(browser: Any, server: Server) -> None:
    """The page's clock is the test's: the moment to undo passes without waiting."""
    seed(server)
    page = browser.new_page(viewport=PHONE)
    page.clock.install()
    page.goto(f"{server.url}/history")
    bridge = row_of(page, "Hip bridge")
    bridge.locator(".delete-set").click()
    bridge.locator(".confirm-delete").click()
    expect(bridge).to_be_hidden()
    page.click("#undo-delete")
    expect(bridge).to_be_visible()
    page.clock.run_for(60_000)
    assert "bridge" in logged(server), "an undone deletion deletes nothing"

    bridge.locator(".delete-set").click()
    bridge.locator(".confirm-delete").click()
    expect(page.locator("#history-message")).to_contain_text("will be deleted")
    page.screenshot(path=str(SCREENSHOTS / "history-undo-phone.png"), full_page=True)
    assert "bridge" in logged(server), "nothing is deleted while it can be undone"
    page.clock.run_for(11_000)
    expect(page.locator("#history-message")).to_contain_text("Deleted: Hip bridge", timeout=TIMEOUT)
    page.close()
    assert set(logged(server)) == {"banded-clamshell"}


def test_leaving_the_page_carries_out_a_pending_deletion(browser: Any, server: Server) -> None:
    seed(server)
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/history")
    bridge = row_of(page, "Hip bridge")
    bridge.locator(".delete-set").click()
    bridge.locator(".confirm-delete").click()
    page.goto(f"{server.url}/progress")
    page.goto(f"{server.url}/history")
    expect(page.locator("tr[data-set]")).to_have_count(1)
    page.close()
    assert set(logged(server)) == {"banded-clamshell"}
