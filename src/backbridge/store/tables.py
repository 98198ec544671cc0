"""The ORM tables. Rows map to the plain records in :mod:`backbridge.program.history`,
:mod:`backbridge.program.safety` and :mod:`backbridge.nutrition`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


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


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    notice_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SessionRow(Base):
    __tablename__ = "training_sessions"
    __table_args__ = (Index("ix_training_sessions_user_started", "user_id", "started_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    program: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    plan: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    sets: Mapped[list[SetRow]] = relationship(
        back_populates="session", order_by="SetRow.performed_at", cascade="all, delete-orphan"
    )
    checkins: Mapped[list[CheckInRow]] = relationship(
        back_populates="session", order_by="CheckInRow.recorded_at"
    )


class SetRow(Base):
    __tablename__ = "set_logs"
    __table_args__ = (
        Index("ix_set_logs_session", "session_id", "performed_at"),
        CheckConstraint("reps IS NULL OR reps >= 0", name="ck_set_logs_reps"),
        CheckConstraint("seconds IS NULL OR seconds >= 0", name="ck_set_logs_seconds"),
        CheckConstraint("pain IS NULL OR (pain >= 0 AND pain <= 10)", name="ck_set_logs_pain"),
        CheckConstraint("rpe IS NULL OR (rpe >= 1 AND rpe <= 10)", name="ck_set_logs_rpe"),
        UniqueConstraint("session_id", "step_key", name="uq_set_logs_step"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE")
    )
    exercise: Mapped[str] = mapped_column(String(60))
    block: Mapped[str] = mapped_column(String(20))
    set_number: Mapped[int] = mapped_column(Integer)
    side: Mapped[str | None] = mapped_column(String(5), nullable=True)
    reps: Mapped[int | None] = mapped_column(Integer, nullable=True)
    seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    band: Mapped[str | None] = mapped_column(String(30), nullable=True)
    rpe: Mapped[float | None] = mapped_column(Float, nullable=True)
    reps_in_reserve: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pain: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(10))
    performed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    step_key: Mapped[str] = mapped_column(String(120))
    """Block, exercise, set number and side in one key: a session holds each step once."""

    session: Mapped[SessionRow] = relationship(back_populates="sets")
    camera: Mapped[CameraResultRow | None] = relationship(
        back_populates="set", cascade="all, delete-orphan", uselist=False
    )


class CameraResultRow(Base):
    """What the camera coach counted for one logged set."""

    __tablename__ = "camera_results"
    __table_args__ = (CheckConstraint("reps_counted >= 0", name="ck_camera_results_reps"),)

    set_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("set_logs.id", ondelete="CASCADE"), primary_key=True
    )
    reps_counted: Mapped[int] = mapped_column(Integer)

    set: Mapped[SetRow] = relationship(back_populates="camera")
    faults: Mapped[list[CameraFaultRow]] = relationship(
        back_populates="result", cascade="all, delete-orphan", order_by="CameraFaultRow.position"
    )


class CameraFaultRow(Base):
    """One form fault the camera coach saw in a set: the cue that corrects it and the rep."""

    __tablename__ = "camera_faults"
    __table_args__ = (
        Index("ix_camera_faults_set", "set_id"),
        CheckConstraint("rep IS NULL OR rep >= 1", name="ck_camera_faults_rep"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    set_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("camera_results.set_id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    cue: Mapped[str] = mapped_column(String(60))
    rep: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text)

    result: Mapped[CameraResultRow] = relationship(back_populates="faults")


class CheckInRow(Base):
    __tablename__ = "checkins"
    __table_args__ = (
        Index("ix_checkins_user_recorded", "user_id", "recorded_at"),
        CheckConstraint("pain >= 0 AND pain <= 10", name="ck_checkins_pain"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    pain: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    session: Mapped[SessionRow | None] = relationship(back_populates="checkins")


class ScreeningRow(Base):
    __tablename__ = "screenings"
    __table_args__ = (Index("ix_screenings_user_recorded", "user_id", "recorded_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answers: Mapped[dict[str, bool]] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(20))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ClearanceRow(Base):
    __tablename__ = "clearances"
    __table_args__ = (Index("ix_clearances_user_recorded", "user_id", "recorded_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cleared_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class PainAcknowledgementRow(Base):
    """The person confirmed a pain review's advice and goes on at a reduced dose."""

    __tablename__ = "pain_acknowledgements"
    __table_args__ = (Index("ix_pain_acknowledgements_user_recorded", "user_id", "recorded_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class FunctionScoreRow(Base):
    """One Patient-Specific Functional Scale: the activities named and their 0-10 ratings."""

    __tablename__ = "function_scores"
    __table_args__ = (Index("ix_function_scores_user_recorded", "user_id", "recorded_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    activities: Mapped[list[dict[str, object]]] = mapped_column(JSON)


class NutritionProfileRow(Base):
    """One per user: what the energy and protein targets are computed from."""

    __tablename__ = "nutrition_profiles"
    __table_args__ = (
        CheckConstraint("weight_kg > 0", name="ck_nutrition_profiles_weight"),
        CheckConstraint("height_cm > 0", name="ck_nutrition_profiles_height"),
        CheckConstraint("age_years >= 18", name="ck_nutrition_profiles_age"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    weight_kg: Mapped[float] = mapped_column(Float)
    height_cm: Mapped[float] = mapped_column(Float)
    age_years: Mapped[int] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(10))
    activity: Mapped[str] = mapped_column(String(20))
    kidney_disease: Mapped[bool] = mapped_column(Boolean)
    pregnant: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


NUTRIENTS_NOT_NEGATIVE = (
    "energy_kcal >= 0 AND protein_g >= 0 AND carbohydrate_g >= 0 AND fat_g >= 0 "
    "AND fibre_g >= 0 AND caffeine_mg >= 0"
)


class Nutrients:
    """The nutrient columns shared by a logged food and a user's own food."""

    energy_kcal: Mapped[float] = mapped_column(Float)
    protein_g: Mapped[float] = mapped_column(Float)
    carbohydrate_g: Mapped[float] = mapped_column(Float)
    fat_g: Mapped[float] = mapped_column(Float)
    fibre_g: Mapped[float] = mapped_column(Float)
    caffeine_mg: Mapped[float] = mapped_column(Float)


class FoodEntryRow(Nutrients, Base):
    """One food eaten, with its nutrients as computed when it was logged."""

    __tablename__ = "food_entries"
    __table_args__ = (
        Index("ix_food_entries_user_eaten", "user_id", "eaten_at"),
        CheckConstraint("grams > 0", name="ck_food_entries_grams"),
        CheckConstraint(
            NUTRIENTS_NOT_NEGATIVE,
            name="ck_food_entries_nutrients",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    food: Mapped[str] = mapped_column(String(60))
    food_name: Mapped[str] = mapped_column(String(120))
    grams: Mapped[float] = mapped_column(Float)
    portion: Mapped[str | None] = mapped_column(String(60), nullable=True)
    meal: Mapped[str] = mapped_column(String(10))
    eaten_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SupplementEntryRow(Base):
    __tablename__ = "supplement_entries"
    __table_args__ = (
        Index("ix_supplement_entries_user_taken", "user_id", "taken_at"),
        CheckConstraint("amount > 0", name="ck_supplement_entries_amount"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    supplement: Mapped[str] = mapped_column(String(60))
    amount: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(5))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CustomFoodRow(Nutrients, Base):
    """A food the user added, per 100 g like the bundled table."""

    __tablename__ = "custom_foods"
    __table_args__ = (
        UniqueConstraint("user_id", "slug", name="uq_custom_foods_user_slug"),
        CheckConstraint(
            NUTRIENTS_NOT_NEGATIVE,
            name="ck_custom_foods_nutrients",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(120))
    portions: Mapped[dict[str, float]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
