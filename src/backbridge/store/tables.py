"""The tables, in SQLAlchemy Core. Rows map to the plain records in
:mod:`backbridge.program.history`, :mod:`backbridge.program.safety` and
:mod:`backbridge.nutrition`; the store's modules do that mapping.

Core rather than the ORM: every command that opens the database pays for what is imported and
built here, and the ORM (its import, declarative classes and mapper configuration) was about a
fifth of the start of ``backbridge plan`` and ``log set``. The store reads rows and writes
values; it needs no identity map or unit of work.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored as UTC on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: backbridge stores aware datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()


def _id() -> Column[object]:
    return Column("id", Uuid, primary_key=True)


def _owner() -> Column[object]:
    return Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def _at(name: str, *, nullable: bool = False) -> Column[object]:
    return Column(name, UTCDateTime, nullable=nullable)


def _text(name: str, length: int | None = None, *, nullable: bool = False) -> Column[object]:
    return Column(name, Text if length is None else String(length), nullable=nullable)


USERS = Table(
    "users",
    metadata,
    _id(),
    Column("name", String(120), nullable=False, unique=True),
    _at("created_at"),
    _at("notice_seen_at", nullable=True),
)

SESSIONS = Table(
    "training_sessions",
    metadata,
    _id(),
    _owner(),
    _text("program", 60),
    _text("status", 20),
    _at("started_at"),
    _at("ended_at", nullable=True),
    Column("plan", JSON, nullable=True),
    Index("ix_training_sessions_user_started", "user_id", "started_at"),
)

SETS = Table(
    "set_logs",
    metadata,
    _id(),
    Column(
        "session_id",
        Uuid,
        ForeignKey("training_sessions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    _text("exercise", 60),
    _text("block", 20),
    Column("set_number", Integer, nullable=False),
    _text("side", 5, nullable=True),
    Column("reps", Integer, nullable=True),
    Column("seconds", Integer, nullable=True),
    _text("band", 30, nullable=True),
    Column("rpe", Float, nullable=True),
    Column("reps_in_reserve", Integer, nullable=True),
    Column("pain", Integer, nullable=True),
    _text("note", nullable=True),
    _text("status", 10),
    _text("source", 10),
    _at("performed_at"),
    _text("step_key", 120),
    # step_key: block, exercise, set number and side in one key: a session holds each step once.
    Index("ix_set_logs_session", "session_id", "performed_at"),
    CheckConstraint("reps IS NULL OR reps >= 0", name="ck_set_logs_reps"),
    CheckConstraint("seconds IS NULL OR seconds >= 0", name="ck_set_logs_seconds"),
    CheckConstraint("pain IS NULL OR (pain >= 0 AND pain <= 10)", name="ck_set_logs_pain"),
    CheckConstraint("rpe IS NULL OR (rpe >= 1 AND rpe <= 10)", name="ck_set_logs_rpe"),
    UniqueConstraint("session_id", "step_key", name="uq_set_logs_step"),
)

CAMERA_RESULTS = Table(
    "camera_results",
    metadata,
    Column("set_id", Uuid, ForeignKey("set_logs.id", ondelete="CASCADE"), primary_key=True),
    Column("reps_counted", Integer, nullable=False),
    CheckConstraint("reps_counted >= 0", name="ck_camera_results_reps"),
)
"""What the camera coach counted for one logged set."""

CAMERA_FAULTS = Table(
    "camera_faults",
    metadata,
    _id(),
    Column(
        "set_id",
        Uuid,
        ForeignKey("camera_results.set_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("position", Integer, nullable=False),
    _text("cue", 60),
    Column("rep", Integer, nullable=True),
    _text("text"),
    Index("ix_camera_faults_set", "set_id"),
    CheckConstraint("rep IS NULL OR rep >= 1", name="ck_camera_faults_rep"),
)
"""One form fault the camera coach saw in a set: the cue that corrects it and the rep."""

CHECKINS = Table(
    "checkins",
    metadata,
    _id(),
    _owner(),
    Column(
        "session_id",
        Uuid,
        ForeignKey("training_sessions.id", ondelete="SET NULL"),
        nullable=True,
    ),
    _text("kind", 20),
    Column("pain", Integer, nullable=False),
    _text("note", nullable=True),
    _at("recorded_at"),
    Index("ix_checkins_user_recorded", "user_id", "recorded_at"),
    CheckConstraint("pain >= 0 AND pain <= 10", name="ck_checkins_pain"),
)

SCREENINGS = Table(
    "screenings",
    metadata,
    _id(),
    _owner(),
    _at("recorded_at"),
    Column("answers", JSON, nullable=False),
    _text("outcome", 20),
    _at("acknowledged_at", nullable=True),
    Index("ix_screenings_user_recorded", "user_id", "recorded_at"),
)

CLEARANCES = Table(
    "clearances",
    metadata,
    _id(),
    _owner(),
    _at("recorded_at"),
    _text("cleared_by", 80, nullable=True),
    _text("note", nullable=True),
    Index("ix_clearances_user_recorded", "user_id", "recorded_at"),
)

PAIN_ACKNOWLEDGEMENTS = Table(
    "pain_acknowledgements",
    metadata,
    _id(),
    _owner(),
    _at("recorded_at"),
    _text("note", nullable=True),
    Index("ix_pain_acknowledgements_user_recorded", "user_id", "recorded_at"),
)
"""The person confirmed a pain review's advice and goes on at a reduced dose."""

FUNCTION_SCORES = Table(
    "function_scores",
    metadata,
    _id(),
    _owner(),
    _at("recorded_at"),
    Column("activities", JSON, nullable=False),
    Index("ix_function_scores_user_recorded", "user_id", "recorded_at"),
)
"""One Patient-Specific Functional Scale: the activities named and their 0-10 ratings."""

NUTRITION_PROFILES = Table(
    "nutrition_profiles",
    metadata,
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("weight_kg", Float, nullable=False),
    Column("height_cm", Float, nullable=False),
    Column("age_years", Integer, nullable=False),
    _text("sex", 10),
    _text("activity", 20),
    Column("kidney_disease", Boolean, nullable=False),
    Column("pregnant", Boolean, nullable=False),
    _at("updated_at"),
    CheckConstraint("weight_kg > 0", name="ck_nutrition_profiles_weight"),
    CheckConstraint("height_cm > 0", name="ck_nutrition_profiles_height"),
    CheckConstraint("age_years >= 18", name="ck_nutrition_profiles_age"),
)
"""One per user: what the energy and protein targets are computed from."""

NUTRIENT_COLUMNS = (
    "energy_kcal", "protein_g", "carbohydrate_g", "fat_g", "fibre_g", "caffeine_mg"
)  # fmt: skip
"""The nutrient columns shared by a logged food and a user's own food."""
NUTRIENTS_NOT_NEGATIVE = " AND ".join(f"{name} >= 0" for name in NUTRIENT_COLUMNS)


def _nutrients() -> list[Column[object]]:
    return [Column(name, Float, nullable=False) for name in NUTRIENT_COLUMNS]


FOOD_ENTRIES = Table(
    "food_entries",
    metadata,
    _id(),
    _owner(),
    _text("food", 60),
    _text("food_name", 120),
    Column("grams", Float, nullable=False),
    _text("portion", 60, nullable=True),
    _text("meal", 10),
    _at("eaten_at"),
    *_nutrients(),
    Index("ix_food_entries_user_eaten", "user_id", "eaten_at"),
    CheckConstraint("grams > 0", name="ck_food_entries_grams"),
    CheckConstraint(NUTRIENTS_NOT_NEGATIVE, name="ck_food_entries_nutrients"),
)
"""One food eaten, with its nutrients as computed when it was logged."""

SUPPLEMENT_ENTRIES = Table(
    "supplement_entries",
    metadata,
    _id(),
    _owner(),
    _text("supplement", 60),
    Column("amount", Float, nullable=False),
    _text("unit", 5),
    _at("taken_at"),
    Index("ix_supplement_entries_user_taken", "user_id", "taken_at"),
    CheckConstraint("amount > 0", name="ck_supplement_entries_amount"),
)

CUSTOM_FOODS = Table(
    "custom_foods",
    metadata,
    _id(),
    _owner(),
    _text("slug", 60),
    _text("name", 120),
    Column("portions", JSON, nullable=False),
    _at("created_at"),
    *_nutrients(),
    UniqueConstraint("user_id", "slug", name="uq_custom_foods_user_slug"),
    CheckConstraint(NUTRIENTS_NOT_NEGATIVE, name="ck_custom_foods_nutrients"),
)
"""A food the user added, per 100 g like the bundled table."""
