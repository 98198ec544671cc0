"""Full backups as JSON: export everything, import it back losslessly.

Import adds what the database does not have yet (by id) and never changes or removes what it
has, so importing the same file twice is harmless. Users are matched by name, so a backup
restores into a fresh home whose local user was created with a different id.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError

from backbridge import __version__
from backbridge.errors import DataFileError
from backbridge.nutrition.foods import CustomFood
from backbridge.nutrition.log import FoodEntry, SupplementEntry
from backbridge.nutrition.targets import Profile
from backbridge.program.escalation import Acknowledgement
from backbridge.program.history import CheckIn, TrainingSession
from backbridge.program.measures import FunctionScore
from backbridge.program.safety import Clearance, ScreeningRecord
from backbridge.store.database import Database
from backbridge.store.journal import checkin_record, checkin_values, insert_set, with_logs
from backbridge.store.measures import function_score, function_score_values
from backbridge.store.nutrition_log import (
    custom_food,
    custom_food_values,
    food_entry,
    food_entry_values,
    profile,
    profile_values,
    supplement_entry,
)
from backbridge.store.reviews import acknowledgement
from backbridge.store.safety_log import clearance, screening_record
from backbridge.store.sql import Connection
from backbridge.values import Moment, Name

FORMAT = "backbridge-backup/1"
TABLES = (
    "users",
    "sessions",
    "sets",
    "checkins",
    "screenings",
    "clearances",
    "pain review confirmations",
    "activity scores",
    "nutrition profiles",
    "own foods",
    "logged foods",
    "logged supplements",
)
FOOD_NAMED = "SELECT id FROM custom_foods WHERE user_id = :user AND slug = :slug"
"""A user's own food of one name (``user``, ``slug``)."""


class BackupUser(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID
    name: Name
    created_at: Moment
    notice_seen_at: Moment | None = None


class UserCheckIn(CheckIn):
    """A check-in not linked to a session, with the user it belongs to."""

    user_id: uuid.UUID


class UserScreening(ScreeningRecord):
    user_id: uuid.UUID


class UserClearance(Clearance):
    user_id: uuid.UUID


class UserAcknowledgement(Acknowledgement):
    user_id: uuid.UUID


class UserFunctionScore(FunctionScore):
    user_id: uuid.UUID


class UserProfile(Profile):
    user_id: uuid.UUID
    updated_at: AwareDatetime


class UserFoodEntry(FoodEntry):
    user_id: uuid.UUID


class UserSupplementEntry(SupplementEntry):
    user_id: uuid.UUID


class UserCustomFood(CustomFood):
    user_id: uuid.UUID


class Backup(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["backbridge-backup/1"]
    exported_at: AwareDatetime
    app_version: str
    users: list[BackupUser]
    sessions: list[TrainingSession]
    checkins: list[UserCheckIn]
    screenings: list[UserScreening] = []
    clearances: list[UserClearance] = []
    pain_acknowledgements: list[UserAcknowledgement] = []
    function_scores: list[UserFunctionScore] = []
    nutrition_profiles: list[UserProfile] = []
    custom_foods: list[UserCustomFood] = []
    food_entries: list[UserFoodEntry] = []
    supplement_entries: list[UserSupplementEntry] = []


@dataclass(frozen=True)
class ImportReport:
    added: dict[str, int]
    already_present: dict[str, int]


def export_backup(db: Database, now: datetime) -> dict[str, Any]:
    with db.read() as connection:

        def every(table: str, order: str) -> list[Any]:
            return connection.execute(f"SELECT * FROM {table} ORDER BY {order}").all()

        users = [
            BackupUser(
                id=u.id, name=u.name, created_at=u.created_at, notice_seen_at=u.notice_seen_at
            )
            for u in every("users", "created_at")
        ]
        sessions = with_logs(connection, every("training_sessions", "started_at"))
        unlinked = [
            UserCheckIn(user_id=row.user_id, **checkin_record(row).model_dump())
            for row in connection.execute(
                "SELECT * FROM checkins WHERE session_id IS NULL ORDER BY recorded_at"
            )
        ]
        screenings = [
            UserScreening(user_id=row.user_id, **screening_record(row).model_dump())
            for row in every("screenings", "recorded_at")
        ]
        clearances = [
            UserClearance(user_id=row.user_id, **clearance(row).model_dump())
            for row in every("clearances", "recorded_at")
        ]
        confirmations = [
            UserAcknowledgement(user_id=row.user_id, **acknowledgement(row).model_dump())
            for row in every("pain_acknowledgements", "recorded_at")
        ]
        function_scores = [
            UserFunctionScore(user_id=row.user_id, **function_score(row).model_dump())
            for row in every("function_scores", "recorded_at")
        ]
        profiles = [
            UserProfile(user_id=row.user_id, updated_at=row.updated_at, **profile(row).model_dump())
            for row in every("nutrition_profiles", "user_id")
        ]
        foods = [
            UserCustomFood(user_id=row.user_id, **custom_food(row).model_dump())
            for row in every("custom_foods", "created_at")
        ]
        eaten = [
            UserFoodEntry(user_id=row.user_id, **food_entry(row).model_dump())
            for row in every("food_entries", "eaten_at")
        ]
        taken = [
            UserSupplementEntry(user_id=row.user_id, **supplement_entry(row).model_dump())
            for row in every("supplement_entries", "taken_at")
        ]
    backup = Backup(
        format=FORMAT,
        exported_at=now,
        app_version=__version__,
        users=users,
        sessions=sessions,
        checkins=unlinked,
        screenings=screenings,
        clearances=clearances,
        pain_acknowledgements=confirmations,
        function_scores=function_scores,
        nutrition_profiles=profiles,
        custom_foods=foods,
        food_entries=eaten,
        supplement_entries=taken,
    )
    return backup.model_dump(mode="json")


def read_backup(text: str, where: str) -> Backup:
    """The backup a JSON text holds; one :class:`DataFileError` line naming the record and the
    field of the first problem otherwise (``where`` names the file)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(
            [f"{where}: not valid JSON (line {error.lineno}: {error.msg}); nothing was imported"]
        ) from None
    except (RecursionError, ValueError) as error:  # nesting or a number beyond any sense
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise DataFileError([f"{where}: cannot be read ({reason}); nothing was imported"]) from None
    return parse_backup(document, where)


def parse_backup(document: Any, where: str) -> Backup:
    if isinstance(document, dict) and isinstance(document.get("resourceType"), str):
        raise DataFileError(
            [
                f"{where}: a FHIR {document['resourceType'][:40]}, which backbridge writes for a "
                "clinic but does not read back; import a backbridge backup (JSON) or a Strong "
                "or Hevy CSV file instead"
            ]
        )
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DataFileError([f'{where}: not a backbridge backup (expected "format": "{FORMAT}")'])
    try:
        return Backup.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        raise DataFileError(
            [
                f"{where}: {record_path(first['loc'])}: {message} "
                f"({error.error_count()} problem(s) in all); nothing was imported"
            ]
        ) from None


def record_path(loc: Sequence[int | str]) -> str:
    """``sessions[3].sets[0].pain`` for pydantic's ``("sessions", 3, "sets", 0, "pain")``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path


def import_backup(db: Database, backup: Backup) -> ImportReport:
    """Add every row of the backup the database lacks, in one transaction."""
    added = dict.fromkeys(TABLES, 0)
    present = dict(added)

    def count(name: str, new: bool) -> None:
        (added if new else present)[name] += 1

    with db.write() as connection:
        owners = {user.id: _match_user(connection, user, count) for user in backup.users}

        def owner(user_id: uuid.UUID) -> uuid.UUID:
            return owners.get(user_id, user_id)

        def add(table: str, values: dict[str, Any], name: str) -> None:
            new = not _has(connection, table, values["id"])
            if new:
                connection.insert(table, values)
            count(name, new)

        for session in backup.sessions:
            add("training_sessions", _session_values(session, owner(session.user_id)), "sessions")
            for logged in session.sets:
                new = not _has(connection, "set_logs", logged.id)
                if new:
                    insert_set(connection, logged)
                count("sets", new)
            for checkin in session.checkins:
                add("checkins", checkin_values(checkin, owner(session.user_id)), "checkins")
        for unlinked in backup.checkins:
            record = CheckIn.model_validate(unlinked.model_dump(exclude={"user_id"}))
            add("checkins", checkin_values(record, owner(unlinked.user_id)), "checkins")
        for screening in backup.screenings:
            values = {**screening.model_dump(), "user_id": owner(screening.user_id)}
            add("screenings", values, "screenings")
        for cleared in backup.clearances:
            add("clearances", {**cleared.model_dump(), "user_id": owner(cleared.user_id)},
                "clearances")  # fmt: skip
        for confirmed in backup.pain_acknowledgements:
            values = {**confirmed.model_dump(), "user_id": owner(confirmed.user_id)}
            add("pain_acknowledgements", values, "pain review confirmations")
        for scored in backup.function_scores:
            plain_score = FunctionScore.model_validate(scored.model_dump(exclude={"user_id"}))
            values = {**function_score_values(plain_score), "user_id": owner(scored.user_id)}
            add("function_scores", values, "activity scores")
        for stored in backup.nutrition_profiles:
            # Added only for users without one.
            new = not _has(connection, "nutrition_profiles", owner(stored.user_id), "user_id")
            if new:
                plain = Profile.model_validate(stored.model_dump(exclude={"user_id", "updated_at"}))
                connection.insert(
                    "nutrition_profiles",
                    profile_values(owner(stored.user_id), plain, stored.updated_at),
                )
            count("nutrition profiles", new)
        for food in backup.custom_foods:
            # By id, or by name for a user who already has a food of that name.
            same_name = {"user": owner(food.user_id), "slug": food.food.slug}
            new = not _has(connection, "custom_foods", food.id) and (
                connection.execute(FOOD_NAMED, same_name).first() is None
            )
            if new:
                values = {**custom_food_values(food), "user_id": owner(food.user_id)}
                connection.insert("custom_foods", values)
            count("own foods", new)
        for eaten in backup.food_entries:
            values = {**food_entry_values(eaten), "user_id": owner(eaten.user_id)}
            add("food_entries", values, "logged foods")
        for taken in backup.supplement_entries:
            add("supplement_entries", {**taken.model_dump(), "user_id": owner(taken.user_id)},
                "logged supplements")  # fmt: skip
    return ImportReport(added=added, already_present=present)


def _session_values(session: TrainingSession, owner: uuid.UUID) -> dict[str, Any]:
    return {
        "id": session.id,
        "user_id": owner,
        "program": session.program,
        "status": session.status.value,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "plan": None if session.plan is None else session.plan.model_dump(mode="json"),
    }


def _has(connection: Connection, table: str, key: uuid.UUID, column: str = "id") -> bool:
    """Whether ``table`` holds a row whose ``column`` is ``key``."""
    found = connection.execute(f"SELECT 1 FROM {table} WHERE {column} = :key LIMIT 1", {"key": key})
    return found.first() is not None


def _match_user(
    connection: Connection, user: BackupUser, count: Callable[[str, bool], None]
) -> uuid.UUID:
    existing = connection.execute(
        "SELECT * FROM users WHERE name = :name", {"name": user.name}
    ).first()
    if (
        existing is not None
        and _is_blank(connection, existing.id)
        and not _has(connection, "users", user.id)
    ):
        # A fresh home's user, made before the import: become the backed-up user exactly.
        connection.execute("DELETE FROM users WHERE id = :id", {"id": existing.id})
        existing = None
    if existing is not None:
        count("users", False)
        if existing.notice_seen_at is None:
            connection.update(
                "users", {"notice_seen_at": user.notice_seen_at}, "id = :id", {"id": existing.id}
            )
        return existing.id  # type: ignore[no-any-return]
    new_id = user.id if not _has(connection, "users", user.id) else uuid.uuid4()
    connection.insert(
        "users",
        {"id": new_id, "name": user.name, "created_at": user.created_at,
         "notice_seen_at": user.notice_seen_at},
    )  # fmt: skip
    count("users", True)
    return new_id


def _is_blank(connection: Connection, user_id: uuid.UUID) -> bool:
    """True when nothing has been logged for this user yet."""
    owned = (
        "training_sessions", "checkins", "screenings", "clearances", "pain_acknowledgements",
        "function_scores", "food_entries", "supplement_entries", "custom_foods",
        "nutrition_profiles",
    )  # fmt: skip
    return not any(_has(connection, table, user_id, "user_id") for table in owned)
