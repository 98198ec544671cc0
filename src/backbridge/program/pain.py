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


def during_set(rules: PainRules, pain: int | None, exercise_name: str) -> SetPain:
    """The verdict on pain during a main-block set: fine, acceptable with a caution, or above
    the limit, which stops that exercise for the day."""
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
    return SetPain(
        found,
        True,
        f"Pain {pain}/10 is above the {rules.acceptable_max}/10 limit: {exercise_name} stops "
        "here for today, and the next plan steps it down.",
    )


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


def before_session(rules: PainRules, pain: int) -> str | None:
    """A caution when the back is already above the acceptable limit before a session."""
    if pain <= rules.acceptable_max:
        return None
    return (
        f"Your back is at {pain}/10 before you start. Go gently, stop anything that makes it "
        "worse, and see a clinician if this pain is new, severe or rising."
    )
