"""Full backups as JSON: export everything, import it back losslessly.

Import adds what the database does not have yet (by id) and never changes or removes what it
has, so importing the same file twice is harmless. Users are matched by name, so a backup
restores into a fresh home whose local user was created with a different id.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

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
from backbridge.store.journal import _session, checkin_record, set_row
from backbridge.store.measures import function_score, function_score_values
from backbridge.store.nutrition_log import (
    custom_food,
    custom_food_values,
    food_entry,
    food_entry_values,
    profile,
    profile_row,
    supplement_entry,
)
from backbridge.store.reviews import acknowledgement
from backbridge.store.safety_log import clearance, screening_record
from backbridge.store.tables import (
    CameraResultRow,
    CheckInRow,
    ClearanceRow,
    CustomFoodRow,
    FoodEntryRow,
    FunctionScoreRow,
    NutritionProfileRow,
    PainAcknowledgementRow,
    ScreeningRow,
    SessionRow,
    SetRow,
    SupplementEntryRow,
    UserRow,
)
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
    with db.read() as tx:
        users = [
            BackupUser(
                id=u.id, name=u.name, created_at=u.created_at, notice_seen_at=u.notice_seen_at
            )
            for u in tx.scalars(select(UserRow).order_by(UserRow.created_at))
        ]
        sessions = [
            _session(row)
            for row in tx.scalars(
                select(SessionRow)
                .options(
                    selectinload(SessionRow.sets)
                    .selectinload(SetRow.camera)
                    .selectinload(CameraResultRow.faults),
                    selectinload(SessionRow.checkins),
                )
                .order_by(SessionRow.started_at)
            )
        ]
        unlinked = [
            UserCheckIn(user_id=row.user_id, **checkin_record(row).model_dump())
            for row in tx.scalars(
                select(CheckInRow)
                .where(CheckInRow.session_id.is_(None))
                .order_by(CheckInRow.recorded_at)
            )
        ]
        screenings = [
            UserScreening(user_id=row.user_id, **screening_record(row).model_dump())
            for row in tx.scalars(select(ScreeningRow).order_by(ScreeningRow.recorded_at))
        ]
        clearances = [
            UserClearance(user_id=row.user_id, **clearance(row).model_dump())
            for row in tx.scalars(select(ClearanceRow).order_by(ClearanceRow.recorded_at))
        ]
        confirmations = [
            UserAcknowledgement(user_id=row.user_id, **acknowledgement(row).model_dump())
            for row in tx.scalars(
                select(PainAcknowledgementRow).order_by(PainAcknowledgementRow.recorded_at)
            )
        ]
        function_scores = [
            UserFunctionScore(user_id=row.user_id, **function_score(row).model_dump())
            for row in tx.scalars(select(FunctionScoreRow).order_by(FunctionScoreRow.recorded_at))
        ]
        profiles = [
            UserProfile(user_id=row.user_id, updated_at=row.updated_at, **profile(row).model_dump())
            for row in tx.scalars(select(NutritionProfileRow).order_by(NutritionProfileRow.user_id))
        ]
        foods = [
            UserCustomFood(user_id=row.user_id, **custom_food(row).model_dump())
            for row in tx.scalars(select(CustomFoodRow).order_by(CustomFoodRow.created_at))
        ]
        eaten = [
            UserFoodEntry(user_id=row.user_id, **food_entry(row).model_dump())
            for row in tx.scalars(select(FoodEntryRow).order_by(FoodEntryRow.eaten_at))
        ]
        taken = [
            UserSupplementEntry(user_id=row.user_id, **supplement_entry(row).model_dump())
            for row in tx.scalars(select(SupplementEntryRow).order_by(SupplementEntryRow.taken_at))
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
    with db.write() as tx:
        user_ids = {user.id: _match_user(tx, user, added, present) for user in backup.users}
        for session in backup.sessions:
            owner = user_ids.get(session.user_id, session.user_id)
            if tx.get(SessionRow, session.id) is None:
                tx.add(
                    SessionRow(
                        id=session.id,
                        user_id=owner,
                        program=session.program,
                        status=session.status.value,
                        started_at=session.started_at,
                        ended_at=session.ended_at,
                        plan=None if session.plan is None else session.plan.model_dump(mode="json"),
                    )
                )
                added["sessions"] += 1
            else:
                present["sessions"] += 1
            tx.flush()
            for logged in session.sets:
                if tx.get(SetRow, logged.id) is None:
                    tx.add(set_row(logged))
                    added["sets"] += 1
                else:
                    present["sets"] += 1
            for checkin in session.checkins:
                _add(
                    tx,
                    CheckInRow,
                    checkin.id,
                    {**checkin.model_dump(), "user_id": owner},
                    "checkins",
                    added,
                    present,
                )
        for checkin in backup.checkins:
            values = checkin.model_dump()
            values["user_id"] = user_ids.get(checkin.user_id, checkin.user_id)
            _add(tx, CheckInRow, checkin.id, values, "checkins", added, present)
        for screening in backup.screenings:
            values = {
                **screening.model_dump(),
                "user_id": user_ids.get(screening.user_id, screening.user_id),
            }
            _add(tx, ScreeningRow, screening.id, values, "screenings", added, present)
        for cleared in backup.clearances:
            values = {
                **cleared.model_dump(),
                "user_id": user_ids.get(cleared.user_id, cleared.user_id),
            }
            _add(tx, ClearanceRow, cleared.id, values, "clearances", added, present)
        for confirmed in backup.pain_acknowledgements:
            values = {
                **confirmed.model_dump(),
                "user_id": user_ids.get(confirmed.user_id, confirmed.user_id),
            }
            _add(tx, PainAcknowledgementRow, confirmed.id, values, "pain review confirmations",
                 added, present)  # fmt: skip
        for scored in backup.function_scores:
            owner = user_ids.get(scored.user_id, scored.user_id)
            if tx.get(FunctionScoreRow, scored.id) is None:
                plain = FunctionScore.model_validate(scored.model_dump(exclude={"user_id"}))
                tx.add(FunctionScoreRow(user_id=owner, **function_score_values(plain)))
                added["activity scores"] += 1
            else:
                present["activity scores"] += 1
        _import_nutrition(tx, backup, user_ids, added, present)
    return ImportReport(added=added, already_present=present)


def _import_nutrition(
    tx: Session,
    backup: Backup,
    user_ids: dict[uuid.UUID, uuid.UUID],
    added: dict[str, int],
    present: dict[str, int],
) -> None:
    """Profiles are added only for users without one; foods by id, or by slug for a user who
    already has a food of that name."""
    for stored in backup.nutrition_profiles:
        owner = user_ids.get(stored.user_id, stored.user_id)
        if tx.get(NutritionProfileRow, owner) is None:
            plain = Profile.model_validate(stored.model_dump(exclude={"user_id", "updated_at"}))
            tx.add(profile_row(owner, plain, stored.updated_at))
            added["nutrition profiles"] += 1
        else:
            present["nutrition profiles"] += 1
    for food in backup.custom_foods:
        owner = user_ids.get(food.user_id, food.user_id)
        same_name = select(CustomFoodRow.id).where(
            CustomFoodRow.user_id == owner, CustomFoodRow.slug == food.food.slug
        )
        if tx.get(CustomFoodRow, food.id) is None and tx.scalar(same_name) is None:
            tx.add(CustomFoodRow(user_id=owner, **custom_food_values(food)))
            tx.flush()
            added["own foods"] += 1
        else:
            present["own foods"] += 1
    for eaten in backup.food_entries:
        values = {**food_entry_values(eaten), "user_id": user_ids.get(eaten.user_id, eaten.user_id)}
        _add(tx, FoodEntryRow, eaten.id, values, "logged foods", added, present)
    for taken in backup.supplement_entries:
        values = {**taken.model_dump(), "user_id": user_ids.get(taken.user_id, taken.user_id)}
        _add(tx, SupplementEntryRow, taken.id, values, "logged supplements", added, present)


def _match_user(
    tx: Session, user: BackupUser, added: dict[str, int], present: dict[str, int]
) -> uuid.UUID:
    existing = tx.scalar(select(UserRow).where(UserRow.name == user.name))
    if existing is not None and _is_blank(tx, existing) and tx.get(UserRow, user.id) is None:
        # A fresh home's user, made before the import: become the backed-up user exactly.
        tx.delete(existing)
        tx.flush()
        existing = None
    if existing is not None:
        present["users"] += 1
        if existing.notice_seen_at is None:
            existing.notice_seen_at = user.notice_seen_at
        return existing.id
    new_id = user.id if tx.get(UserRow, user.id) is None else uuid.uuid4()
    tx.add(
        UserRow(
            id=new_id,
            name=user.name,
            created_at=user.created_at,
            notice_seen_at=user.notice_seen_at,
        )
    )
    tx.flush()
    added["users"] += 1
    return new_id


def _is_blank(tx: Session, user: UserRow) -> bool:
    """True when nothing has been logged for this user yet."""
    for table in (
        SessionRow,
        CheckInRow,
        ScreeningRow,
        ClearanceRow,
        PainAcknowledgementRow,
        FunctionScoreRow,
        FoodEntryRow,
        SupplementEntryRow,
        CustomFoodRow,
    ):
        if tx.scalar(select(table.id).where(table.user_id == user.id).limit(1)) is not None:
            return False
    return tx.get(NutritionProfileRow, user.id) is None


def _add(
    tx: Session,
    table: type[CheckInRow]
    | type[ScreeningRow]
    | type[ClearanceRow]
    | type[PainAcknowledgementRow]
    | type[FoodEntryRow]
    | type[SupplementEntryRow],
    row_id: uuid.UUID,
    values: dict[str, Any],
    name: str,
    added: dict[str, int],
    present: dict[str, int],
) -> None:
    if tx.get(table, row_id) is None:
        tx.add(table(**values))
        added[name] += 1
    else:
        present[name] += 1
