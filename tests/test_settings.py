"""Settings read ``BACKBRIDGE_<NAME>`` from the environment; values given in code win."""

from __future__ import annotations

from pathlib import Path

import pytest

from backbridge.settings import Settings


def test_each_field_reads_its_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKBRIDGE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("backbridge_database_url", "postgresql+psycopg://x@h/db")  # any case
    monkeypatch.setenv("BACKBRIDGE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("BACKBRIDGE_NOT_A_SETTING", "ignored")
    settings = Settings()
    assert settings.home == tmp_path / "home"
    assert settings.database_url == "postgresql+psycopg://x@h/db"
    assert settings.cache_dir == tmp_path / "cache"


def test_values_given_in_code_win_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKBRIDGE_HOME", str(tmp_path / "from-env"))
    assert Settings(home=tmp_path / "given").home == tmp_path / "given"


def test_without_the_environment_the_platform_folders_are_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BACKBRIDGE_HOME")
    monkeypatch.delenv("BACKBRIDGE_CACHE_DIR")
    settings = Settings()
    assert settings.home.name == "backbridge"
    assert settings.cache_dir.name == "backbridge"
    assert settings.database_url is None
