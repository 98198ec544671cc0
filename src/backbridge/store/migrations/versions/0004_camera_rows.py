"""Camera results as rows, and one row per step of a session.

- ``camera_results`` and ``camera_faults`` hold what the camera coach counted in a set and each
  fault it saw (cue, rep, what was said). Sets logged by the camera coach before this revision
  carried that in their note, in two spellings (``camera coach: <fault> (x2); <fault>`` from the
  terminal, ``camera: <fault>; <fault>`` from the page); those notes become rows here.
- ``set_logs.step_key`` (block, exercise, set number, side) is unique within a session, so no
  race can store a set number twice. Duplicates that such races left behind are renumbered
  after the last set of their kind, in the order they were done; nothing is deleted.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import re
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TERMINAL_NOTE = "camera coach: "
PAGE_NOTE = "camera: "
NO_FAULTS = "no form faults"
REPEAT = re.compile(r"\s*\(x(\d+)\)\s*$")


def upgrade() -> None:
    op.create_table(
        "camera_results",
        sa.Column(
            "set_id",
            sa.Uuid(),
            sa.ForeignKey("set_logs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("reps_counted", sa.Integer(), nullable=False),
        sa.CheckConstraint("reps_counted >= 0", name="ck_camera_results_reps"),
    )
    op.create_table(
        "camera_faults",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "set_id",
            sa.Uuid(),
            sa.ForeignKey("camera_results.set_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("cue", sa.String(60), nullable=False),
        sa.Column("rep", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint("rep IS NULL OR rep >= 1", name="ck_camera_faults_rep"),
    )
    op.create_index("ix_camera_faults_set", "camera_faults", ["set_id"])
    with op.batch_alter_table("set_logs") as batch:
        batch.add_column(sa.Column("step_key", sa.String(120), nullable=True))
    connection = op.get_bind()
    _number_steps(connection)
    with op.batch_alter_table("set_logs") as batch:
        batch.alter_column("step_key", existing_type=sa.String(120), nullable=False)
        batch.create_unique_constraint("uq_set_logs_step", ["session_id", "step_key"])
    # Only now: on SQLite the batch above rebuilds set_logs, and dropping the old table (with
    # foreign keys on, as every connection has them) deletes the camera rows that point at it.
    _camera_notes_to_rows(connection)


def downgrade() -> None:
    with op.batch_alter_table("set_logs") as batch:
        batch.drop_constraint("uq_set_logs_step", type_="unique")
        batch.drop_column("step_key")
    op.drop_index("ix_camera_faults_set", table_name="camera_faults")
    op.drop_table("camera_faults")
    op.drop_table("camera_results")


sets = sa.table(
    "set_logs",
    sa.column("id", sa.Uuid()),
    sa.column("session_id", sa.Uuid()),
    sa.column("block", sa.String()),
    sa.column("exercise", sa.String()),
    sa.column("set_number", sa.Integer()),
    sa.column("side", sa.String()),
    sa.column("reps", sa.Integer()),
    sa.column("note", sa.Text()),
    sa.column("source", sa.String()),
    sa.column("performed_at", sa.DateTime()),
    sa.column("step_key", sa.String()),
)
results = sa.table(
    "camera_results", sa.column("set_id", sa.Uuid()), sa.column("reps_counted", sa.Integer())
)
faults = sa.table(
    "camera_faults",
    sa.column("id", sa.Uuid()),
    sa.column("set_id", sa.Uuid()),
    sa.column("position", sa.Integer()),
    sa.column("cue", sa.String()),
    sa.column("rep", sa.Integer()),
    sa.column("text", sa.Text()),
)


def _key(block: str, exercise: str, number: int, side: str | None) -> str:
    return f"{block}:{exercise}:{number}:{side or 'both'}"


def _number_steps(connection: sa.Connection) -> None:
    """Give every set its step key; a key already taken in its session moves to the next free
    set number of its kind."""
    rows = connection.execute(
        sa.select(
            sets.c.id, sets.c.session_id, sets.c.block, sets.c.exercise, sets.c.set_number,
            sets.c.side,
        ).order_by(sets.c.session_id, sets.c.performed_at, sets.c.set_number)
    ).all()  # fmt: skip
    taken: dict[tuple[object, str, str, str | None], set[int]] = {}
    for row in rows:
        kind = (row.session_id, row.block, row.exercise, row.side)
        numbers = taken.setdefault(kind, set())
        number = row.set_number
        if number in numbers:
            number = max(numbers) + 1
        numbers.add(number)
        connection.execute(
            sets.update()
            .where(sets.c.id == row.id)
            .values(set_number=number, step_key=_key(row.block, row.exercise, number, row.side))
        )


def _camera_notes_to_rows(connection: sa.Connection) -> None:
    cues = _cue_ids()
    rows = connection.execute(
        sa.select(sets.c.id, sets.c.exercise, sets.c.reps, sets.c.note).where(
            sets.c.source == "camera"
        )
    ).all()
    known = {text for _, text in cues}
    for row in rows:
        parsed = _parse_note(row.note or "", known)
        if parsed is None:
            continue
        listed, rest = parsed
        connection.execute(results.insert().values(set_id=row.id, reps_counted=row.reps or 0))
        position = 0
        for text, count in listed:
            cue = cues.get((row.exercise, text)) or cues.get((None, text)) or "unknown"
            for _ in range(count):
                connection.execute(
                    faults.insert().values(
                        id=uuid.uuid4(), set_id=row.id, position=position, cue=cue[:60],
                        rep=None, text=text,
                    )
                )  # fmt: skip
                position += 1
        connection.execute(sets.update().where(sets.c.id == row.id).values(note=rest))


def _parse_note(
    note: str, known: set[str] | frozenset[str] = frozenset()
) -> tuple[list[tuple[str, int]], str | None] | None:
    """The faults listed in a camera note and what remains of the note; ``None`` when the note
    is not a camera note. Faults were joined with ``"; "``, which many cue texts contain too:
    the longest run of parts that spells a ``known`` cue text is one fault."""
    text = note.strip()
    if text == "camera":
        return [], None
    for prefix in (TERMINAL_NOTE, PAGE_NOTE):
        if text.startswith(prefix):
            body = text[len(prefix) :].strip()
            break
    else:
        return None
    if not body or body.startswith(NO_FAULTS):
        return [], None
    parts = body.split("; ")
    listed = []
    start = 0
    while start < len(parts):
        end = next(
            (
                end
                for end in range(len(parts), start + 1, -1)
                if REPEAT.sub("", "; ".join(parts[start:end])).strip() in known
            ),
            start + 1,
        )
        part = "; ".join(parts[start:end])
        start = end
        repeat = REPEAT.search(part)
        count = int(repeat.group(1)) if repeat else 1
        name = REPEAT.sub("", part).strip().removesuffix("...")
        if name:
            listed.append((name, count))
    return listed, None


def _cue_ids() -> dict[tuple[str | None, str], str]:
    """Cue ids by (exercise, text) and by text alone, from the catalogue as it is now."""
    from backbridge.catalog import load_catalog

    found: dict[tuple[str | None, str], str] = {}
    for exercise in load_catalog().exercises:
        for cue in exercise.cues:
            found[(exercise.slug, cue.text)] = cue.id
            found.setdefault((None, cue.text), cue.id)
    return found
