"""An eight-week history, built once through the use cases and copied into each test's home."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backbridge.settings import Settings
from tests.cli.conftest import Cli
from tests.reports.eight_weeks import EightWeeks, store_eight_weeks


@pytest.fixture(scope="session")
def eight_weeks_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, EightWeeks]:
    home = tmp_path_factory.mktemp("eight-weeks")
    return home, store_eight_weeks(Settings(home=home))


@pytest.fixture
def eight_weeks(eight_weeks_built: tuple[Path, EightWeeks], isolated_home: Path) -> EightWeeks:
    """The test's own data home holds the eight weeks (a copy: tests may add to it)."""
    built, summary = eight_weeks_built
    isolated_home.mkdir(parents=True, exist_ok=True)
    for path in built.glob("backbridge.db*"):
        shutil.copy(path, isolated_home / path.name)
    return summary


@pytest.fixture
def cli() -> Cli:
    return Cli()
