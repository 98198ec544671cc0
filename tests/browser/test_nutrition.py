"""The Nutrition page in real Chromium: the profile form, a food and a supplement logged through
the page, the totals updated in place, the entries in the database, and screenshots."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backbridge.clock import utc_now
from backbridge.settings import Settings
from backbridge.store import open_database
from backbridge.store.journal import LOCAL_USER, ensure_user
from backbridge.store.nutrition_log import NutritionLog
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, Server

TIMEOUT = 15_000


def stored_entries(server: Server) -> tuple[list[Any], list[Any]]:
    db = open_database(Settings(home=server.home))
    try:
        log = NutritionLog(db, ensure_user(db, LOCAL_USER, utc_now()))
        start, end = utc_now() - timedelta(days=2), utc_now() + timedelta(days=1)
        return log.food_entries(start, end), log.supplement_entries(start, end)
    finally:
        db.dispose()


def screenshot(browser: Any, server: Server, size: str, viewport: dict[str, int]) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(f"{server.url}/nutrition")
    page.wait_for_load_state("networkidle")
    page.locator("#supplement-creatine summary").click()
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"nutrition-{size}.png"
    page.screenshot(path=str(path), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.close()
    assert overflow <= 0, f"nutrition at {size} scrolls sideways by {overflow}px"
    assert path.stat().st_size > 10_000


def test_profile_food_and_supplement_through_the_page(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/nutrition")
    assert page.locator("text=Estimates for planning, not medical advice.").count() >= 1
    page.fill("#weight", "80")
    page.fill("#height", "180")
    page.fill("#age", "30")
    page.select_option("#sex", "male")
    page.select_option("#activity", "moderate")
    page.click("#save-profile")
    page.wait_for_selector("#food-form", timeout=TIMEOUT)
    assert "2483–3035 kcal" in page.inner_text("#total-energy")
    assert page.inner_text("#total-protein .figure-now") == "0 g"

    page.locator("#food").press_sequentially("greek yogurt", delay=20)
    page.wait_for_selector("#food-options option", state="attached", timeout=TIMEOUT)
    suggestions = page.locator("#food-options option").evaluate_all("os => os.map(o => o.value)")
    assert "Greek yogurt, plain, nonfat" in suggestions
    page.wait_for_selector("#food-portions:has-text('cup (245 g)')", timeout=TIMEOUT)
    page.fill("#grams", "200")
    page.click("#log-food")
    page.wait_for_selector("#nutrition-message:has-text('Greek yogurt')", timeout=TIMEOUT)
    assert page.inner_text("#total-protein .figure-now") == "20 g"
    assert page.inner_text("#total-energy .figure-now") == "118 kcal"
    assert "Greek yogurt, plain, nonfat, 200 g" in page.inner_text("#food-entries")
    assert page.input_value("#grams") == ""  # the form is ready for the next food

    page.select_option("#supplement", "creatine")
    assert page.input_value("#unit") == "g"
    page.fill("#amount", "5")
    page.click("#log-supplement")
    page.wait_for_selector("#nutrition-message:has-text('Creatine monohydrate 5 g')")
    assert "Creatine monohydrate 5 g" in page.inner_text("#supplement-totals")
    page.close()

    foods, supplements = stored_entries(server)
    assert [(f.food, f.grams) for f in foods] == [("greek-yogurt-nonfat", 200)]
    assert [(s.supplement, s.amount, s.unit) for s in supplements] == [("creatine", 5, "g")]

    screenshot(browser, server, "desktop", DESKTOP)
    screenshot(browser, server, "phone", PHONE)


def test_a_bad_food_shows_the_hint_in_the_page(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server.url}/nutrition")
    for field, value in (("#weight", "60"), ("#height", "165"), ("#age", "40")):
        page.fill(field, value)
    page.select_option("#sex", "female")
    page.select_option("#activity", "light")
    page.click("#save-profile")
    page.wait_for_selector("#food-form", timeout=TIMEOUT)
    page.fill("#food", "greek yougrt")
    page.fill("#grams", "-3")
    page.locator("#grams").evaluate("input => input.removeAttribute('min')")
    page.click("#log-food")
    page.wait_for_selector("#nutrition-error", timeout=TIMEOUT)
    assert "grams must be more than 0" in page.inner_text("#nutrition-error")
    page.close()
    assert stored_entries(server) == ([], [])
