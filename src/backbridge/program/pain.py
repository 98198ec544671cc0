"""The pain rules: what a pain score during a set or before a session means, in one place.

Every path that takes a pain score (the guided session in the terminal and on the page, quick
logging, the camera coach, the API, import) asks these functions, so the limits from
``rules.yaml`` are applied the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from backbridge.catalog.models import BlockKind
from backbridge.catalog.rules import PainRules
from backbridge.program.history import LoggedSet, SetStatus


class PainZone(StrEnum):
    """The traffic-light zones of pain during exercise."""

    SAFE = "safe"
    ACCEPTABLE = "acceptable"
    TOO_MUCH = "too much"


def zone(rules: PainRules, pain: int) -> PainZone:
    if pain <= rules.safe_max:
        return PainZone.SAFE
    if pain <= rules.acceptable_max:
        return PainZone.ACCEPTABLE
    return PainZone.TOO_MUCH


@dataclass(frozen=True)
class SetPain:
    """What pain during one set means for the rest of the session."""

    zone: PainZone
    stops_exercise: bool
    message: str | None
    stops_session: bool = False
    """Severe pain: no more training of any exercise that day."""


def during_set(rules: PainRules, pain: int | None, exercise_name: str) -> SetPain:
    """The verdict on pain during a main-block set: fine, acceptable with a caution, above the
    limit, which stops that exercise for the day, or severe, which ends the day's training."""
    if pain is None:
        return SetPain(PainZone.SAFE, False, None)
    found = zone(rules, pain)
    if found is PainZone.SAFE:
        return SetPain(found, False, None)
    if found is PainZone.ACCEPTABLE:
        return SetPain(
            found,
            False,
            f"Pain {pain}/10 is acceptable (up to {rules.acceptable_max}/10). Carry on only if "
            "it settles after the set; stop if it keeps rising.",
        )
    if pain >= rules.severe_from:
        return SetPain(
            found,
            True,
            f"Pain {pain}/10 is severe ({rules.severe_from}/10 or more): the training stops "
            "here for today, for every exercise, and the next plan steps down. If pain this "
            "strong comes back, or does not settle, see a doctor or physiotherapist.",
            stops_session=True,
        )
    return SetPain(
        found,
        True,
        f"Pain {pain}/10 is above the {rules.acceptable_max}/10 limit: {exercise_name} stops "
        "here for today, and the next plan steps it down.",
    )


def severe_stop(rules: PainRules, sets: Iterable[LoggedSet]) -> str | None:
    """Why the day's training is over, if a main-block set that day hurt severely."""
    for logged in sets:
        if (
            logged.block is BlockKind.MAIN
            and logged.status is SetStatus.DONE
            and logged.pain is not None
            and logged.pain >= rules.severe_from
        ):
            return (
                f"pain {logged.pain}/10 in set {logged.set_number} of {logged.exercise} was "
                f"severe ({rules.severe_from}/10 or more), so the training is over for today"
            )
    return None


def stopped_by_pain(rules: PainRules, sets: Iterable[LoggedSet]) -> dict[str, str]:
    """The exercises of a session that pain above the limit has stopped, each with why:
    no more sets of them are taken that day, however they are logged."""
    stopped: dict[str, str] = {}
    for logged in sets:
        if (
            logged.block is BlockKind.MAIN
            and logged.status is SetStatus.DONE
            and logged.pain is not None
            and logged.pain > rules.acceptable_max
            and logged.exercise not in stopped
        ):
            stopped[logged.exercise] = (
                f"pain {logged.pain}/10 in set {logged.set_number} was above the "
                f"{rules.acceptable_max}/10 limit"
            )
    return stopped


def lighter_day(rules: PainRules, pain: int) -> bool:
    """Pain before a session high enough to make that session lighter."""
    return pain >= rules.lighter_from


def before_session(rules: PainRules, pain: int) -> str | None:
    """What pain before a session means: a lighter session from ``lighter_from``, a caution
    above the acceptable limit, nothing otherwise."""
    if lighter_day(rules, pain):
        fewer = rules.lighter_drop_sets
        return (
            f"Your back is at {pain}/10 before you start ({rules.lighter_from}/10 or more), so "
            f"today is a lighter session: {fewer} set{'s' if fewer > 1 else ''} fewer of each "
            "exercise (at least one stays), and the next plan holds the dose. Go gently, stop "
            "anything that makes it worse, and see a clinician if this pain is new, severe or "
            "rising."
        )
    if pain <= rules.acceptable_max:
        return None
    return (
        f"Your back is at {pain}/10 before you start. Go gently, stop anything that makes it "
        "worse, and see a clinician if this pain is new, severe or rising."
    )
