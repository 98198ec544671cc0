from __future__ import annotations

import pytest
from typer.testing import CliRunner

from backbridge.catalog import Catalog
from backbridge.main import app


class Cli:
    """Runs the real CLI in-process against the test's data home."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return self.runner.invoke(app, list(args), input=input)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def screened(cli: Cli, catalog: Catalog) -> None:
    """The safety questions answered with no warning sign, as every way of logging needs."""
    answers = "n\n" * len(catalog.screening.questions)
    result = cli("screen", input=answers)
    assert result.exit_code == 0, result.output
