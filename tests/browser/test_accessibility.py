"""axe-core (from npm, a development dependency) on every page at desktop and phone sizes:
no violation of the rules it checks (WCAG 2.x A and AA and its best practices).

axe is injected into a context that bypasses the Content-Security-Policy (the app's own
pages run under it everywhere else); nothing of the app changes for the check.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    Server,
    answer_safety_questions,
    call,
    start_server,
    stop_server,
)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["/", "/session", "/camera", "/progress", "/history", "/library",
         "/library/banded-clamshell", "/learn", "/nutrition", "/safety", "/measures"]  # fmt: skip
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}"""


@pytest.fixture(scope="module")
def lived_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with a little of everything: screened, a set logged, a session under way."""
    server = start_server(tmp_path_factory.mktemp("a11y") / "home")
    answer_safety_questions(server)
    call(server, "POST", "/sets", {"exercise": "bridge", "reps": 10, "pain": 1})
    call(server, "POST", "/sessions", {})
    yield server
    stop_server(server)


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_no_page_has_an_accessibility_violation(
    browser: Any, lived_in: Server, path: str, size: str
) -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (make test installs it with npm ci)")
    context = browser.new_context(viewport=DESKTOP if size == "desktop" else PHONE, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{lived_in.url}{path}")
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE)
        assert violations == [], violations
    finally:
        context.close()
