"""The progression engine, rule by rule, on hand-written histories (reasons included)."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from backbridge.catalog import Catalog
from backbridge.program.plan import Change, Prescription
from backbridge.program.progression import plan_next_session
from backbridge.program.simulation import Profile, simulate
from tests.program.histories import START, clam_session, next_day


def clam_plan(catalog: Catalog, history, days: int = 2) -> Prescription:  # type: ignore[no-untyped-def]
    now = next_day(history, days) if history else START
    plan = plan_next_session(catalog.program("glute-lower-back"), catalog, history, now)
    (item,) = [i for i in plan.main_items() if "clamshell" in i.exercise]
    return item


def dose(item: Prescription) -> tuple[str, str | None, int | None]:
    return item.exercise, item.band, item.reps


def test_no_history_starts_at_the_program_dose(catalog: Catalog) -> None:
    item = clam_plan(catalog, [])
    assert (dose(item), item.change, item.sets, item.per_side) == (
        ("banded-clamshell", "yellow", 10),
        Change.START,
        3,
        True,
    )
    assert item.reasons[0].startswith("First session: 3 × 10 per side")


def test_a_good_session_adds_one_rep_step(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0)])
    assert (dose(item), item.change) == (("banded-clamshell", "yellow", 12), Change.PROGRESS)
    assert item.reasons == (
        "Up one rep step: 10 → 12 reps.",
        "All 3 sets reached 10 reps per side (RPE up to 7).",
        "The next morning (2/10) was not worse than before (2/10).",
    )


def test_the_top_of_the_range_once_holds(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0, reps=15)])
    assert (dose(item), item.change) == (("banded-clamshell", "yellow", 15), Change.HOLD)
    assert "1 of 2 sessions in a row" in item.reasons[0]


def test_the_top_of_the_range_twice_moves_up_a_band(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0, reps=15), clam_session(2, reps=15)])
    assert (dose(item), item.change) == (("banded-clamshell", "red", 10), Change.PROGRESS)
    assert "Up one band: yellow → red, 10 reps." in item.reasons[0]


def test_past_the_last_band_the_next_variant_starts_gently(catalog: Catalog) -> None:
    history = [clam_session(0, band="black", reps=15), clam_session(2, band="black", reps=15)]
    item = clam_plan(catalog, history)
    assert (dose(item), item.change) == (("side-plank-clamshell", "yellow", 10), Change.VARIANT)
    assert (
        "Side-plank clamshell at a conservative dose: 10 reps with the yellow band"
        in item.reasons[0]
    )


def test_the_top_of_the_ladder_holds(catalog: Catalog) -> None:
    history = [clam_session(d, "side-plank-clamshell", "black", 15) for d in (0, 2)]
    item = clam_plan(catalog, history)
    assert (dose(item), item.change) == (("side-plank-clamshell", "black", 15), Change.HOLD)
    assert "top of this ladder" in item.reasons[0]


def test_an_unbanded_variant_moves_to_the_banded_one(catalog: Catalog) -> None:
    history = [clam_session(d, "clamshell", None, 15) for d in (0, 2)]
    item = clam_plan(catalog, history)
    assert (dose(item), item.change) == (("banded-clamshell", "yellow", 10), Change.VARIANT)


def test_pain_above_five_during_a_set_regresses(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0, band="red", reps=12, pain=[2, 6, 2])])
    assert (dose(item), item.change) == (("banded-clamshell", "red", 10), Change.REGRESS)
    assert item.reasons == (
        "Pain 6/10 during Banded clamshell set 2 was above the 5/10 limit.",
        "Down one rep step: 12 → 10 reps.",
    )


def test_a_worse_next_morning_regresses(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0, band="red", reps=10, before=2, morning=4)])
    assert (dose(item), item.change) == (("banded-clamshell", "yellow", 10), Change.REGRESS)
    assert (
        item.reasons[0]
        == "The next morning your back was 4/10, worse than 2/10 before the session."
    )
    assert item.reasons[1] == "Down one band: red → yellow, 10 reps."


def test_a_morning_rise_below_the_detectable_change_holds(catalog: Catalog) -> None:
    """S66: the 0-10 pain scale's minimum detectable change is 2 points; 1 point holds."""
    item = clam_plan(catalog, [clam_session(0, band="red", reps=10, before=2, morning=3)])
    assert (dose(item), item.change) == (("banded-clamshell", "red", 10), Change.HOLD)
    assert item.reasons[0] == (
        "The next morning your back was 3/10, up from 2/10 before the session: less than the "
        "2-point change a pain score can reliably show, so the dose is held rather than lowered."
    )


def test_regressing_from_the_first_band_goes_to_the_easier_variant(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0, pain=7)])
    assert (dose(item), item.change) == (("clamshell", None, 10), Change.REGRESS)
    assert item.reasons[-1] == "Down to Clamshell: 10 reps."


def test_at_the_easiest_level_a_regression_holds_and_says_so(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0, "clamshell", None, 10, pain=7)])
    assert (dose(item), item.change) == (("clamshell", None, 10), Change.HOLD)
    assert "already the easiest level" in item.reasons[-1]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (
            {"morning": None},
            "No next-morning check-in after the session of 02 Mar: a missing check-in never counts as fine",
        ),
        ({"before": None}, "No pain check-in before the session of 02 Mar"),
        ({"done": [12, 9, 12]}, "Banded clamshell set 2 (left): 9 of 12 reps"),
        ({"rpe": 9}, "Effort reached RPE 9, above 8"),
        ({"rpe": None, "rir": 1}, "Only 1 rep(s) left in reserve (fewer than 2)"),
        ({"rpe": None}, "Effort was not recorded"),
        ({"done": [12, 12]}, "Banded clamshell set 3 (left) was not done"),
    ],
)
def test_anything_less_than_a_clear_success_holds(
    catalog: Catalog, changes: dict, reason: str
) -> None:  # type: ignore[type-arg]
    item = clam_plan(catalog, [clam_session(0, band="red", reps=12, **changes)])
    assert (dose(item), item.change) == (("banded-clamshell", "red", 12), Change.HOLD)
    assert item.reasons[0].startswith(reason)


def test_acceptable_pain_still_allows_progress_and_is_mentioned(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0, pain=[2, 4, 5])])
    assert item.change is Change.PROGRESS
    assert "Pain peaked at 5/10 during the sets: acceptable." in item.reasons


@pytest.mark.parametrize(
    ("gap", "expected", "change", "reason"),
    [
        (6, ("banded-clamshell", "red", 12), Change.PROGRESS, "Up one rep step"),
        (
            7,
            ("banded-clamshell", "red", 10),
            Change.HOLD,
            "7 days since you last did it (7 or more): the last dose again.",
        ),
        (13, ("banded-clamshell", "red", 10), Change.HOLD, "13 days since"),
        (
            14,
            ("banded-clamshell", "yellow", 10),
            Change.REGRESS,
            "14 days since you last did it (14 or more): one step back",
        ),
    ],
)
def test_return_after_a_gap(
    catalog: Catalog, gap: int, expected: tuple, change: Change, reason: str
) -> None:  # type: ignore[type-arg]
    item = clam_plan(catalog, [clam_session(0, band="red", reps=10)], days=gap)
    assert (dose(item), item.change) == (expected, change)
    assert item.reasons[0].startswith(reason)


@pytest.mark.parametrize(
    ("last", "expected", "change", "where"),
    [
        # 40 days after green 12: back where the program starts, not just one step.
        (("banded-clamshell", "green", 12), ("banded-clamshell", "yellow", 10), Change.REGRESS,
         "where the program starts"),
        # Below the start already: one step further down, never up to the start.
        (("clamshell", None, 12), ("clamshell", None, 10), Change.REGRESS,
         "one step below your last dose"),
        # One step above the start: the start is also one step down.
        (("banded-clamshell", "yellow", 12), ("banded-clamshell", "yellow", 10), Change.REGRESS,
         "where the program starts"),
        # The easiest level: nothing lower, so it stays.
        (("clamshell", None, 10), ("clamshell", None, 10), Change.HOLD, "easiest level"),
    ],
)  # fmt: skip
def test_a_long_break_starts_the_slot_again(
    catalog: Catalog, last: tuple, expected: tuple, change: Change, where: str
) -> None:  # type: ignore[type-arg]
    exercise, band, reps = last
    item = clam_plan(catalog, [clam_session(0, exercise, band, reps)], days=40)
    assert (dose(item), item.change) == (expected, change)
    assert item.reasons[0].startswith("40 days since you last did it (28 or more)")
    assert where in item.reasons[-1]


def test_four_weeks_is_the_long_break(catalog: Catalog) -> None:
    history = [clam_session(0, band="blue", reps=15)]
    assert dose(clam_plan(catalog, history, days=27)) == ("banded-clamshell", "blue", 12)
    assert dose(clam_plan(catalog, history, days=28)) == ("banded-clamshell", "yellow", 10)


def test_a_pain_regression_and_a_long_gap_are_still_one_step(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0, band="red", reps=12, pain=8)], days=20)
    assert (dose(item), item.change) == (("banded-clamshell", "red", 10), Change.REGRESS)
    assert len(item.reasons) == 3


def test_a_session_logged_without_a_plan_is_read_from_its_sets(catalog: Catalog) -> None:
    item = clam_plan(catalog, [clam_session(0, band="green", reps=12, planned=False)])
    assert (dose(item), item.change) == (("banded-clamshell", "green", 15), Change.PROGRESS)


def test_the_other_slots_start_when_only_one_has_history(catalog: Catalog) -> None:
    history = [clam_session(0)]
    plan = plan_next_session(
        catalog.program("glute-lower-back"), catalog, history, next_day(history)
    )
    changes = {item.exercise: item.change for item in plan.main_items()}
    assert changes == {
        "squat-hip-extension": Change.START,
        "banded-bridge-abduction": Change.START,
        "banded-clamshell": Change.PROGRESS,
    }
    assert [b.kind for b in plan.blocks] == ["warm-up", "stretch", "main", "cool-down"]


# -- the simulated trainees -------------------------------------------------------------------


def levels(catalog: Catalog, sessions, slot: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    from backbridge.program.ladder import Ladder

    ladder = Ladder(slot, catalog, catalog.rules.progression)
    return [(p.exercise, p.band) for s in sessions for p in s.prescriptions if p.exercise in ladder]


def test_a_steady_beginner_climbs_two_bands_or_a_variant_in_12_weeks(catalog: Catalog) -> None:
    sessions = simulate(catalog.program("glute-lower-back"), catalog, 12, Profile.STEADY, START)
    assert len(sessions) == 36
    for slot in ("squat-hip-extension", "banded-bridge-abduction", "banded-clamshell"):
        seen = levels(catalog, sessions, slot)
        first_band = catalog.band(seen[0][1]).order  # type: ignore[arg-type]
        bands = {catalog.band(b).order for _, b in seen if b}
        variants = {variant for variant, _ in seen}
        assert max(bands) - first_band >= 2 or len(variants) > 1, slot
    assert all(p.change is not Change.REGRESS for s in sessions for p in s.prescriptions)


def test_a_flare_holds_and_regresses_and_never_progresses(catalog: Catalog) -> None:
    sessions = simulate(catalog.program("glute-lower-back"), catalog, 12, Profile.FLARE, START)
    flare = [s for s in sessions if 4 <= s.week <= 6]
    after_flare = sessions[sessions.index(flare[-1]) + 1]
    during = [*flare[1:], after_flare]  # plans made after a flare session
    changes = [p.change for s in during for p in s.prescriptions]
    assert Change.PROGRESS not in changes and Change.VARIANT not in changes
    assert Change.REGRESS in changes and Change.HOLD in changes
    after = [p.change for s in sessions if s.week >= 8 for p in s.prescriptions]
    assert Change.PROGRESS in after, "training resumes its climb once the flare settles"


def test_the_simulation_is_deterministic(catalog: Catalog) -> None:
    program = catalog.program("glute-lower-back")
    assert simulate(program, catalog, 6, Profile.IRREGULAR, START) == simulate(
        program, catalog, 6, Profile.IRREGULAR, START
    )


def test_irregular_training_holds_after_a_break_and_steps_back_after_a_long_one(
    catalog: Catalog,
) -> None:
    sessions = simulate(catalog.program("glute-lower-back"), catalog, 12, Profile.IRREGULAR, START)
    gaps = [(b.started_at - a.started_at, b) for a, b in itertools.pairwise(sessions)]
    long = [s for gap, s in gaps if gap >= timedelta(days=14)]
    short = [s for gap, s in gaps if timedelta(days=7) <= gap < timedelta(days=14)]
    assert long and short
    assert all(p.change is Change.REGRESS for s in long for p in s.prescriptions)
    assert all(p.change in (Change.HOLD, Change.REGRESS) for s in short for p in s.prescriptions)
