"""The clinician's progress report over the eight-week history: a PDF of one or two pages
rendered to PNG, its refusals in one line, the web's page and download, and what it counts
(camera faults per exercise, the pain reviews the person was shown)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pypdfium2
import pytest
from fastapi.testclient import TestClient

from backbridge.catalog import Catalog
from backbridge.program.history import CameraFault, CameraResult
from backbridge.reports.clinician import _escalations, _faults
from backbridge.services import build_services
from backbridge.services.printouts import Printouts
from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.reports.eight_weeks import EightWeeks


def test_report_pdf_is_two_pages_a_clinician_reads(
    cli, eight_weeks: EightWeeks, tmp_path: Path, request: pytest.FixtureRequest
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    result = cli("report", "--out", str(out))
    assert result.exit_code == 0, result.output
    document = pypdfium2.PdfDocument(out)
    request.addfinalizer(document.close)
    assert 1 <= len(document) <= 2
    text = ""
    for number in range(len(document)):
        image = document[number].render(scale=1).to_pil().convert("L")
        image.save(tmp_path / f"report-{number + 1}.png")
        assert sum(image.histogram()[:128]) > 2000, f"page {number + 1} is nearly blank"
        text += document[number].get_textpage().get_text_range()
    for words in (
        f"{eight_weeks.sessions} of",
        "planned sessions trained",
        "Pain: before sessions",
        "No activities scale",
        "Pain trend (average before sessions, first and last 7 days)",
        "Progression per exercise",
        "Banded clamshell",
        "cleared by my physiotherapist",
        "Training paused",
        "The camera coach was not used",
    ):
        assert words in text, words
    html = tmp_path / "report.html"
    assert (
        cli("report", "--from", eight_weeks.first.date().isoformat(), "-o", str(html)).exit_code
        == 0
    )
    page = html.read_text(encoding="utf-8")
    assert 'class="mcid"' in page and "within 2 points of week 1" in page
    assert page.count("<svg") == 2  # the web's pain chart and adherence calendar


@pytest.mark.parametrize(
    ("dates", "says"),
    [
        (("--from", "2001-03-02", "--to", "2001-03-01"), "is after the last day 2001-03-01"),
        (("--from", "1900-01-01"), "outside the calendar backbridge keeps"),
        (("--to", "2099-12-31"), "is after today"),
        (("--to", "2026-02-30"), "is not a date"),
    ],
)
def test_wrong_dates_are_one_line(cli, tmp_path: Path, dates: tuple[str, ...], says: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    result = cli("report", *dates, "--out", str(out))
    assert result.exit_code == 2 and says in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and says in errors[0]
    assert not out.exists()


def test_camera_faults_and_pain_reviews_are_counted(
    catalog: Catalog, eight_weeks: EightWeeks, isolated_home: Path
) -> None:
    services = build_services(Settings(home=isolated_home))
    try:
        history = services.room.stores.journal.sessions()
        screenings, clearances, _ = services.room.stores.safety.evidence(timedelta(0))
    finally:
        services.close()
    seen = CameraResult(
        reps_counted=10,
        faults=(
            CameraFault(cue="knees-out", rep=2, text="Push your knees out"),
            CameraFault(cue="knees-out", rep=5, text="Push your knees out"),
        ),
    )
    last = history[-1]
    watched = last.sets[-1]
    history[-1] = last.model_copy(
        update={"sets": (*last.sets[:-1], watched.model_copy(update={"camera": seen}))}
    )
    (row,) = _faults(catalog, history)
    assert row.name == catalog.exercise(watched.exercise).name
    assert (row.camera_sets, row.faults) == (1, (("Push your knees out", 2),))

    painful = [
        s.model_copy(update={"sets": tuple(x.model_copy(update={"pain": 7}) for x in s.sets)})
        for s in history[-2:]
    ]
    events = _escalations(
        catalog, [*history[:-2], *painful], screenings, clearances, [],
        history[0].started_at, history[-1].started_at + timedelta(days=1),
    )  # fmt: skip
    kinds = [event.kind for event in events]
    assert kinds == ["Training paused", "Pain review raised"]
    assert "2 sessions in a row" in events[-1].text


@pytest.fixture
def client(isolated_home: Path) -> TestClient:
    return TestClient(create_app(Settings(home=isolated_home), hosts=["testserver"]))


def test_progress_offers_the_report_as_a_page_and_a_pdf(
    client: TestClient, eight_weeks: EightWeeks
) -> None:
    with client:
        progress = client.get("/progress")
        assert 'href="/progress/report"' in progress.text
        assert "Report for your clinician" in progress.text
        page = client.get("/progress/report")
        assert page.status_code == 200 and "Progression per exercise" in page.text
        assert '<link rel="stylesheet" href="/print.css">' in page.text
        assert "<style>" not in page.text
        assert 'href="/progress/report.pdf?from=' in page.text
        download = client.get(
            "/progress/report.pdf", params={"from": eight_weeks.last.date().isoformat()}
        )
        assert download.headers["content-type"] == "application/pdf"
        assert download.content.startswith(b"%PDF")
        assert "backbridge-progress-report.pdf" in download.headers["content-disposition"]
        wrong = client.get("/progress/report", params={"from": "2001-03-02", "to": "2001-03-01"})
        assert wrong.status_code == 422 and "is after the last day" in wrong.text
        assert "<html" in wrong.text  # a page in words, not a JSON body


def test_activities_scales_of_the_dates_are_the_outcome_measures(
    eight_weeks: EightWeeks, isolated_home: Path
) -> None:
    services = build_services(Settings(home=isolated_home))
    try:
        printouts = Printouts(services)
        assert "No activities scale" in printouts.report()
        services.measures.record([("putting on socks", 3), ("sitting an hour", 4), ("lifting", 5)])
        services.measures.record([("putting on socks", 6), ("sitting an hour", 5), ("lifting", 7)])
        page = printouts.report()
    finally:
        services.close()
    assert "Patient-Specific Functional Scale" in page and "2 completed: 4.0 on" in page
    assert "2.0 points better, at least the" in page
    assert "putting on socks 3 → 6" in page and "No activities scale" not in page
