"""Sets as the CSV files Strong and Hevy export, written and read back.

One row per set (one side of a one-sided set), in each app's column layout, with backbridge's
own columns (side, band, pain, reps in reserve, block) appended, so a file written here reads
back whole, and one written by the app reads in with what it holds. The layouts follow public
export samples (see ``catalog/data/exchange-names.yaml``, ``sources``): Strong's current comma
layout (its older semicolon layout with ``Weight Unit`` reads too) and Hevy's kilogram layout
(``weight_lbs`` reads too). Times are local wall-clock times, as both apps write them.

Reading is pure and all-or-nothing: the first bad cell is one :class:`DataFileError` line
naming the row and the column. Rows of exercises no name in the table matches are not read
into sessions; they come back as CSV text with the file's own header, to be kept beside it.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from pydantic import ValidationError

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Kind
from backbridge.errors import DataFileError
from backbridge.program.history import (
    EntrySource,
    LoggedSet,
    SessionStatus,
    SetStatus,
    TrainingSession,
)
from backbridge.reports.names import ExerciseNames, key

OURS = ("Side", "Band", "Pain", "Reps in Reserve", "Block")
STRONG = ("Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
          "Distance", "Seconds", "Notes", "Workout Notes", "RPE")  # fmt: skip
HEVY = ("title", "start_time", "end_time", "description", "exercise_title", "superset_id",
        "exercise_notes", "set_index", "set_type", "weight_kg", "reps", "distance_km",
        "duration_seconds", "rpe")  # fmt: skip
HEVY_OURS = ("side", "band", "pain", "reps_in_reserve", "block")
STRONG_TIME = "%Y-%m-%d %H:%M:%S"
HEVY_TIME = "%d %b %Y, %H:%M"
NAMESPACE = uuid.UUID("6f1d3c52-8a0e-4c7e-9a55-3b1f0f7f2e11")
"""Ids of imported rows derive from the file's content, so importing a file twice adds nothing."""


@dataclass(frozen=True)
class Layout:
    """How one app names the columns backbridge reads."""

    app: str
    format: str
    start: str
    end: str | None
    workout: str
    duration: str | None
    exercise: str
    set_order: str
    set_base: int
    """What the first set is numbered: Strong counts from 1, Hevy from 0."""
    reps: str
    seconds: str
    rpe: str
    notes: str
    weights: tuple[tuple[str, str], ...]
    """Weight columns and their unit."""
    ours: tuple[str, ...]
    times: tuple[str, ...]


STRONG_LAYOUT = Layout(
    "Strong", "strong-csv", "Date", None, "Workout Name", "Duration", "Exercise Name", "Set Order",
    1, "Reps", "Seconds", "RPE", "Notes", (("Weight", "kg"),), OURS,
    (STRONG_TIME, "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %I:%M:%S\u202f%p"),
)  # fmt: skip
HEVY_LAYOUT = Layout(
    "Hevy", "hevy-csv", "start_time", "end_time", "title", None, "exercise_title", "set_index", 0,
    "reps", "duration_seconds", "rpe", "exercise_notes",
    (("weight_kg", "kg"), ("weight_lbs", "lb")), HEVY_OURS,
    (HEVY_TIME, "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"),
)  # fmt: skip
LAYOUTS = {layout.format: layout for layout in (STRONG_LAYOUT, HEVY_LAYOUT)}


# -- writing ------------------------------------------------------------------------------------


def _local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz)


def _duration(session: TrainingSession) -> timedelta:
    return (session.ended_at or session.last_activity) - session.started_at


def _strong_duration(span: timedelta) -> str:
    minutes = max(round(span.total_seconds() / 60), 0)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def _done(session: TrainingSession) -> list[LoggedSet]:
    return [s for s in session.sets if s.status is SetStatus.DONE]


def _program_name(catalog: Catalog, slug: str) -> str:
    return next((p.name for p in catalog.programs if p.slug == slug), slug)


def _exercise_name(catalog: Catalog, slug: str) -> str:
    return next((e.name for e in catalog.exercises if e.slug == slug), slug)


def _ours(logged: LoggedSet) -> list[object]:
    rir, pain = logged.reps_in_reserve, logged.pain
    return [logged.side or "", logged.band or "", "" if pain is None else pain,
            "" if rir is None else rir, logged.block]  # fmt: skip


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def strong_csv(sessions: Sequence[TrainingSession], catalog: Catalog, tz: tzinfo | None) -> str:
    """Every set done, one row each, in Strong's export layout plus backbridge's columns."""
    rows = []
    for session in sessions:
        start = _local(session.started_at, tz).strftime(STRONG_TIME)
        name = _program_name(catalog, session.program)
        length = _strong_duration(_duration(session))
        for s in _done(session):
            rows.append([start, name, length, _exercise_name(catalog, s.exercise), s.set_number,
                         0, s.reps or 0, 0, s.seconds or 0, s.note or "", "",
                         "" if s.rpe is None else f"{s.rpe:g}", *_ours(s)])  # fmt: skip
    return _write((*STRONG, *OURS), rows)


def hevy_csv(sessions: Sequence[TrainingSession], catalog: Catalog, tz: tzinfo | None) -> str:
    """Every set done, one row each, in Hevy's export layout plus backbridge's columns."""
    rows = []
    for session in sessions:
        start = _local(session.started_at, tz)
        end = start + _duration(session)
        name = _program_name(catalog, session.program)
        for s in _done(session):
            kind = "warmup" if s.block is BlockKind.WARM_UP else "normal"
            rows.append([name, start.strftime(HEVY_TIME), end.strftime(HEVY_TIME), "",
                         _exercise_name(catalog, s.exercise), "", s.note or "", s.set_number - 1,
                         kind, "", "" if s.reps is None else s.reps, "",
                         "" if s.seconds is None else s.seconds,
                         "" if s.rpe is None else f"{s.rpe:g}", *_ours(s)])  # fmt: skip
    return _write((*HEVY, *HEVY_OURS), rows)


# -- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadWorkouts:
    """What a file holds: sessions of known exercises, and the rows of unknown ones."""

    sessions: tuple[TrainingSession, ...]
    unknown: dict[str, int] = field(default_factory=dict)
    """Each exercise name no entry matches, with its number of rows."""
    unknown_rows: str = ""
    """Those rows as CSV, with the file's header; empty when every name was known."""


class _Bad(Exception):
    def __init__(self, column: str, message: str) -> None:
        self.column, self.message = column, message


def _cell(row: dict[str, str | None], column: str | None) -> str:
    if column is None:
        return ""
    return (row.get(column) or "").strip()


def _number(row: dict[str, str | None], column: str | None) -> float | None:
    text = _cell(row, column)
    if not text:
        return None
    try:
        value = float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
    except ValueError:
        raise _Bad(column or "", f"'{text}' is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise _Bad(column or "", f"'{text}' is not a number")
    return value


def _whole(row: dict[str, str | None], column: str | None) -> int | None:
    try:
        value = _number(row, column)
    except _Bad:
        raise _Bad(column or "", f"'{_cell(row, column)}' is not a whole number") from None
    if value is None:
        return None
    if not value.is_integer() or abs(value) > 10**6:
        raise _Bad(column or "", f"'{_cell(row, column)}' is not a whole number")
    return int(value)


def _moment(text: str, column: str, formats: Sequence[str], tz: tzinfo | None) -> datetime:
    for pattern in formats:
        try:
            naive = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
    example = datetime(2026, 3, 2, 18, 5).strftime(formats[0])
    raise _Bad(column, f"'{text}' is not a date and time like {example}")


def _span(text: str, column: str) -> timedelta | None:
    if not text:
        return None
    if text.isdigit():
        return timedelta(seconds=int(text))
    found = re.fullmatch(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*", text)
    if found is None or not any(found.groups()):
        raise _Bad(column, f"'{text}' is not a duration like 1h 5m")
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


FIELD_COLUMNS = {"reps": 0, "seconds": 1, "rpe": 2, "note": 3, "side": 4, "band": 5, "pain": 6,
                 "reps_in_reserve": 7, "block": 8}  # fmt: skip


def _columns(layout: Layout) -> tuple[str, ...]:
    return (layout.reps, layout.seconds, layout.rpe, layout.notes, *layout.ours)


def read_workouts(
    text: str,
    where: str,
    layout: Layout,
    *,
    catalog: Catalog,
    names: ExerciseNames,
    user_id: uuid.UUID,
    tz: tzinfo | None,
) -> ReadWorkouts:
    """The sessions a CSV export holds; one line naming the row and column of the first problem
    otherwise (``where`` names the file). ``tz`` is the zone of the file's wall-clock times
    (``None``: this computer's)."""
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = list(reader.fieldnames or [])
    needed = [layout.start, layout.exercise, layout.set_order, layout.reps]
    missing = [column for column in needed if column not in header]
    if missing:
        found = ", ".join(f"'{c}'" for c in header[:8]) or "nothing"
        raise DataFileError([
            f"{where}: not a {layout.app} CSV export: the first line lacks the column(s) "
            f"{', '.join(repr(c) for c in missing)} (it has {found}); nothing was imported"
        ])  # fmt: skip
    programs = {key(p.name): p.slug for p in catalog.programs}
    kinds = {e.slug: e.kind for e in catalog.exercises}
    block_of = {Kind.EXERCISE: BlockKind.MAIN, Kind.WARM_UP: BlockKind.WARM_UP,
                Kind.STRETCH: BlockKind.STRETCH}  # fmt: skip
    sessions: dict[tuple[datetime, str], list[LoggedSet]] = {}
    meta: dict[tuple[datetime, str], tuple[uuid.UUID, datetime | None, str]] = {}
    unknown: dict[str, int] = {}
    kept: list[dict[str, str | None]] = []
    steps: dict[tuple[uuid.UUID, str], int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise DataFileError([
                    f"{where}: row {line}: more cells than the header has columns; "
                    "nothing was imported"
                ])  # fmt: skip
            try:
                name = _cell(row, layout.exercise)
                if not name:
                    raise _Bad(layout.exercise, "is empty; every row names its exercise")
                slug = names.find(name)
                if slug is None:
                    unknown[name] = unknown.get(name, 0) + 1
                    kept.append(row)
                    continue
                start = _moment(_cell(row, layout.start), layout.start, layout.times, tz)
                workout = _cell(row, layout.workout)
                group = (start, workout)
                if group not in meta:
                    end = None
                    if layout.end is not None and _cell(row, layout.end):
                        end = _moment(_cell(row, layout.end), layout.end, layout.times, tz)
                    span = _span(_cell(row, layout.duration), layout.duration or "")
                    if span is not None:
                        end = start + span
                    session_id = uuid.uuid5(
                        NAMESPACE, f"{layout.format}|{start.isoformat()}|{workout}"
                    )
                    meta[group] = (session_id, end, programs.get(key(workout), DEFAULT_PROGRAM))
                    sessions[group] = []
                session_id, end, _ = meta[group]
                logged = _logged(row, layout, slug, session_id, start, end,
                                 len(sessions[group]), block_of[kinds[slug]])  # fmt: skip
                step = (session_id, logged.step_key)
                if step in steps:
                    raise _Bad(layout.set_order, f"repeats the set of row {steps[step]} "
                               "(the same exercise, set and side in the same workout)")  # fmt: skip
                steps[step] = line
                sessions[group].append(logged)
            except _Bad as bad:
                raise DataFileError([
                    f"{where}: row {line}, column '{bad.column}': {bad.message}; "
                    "nothing was imported"
                ]) from None  # fmt: skip
    except csv.Error as error:
        raise DataFileError(
            [f"{where}: not readable as CSV ({error}); nothing was imported"]
        ) from None
    built = []
    for group, sets in sessions.items():
        session_id, end, program = meta[group]
        last = max(s.performed_at for s in sets)
        built.append(TrainingSession(
            id=session_id, user_id=user_id, program=program, status=SessionStatus.COMPLETED,
            started_at=group[0], ended_at=max(end or last, last), sets=tuple(sets),
        ))  # fmt: skip
    built.sort(key=lambda s: s.started_at)
    rest = ""
    if kept:
        out = io.StringIO()
        writer = csv.DictWriter(out, header, delimiter=delimiter, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
        rest = out.getvalue()
    return ReadWorkouts(tuple(built), unknown, rest)


def _logged(
    row: dict[str, str | None],
    layout: Layout,
    slug: str,
    session_id: uuid.UUID,
    start: datetime,
    end: datetime | None,
    position: int,
    block: BlockKind,
) -> LoggedSet:
    order = _whole(row, layout.set_order)
    if order is None:
        raise _Bad(layout.set_order, "is empty; every row gives its set's number")
    reps, seconds = _whole(row, layout.reps), _whole(row, layout.seconds)
    if seconds == 0 and reps:
        seconds = None
    if reps == 0 and seconds:
        reps = None
    notes = [_cell(row, layout.notes)]
    for column, unit in layout.weights:
        weight = _number(row, column)
        if weight:
            notes.append(f"{weight:g} {_cell(row, 'Weight Unit') or unit} in {layout.app}")
    side, band, pain, _, stated_block = (_cell(row, column) for column in layout.ours)
    performed = start + timedelta(minutes=position)
    values = {
        "id": uuid.uuid5(session_id, f"{slug}|{order}|{side}"),
        "session_id": session_id,
        "exercise": slug,
        "block": stated_block or block,
        "set_number": order - layout.set_base + 1,
        "side": side.lower() or None,
        "reps": reps,
        "seconds": seconds,
        "band": band.lower() or None,
        "rpe": _number(row, layout.rpe),
        "reps_in_reserve": _whole(row, layout.ours[3]),
        "pain": _whole(row, layout.ours[2]) if pain else None,
        "note": "; ".join(n for n in notes if n) or None,
        "source": EntrySource.IMPORT,
        "performed_at": min(performed, end) if end is not None and end >= start else performed,
    }
    try:
        return LoggedSet.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        place = str(first["loc"][0]) if first["loc"] else ""
        columns = _columns(layout)
        column = columns[FIELD_COLUMNS[place]] if place in FIELD_COLUMNS else layout.set_order
        message = str(first["msg"]).removeprefix("Value error, ")
        raise _Bad(column, message) from None


WRITERS: dict[str, Callable[[Sequence[TrainingSession], Catalog, tzinfo | None], str]] = {
    "strong-csv": strong_csv,
    "hevy-csv": hevy_csv,
}
