"""Nutrition: the profile, food and supplement entries, and the user's own foods.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Moment = sa.DateTime(timezone=True)
NUTRIENTS_CHECK = (
    "energy_kcal >= 0 AND protein_g >= 0 AND carbohydrate_g >= 0 AND fat_g >= 0 "
    "AND fibre_g >= 0 AND caffeine_mg >= 0"
)


def _user() -> sa.Column[Any]:
    return sa.Column(
        "user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )


def _nutrients() -> list[sa.Column[Any]]:
    return [
        sa.Column(name, sa.Float(), nullable=False)
        for name in (
            "energy_kcal",
            "protein_g",
            "carbohydrate_g",
            "fat_g",
            "fibre_g",
            "caffeine_mg",
        )
    ]


def upgrade() -> None:
    op.create_table(
        "nutrition_profiles",
        sa.Column(
            "user_id",
            sa.Uuid(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("weight_kg", sa.Float(), nullable=False),
        sa.Column("height_cm", sa.Float(), nullable=False),
        sa.Column("age_years", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(10), nullable=False),
        sa.Column("activity", sa.String(20), nullable=False),
        sa.Column("kidney_disease", sa.Boolean(), nullable=False),
        sa.Column("pregnant", sa.Boolean(), nullable=False),
        sa.Column("updated_at", Moment, nullable=False),
        sa.CheckConstraint("weight_kg > 0", name="ck_nutrition_profiles_weight"),
        sa.CheckConstraint("height_cm > 0", name="ck_nutrition_profiles_height"),
        sa.CheckConstraint("age_years >= 18", name="ck_nutrition_profiles_age"),
    )
    op.create_table(
        "food_entries",
        sa.Column("id", sa.Uuid(), primary_key=True),
        _user(),
        sa.Column("food", sa.String(60), nullable=False),
        sa.Column("food_name", sa.String(120), nullable=False),
        sa.Column("grams", sa.Float(), nullable=False),
        sa.Column("portion", sa.String(60), nullable=True),
        sa.Column("meal", sa.String(10), nullable=False),
        sa.Column("eaten_at", Moment, nullable=False),
        *_nutrients(),
        sa.CheckConstraint("grams > 0", name="ck_food_entries_grams"),
        sa.CheckConstraint(NUTRIENTS_CHECK, name="ck_food_entries_nutrients"),
    )
    op.create_index("ix_food_entries_user_eaten", "food_entries", ["user_id", "eaten_at"])
    op.create_table(
        "supplement_entries",
        sa.Column("id", sa.Uuid(), primary_key=True),
        _user(),
        sa.Column("supplement", sa.String(60), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(5), nullable=False),
        sa.Column("taken_at", Moment, nullable=False),
        sa.CheckConstraint("amount > 0", name="ck_supplement_entries_amount"),
    )
    op.create_index(
        "ix_supplement_entries_user_taken", "supplement_entries", ["user_id", "taken_at"]
    )
    op.create_table(
        "custom_foods",
        sa.Column("id", sa.Uuid(), primary_key=True),
        _user(),
        sa.Column("slug", sa.String(60), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        *_nutrients(),
        sa.Column("portions", sa.JSON(), nullable=False),
        sa.Column("created_at", Moment, nullable=False),
        sa.UniqueConstraint("user_id", "slug", name="uq_custom_foods_user_slug"),
        sa.CheckConstraint(NUTRIENTS_CHECK, name="ck_custom_foods_nutrients"),
    )


def downgrade() -> None:
    op.drop_table("custom_foods")
    op.drop_table("supplement_entries")
    op.drop_table("food_entries")
    op.drop_table("nutrition_profiles")
