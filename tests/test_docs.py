"""The docs stay true to the code: settings, CLI reference."""

from __future__ import annotations

from pathlib import Path

from backbridge.reference import render
from backbridge.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text()
    for name, field in Settings.model_fields.items():
        assert f"`BACKBRIDGE_{name.upper()}`" in text, f"docs/configuration.md lacks {name}"
        assert field.description, f"Settings.{name} has no description"


def test_cli_reference_is_generated_from_the_cli() -> None:
    assert (DOCS / "cli.md").read_text() == render(), "run `make docs-cli`"


def test_settings_default_to_sqlite_in_the_home(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'backbridge.db'}"
    assert Settings(
        home=tmp_path, database_url="postgresql+psycopg://x@h/db"
    ).resolved_database_url.startswith("postgresql")
