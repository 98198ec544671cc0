from __future__ import annotations

import pytest
from typer.testing import CliRunner

from backbridge.cli import app


class Cli:
    """Runs the real CLI in-process against the test's data home."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return self.runner.invoke(app, list(args), input=input)


@pytest.fixture
def cli() -> Cli:
    return Cli()
