"""Logging a set in the player with as few taps as possible: the form opens with the plan's
reps and band and says what was done last time (as the database holds it); effort and pain are
rows of numbers, the pain row coloured by the pain rules' zones; a refusal shows beside the field
it is about."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from playwright.sync_api import expect

from backbridge.catalog import load_catalog
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    Server,
    answer_safety_questions,
    call,
)
from tests.browser.test_session_player import TIMEOUT, stored_sessions, tap


def a_session_through_the_api(server: Server, effort: dict[str, Any], pain: int) -> None:
    """A whole session logged through the API, every main set at the plan's dose with
    ``effort`` and ``pain``, then finished."""
    session = call(server, "POST", "/sessions", {"resume": False})
    call(server, "POST", f"/sessions/{session['id']}/checkin", {"pain": 1})
    for step in session["steps"]:
        body: dict[str, Any] = {"amounts": dict.fromkeys(step["sides"], step["target"])}
        if step["block"] == "main":
            body.update(effort=effort, pain=pain)
            if step["uses_band"]:
                body["band"] = step["band"] or "none"
        call(server, "POST", f"/sessions/{session['id']}/steps/{step['index']}", body)
    call(server, "POST", f"/sessions/{session['id']}/finish")


def first_set(page: Any, server: Server) -> None:
    """The player opened at a new session and walked past the warm-up to its first set."""
    page.goto(f"{server.url}/session")
    page.click("text=Start the next session")
    page.wait_for_selector("#pain-before-0", timeout=TIMEOUT)
    tap(page, "pain-before", 1)
    page.click("#save-checkin")
    for _ in range(60):
        page.wait_for_selector("#set-form, #done-step, #skip-timer", timeout=TIMEOUT)
        if page.locator("#set-form").count():
            return
        if page.locator("#skip-timer").count():
            page.click("#skip-timer")
            continue
        before = page.locator("#progress").get_attribute("value")
        page.click("#done-step")
        page.wait_for_selector(f"#progress:not([value='{before}'])", state="attached")
    raise AssertionError("no set in the session")


def test_the_form_says_what_was_done_last_time_and_opens_at_the_plan(
    browser: Any, server: Server
) -> None:
    answer_safety_questions(server)
    a_session_through_the_api(server, {"rpe": 7}, pain=2)
    (earlier,) = stored_sessions(server)
    page = browser.new_page(viewport=PHONE)
    page.goto(server.url)
    page.click("text=I have read this")
    first_set(page, server)
    step = call(server, "GET", "/sessions/current")["steps"]
    current = next(s for s in step if s["block"] == "main")
    last = [
        s
        for s in earlier.sets
        if s.exercise == current["exercise"] and s.block == "main" and s.set_number == 1
    ]
    assert last, "the earlier session did this exercise"
    line = page.locator("#last-time")
    expect(line).to_be_visible()
    text = line.inner_text()
    when = datetime.fromisoformat(current["last_time"]["performed_at"])
    assert when == last[0].performed_at
    for row in last:
        assert f"{row.reps}" in text
    assert "RPE 7" in text and "pain 2/10" in text and "set 1" in text
    if last[0].band:
        assert f"{last[0].band} band" in text
    # The plan's reps and band are already in the form: only pain and Save remain.
    for side in current["sides"]:
        assert page.input_value(f"#reps-{side}") == str(current["target"])
    if current["uses_band"]:
        assert page.input_value("#band") == (current["band"] or "none")
    page.screenshot(path=str(SCREENSHOTS / "player-one-tap-set-phone.png"), full_page=True)
    before = page.locator("#progress").get_attribute("value")
    tap(page, "pain", 0)
    page.click("#save-set")
    page.wait_for_selector(f"#progress:not([value='{before}'])", state="attached")
    page.close()
    latest = stored_sessions(server)[-1]
    saved = [s for s in latest.sets if s.block == "main"]
    assert saved and all(s.reps == current["target"] and s.pain == 0 for s in saved)
    assert all(s.rpe is None for s in saved), "effort is never assumed from last time"


def test_the_pain_row_shows_the_zones_of_the_pain_rules(browser: Any, server: Server) -> None:
    rules = load_catalog().rules.pain
    answer_safety_questions(server)
    page = browser.new_page(viewport=DESKTOP)
    page.goto(server.url)
    page.click("text=I have read this")
    first_set(page, server)
    assert page.locator("#last-time").count() == 0, "nothing to compare with on the first day"
    zones = page.locator("#pain .scale-option").evaluate_all(
        "nodes => nodes.map(n => [...n.classList].find(c => c.startsWith('zone-')))"
    )
    expected = [
        "zone-safe"
        if n <= rules.safe_max
        else "zone-acceptable"
        if n <= rules.acceptable_max
        else "zone-too-much"
        for n in range(11)
    ]
    assert zones == expected
    legend = page.locator("#pain .zone-legend").inner_text()
    assert f"0-{rules.safe_max}: fine" in legend
    assert f"{rules.severe_from} or more ends today's training" in legend
    page.screenshot(path=str(SCREENSHOTS / "player-one-tap-set-desktop.png"), full_page=True)
    page.close()


def test_a_refusal_shows_beside_the_field_it_is_about(browser: Any, server: Server) -> None:
    answer_safety_questions(server)
    page = browser.new_page(viewport=PHONE)
    page.goto(server.url)
    page.click("text=I have read this")
    first_set(page, server)
    reps = page.locator(".reps-field input").first
    reps.fill("250")
    tap(page, "pain", 1)
    page.click("#save-set")
    problem = page.locator(".reps-field .field-problem").first
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("from 0 to 200")
    expect(reps).to_be_focused()
    # The steppers put the count right without the keyboard.
    reps.fill("11")
    page.locator(".reps-field .stepper").first.click()
    assert reps.input_value() == "10"
    # A refusal from the server lands in the field it names: a band the catalogue lacks.
    if page.locator("#band").count():
        page.locator("#band").evaluate(
            "select => { select.append(new Option('purple', 'purple')); select.value = 'purple'; }"
        )
        page.click("#save-set")
        expect(page.locator("#band-field #error-line")).to_contain_text("purple")
    page.close()
    (session,) = stored_sessions(server)
    assert all(s.block != "main" for s in session.sets), "no refused set was stored"
