"""Users, training sessions, logged sets and pain check-ins.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("created_at", Moment, nullable=False),
        sa.Column("notice_seen_at", Moment, nullable=True),
    )
    op.create_table(
        "training_sessions",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("program", sa.String(60), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("started_at", Moment, nullable=False),
        sa.Column("ended_at", Moment, nullable=True),
        sa.Column("plan", sa.JSON(), nullable=True),
    )
    op.create_index(
        "ix_training_sessions_user_started", "training_sessions", ["user_id", "started_at"]
    )
    op.create_table(
        "set_logs",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Uuid(),
            sa.ForeignKey("training_sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("exercise", sa.String(60), nullable=False),
        sa.Column("block", sa.String(20), nullable=False),
        sa.Column("set_number", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(5), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("band", sa.String(30), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("reps_in_reserve", sa.Integer(), nullable=True),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("performed_at", Moment, nullable=False),
        sa.CheckConstraint("reps IS NULL OR reps >= 0", name="ck_set_logs_reps"),
        sa.CheckConstraint("seconds IS NULL OR seconds >= 0", name="ck_set_logs_seconds"),
        sa.CheckConstraint("pain IS NULL OR (pain >= 0 AND pain <= 10)", name="ck_set_logs_pain"),
        sa.CheckConstraint("rpe IS NULL OR (rpe >= 1 AND rpe <= 10)", name="ck_set_logs_rpe"),
    )
    op.create_index("ix_set_logs_session", "set_logs", ["session_id", "performed_at"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "session_id",
            sa.Uuid(),
            sa.ForeignKey("training_sessions.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", Moment, nullable=False),
        sa.CheckConstraint("pain >= 0 AND pain <= 10", name="ck_checkins_pain"),
    )
    op.create_index("ix_checkins_user_recorded", "checkins", ["user_id", "recorded_at"])


def downgrade() -> None:
    op.drop_table("checkins")
    op.drop_table("set_logs")
    op.drop_table("training_sessions")
    op.drop_table("users")
