"""Red-flag screenings and clinician clearances.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "screenings",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("recorded_at", Moment, nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("acknowledged_at", Moment, nullable=True),
    )
    op.create_index("ix_screenings_user_recorded", "screenings", ["user_id", "recorded_at"])
    op.create_table(
        "clearances",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("recorded_at", Moment, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_clearances_user_recorded", "clearances", ["user_id", "recorded_at"])


def downgrade() -> None:
    op.drop_table("clearances")
    op.drop_table("screenings")
