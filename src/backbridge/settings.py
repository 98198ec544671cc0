"""The one settings object. Every field reads ``BACKBRIDGE_<NAME>`` from the environment and is
documented in ``docs/configuration.md`` (a test keeps the two in step).

A plain pydantic model that reads its own environment variables, rather than pydantic-settings:
importing pydantic-settings (with asyncio, argparse, dotenv and the plugin machinery it pulls
in) cost every command about 80 ms on a 2-core machine, a quarter of what a command may take
(issue 14), and these fields need none of its sources.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

PREFIX = "BACKBRIDGE_"


def default_home() -> Path:
    from platformdirs import user_data_path

    return user_data_path("backbridge", appauthor=False)


def default_cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("backbridge", appauthor=False)


class Settings(BaseModel):
    """Where backbridge keeps its data and how it connects to its database.

    Values given to the constructor win; each field not given is read from the environment
    variable ``BACKBRIDGE_<FIELD>`` (the name in any case), else takes its default. Unknown
    values are ignored."""

    model_config = ConfigDict(extra="ignore")

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
            "Database URL. Default: a SQLite file `backbridge.db` in the home "
            "directory. For a clinic server: postgresql+psycopg://user:password@host/dbname "
            "(install the `postgres` extra)."
        ),
    )
    cache_dir: Path = Field(
        default_factory=default_cache_dir,
        description=(
            "Cache directory: the checked catalogue is kept here so that commands start fast; "
            "rebuilt whenever a data file changes, and safe to delete. Default: the platform's "
            "user cache directory, e.g. ~/.cache/backbridge on Linux."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _read_environment(cls, given: Any) -> Any:
        if not isinstance(given, dict):
            return given
        environment = {name.upper(): value for name, value in os.environ.items()}
        read = {
            name: environment[PREFIX + name.upper()]
            for name in cls.model_fields
            if PREFIX + name.upper() in environment
        }
        return {**read, **given}

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'backbridge.db'}"
