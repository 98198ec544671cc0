"""The printable handout: its content from the plan, the same figures as the web (still), a PDF
rendered to PNG pages, and the web's "Print handout"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2
import pytest
from fastapi.testclient import TestClient

from backbridge.catalog import DEFAULT_PROGRAM, Catalog
from backbridge.program.plan import starting_plan
from backbridge.reports.figures import figure, still
from backbridge.reports.handout import handout, handout_html
from backbridge.reports.paper import for_print
from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.reports.eight_weeks import EightWeeks

DAY = date(2026, 3, 2)


def test_one_page_per_main_exercise_at_the_plans_dose(catalog: Catalog) -> None:
    plan = starting_plan(catalog.program(DEFAULT_PROGRAM), catalog)
    content = handout(catalog, plan, DAY)
    main = plan.main_items()
    assert [p.exercise.slug for p in content.pages] == [item.exercise for item in main]
    clamshell = content.pages[-1]
    assert clamshell.band == "yellow" and clamshell.dose.startswith("3 × 10 per side")
    assert any("heavier band" in step for step in clamshell.next_steps)
    assert [b.title for b in content.before] == ["Warm-up", "Short stretches"]
    assert content.after and content.safety[-1].startswith("Stop any exercise")
    html = handout_html(content)
    for item in main:
        exercise = catalog.exercise(item.exercise)
        assert exercise.name in html and exercise.steps[0] in html
    assert "emergency department" in html and "<style>" in html


def test_paper_figures_are_the_web_keyframes_standing_still(catalog: Catalog) -> None:
    bridge = catalog.exercise("banded-bridge-abduction")
    moving, start, end = str(figure(bridge)), str(still(bridge, "start")), str(still(bridge, "end"))
    assert "<animate" in moving and "<animate" not in start + end
    first_limb = start.split('class="limb"')[0].rsplit('points="', 1)[1].split('"')[0]
    assert f'values="{first_limb};' in moving  # the page's figure starts where paper's does
    assert start != end
    printed = for_print(f"<p>{start}</p>")
    assert printed.count("<style>") == 1 and ".limb" in printed


def test_handout_pdf_renders_to_pages_of_figures_and_text(
    cli, eight_weeks: EightWeeks, tmp_path: Path, request: pytest.FixtureRequest
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "handout.pdf"
    result = cli("handout", "--out", str(out))
    assert result.exit_code == 0, result.output
    document = pypdfium2.PdfDocument(out)
    request.addfinalizer(document.close)
    pages = len(document)
    assert 4 <= pages <= 6  # intro, one page per exercise, cool-down and safety
    for number in range(pages):
        image = document[number].render(scale=1).to_pil().convert("L")
        image.save(tmp_path / f"handout-{number + 1}.png")
        dark = sum(image.histogram()[:128])
        assert dark > 2000, f"page {number + 1} is nearly blank"
    text = document[1].get_textpage().get_text_range()
    assert "How to do it" in text and "Start" in text and "End" in text

    html = tmp_path / "handout.html"
    assert cli("handout", "-o", str(html)).exit_code == 0
    assert "<svg" in html.read_text(encoding="utf-8")
    refused = cli("handout", "--out", str(tmp_path / "handout.txt"))
    assert refused.exit_code == 2 and "give a file ending in .pdf or .html" in refused.stderr


@pytest.fixture
def client(isolated_home: Path) -> TestClient:
    return TestClient(create_app(Settings(home=isolated_home), hosts=["testserver"]))


@pytest.mark.usefixtures("eight_weeks")
def test_the_library_offers_the_handout_as_a_page_and_a_pdf(client: TestClient) -> None:
    with client:
        library = client.get("/library")
        assert 'href="/library/handout"' in library.text and "Print handout" in library.text
        page = client.get("/library/handout")
        assert page.status_code == 200
        assert '<link rel="stylesheet" href="/print.css">' in page.text
        assert "<style>" not in page.text  # the page's security policy allows no inline style
        css = client.get("/print.css")
        assert css.headers["content-type"].startswith("text/css") and ".limb" in css.text
        download = client.get("/library/handout.pdf")
        assert download.headers["content-type"] == "application/pdf"
        assert download.content.startswith(b"%PDF")
        assert 'filename="backbridge-handout.pdf"' in download.headers["content-disposition"]
