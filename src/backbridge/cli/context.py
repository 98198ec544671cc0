"""What every command shares: the consoles, the services, the clock and the first-run notice."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.panel import Panel

from backbridge.catalog import Catalog, load_catalog
from backbridge.clock import utc_now
from backbridge.notice import NOTICE_TITLE, notice
from backbridge.settings import Settings

if TYPE_CHECKING:
    from backbridge.services import Services


def console() -> Console:
    return Console(highlight=False)


def error_console() -> Console:
    return Console(stderr=True, highlight=False)


def catalog() -> Catalog:
    return load_catalog()


@contextmanager
def services(show_notice: bool = True) -> Iterator[Services]:
    """Open the services for one command; show the notice once on the very first run.

    The store is imported here, not at module level, so catalogue-only commands start fast.
    """
    from backbridge.services import build_services

    built = build_services(Settings())
    try:
        if show_notice and built.journal.user.notice_seen_at is None:
            print_notice(error_console(), built.catalog)
            built.journal.mark_notice_seen(utc_now())
        yield built
    finally:
        built.close()


def print_notice(target: Console, catalog: Catalog) -> None:
    text = notice(catalog.rules.pain)
    target.print(Panel(text, title=NOTICE_TITLE, border_style="yellow", expand=False))


def print_json(data: Any) -> None:
    """Exactly one JSON document on stdout, for scripts."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The start and end of a calendar day in the local time zone, as aware datetimes."""
    start = datetime.combine(day, time.min).astimezone()
    return start, datetime.combine(day + timedelta(days=1), time.min).astimezone()


def local(moment: datetime) -> datetime:
    return moment.astimezone()
