"""Errors a person can cause, each carrying one line that says what was wrong and what to do.

Interfaces catch :class:`BackbridgeError` and render ``str(error)``: the CLI as one line on
stderr with a non-zero exit, the API as a 4xx JSON body. Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """What the person can do about an error. The domain names the action; each interface says
    it in its own words (a command in the terminal, a link on a page)."""

    SCREEN = "screen"
    """Answer the red-flag safety questions."""
    CLEARANCE = "clearance"
    """Record that a clinician examined them and cleared them to train."""
    CONFIRM_REVIEW = "confirm-review"
    """Confirm they read a pain review's advice, to go on at a reduced dose."""
    START_SESSION = "start-session"
    """Start a guided session."""
    LIST_EXERCISES = "list-exercises"
    """See which exercises exist."""
    NUTRITION_PROFILE = "nutrition-profile"
    """Give weight, height, age, sex and activity level once."""
    FIND_FOOD = "find-food"
    """Search the food table or add an own food."""
    LIST_SUPPLEMENTS = "list-supplements"
    """See the supplement guide."""


class BackbridgeError(Exception):
    """Base for every error caused by input, data files or the environment, not by a bug.

    ``action``, when set, names what the person can do about it; the message itself only says
    what is wrong."""

    exit_code = 1
    action: Action | None = None

    def __init__(self, *args: object, action: Action | None = None) -> None:
        super().__init__(*args)
        if action is not None:
            self.action = action


class InvalidInput(BackbridgeError):
    """A value given by the user is out of range or refers to something that does not exist."""

    exit_code = 2


class NotFound(InvalidInput):
    """A slug, id or file named by the user does not exist.

    For an unknown exercise, ``wanted`` is the name asked for and ``close`` the slugs of the
    exercises that come close, nearest first: a page offers them as links."""

    def __init__(
        self,
        *args: object,
        action: Action | None = None,
        wanted: str | None = None,
        close: tuple[str, ...] = (),
    ) -> None:
        super().__init__(*args, action=action)
        self.wanted = wanted
        self.close = close


class TrainingStopped(BackbridgeError):
    """Training is blocked by a red flag without a later clinician's clearance, or by a pain
    review whose advice the person has not confirmed yet."""

    exit_code = 4


class ScreeningDue(BackbridgeError):
    """The safety questions must be answered before more training is logged."""

    exit_code = 4
    action = Action.SCREEN


class Conflict(InvalidInput):
    """The request contradicts what is stored: a step already logged, an exercise stopped for
    today by pain, a session already finished."""


class StorageUnavailable(BackbridgeError):
    """The database cannot be reached, read or written just now (a server gone, a read-only
    folder, a full disk): nothing was stored, and trying again later may work."""


class DataFileError(BackbridgeError):
    """A data file (catalogue YAML, backup JSON) is malformed or inconsistent."""

    exit_code = 3

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))
