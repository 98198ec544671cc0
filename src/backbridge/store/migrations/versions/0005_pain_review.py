"""Who cleared a person, and the confirmations of pain reviews.

- ``clearances.cleared_by``: who cleared the person to train (a name or a role, free text).
  Clearances recorded before this revision have none.
- ``pain_acknowledgements``: the person confirmed a pain review's advice to see a clinician and
  goes on at a reduced dose meanwhile.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Moment = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("clearances") as batch:
        batch.add_column(sa.Column("cleared_by", sa.String(80), nullable=True))
    op.create_table(
        "pain_acknowledgements",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("recorded_at", Moment, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index(
        "ix_pain_acknowledgements_user_recorded",
        "pain_acknowledgements",
        ["user_id", "recorded_at"],
    )


def downgrade() -> None:
    op.drop_table("pain_acknowledgements")
    with op.batch_alter_table("clearances") as batch:
        batch.drop_column("cleared_by")
