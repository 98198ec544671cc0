"""What the web says a person can do about something: each :class:`~backbridge.errors.Action`
as a link on a page (the terminal says the same thing as a command)."""

from __future__ import annotations

from typing import Any

from backbridge.errors import Action

LINKS: dict[Action, tuple[str, str]] = {
    Action.SCREEN: ("Answer the safety questions", "/safety"),
    Action.CLEARANCE: ("Record a clinician's clearance", "/safety#clearance"),
    Action.CONFIRM_REVIEW: ("Read the pain review", "/safety#review"),
    Action.START_SESSION: ("Start a session", "/session"),
    Action.LIST_EXERCISES: ("See the exercises", "/library"),
    Action.NUTRITION_PROFILE: ("Fill in your nutrition profile", "/nutrition#profile"),
    Action.FIND_FOOD: ("Look up foods", "/nutrition"),
    Action.LIST_SUPPLEMENTS: ("See the supplement guide", "/nutrition#supplements"),
}


def action_link(action: Action | None) -> dict[str, Any] | None:
    """``{"id", "label", "href"}`` for an action, or ``None``."""
    if action is None:
        return None
    label, href = LINKS[action]
    return {"id": str(action), "label": label, "href": href}
