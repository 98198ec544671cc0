"""A whole session through the player in real Chromium, a reload mid-session, and what the
database holds afterwards."""

from __future__ import annotations

from typing import Any

from backbridge.catalog import load_catalog
from backbridge.clock import utc_now
from backbridge.coach.steps import Step, build_steps
from backbridge.program.plan import SessionPlan
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user
from tests.browser.conftest import DESKTOP, PHONE, Server

TIMEOUT = 15_000


def stored_sessions(server: Server) -> list[Any]:
    db = open_database(Settings(home=server.home))
    try:
        return Journal(db, ensure_user(db, LOCAL_USER, utc_now())).sessions()
    finally:
        db.dispose()


def planned_steps(session: Any) -> list[Step]:
    return build_steps(SessionPlan.model_validate(session.plan), load_catalog())


def answer_safety_questions(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/safety")
    for radio in page.locator("input[type=radio][value=no]").all():
        radio.check()
    page.click("#submit-screen")
    page.wait_for_selector("text=No warning signs", timeout=TIMEOUT)


def set_range(page: Any, selector: str, value: int) -> None:
    page.locator(selector).evaluate(
        "(input, value) => { input.value = value; input.dispatchEvent(new Event('input')); }",
        value,
    )


def start_session(page: Any, server: Server) -> None:
    answer_safety_questions(page, server)
    page.goto(server.url)
    page.click("text=I have read this")
    page.click("text=Start the session")
    page.wait_for_url(f"{server.url}/session")
    set_range(page, "#pain-before", 2)
    page.click("text=Save and start")
    page.wait_for_selector("#step-title", timeout=TIMEOUT)


def do_one_step(page: Any) -> str:
    """Do whatever the current step asks; returns what was done."""
    page.wait_for_selector("#skip-timer, #set-form, #done-step, #finish", timeout=TIMEOUT)
    if page.locator("#finish").count():
        return "finish"
    if page.locator("#skip-timer").count():
        page.click("#skip-timer")
        page.wait_for_selector("#set-form, #done-step", timeout=TIMEOUT)
    before = page.locator("#progress").get_attribute("value")
    if page.locator("#set-form").count():
        page.fill("#effort", "7")
        set_range(page, "#pain", 2)
        page.click("#save-set")
        done = "set"
    else:
        page.click("#done-step")
        done = "move"
    page.wait_for_function(
        f"document.getElementById('progress').value != {before} || document.getElementById('finish')",
        timeout=TIMEOUT,
    )
    return done


def test_a_whole_session_in_the_browser_is_stored(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=PHONE)
    start_session(page, server)
    done = [do_one_step(page) for _ in range(200) if not page.locator("#finish").count()]
    assert "set" in done and "move" in done
    page.click("#finish")
    page.wait_for_selector("text=Session saved", timeout=TIMEOUT)
    page.close()
    (session,) = stored_sessions(server)
    assert session.status == "completed"
    steps = planned_steps(session)
    assert {key for step in steps for key in step.keys} == {s.step_key for s in session.sets}
    assert len(session.sets) == sum(len(step.sides) for step in steps)
    main = [s for s in session.sets if s.block == "main"]
    assert main and all(s.pain == 2 and s.rpe == 7 and s.reps == 10 for s in main)
    assert session.checkins[0].pain == 2


def test_a_reload_mid_session_resumes_at_the_next_step(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=DESKTOP)
    start_session(page, server)
    for _ in range(5):
        do_one_step(page)
    title = page.locator("#player-title").inner_text()
    page.reload()
    page.wait_for_selector("#step-title", timeout=TIMEOUT)
    assert page.locator("#player-title").inner_text() == title
    assert page.locator("#progress-text").inner_text().startswith("5 of ")
    do_one_step(page)
    assert page.locator("#progress-text").inner_text().startswith("6 of ")
    page.close()
    (session,) = stored_sessions(server)
    steps = planned_steps(session)
    assert {key for step in steps[:6] for key in step.keys} == {s.step_key for s in session.sets}


def test_pain_during_a_set_is_never_assumed(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=PHONE)
    start_session(page, server)
    for _ in range(100):
        if page.locator("#set-form").count():
            break
        do_one_step(page)
    page.fill("#effort", "7")
    page.click("#save-set")
    page.wait_for_selector("text=Set your pain during the set", timeout=TIMEOUT)
    page.close()
    (session,) = stored_sessions(server)
    assert all(s.block != "main" for s in session.sets), "nothing logged without a pain answer"
