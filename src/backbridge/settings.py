"""The one settings object. Every field reads ``BACKBRIDGE_<NAME>`` from the environment and is
documented in ``docs/configuration.md`` (a test keeps the two in step)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_home() -> Path:
    return user_data_path("backbridge", appauthor=False)


class Settings(BaseSettings):
    """Where backbridge keeps its data and how it connects to its database."""

    model_config = SettingsConfigDict(env_prefix="BACKBRIDGE_", extra="ignore")

    home: Path = Field(
        default_factory=default_home,
        description=(
            "Data directory: the SQLite database and exports live here. "
            "Default: the platform's user data directory, e.g. ~/.local/share/backbridge on Linux."
        ),
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy database URL. Default: a SQLite file `backbridge.db` in the home "
            "directory. For a clinic server: postgresql+psycopg://user:password@host/dbname "
            "(install the `postgres` extra)."
        ),
    )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'backbridge.db'}"
