"""A whole session through the player in real Chromium, a reload mid-session, and what the
database holds afterwards; the pain scales that must be answered, effort as a row of numbers, the
server's feedback after a step and its errors with their action link."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from backbridge.catalog import load_catalog
from backbridge.catalog.lessons import Moment
from backbridge.clock import utc_now
from backbridge.coach.steps import Step, build_steps
from backbridge.program.pain import before_session, during_set
from backbridge.program.plan import SessionPlan
from backbridge.settings import Settings
from backbridge.store import Journal, open_database
from backbridge.store.journal import LOCAL_USER, ensure_user
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, Server

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


def tap(page: Any, scale: str, value: int) -> None:
    """Tap a number of a scale (``pain``, ``pain-before``, ``effort``) as a finger would: on its
    button."""
    page.click(f"label[for='{scale}-{value}']")


def open_player(page: Any, server: Server) -> None:
    """Safety questions answered, the session started: the player asks for pain before."""
    answer_safety_questions(page, server)
    page.goto(server.url)
    page.click("text=I have read this")
    page.click("text=Start the session")
    page.wait_for_url(f"{server.url}/session")
    page.wait_for_selector("#pain-before", timeout=TIMEOUT)


def start_session(page: Any, server: Server, pain_before: int = 2) -> None:
    open_player(page, server)
    tap(page, "pain-before", pain_before)
    page.click("text=Save and start")
    page.wait_for_selector("#step-title", timeout=TIMEOUT)


MAIN_CONTROLS = "#skip-timer, #save-set, #done-step, #finish"


def assert_in_view(page: Any, selector: str) -> None:
    """The element is on screen without scrolling: on the floor nobody scrolls."""
    box = page.locator(selector).first.bounding_box()
    view = page.viewport_size
    assert box is not None, selector
    assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"], (selector, box, view)


def do_one_step(page: Any, effort: int | None = 7, pain: int = 2, in_view: bool = False) -> str:
    """Do whatever the current step asks; returns what was done. ``in_view``: check first
    that the timer and the step's main button are on screen."""
    page.wait_for_selector("#skip-timer, #set-form, #done-step, #finish", timeout=TIMEOUT)
    if in_view:
        assert_in_view(page, MAIN_CONTROLS)
        if page.locator(".countdown").count():
            assert_in_view(page, ".countdown .timer")
    if page.locator("#finish").count():
        return "finish"
    if page.locator("#skip-timer").count():
        page.click("#skip-timer")
        page.wait_for_selector("#set-form, #done-step", timeout=TIMEOUT)
    before = page.locator("#progress").get_attribute("value")
    if page.locator("#set-form").count():
        if effort is not None:
            tap(page, "effort", effort)
        tap(page, "pain", pain)
        page.click("#save-set")
        done = "set"
    else:
        page.click("#done-step")
        done = "move"
    page.wait_for_selector(
        f"#progress:not([value='{before}']), #finish", state="attached", timeout=TIMEOUT
    )
    return done


def go_to_first_set(page: Any) -> None:
    for _ in range(100):
        page.wait_for_selector("#skip-timer, #set-form, #done-step", timeout=TIMEOUT)
        if page.locator("#set-form").count():
            page.screenshot(path=str(SCREENSHOTS / f"player-set-{page.viewport_size['width']}.png"))
            return
        do_one_step(page)
    raise AssertionError("no main-block set in the session")


def test_a_whole_session_in_the_browser_is_stored(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=PHONE)
    start_session(page, server)
    done = [
        do_one_step(page, in_view=True) for _ in range(200) if not page.locator("#finish").count()
    ]
    assert "set" in done and "move" in done
    page.click("#finish")
    page.wait_for_selector("#summary", timeout=TIMEOUT)
    summary_rows = page.locator("#summary-table tbody tr").all_inner_texts()
    facts = page.inner_text("#summary-facts")
    next_changes = page.locator("#next-changes li").all_inner_texts()
    page.screenshot(path=str(SCREENSHOTS / "session-summary-phone.png"), full_page=True)
    page.close()
    (session,) = stored_sessions(server)
    main_slugs = list(dict.fromkeys(s.exercise for s in session.sets if s.block == "main"))
    assert len(summary_rows) == len(main_slugs), summary_rows
    for row in summary_rows:
        assert "2/10" in row, "the highest pain of each exercise is the stored one"
    assert "pain before: 2/10" in facts and "highest during the sets: 2/10" in facts
    assert len(next_changes) == len(main_slugs) and all(line.strip() for line in next_changes)
    assert session.status == "completed"
    steps = planned_steps(session)
    assert {key for step in steps for key in step.keys} == {s.step_key for s in session.sets}
    assert len(session.sets) == sum(len(step.sides) for step in steps)
    main = [s for s in session.sets if s.block == "main"]
    assert main and all(s.pain == 2 and s.rpe == 7 and s.reps == 10 for s in main)
    assert all(s.reps_in_reserve is None for s in main)
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
    go_to_first_set(page)
    before = page.locator("#progress").get_attribute("value")
    assert page.locator("#pain input:checked").count() == 0, "no pain is chosen for the person"
    tap(page, "effort", 8)
    page.click("#save-set")
    refusal = page.locator("#pain-problem")
    expect(refusal).to_be_visible(timeout=TIMEOUT)
    expect(refusal).to_contain_text("Tap how much it hurt during the set")
    # Inside the pain scale's own field, and its first number has the focus.
    assert page.locator("fieldset#pain #pain-problem").count() == 1
    expect(page.locator("#pain-0")).to_be_focused()
    expect(page.locator("#pain-value")).to_have_text("not set")
    (session,) = stored_sessions(server)
    assert all(s.block != "main" for s in session.sets), "nothing logged without a pain answer"
    # Answering it clears the refusal; the set is stored with the effort tapped.
    tap(page, "pain", 1)
    expect(refusal).to_be_hidden()
    expect(page.locator("#pain-value")).to_have_text("1/10")
    page.click("#save-set")
    page.wait_for_selector(f"#progress:not([value='{before}'])", state="attached", timeout=TIMEOUT)
    page.close()
    (session,) = stored_sessions(server)
    main = [s for s in session.sets if s.block == "main"]
    assert main and all(s.pain == 1 and s.rpe == 8 for s in main)


def test_effort_can_be_left_unanswered(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=DESKTOP)
    start_session(page, server)
    go_to_first_set(page)
    assert page.locator("#effort input:checked").count() == 0
    values = page.locator("#effort input").evaluate_all("nodes => nodes.map(n => n.value)")
    assert values == [str(n) for n in range(1, 11)]
    expect(page.locator("label[for='effort-8']")).to_contain_text("2 left")
    # A second tap on the chosen number takes the answer back.
    tap(page, "effort", 6)
    tap(page, "effort", 6)
    assert page.locator("#effort input:checked").count() == 0
    do_one_step(page, effort=None)
    page.close()
    (session,) = stored_sessions(server)
    main = [s for s in session.sets if s.block == "main"]
    assert main and all(s.rpe is None and s.reps_in_reserve is None for s in main)


def test_an_unanswered_pain_before_is_refused_beside_it(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=PHONE)
    open_player(page, server)
    expect(page.locator("#pain-before-value")).to_have_text("not set")
    page.click("text=Save and start")
    refusal = page.locator("#pain-before-problem")
    expect(refusal).to_be_visible(timeout=TIMEOUT)
    expect(refusal).to_contain_text("Tap how much your back hurts right now")
    assert page.locator("#checkin-form fieldset#pain-before #pain-before-problem").count() == 1
    assert page.locator("[role=alert]:has-text('Tap how much your back')").count() == 1
    expect(page.locator("#pain-before-0")).to_be_focused()
    (session,) = stored_sessions(server)
    assert session.checkins == (), "nothing posted for an unanswered scale"
    assert page.locator("#step-title").count() == 0
    # Tabbing through is not an answer; the keyboard's choice of a number (Space on 0) is.
    page.keyboard.press("Tab")
    expect(page.locator("#pain-before")).to_have_attribute("data-answered", "false")
    page.click("text=Save and start")
    expect(refusal).to_be_visible()
    page.focus("#pain-before-0")
    page.keyboard.press("Space")
    expect(refusal).to_be_hidden()
    expect(page.locator("#pain-before-value")).to_have_text("0/10")
    page.click("text=Save and start")
    page.wait_for_selector("#step-title", timeout=TIMEOUT)
    page.close()
    (session,) = stored_sessions(server)
    assert [c.pain for c in session.checkins] == [0]


def test_the_servers_messages_show_after_a_check_in_and_a_painful_set(
    browser: Any, server: Server
) -> None:
    rules = load_catalog().rules.pain
    page = browser.new_page(viewport=DESKTOP)
    start_session(page, server, pain_before=rules.acceptable_max + 1)
    caution = before_session(rules, rules.acceptable_max + 1)
    assert caution
    expect(page.locator("#feedback")).to_contain_text(caution, timeout=TIMEOUT)
    go_to_first_set(page)
    name = page.locator("#player-title").inner_text().split(": ", 1)[1]
    do_one_step(page, pain=rules.acceptable_max + 2)
    verdict = during_set(rules, rules.acceptable_max + 2, name)
    assert verdict.stops_exercise and verdict.message
    expect(page.locator("#feedback")).to_contain_text(verdict.message, timeout=TIMEOUT)
    expect(page.locator("#player-title")).not_to_contain_text(name)
    stop_lessons = load_catalog().lessons_at(Moment.PAIN_STOP)
    links = page.locator("#lessons-now a")
    expect(links).to_have_count(len(stop_lessons))
    assert links.first.get_attribute("href") == f"/learn#{stop_lessons[0].id}"
    page.close()
    (session,) = stored_sessions(server)
    main = [s for s in session.sets if s.block == "main"]
    painful = next(s for s in main if s.pain is not None and s.pain > rules.acceptable_max)
    rest = [s for s in main if s.exercise == painful.exercise and s.set_number > painful.set_number]
    assert rest and all(s.status == "skipped" for s in rest)


def test_an_api_refusal_shows_its_detail_and_action_link(browser: Any, server: Server) -> None:
    rescreen = load_catalog().rules.screening.rescreen_pain
    page = browser.new_page(viewport=PHONE)
    start_session(page, server, pain_before=rescreen)
    feedback = page.locator("#feedback")
    expect(feedback.locator("a[href='/safety']")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_selector("#skip-timer, #set-form, #done-step", timeout=TIMEOUT)
    if page.locator("#skip-timer").count():
        page.click("#skip-timer")
        page.wait_for_selector("#set-form, #done-step", timeout=TIMEOUT)
    if page.locator("#set-form").count():
        tap(page, "pain", 1)
        page.click("#save-set")
    else:
        page.click("#done-step")
    error = page.locator("#error-line")
    expect(error).to_contain_text("safety questions are due", timeout=TIMEOUT)
    link = error.locator("a")
    expect(link).to_have_attribute("href", "/safety")
    expect(link).to_have_text("Answer the safety questions")
    page.close()
    (session,) = stored_sessions(server)
    assert all(s.status == "skipped" for s in session.sets), "the refused step stored nothing"


CUE_STUBS = """
window.__cues = [];
const fakeVoice = { speak: (u) => window.__cues.push("say: " + u.text), cancel: () => {} };
Object.defineProperty(window, "speechSynthesis", { value: fakeVoice, configurable: true });
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
navigator.vibrate = (pattern) => { window.__cues.push("vibrate"); return true; };
Object.defineProperty(navigator, "wakeLock", { configurable: true, value: {
  request: async (kind) => { window.__cues.push("wake lock: " + kind); return { released: false }; },
} });
"""


def test_a_hold_on_each_side_is_timed_side_by_side_and_spoken(browser: Any, server: Server) -> None:
    """Speech, vibration and the wake lock are stubbed in the page; the page's clock is
    driven by the test, so a 20 s hold takes no time and nothing waits for a clock."""
    page = browser.new_page(viewport=PHONE)
    page.add_init_script(CUE_STUBS)
    page.clock.install()
    start_session(page, server)
    while not page.locator("#start-hold").count():
        do_one_step(page)
    step = page.inner_text("#step-title")
    assert "(each side)" in page.inner_text("#start-hold")
    assert "wake lock: screen" in page.evaluate("window.__cues"), "the screen stays awake"
    page.evaluate("window.__cues.length = 0")
    page.click("#start-hold")
    assert "left side" in page.inner_text(".timer-label")
    page.click("#pause-timer")
    page.clock.run_for(30_000)
    assert page.inner_text(".timer") == "20", "a paused hold does not run"
    page.click("#pause-timer")
    page.clock.run_for(20_000)
    assert "right side" in page.inner_text(".timer-label")
    assert_in_view(page, ".timer")
    page.screenshot(path=str(SCREENSHOTS / "player-hold-phone.png"))
    page.clock.run_for(20_000)
    expect(page.locator("#done-step")).to_be_visible()
    cues = page.evaluate("window.__cues")
    expected = ["say: Hold, left side.", "say: 3", "say: 2", "say: 1",
                "vibrate", "say: Switch sides. Now the right side.", "vibrate", "say: 3",
                "say: 2", "say: 1", "vibrate", "say: Hold done."]  # fmt: skip
    assert cues == expected, cues
    page.click("#done-step")
    page.wait_for_selector(f"#step-title:not(:text-is('{step}'))", timeout=TIMEOUT)
    page.close()
    (session,) = stored_sessions(server)
    stretch = [s for s in session.sets if s.block == "stretch"]
    assert {s.side for s in stretch[:2]} == {"left", "right"}
    assert all(s.seconds == 20 for s in stretch[:2])


def test_voice_cues_can_be_turned_off_and_stay_off(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.add_init_script(CUE_STUBS)
    start_session(page, server)
    page.click("#mute")
    assert page.inner_text("#mute") == "Voice cues: off"
    page.evaluate("window.__cues.length = 0")
    do_one_step(page)
    page.reload()
    page.wait_for_selector("#step-title", timeout=TIMEOUT)
    assert page.inner_text("#mute") == "Voice cues: off"
    do_one_step(page)
    assert not [c for c in page.evaluate("window.__cues") if c.startswith("say:")]
    page.close()


def test_a_double_tap_logs_one_step(browser: Any, server: Server) -> None:
    """While the step is being saved its buttons cannot be pressed again: a quick second tap
    neither logs the next step nor shows an error."""
    page = browser.new_page(viewport=PHONE)
    start_session(page, server)
    page.wait_for_selector("#done-step", timeout=TIMEOUT)
    page.evaluate(
        "document.getElementById('done-step').click(); document.getElementById('done-step').click()"
    )
    page.wait_for_selector("#saved-line", timeout=TIMEOUT)
    assert not page.locator("#error-line").count()
    page.close()
    (session,) = stored_sessions(server)
    assert len({s.step_key.rsplit(":", 1)[0] for s in session.sets}) == 1
