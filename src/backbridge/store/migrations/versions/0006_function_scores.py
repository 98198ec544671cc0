"""The Patient-Specific Functional Scale, one row per completed scale.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "function_scores",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("recorded_at", Moment, nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
    )
    op.create_index(
        "ix_function_scores_user_recorded", "function_scores", ["user_id", "recorded_at"]
    )


def downgrade() -> None:
    op.drop_table("function_scores")
