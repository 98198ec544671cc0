"""Nutrition targets, the food and supplement log, the guide and backups through the real CLI."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

PROFILE = ["--weight", "80", "--height", "180", "--age", "30", "--sex", "male"]


def today(cli) -> dict:  # type: ignore[no-untyped-def]
    result = cli("food", "today", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def flat(text: str) -> str:
    """Console output without the line breaks of an 80-column terminal."""
    return " ".join(text.split())


def one_error(result) -> str:  # type: ignore[no-untyped-def]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def test_targets_are_stored_and_reused(cli) -> None:  # type: ignore[no-untyped-def]
    missing = cli("nutrition", "targets")
    assert missing.exit_code == 2
    assert "no nutrition profile yet: give weight, height, age, sex and activity" in one_error(
        missing
    )
    first = cli("nutrition", "targets", *PROFILE, "--activity", "moderate")
    assert first.exit_code == 0, first.output
    assert "2759 kcal a day" in first.stdout and "128 g a day" in first.stdout
    assert "1780 kcal" in first.stdout  # the working is shown
    again = cli("nutrition", "targets", "--json")
    document = json.loads(again.stdout)
    assert document["profile"]["weight_kg"] == 80
    assert round(document["energy"]["daily_kcal"]) == 2759
    assert document["caffeine"]["limit_mg"] == 400
    assert document["source_citations"]["S143"].startswith("Mifflin MD")
    # one option updates the stored profile: 1780 × 1.2 = 2136
    lazy = json.loads(cli("nutrition", "targets", "--activity", "sedentary", "--json").stdout)
    assert round(lazy["energy"]["daily_kcal"]) == 2136 and lazy["profile"]["age_years"] == 30


def test_kidney_disease_and_pregnancy(cli) -> None:  # type: ignore[no-untyped-def]
    kidney = cli("nutrition", "targets", *PROFILE, "--activity", "light", "--kidney-disease")
    assert kidney.exit_code == 0, kidney.output
    assert "no high-protein target" in kidney.stdout and "Ask your clinician" in flat(kidney.stdout)
    document = json.loads(cli("nutrition", "targets", "--json").stdout)
    assert document["protein"]["daily_g"] is None
    assert document["protein"]["guidance_g"] == pytest.approx(64)  # 0.8 × 80
    refused = cli("nutrition", "targets", "--pregnant")
    assert refused.exit_code == 2
    assert "pregnant can be set only with sex female" in one_error(refused)
    args = ["--sex", "female", "--pregnant", "--no-kidney-disease", "--json"]
    pregnant = json.loads(cli("nutrition", "targets", *args).stdout)
    assert pregnant["caffeine"]["limit_mg"] == 200 and pregnant["protein"]["daily_g"] == 128


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--age", "16"], "age must be from 18 to 100 years"),
        (["--weight", "-70"], "weight must be from 30 to 250 kg; got -70"),
    ],
)
def test_bad_profile_values(cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    cli("nutrition", "targets", *PROFILE, "--activity", "light")
    result = cli("nutrition", "targets", *args)
    assert result.exit_code == 2 and message in one_error(result)
    assert json.loads(cli("nutrition", "targets", "--json").stdout)["profile"]["age_years"] == 30


def test_logging_food_and_todays_totals(cli) -> None:  # type: ignore[no-untyped-def]
    cli("nutrition", "targets", *PROFILE, "--activity", "moderate")
    ok = cli("food", "log", "greek yogurt", "--grams", "200", "--meal", "breakfast")
    assert ok.exit_code == 0, ok.output
    assert "Saved: 200 g Greek yogurt, plain, nonfat, breakfast" in ok.stdout
    assert "118 kcal, 20.4 g protein" in flat(ok.stdout)
    assert cli("food", "log", "eggs", "--portion", "2 large", "--meal", "breakfast").exit_code == 0
    assert cli("food", "log", "chicken breast", "--grams", "150", "--meal", "lunch").exit_code == 0
    assert cli("food", "log", "espresso", "--portion", "shot", "--meal", "snack").exit_code == 0
    assert cli("supplement", "log", "creatine", "--grams", "5").exit_code == 0

    day = today(cli)
    assert [entry["food"] for entry in day["foods"]] == [
        "greek-yogurt-nonfat",
        "egg-raw",
        "chicken-breast-roasted",
        "espresso",
    ]
    # 118 + 143 + 247.5 + 2.7 kcal; 20.38 + 12.56 + 46.53 + 0.036 g protein
    assert day["totals"]["energy_kcal"] == pytest.approx(511.2)
    assert day["totals"]["protein_g"] == pytest.approx(79.506)
    assert day["totals"]["caffeine_mg"] == pytest.approx(63.6)  # 30 g × 212 mg / 100 g
    meals = {item["meal"]: item for item in day["protein_per_meal"]}
    assert meals["breakfast"]["protein_g"] == pytest.approx(32.94)
    assert meals["breakfast"]["status"] == "above"  # aim 0.25–0.4 × 80 = 20–32 g
    assert meals["lunch"]["status"] == "above"
    assert day["energy_status"] == "below" and day["protein_status"] == "below"
    assert [s["supplement"] for s in day["supplements"]] == ["creatine"]

    table = cli("food", "today").stdout
    assert "Protein per meal" in table and "Supplements: Creatine monohydrate 5 g." in table


def test_today_without_a_profile_says_how_to_set_one(cli) -> None:  # type: ignore[no-untyped-def]
    cli("food", "log", "banana", "--grams", "118")
    result = cli("food", "today")
    assert result.exit_code == 0
    assert "No targets yet" in result.stdout and "105 kcal" in result.stdout
    assert today(cli)["targets"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bannana", "--grams", "100"], "unknown food 'bannana': did you mean 'banana'?"),
        (["banana", "--grams", "-5"], "grams must be more than 0 and at most 5000; got -5"),
        (["banana"], "give the amount in grams or as a portion"),
        (["banana", "--portion", "bucket"], "'bucket' is not a portion of Banana, raw"),
        (["chicken", "--grams", "100"], "'chicken' matches 3 foods"),
        (["banana", "--grams", "100", "--at", "2099-01-01T08:00"], "is in the future"),
        (["banana", "--grams", "100", "--at", "2999-01-01T08:00"], "outside the calendar"),
        (["banana", "--grams", "100", "--at", "breakfast"], "'breakfast' is not a time"),
    ],
)
def test_bad_food_input_is_one_line_and_nothing_is_written(
    cli, args: list[str], message: str
) -> None:  # type: ignore[no-untyped-def]
    result = cli("food", "log", *args)
    assert result.exit_code == 2
    assert message in one_error(result)
    assert today(cli)["foods"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["creatine", "--grams", "-5"], "the amount must be more than 0"),
        (["creatine"], "give the amount once: --grams, --mg or --iu"),
        (["vitamin-d", "--mg", "1"], "dosed in IU; give the amount in IU"),
        (["steroids", "--mg", "10"], "performance-enhancing drugs are out of scope"),
    ],
)
def test_bad_supplement_input(cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("supplement", "log", *args)
    assert result.exit_code == 2 and message in one_error(result)
    assert today(cli)["supplements"] == []


def test_supplement_cautions_follow_the_profile(cli) -> None:  # type: ignore[no-untyped-def]
    cli("nutrition", "targets", *PROFILE, "--activity", "light", "--kidney-disease")
    result = cli("supplement", "log", "creatine", "--grams", "5")
    assert result.exit_code == 0
    assert "you said you have kidney disease: take Creatine monohydrate only if" in flat(
        result.stdout
    )
    over = cli("supplement", "log", "caffeine", "--mg", "450")
    assert "above the 400 mg a day limit" in flat(over.stdout)
    whey = cli("supplement", "log", "whey", "--grams", "30")
    assert "backbridge food log whey-protein-powder --portion scoop" in flat(whey.stdout)


def test_search_and_own_foods(cli) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(cli("food", "search", "yoghurt greek", "--json").stdout)
    assert found[0]["slug"] == "greek-yogurt-nonfat"
    assert "USDA FoodData Central, SR Legacy (April 2018)" in cli("food", "search", "oats").stdout
    added = cli("food", "add", "Oat bar", "--kcal", "180", "--protein", "8", "--carbs", "25",
                "--fat", "6", "--per", "45", "--portion", "bar=45")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "Added Oat bar (oat-bar): per 100 g 400 kcal" in added.stdout
    assert cli("food", "log", "oat bar", "--portion", "bar").exit_code == 0
    assert today(cli)["totals"]["energy_kcal"] == pytest.approx(180)
    assert json.loads(cli("food", "search", "oat bar", "--json").stdout)[0]["group"] == "your-foods"
    taken = cli("food", "add", "greek yogurt", "--kcal", "1", "--protein", "1", "--carbs", "1",
                "--fat", "1")  # fmt: skip
    assert taken.exit_code == 2 and "already names a food" in one_error(taken)


def test_the_supplement_guide(cli) -> None:  # type: ignore[no-untyped-def]
    listed = cli("supplements")
    assert listed.exit_code == 0
    assert "creatine" in listed.stdout and "back pain" in listed.stdout
    assert "Performance-enhancing drugs" in flat(listed.stdout)
    document = json.loads(cli("supplements", "--json").stdout)
    assert len(document["supplements"]) >= 10
    assert document == json.loads(cli("supplements", "list", "--json").stdout)
    shown = cli("supplements", "show", "glucosamine")
    assert shown.exit_code == 0 and "Back pain:" in shown.stdout and "S208" in shown.stdout
    creatine = json.loads(cli("supplements", "show", "creatine", "--json").stdout)
    (nsaids,) = creatine["interactions"]
    assert nsaids["id"] == "nsaids" and "S218" in creatine["source_citations"]
    omega = flat(cli("supplements", "show", "omega-3").stdout)
    assert "Ask a clinician or pharmacist first with:" in omega
    assert "Atrial fibrillation" in omega and "(S219)" in omega
    assert creatine["strength"]["grade"] == "strong"
    assert creatine["source_citations"]["S124"].startswith("Maughan RJ")
    unknown = cli("supplements", "show", "creatin")
    assert unknown.exit_code == 2 and "did you mean 'creatine'" in one_error(unknown)


def test_backup_round_trip_includes_nutrition(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    yesterday = (datetime.now().astimezone() - timedelta(days=1)).replace(microsecond=0)
    cli("nutrition", "targets", *PROFILE, "--activity", "active")
    cli(
        "food", "add", "Oat bar", "--kcal", "400", "--protein", "18", "--carbs", "55", "--fat", "13"
    )
    cli("food", "log", "oat bar", "--grams", "45", "--at", yesterday.isoformat())
    cli("food", "log", "greek yogurt", "--portion", "container")
    cli("supplement", "log", "vitamin-d", "--iu", "1000")
    backup = tmp_path / "backup.json"
    assert cli("export", "--output", str(backup)).exit_code == 0
    before = today(cli)
    targets = json.loads(cli("nutrition", "targets", "--json").stdout)

    monkeypatch.setenv("BACKBRIDGE_HOME", str(tmp_path / "fresh"))
    cli("about")
    imported = cli("import", str(backup))
    assert imported.exit_code == 0, imported.output
    assert "1 nutrition profile, 1 own food, 2 logged foods, 1 logged supplement" in flat(
        imported.stdout
    )
    assert today(cli) == before
    assert json.loads(cli("nutrition", "targets", "--json").stdout) == targets
    assert cli("food", "log", "oat bar", "--grams", "10").exit_code == 0  # the own food came too
    again = cli("import", str(backup))
    assert "Nothing new to import" in again.stdout
