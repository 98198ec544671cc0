"""Storage adapter: the training journal and the other logs on the database drivers, the schema
(SQLAlchemy tables) and its Alembic migrations, and backups.

SQLite (WAL) by default, PostgreSQL for a clinic; the same Alembic migrations run on both.
"""

from backbridge.store.database import Database, open_database
from backbridge.store.journal import Journal

__all__ = ["Database", "Journal", "open_database"]
