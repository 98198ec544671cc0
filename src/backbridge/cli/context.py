"""What every command shares: the consoles, the services, the clock and the first-run notice."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console

from backbridge.clock import as_aware, check_calendar
from backbridge.errors import Action, InvalidInput

if TYPE_CHECKING:
    from backbridge.catalog import Catalog
    from backbridge.services import Services


def console() -> Console:
    return Console(highlight=False)


def error_console() -> Console:
    return Console(stderr=True, highlight=False)


def catalog() -> Catalog:
    """The catalogue, for commands that need no database (from the cache when current)."""
    from backbridge.services.catalog_cache import cached_catalog
    from backbridge.settings import Settings

    return cached_catalog(Settings().cache_dir)


@contextmanager
def services(show_notice: bool = True) -> Iterator[Services]:
    """Open the services for one command; show the notice once on the very first run.

    The store is imported here, not at module level, so catalogue-only commands start fast.
    """
    from backbridge.services import build_services
    from backbridge.settings import Settings

    built = build_services(Settings())
    try:
        if show_notice and built.overview.notice_due():
            print_notice(error_console(), built.catalog)
            built.overview.mark_notice_seen()
        yield built
    finally:
        built.close()


def print_notice(target: Console, catalog: Catalog) -> None:
    from rich.panel import Panel

    from backbridge.notice import NOTICE_TITLE, notice

    text = notice(catalog.rules.pain)
    target.print(Panel(text, title=NOTICE_TITLE, border_style="yellow", expand=False))


def print_json(data: Any) -> None:
    """Exactly one JSON document on stdout, for scripts."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def local(moment: datetime) -> datetime:
    return moment.astimezone()


def parse_moment(text: str | None) -> datetime | None:
    """An ISO time typed by the person (``None`` stays ``None``: now), in local time when it
    names no zone."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"'{text}' is not a time; write it as e.g. 2026-11-24T18:30") from None
    return as_aware(moment)


def parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01"
        ) from None
    return check_calendar(day)


COMMANDS: dict[Action, str] = {
    Action.SCREEN: "backbridge screen",
    Action.CLEARANCE: "backbridge screen --cleared --by WHO",
    Action.CONFIRM_REVIEW: "backbridge screen --confirm-review",
    Action.START_SESSION: "backbridge session",
    Action.LIST_EXERCISES: "backbridge exercises list",
    Action.NUTRITION_PROFILE: "backbridge nutrition targets",
    Action.FIND_FOOD: "backbridge food search",
    Action.LIST_SUPPLEMENTS: "backbridge supplements list",
}
"""What the terminal says a person can do about an error: each action as a command (the web
says the same thing as a link)."""


def print_lessons(catalog: Catalog, ids: Sequence[str], lead: str = "Worth reading") -> None:
    """One line per lesson: its title and the command that shows it."""
    for lesson_id in ids:
        title = catalog.lesson(lesson_id).title
        console().print(f"{lead}: {title} (`backbridge learn {lesson_id}`)")


def action_hint(action: Action | None) -> str:
    """`` (run `backbridge screen`)`` for an action, or nothing."""
    return "" if action is None else f" (run `{COMMANDS[action]}`)"
