"""Commands load only what they need, and the top-level help still lists every command as the
command itself describes it."""

from __future__ import annotations

import gc
import inspect
import subprocess
import sys

import pytest
import typer

from backbridge.cli.registry import COMMANDS, load_module
from backbridge.main import app

HEAVY = ("sqlalchemy", "fastapi", "uvicorn", "cv2", "mediapipe", "numpy", "matplotlib")


def summary(command: typer.core.TyperCommand) -> str:
    return inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0].strip()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_registry_names_each_commands_module_and_summary(name: str) -> None:
    entry = COMMANDS[name]
    command = load_module(entry.module)[name]
    assert summary(command) == entry.summary
    assert hasattr(command, "commands") == entry.group


def test_every_command_is_reachable() -> None:
    root = typer.main.get_command(app)
    assert list(root.commands) == [  # type: ignore[attr-defined]
        *(name for name, entry in COMMANDS.items() if not entry.group),
        "serve",
        *(name for name, entry in COMMANDS.items() if entry.group),
    ]
    for name in COMMANDS:
        assert root.commands[name].name == name  # type: ignore[attr-defined]


def modules_after(*args: str) -> set[str]:
    """The modules ``backbridge ARGS`` imported, from ``python -X importtime``."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "backbridge", *args],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


@pytest.mark.slow
def test_help_imports_no_command_module_and_nothing_heavy() -> None:
    imported = modules_after("--help")
    assert not {f"backbridge.cli.{entry.module}" for entry in COMMANDS.values()} & imported
    assert not {"pydantic", "backbridge.catalog", "backbridge.services", *HEAVY} & imported


@pytest.mark.slow
def test_a_catalogue_command_opens_no_database_and_no_web_stack() -> None:
    imported = modules_after("exercises", "list", "--json")
    assert {"backbridge.catalog", "backbridge.cli.catalog_commands"} <= imported
    assert not {"backbridge.cli.vision_commands", "backbridge.store", *HEAVY} & imported


@pytest.mark.parametrize("name", ["session", "camera", "analyze", "record-landmarks"])
def test_a_lasting_command_collects_garbage_again(name: str) -> None:
    """``main()`` leaves the collector off for short commands; one that runs for minutes turns
    it back on when it is looked up to run."""
    assert COMMANDS[name].lasting
    root = typer.main.get_command(app)
    gc.disable()
    try:
        root.commands[name]  # type: ignore[attr-defined]
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_short_command_leaves_the_collector_as_it_was() -> None:
    root = typer.main.get_command(app)
    gc.disable()
    try:
        root.commands["plan"]  # type: ignore[attr-defined]
        assert not gc.isenabled()
    finally:
        gc.enable()
