"""The Progress and History pages on eight weeks of realistic training: the pain of each
session against the clinically important change, each exercise's best set, band and variant
with dates, a table beside every chart, and an unknown exercise answered with links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from backbridge.reports import timeline
from backbridge.reports.progress import BandPoint, SessionPain
from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.reports.eight_weeks import EightWeeks, store_eight_weeks
from tests.web.conftest import TEST_HOSTS


@pytest.fixture(scope="module")
def eight_weeks(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[TestClient, EightWeeks]]:
    settings = Settings(home=tmp_path_factory.mktemp("eight-weeks-web"))
    stored = store_eight_weeks(settings)
    with TestClient(create_app(settings, hosts=TEST_HOSTS)) as client:
        yield client, stored


def rows(page: str, table_id: str) -> list[str]:
    table = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><th scope=\"row\">.*?</tr>", table, flags=re.S)


def test_progress_shows_the_pain_of_every_session_against_the_important_change(
    eight_weeks: tuple[TestClient, EightWeeks],
) -> None:
    client, stored = eight_weeks
    page = client.get("/progress").text
    assert 'class="mcid-band"' in page, "the band of the clinically important change is drawn"
    assert "2 points either way" in page and "clinically important change" in page
    assert page.count("pain before the session") >= stored.sessions  # a marker per session
    table = rows(page, "session-pain-table")
    assert len(table) == stored.sessions
    assert all(re.search(r"within 2 points|at least 2 points", row) for row in table)


def test_progress_charts_reps_band_and_variant_of_each_exercise_with_dates(
    eight_weeks: tuple[TestClient, EightWeeks],
) -> None:
    client, _ = eight_weeks
    page = client.get("/progress").text
    assert page.count('class="chart timeline"') == 4  # pain, and one per main exercise
    # The best set climbs 10 → 12 → 15 and is written where it changes.
    assert all(f'text-anchor="middle">{n}</text>' in page for n in (10, 12, 15))
    assert 'class="variant-change"' in page and "Single-leg hip bridge" in page
    assert re.search(r'class="tick" text-anchor="middle">\d{1,2} (Oct|Nov|Dec|Sep)</text>', page)
    tables = page.count('class="summary-table exercise-table"')
    assert tables == 3, "each exercise chart has its numbers as a table"
    assert re.search(r"<td data-label=\"Best set\">15 reps</td>", page)
    assert '<a href="/history/exercise/single-leg-bridge">Single-leg hip bridge</a>' in page


def test_every_chart_on_progress_has_words_or_a_table(
    eight_weeks: tuple[TestClient, EightWeeks],
) -> None:
    client, stored = eight_weeks
    page = client.get("/progress").text
    for table in ("session-pain-table", "pain-table", "muscle-table"):
        assert rows(page, table), table
    assert f"You trained on {stored.sessions} of the last" in page
    assert "No sets counted by the camera coach" in page  # words, not an empty chart
    assert "did you mean" not in page.lower()


def test_history_lists_each_exercise_best_so_far_and_links_its_own_page(
    eight_weeks: tuple[TestClient, EightWeeks],
) -> None:
    client, stored = eight_weeks
    history = client.get("/history").text
    records = rows(history, "exercise-records")
    assert len(records) >= 3
    assert '<a href="/history/exercise/banded-clamshell">Banded clamshell</a>' in history
    page = client.get("/history/exercise/banded-clamshell").text
    assert "Best set: <strong>15 reps</strong>" in page
    assert "Heaviest band: <strong>black</strong>" in page
    sessions = rows(page, "exercise-sessions")
    assert 0 < len(sessions) < stored.sessions
    assert "15 left, 15 right" in page and 'href="/library/banded-clamshell"' in page
    library = client.get("/library/banded-clamshell").text
    assert 'href="/history/exercise/banded-clamshell"' in library


def test_an_unknown_exercise_offers_the_close_ones_as_links(
    eight_weeks: tuple[TestClient, EightWeeks],
) -> None:
    client, _ = eight_weeks
    answer = client.get("/history/exercise/clamshel")
    assert answer.status_code == 404
    assert "No exercise is called “clamshel”" in answer.text
    assert '<a href="/history/exercise/clamshell">Clamshell</a>' in answer.text
    assert "'clamshell'" not in answer.text, "suggestions are links, not ids"
    library = client.get("/library/bridg")
    assert library.status_code == 404 and '<a href="/library/bridge">' in library.text
    nothing = client.get("/library/zzzzzz").text
    assert "No exercise is called “zzzzzz”" in nothing and "See the exercises" in nothing


def test_timelines_say_in_words_when_there_is_nothing_to_draw() -> None:
    assert "<svg" not in timeline.session_pain((), date(2026, 1, 1), None, 2)
    assert "not trained" in timeline.exercise_loads("Hip bridge", (), date(2026, 1, 1),
                                                    date(2026, 1, 9))  # fmt: skip


def test_a_single_session_still_draws_with_its_values() -> None:
    day = date(2026, 3, 2)
    pain = timeline.session_pain((SessionPain(day, 3, 5, None),), day, 3.0, 2)
    assert "pain before the session 3/10" in pain and "highest during sets 5/10" in pain
    point = BandPoint(day, "bridge", "Hip bridge", 0, "red", 2, 12, sets=3)
    loads = timeline.exercise_loads("Hip bridge", (point,), day, day)
    assert ">12</text>" in loads and ">red</text>" in loads and "best set 12 reps" in loads
