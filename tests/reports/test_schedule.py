"""The training schedule as iCalendar: written by ``backbridge export --format ical`` and by the
Progress page, parsed back with ``icalendar`` (and its recurrence rules expanded with dateutil,
as a calendar app would)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from fastapi.testclient import TestClient
from icalendar import Calendar

from backbridge.catalog import DEFAULT_PROGRAM, Catalog
from backbridge.services.exchange import ExportFormat
from backbridge.settings import Settings
from backbridge.web.app import create_app
from tests.reports.eight_weeks import EightWeeks

MONDAY = date(2026, 3, 2)


def occurrences(event) -> list[datetime]:  # type: ignore[no-untyped-def]
    rule = event["RRULE"].to_ical().decode()
    return list(rrulestr(rule, dtstart=event.decoded("DTSTART")))


def test_ical_holds_the_sessions_and_next_morning_check_ins_with_alarms(
    cli, eight_weeks: EightWeeks, catalog: Catalog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "schedule.ics"
    options = ("--start", MONDAY.isoformat(), "--weeks", "4", "--at", "17:30")
    result = cli("export", "--format", "ical", *options, "-o", str(out))
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(out.read_bytes())
    training, morning = calendar.walk("VEVENT")
    program = catalog.program(DEFAULT_PROGRAM)

    sessions = occurrences(training)
    assert len(sessions) == 4 * program.sessions_per_week
    assert sessions[0] == datetime(2026, 3, 2, 17, 30)
    assert {day.weekday() for day in sessions} == {0, 2, 4}
    assert all(day.hour == 17 and day.minute == 30 for day in sessions)
    assert all(day.date() < MONDAY + timedelta(weeks=4) for day in sessions)
    checkins = occurrences(morning)
    assert [c.date() for c in checkins] == [s.date() + timedelta(days=1) for s in sessions]
    assert all(c.hour == 8 for c in checkins)

    for event, lead in ((training, timedelta(minutes=-15)), (morning, timedelta(0))):
        (alarm,) = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY" and alarm.decoded("TRIGGER") == lead
    described = str(training["DESCRIPTION"])
    assert "Banded squat with alternating hip extension" in described and "band" in described
    assert "0 to 10" in str(morning["DESCRIPTION"])

    again = tmp_path / "again.ics"
    assert cli("export", "--format", "ical", "-o", str(again)).exit_code == 0
    uids = [str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")]
    assert uids == [str(training["UID"]), str(morning["UID"])]  # a re-import updates


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (("--at", "25:00"), "--at '25:00' is not a time of day"),
        (("--weeks", "0"), "a schedule spans 1 to 104 weeks, not 0"),
        (("--start", "1900-01-01"), "outside the calendar backbridge keeps"),
    ],
)
def test_a_wrong_schedule_is_one_line(cli, options: tuple[str, ...], says: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("export", "--format", "ical", *options)
    assert result.exit_code == 2 and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not result.stdout


@pytest.fixture
def client(isolated_home: Path) -> TestClient:
    return TestClient(create_app(Settings(home=isolated_home), hosts=["testserver"]))


@pytest.mark.usefixtures("eight_weeks")
def test_progress_offers_every_export(client: TestClient) -> None:
    with client:
        progress = client.get("/progress").text
        for format in ExportFormat:
            assert f'href="/progress/export/{format}"' in progress
            download = client.get(f"/progress/export/{format}")
            assert download.status_code == 200, format
            assert "attachment" in download.headers["content-disposition"]
        ical = client.get("/progress/export/ical", params={"start": MONDAY.isoformat()})
        assert ical.headers["content-type"].startswith("text/calendar")
        (first, _) = Calendar.from_ical(ical.content).walk("VEVENT")
        assert occurrences(first)[0].date() == MONDAY
        assert client.get("/progress/export/ical", params={"weeks": 0}).status_code == 422
        assert client.get("/progress/export/pdf").status_code == 422
