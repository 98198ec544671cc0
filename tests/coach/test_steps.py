"""Plans unroll into steps: per-side work, switches, rest and the count-along."""

from __future__ import annotations

from backbridge.catalog import Catalog
from backbridge.catalog.models import BlockKind
from backbridge.coach.steps import Beat, build_steps
from backbridge.program.history import Side
from backbridge.program.plan import starting_plan


def main_steps(catalog: Catalog, slug: str) -> list:
    plan = starting_plan(catalog.program("glute-lower-back"), catalog)
    return [
        s
        for s in build_steps(plan, catalog)
        if s.block is BlockKind.MAIN and s.exercise.slug == slug
    ]


def test_alternating_work_logs_both_sides_in_one_step(catalog: Catalog) -> None:
    steps = main_steps(catalog, "squat-hip-extension")
    assert [s.sides for s in steps] == [(Side.LEFT, Side.RIGHT)] * 3
    assert [s.rest_before for s in steps] == [0, 60, 60]
    assert steps[0].first_of_item and not steps[1].first_of_item
    assert steps[1].label() == "Set 2 of 3, alternating sides"


def test_one_side_work_switches_sides_within_a_set(catalog: Catalog) -> None:
    steps = main_steps(catalog, "banded-clamshell")
    assert [(s.set_number, s.sides) for s in steps] == [
        (n, (side,)) for n in (1, 2, 3) for side in (Side.LEFT, Side.RIGHT)
    ]
    assert [s.switch_sides for s in steps] == [False, True] * 3
    assert [s.rest_before for s in steps] == [0, 0, 60, 0, 60, 0]


def test_bilateral_work_has_one_unsided_step_per_set(catalog: Catalog) -> None:
    steps = main_steps(catalog, "banded-bridge-abduction")
    assert [s.sides for s in steps] == [(None,)] * 3
    assert len({k for s in steps for k in s.keys}) == 3


def test_count_along_alternates_sides_at_tempo(catalog: Catalog) -> None:
    step = main_steps(catalog, "squat-hip-extension")[0]
    tempo = step.exercise.tempo
    assert tempo is not None
    beats = step.pace()
    ups = [b for b in beats if b.beat is Beat.UP]
    assert [(b.rep, b.side) for b in ups[:4]] == [
        (1, Side.LEFT),
        (1, Side.RIGHT),
        (2, Side.LEFT),
        (2, Side.RIGHT),
    ]
    assert len(ups) == 20
    assert sum(b.seconds for b in beats) == 20 * tempo.rep_seconds


def test_every_step_key_is_unique(catalog: Catalog) -> None:
    plan = starting_plan(catalog.program("glute-lower-back"), catalog)
    keys = [key for step in build_steps(plan, catalog) for key in step.keys]
    assert len(keys) == len(set(keys))
