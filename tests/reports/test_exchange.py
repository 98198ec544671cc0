"""Exports other tools read, from eight weeks of training, parsed back by what reads them:
csv with Strong's and Hevy's headers, fhir.resources for the FHIR R4 Bundle; and imports of
those CSV files, all or nothing, idempotent, with unknown exercise names kept aside."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from backbridge.reports.workout_csv import HEVY, STRONG
from backbridge.services import build_services
from backbridge.services.exchange import Exchange, ImportFormat
from backbridge.settings import Settings
from tests.reports.eight_weeks import EightWeeks


def sets_of(cli) -> list[tuple]:  # type: ignore[no-untyped-def]
    result = cli("history", "--json", "--limit", "100")
    assert result.exit_code == 0, result.output
    return sorted(
        (s["performed_at"][:10], s["exercise"], s["set_number"], s["side"], s["reps"], s["band"],
         s["pain"], s["rpe"])
        for session in json.loads(result.stdout)["sessions"]
        for s in session["sets"]
    )  # fmt: skip


@pytest.mark.parametrize(("format", "header"), [("strong-csv", STRONG), ("hevy-csv", HEVY)])
def test_csv_exports_read_back_with_the_apps_header_and_import_whole(
    cli,
    eight_weeks: EightWeeks,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    format: str,
    header: tuple[str, ...],
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "export.csv"
    result = cli("export", "--format", format, "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == eight_weeks.sets
    assert tuple(rows[0])[: len(header)] == header
    original = sets_of(cli)

    monkeypatch.setenv("BACKBRIDGE_HOME", str(tmp_path / "fresh"))
    imported = cli("import", "--format", format, str(out))
    assert imported.exit_code == 0, imported.output
    assert f"Imported {eight_weeks.sessions} session(s) with {eight_weeks.sets} set(s)." in (
        imported.stdout
    )
    assert sets_of(cli) == original
    again = cli("import", "--format", format, str(out))
    assert f"Nothing new to import: {eight_weeks.sessions} session(s)" in again.stdout
    assert sets_of(cli) == original


def test_fhir_bundle_is_valid_r4_and_holds_the_program_and_the_history(
    cli, eight_weeks: EightWeeks, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rated = ("--rate", "putting on socks=4", "--rate", "sitting an hour=5", "--rate", "lifting=6")
    assert cli("measure", *rated).exit_code == 0
    out = tmp_path / "bundle.json"
    assert cli("export", "--format", "fhir", "-o", str(out)).exit_code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    bundle = Bundle.model_validate(document)
    assert bundle.type == "collection"
    by_type: dict[str, list] = {}
    for entry in bundle.entry:
        by_type.setdefault(entry.resource.get_resource_type(), []).append(entry.resource)
    (patient,) = by_type["Patient"]
    assert patient.name is None
    (care,) = by_type["CarePlan"]
    requests = by_type["ServiceRequest"]
    assert len(care.activity) == len(requests) >= 3
    assert all(r.occurrenceTiming.repeat.frequency == 3 for r in requests)
    assert any("×" in r.patientInstruction for r in requests)
    assert len(by_type["Procedure"]) == eight_weeks.sessions
    observations = by_type["Observation"]
    (scale,) = [o for o in observations if o.component]
    assert "Functional Scale" in scale.code.text and float(scale.valueQuantity.value) == 5
    assert [(c.code.text, c.valueInteger) for c in scale.component] == [
        ("putting on socks", 4),
        ("sitting an hour", 5),
        ("lifting", 6),
    ]
    pains = [o for o in observations if not o.component]
    assert {c.code for o in pains for c in o.code.coding} == {"72514-3"}
    assert len(pains) == eight_weeks.checkins + eight_weeks.sessions  # + highest during
    assert all(0 <= o.valueInteger <= 10 for o in pains)
    urls = {entry.fullUrl for entry in bundle.entry}
    assert all(ref.reference in urls for o in pains for ref in o.partOf or [])

    named = cli("export", "--format", "fhir", "--name", "Alex Example")
    assert Bundle.model_validate_json(named.stdout).entry[0].resource.name[0].text == (
        "Alex Example"
    )


STRONG_OLD = """Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes
{day} 18:30:00;"Glutes";"Glute Bridge (Band)";1;0;kg;12;7;;;0;"";""
{day} 18:30:00;"Glutes";"Glute Bridge (Band)";2;0;kg;10;8;;;0;"slow";""
{day} 18:30:00;"Glutes";"Bench Press (Barbell)";1;60;kg;5;;;;0;"";""
{day} 18:30:00;"Glutes";"Clamshell";1;0;kg;15;;;;0;"";""
"""


def test_a_strong_file_imports_known_names_and_keeps_the_others_aside(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    day = (datetime.now() - timedelta(days=3)).date().isoformat()
    path = tmp_path / "strong.csv"
    path.write_text(STRONG_OLD.format(day=day), encoding="utf-8")
    result = cli("import", "--format", "strong-csv", str(path))
    assert result.exit_code == 0, result.output
    assert "Imported 1 session(s) with 3 set(s)." in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "'Bench Press (Barbell)'" in warnings[0]
    kept = tmp_path / "strong.not-imported.csv"
    assert "Bench Press (Barbell)" in kept.read_text(encoding="utf-8")
    assert [s[1:5] for s in sets_of(cli)] == [
        ("banded-bridge-abduction", 1, None, 12),
        ("banded-bridge-abduction", 2, None, 10),
        ("clamshell", 1, None, 15),
    ]


HEADER = ",".join((*STRONG, "Side", "Band", "Pain", "Reps in Reserve", "Block"))
ROW = "{day} 17:00:00,Glutes,45m,Banded clamshell,1,0,{reps},0,0,,,7,left,{band},{pain},,main"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Date,Exercise,Reps\n2026-01-01,Clamshell,10\n",
         "not a Strong CSV export: the first line lacks the column(s) 'Exercise Name', "
         "'Set Order'"),
        (HEADER + "\n" + ROW.format(day="{day}", reps="ten", band="yellow", pain=1),
         "row 2, column 'Reps': 'ten' is not a whole number"),
        (HEADER + "\n" + ROW.format(day="{day}", reps=10, band="yellow", pain=0) + "\n"
         + ROW.format(day="{day}", reps=10, band="yellow", pain=11).replace(",1,0,", ",2,0,"),
         "row 3, column 'Pain': pain must be a whole number from 0"),
        (HEADER + "\n" + ROW.format(day="{day}", reps=10, band="purple", pain=1),
         "sessions[0].sets[0].band: 'purple' is not a band of the catalogue"),
        (HEADER + "\n" + ROW.format(day="2099-01-01", reps=10, band="yellow", pain=1),
         "is in the future"),
        (HEADER + "\n" + ROW.format(day="{day}", reps=10, band="yellow", pain=1) + "\n"
         + ROW.format(day="{day}", reps=10, band="yellow", pain=1),
         "row 3, column 'Set Order': repeats the set of row 2"),
        (HEADER + "\n" + ROW.format(day="yesterday", reps=10, band="yellow", pain=1),
         "row 2, column 'Date': 'yesterday 17:00:00' is not a date and time like"),
    ],
)  # fmt: skip
def test_bad_csv_files_are_one_line_naming_the_row_and_column_and_store_nothing(
    cli, tmp_path: Path, text: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    day = (datetime.now() - timedelta(days=2)).date().isoformat()
    path = tmp_path / "bad.csv"
    path.write_text(text.replace("{day}", day) + "\n", encoding="utf-8")
    result = cli("import", "--format", "strong-csv", str(path))
    assert result.exit_code != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert "nothing was imported" in errors[0]
    assert sets_of(cli) == []


def test_csv_import_stores_on_every_database(database_url: str, isolated_home: Path) -> None:
    day = (datetime.now() - timedelta(days=2)).date().isoformat()
    text = HEADER + "\n" + "\n".join(
        ROW.format(day=day, reps=10 + n, band="yellow", pain=1).replace(",1,0,", f",{n},0,")
        for n in (1, 2, 3)
    )  # fmt: skip
    services = build_services(Settings(home=isolated_home, database_url=database_url))
    try:
        exchange = Exchange(services)
        first = exchange.import_workouts(text, "file.csv", ImportFormat.STRONG_CSV)
        again = exchange.import_workouts(text, "file.csv", ImportFormat.STRONG_CSV)
        (session,) = services.training.sessions()
    finally:
        services.close()
    assert first.report.added["sets"] == 3 and again.report.added["sets"] == 0
    assert [(s.set_number, s.reps, s.source) for s in session.sets] == [
        (1, 11, "import"), (2, 12, "import"), (3, 13, "import"),
    ]  # fmt: skip


def test_the_json_backup_of_eight_weeks_round_trips_losslessly(
    cli, eight_weeks: EightWeeks, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Everything of eight weeks (sessions, sets, check-ins, screens, clearances, pain
    reviews' confirmations) leaves as JSON and comes back into a fresh home exactly."""
    rated = ("--rate", "putting on socks=4", "--rate", "sitting an hour=5", "--rate", "lifting=6")
    assert cli("measure", *rated).exit_code == 0
    backup = tmp_path / "backup.json"
    assert cli("export", "--format", "json", "-o", str(backup)).exit_code == 0
    original = json.loads(backup.read_text(encoding="utf-8"))
    assert len(original["sessions"]) == eight_weeks.sessions
    assert len(original["function_scores"]) == 1

    monkeypatch.setenv("BACKBRIDGE_HOME", str(tmp_path / "fresh"))
    assert cli("import", str(backup)).exit_code == 0
    again = json.loads(cli("export", "--format", "json").stdout)
    for document in (original, again):
        del document["exported_at"]
    assert again == original
    assert "Nothing new to import" in cli("import", str(backup)).stdout
