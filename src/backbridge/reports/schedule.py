"""The training schedule as iCalendar (RFC 5545), so any calendar app reminds the person.

Two recurring events: the training sessions on the program's days of the week, and the
next-morning pain check-in the day after each; each has an alarm. Times are floating (local
wall-clock time, no time zone): "17:30 on Mondays" stays 17:30 across daylight saving time and
travel, which is what a reminder to train means. The event ids are stable per person, so a
calendar that imports the file again updates the events instead of doubling them. Pure: the
program, the next plan and the person's choices in, the file's bytes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from icalendar import Alarm, Calendar, Event

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import Program
from backbridge.program.plan import Prescription

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
TRAINING_DAYS = {
    1: (2,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}
"""The weekdays (Monday = 0) of each number of sessions a week: spread, with rest days
between where the week allows."""
SESSION_MINUTES = 40
CHECKIN_MINUTES = 5
REMIND_BEFORE = timedelta(minutes=15)


@dataclass(frozen=True)
class Schedule:
    """What the person chose: the first day, how many weeks, and the times of day."""

    start: date | None = None
    """``None``: today."""
    weeks: int = 8
    training: time = time(18, 0)
    morning: time = time(8, 0)


def _first_on_or_after(start: date, weekdays: Sequence[int]) -> date:
    return next(
        day for day in (start + timedelta(days=n) for n in range(7)) if day.weekday() in weekdays
    )


def _event(uid: str, summary: str, description: str, first: datetime, minutes: int) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(minutes=minutes))
    return event


def schedule_ical(
    catalog: Catalog,
    program: Program,
    plan: Sequence[Prescription],
    choice: Schedule,
    *,
    user_id: UUID,
    now: datetime,
) -> bytes:
    """The schedule as an ``.ics`` file: ``choice.weeks`` weeks of the program's sessions from
    ``choice.start``, each with the next-morning check-in; ``plan`` (the next session's main
    items, empty while training is paused) fills in what a session holds."""
    days = TRAINING_DAYS[program.sessions_per_week]
    mornings = sorted((day + 1) % 7 for day in days)
    count = choice.weeks * len(days)
    doses = [
        f"- {catalog.exercise(item.exercise).name}: {item.dose.describe()}"
        + (f", {item.band} band" if item.band else "")
        for item in plan
    ]
    what = (
        "Your exercises (from the next session's plan; it adapts as you log):\n" + "\n".join(doses)
        if doses
        else "Open backbridge to see today's plan; training is paused until the app says it "
        "may go on."
    )
    calendar = Calendar()
    calendar.add("prodid", "-//backbridge//training schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"backbridge: {program.name}")

    first = _first_on_or_after(choice.start or now.date(), days)
    training = _event(
        f"{user_id}-training@backbridge",
        f"Back exercises: {program.name}",
        f"{what}\n\nWarm up first. Stop any exercise that causes sharp or rising pain.",
        datetime.combine(first, choice.training),
        SESSION_MINUTES,
    )
    training.add("rrule", {"freq": "weekly", "byday": [WEEKDAYS[d] for d in days], "count": count})
    training.add("dtstamp", now)
    training.add_component(_alarm("Back exercises in 15 minutes", -REMIND_BEFORE))

    morning = _first_on_or_after(first + timedelta(days=1), mornings)
    checkin = _event(
        f"{user_id}-next-morning@backbridge",
        "Back check-in: how is your back this morning? (0-10)",
        "Rate your lower-back pain from 0 to 10 in backbridge. Comparing it with the evening "
        "before tells the plan whether the last session was well tolerated.",
        datetime.combine(morning, choice.morning),
        CHECKIN_MINUTES,
    )
    checkin.add(
        "rrule", {"freq": "weekly", "byday": [WEEKDAYS[d] for d in mornings], "count": count}
    )
    checkin.add("dtstamp", now)
    checkin.add_component(_alarm("How is your back this morning?", timedelta(0)))

    calendar.add_component(training)
    calendar.add_component(checkin)
    document: bytes = calendar.to_ical()
    return document


def _alarm(text: str, trigger: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm
