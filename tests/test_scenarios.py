"""Multi-week histories built with the application layer's use cases (the calls every interface
makes), on a clock that moves day by day, then read back through the real CLI: the reviewer's
persistent-pain history, a clinician-flag pause and its clearance."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backbridge.catalog.models import BlockKind
from backbridge.clock import utc_now
from backbridge.coach.guided import StepResult
from backbridge.errors import Action, TrainingStopped
from backbridge.program.effort import Effort
from backbridge.program.history import CheckInKind
from backbridge.program.plan import Change
from backbridge.services import Services, build_services
from backbridge.settings import Settings
from tests.cli.conftest import Cli


@dataclass
class Calendar:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def at(self, day: int, hour: int) -> None:
        """Move to ``hour`` o'clock (UTC) of ``day`` days after the start."""
        self.now = START + timedelta(days=day, hours=hour)


START = (utc_now() - timedelta(days=14)).replace(hour=0, minute=0, second=0, microsecond=0)


@pytest.fixture
def calendar() -> Calendar:
    return Calendar(START)


@pytest.fixture
def services(isolated_home: Path, calendar: Calendar) -> Iterator[Services]:
    built = build_services(Settings(home=isolated_home), clock=calendar)
    yield built
    built.close()


def all_no(services: Services) -> dict[str, bool]:
    return {q.id: False for q in services.safety.questions()}


def train(services: Services, before: int, pain: int) -> list[str]:
    """A guided session: the check-in, then every main set at its target with ``pain``, each
    warm-up and stretch as prescribed; returns what the coach said."""
    training = services.training
    guided, _ = training.open_session("glute-lower-back", resume=False)
    said = [c for c in [training.check_in_before(guided, before).caution] if c]
    for step in guided.pending():
        target = step.prescription.seconds if step.timed else step.prescription.reps
        result = StepResult(
            amounts=dict.fromkeys(step.sides, target or 1),
            band=step.prescription.band,
            effort=Effort(rpe=7),
            pain=pain if step.block is BlockKind.MAIN else None,
        )
        said += training.record_step(guided, step, result).messages
    training.finish(guided.record.id)
    return said


def test_the_reviewers_persistent_pain_history(
    services: Services, calendar: Calendar, isolated_home: Path
) -> None:
    """Six sessions of 7/10 during every exercise, mornings rising from 4 to 6: the first
    session ends at its first set, the second raises the pain review, training waits for the
    person's confirmation, and nothing ever progresses."""
    calendar.at(0, 8)
    services.safety.submit(all_no(services))
    mornings = [4, 4, 5, 5, 6, 6]
    changes: list[Change] = []
    for n, morning in enumerate(mornings):
        calendar.at(2 * n, 18)
        if n == 2:
            with pytest.raises(TrainingStopped, match="Pain review") as stopped:
                services.training.open_session("glute-lower-back", resume=False)
            assert stopped.value.action is Action.CONFIRM_REVIEW
            services.safety.confirm_review("booked the physio")
        said = train(services, before=4, pain=7)
        assert any("the training stops here for today, for every exercise" in m for m in said)
        calendar.at(2 * n + 1, 7)
        services.checkins.record(CheckInKind.NEXT_MORNING, morning)
        changes += [i.change for i in services.training.next_plan().main_items()]
        assert Change.PROGRESS not in changes and Change.VARIANT not in changes
    (first, *_) = services.training.sessions()
    main = [s for s in first.sets if s.block is BlockKind.MAIN]
    done = {(s.exercise, s.set_number) for s in main if s.status == "done"}
    assert len(done) == 1, "the first severe set ends the training"
    review = services.safety.pain_review()
    assert review is not None and not review.blocked

    cli = Cli()
    plan = cli("plan")
    assert plan.exit_code == 0, plan.output
    text = " ".join(plan.stdout.split())
    assert "Pain review: pain during the exercises was above the 5/10 limit" in text
    document = json.loads(cli("plan", "--json").stdout)
    assert document["pain_review"]["cause"] == "persistent-pain"
    assert document["pain_review"]["training_paused"] is False
    assert all(e["change"] != "progress" for e in document["exercises"])
    print(plan.stdout)  # the closing note shows it


def test_a_clinician_flag_pause_and_its_clearance(services: Services, calendar: Calendar) -> None:
    calendar.at(0, 8)
    services.safety.submit(all_no(services))
    for day in (0, 2):
        calendar.at(day, 18)
        train(services, before=2, pain=1)
        calendar.at(day + 1, 7)
        services.checkins.record(CheckInKind.NEXT_MORNING, 2)
    progressing = services.training.next_plan().main_items()
    assert any(i.change is Change.PROGRESS for i in progressing)

    calendar.at(4, 8)
    flagged = {**all_no(services), "one-leg-weakness": True, "thoracic-pain": True}
    result = services.safety.submit(flagged)
    assert result.status.needs_clearance and "several together" in result.message
    calendar.at(4, 18)
    with pytest.raises(TrainingStopped) as stopped:
        services.training.open_session("glute-lower-back", resume=False)
    assert stopped.value.action is Action.CLEARANCE

    calendar.at(6, 9)
    clearance = services.safety.clear(confirmed=True, cleared_by="Dr Patel, GP", note="MRI fine")
    assert clearance.cleared_by == "Dr Patel, GP"
    services.safety.submit(flagged)  # the same answers again: already cleared
    assert not services.safety.status().blocked
    after = services.training.next_plan().main_items()
    assert all(i.change in (Change.HOLD, Change.REGRESS) for i in after)
    assert all("since a clinician cleared you" in i.reasons[0] for i in after)
