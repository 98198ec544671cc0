"""Which module holds which command, so a command imports only what it needs.

``backbridge plan`` should not pay for the camera coach, nor ``backbridge --help`` for any
command: each command module (and what it imports: the catalogue, the database, the camera) is
imported the first time one of its commands is looked up. The top-level help lists every
command from :data:`COMMANDS` without importing any; a test checks that each summary here is
the one its command shows.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand


@dataclass(frozen=True)
class Entry:
    module: str
    """The module under ``backbridge.cli`` whose ``register(app)`` adds the command."""
    summary: str
    """The first paragraph of the command's help, as ``backbridge --help`` lists it."""
    group: bool = False
    """A group of subcommands (``backbridge log set``); listed after the plain commands."""
    lasting: bool = False
    """Runs for minutes (a guided session, the camera, a video): collects cyclic garbage, which
    :func:`backbridge.main.main` leaves off for the short commands."""


COMMANDS: dict[str, Entry] = {
    "muscles": Entry("catalog_commands", "Which exercise trains which muscle."),
    "about": Entry(
        "catalog_commands", "What backbridge is and is not, and when to see a clinician."
    ),
    "measure": Entry(
        "measure_commands",
        "Rate activities your back makes hard, and see your pain and activity trends.",
    ),
    "learn": Entry(
        "learn_commands",
        "Short lessons about back pain and the exercises: why, pain, flare-ups, safety.",
    ),
    "session": Entry(
        "session_command",
        "Do a guided session: check-in, warm-up, stretches, sets with rest, cool-down, summary.",
        lasting=True,
    ),
    "plan": Entry(
        "plan_commands",
        "The next session's prescription, with the reason for every change or non-change.",
    ),
    "simulate": Entry(
        "simulate_command",
        "Run the progression engine on a made-up history and show the week-by-week trajectory.",
    ),
    "screen": Entry(
        "safety_commands",
        "Answer the red-flag safety questions, record a clearance, or confirm a pain review.",
    ),
    "checkin": Entry(
        "log_commands", "Record how your lower back feels: before a session or the morning after."
    ),
    "history": Entry(
        "log_commands", "Your sessions with every set and check-in, the newest page first."
    ),
    "export": Entry(
        "backup_commands",
        "Export everything (sessions, sets, check-ins) as a backup you can import again.",
    ),
    "import": Entry(
        "backup_commands", "Import a backup; rows already present are left as they are."
    ),
    "handout": Entry(
        "print_commands",
        "Print your exercises as a handout: one page each, with figures, plus the warm-up.",
    ),
    "report": Entry(
        "print_commands",
        "Make a progress report for your clinician: adherence, pain, progression and safety.",
    ),
    "analyze": Entry(
        "vision_commands",
        "Count reps and check form in a recorded video or landmark file.",
        lasting=True,
    ),
    "record-landmarks": Entry(
        "vision_commands",
        "Write the pose landmarks of a video or a camera to a landmark file.",
        lasting=True,
    ),
    "camera": Entry(
        "vision_commands",
        "Watch a set live through the webcam: skeleton, rep counter and cues on screen.",
        lasting=True,
    ),
    "exercises": Entry("catalog_commands", "The exercises, warm-ups and stretches.", group=True),
    "log": Entry("log_commands", "Log training without the guided session.", group=True),
    "nutrition": Entry("nutrition_commands", "Energy and protein targets.", group=True),
    "food": Entry("nutrition_commands", "The food log and the food table.", group=True),
    "supplement": Entry("nutrition_commands", "Log supplements.", group=True),
    "supplements": Entry("nutrition_commands", "The supplement guide.", group=True),
}


def long_running() -> None:
    """Collect cyclic garbage again, for a command that runs for minutes (and ``serve``):
    :func:`backbridge.main.main` turns the collector off for the short commands. What was
    created so far is frozen: it lives as long as the command. Nothing changes where the
    collector is already on (in tests, or a second lookup)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def load_module(module: str) -> dict[str, Any]:
    """Import one command module and build its commands (Click objects), by name."""
    name = f"backbridge.cli.{module}"
    __import__(name)  # not importlib.import_module: `python -X importtime` shows this one
    imported = sys.modules[name]
    holder = typer.Typer(rich_markup_mode="rich", add_completion=False)
    holder.callback()(_no_options)  # a callback makes even one command a group of one
    imported.register(holder)
    built = typer.main.get_command(holder)
    return dict(built.commands)  # type: ignore[attr-defined]


def _no_options() -> None:
    pass


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name: those registered directly, and those of :data:`COMMANDS`,
    whose module is imported on first access. Iterating lists names and imports nothing."""

    def __init__(self, registered: Mapping[str, Any], entries: Mapping[str, Entry]) -> None:
        self.entries = dict(entries)
        self.loaded: dict[str, Any] = dict(registered)
        plain = [name for name, entry in entries.items() if not entry.group]
        groups = [name for name, entry in entries.items() if entry.group]
        self.order = [*plain, *(n for n in registered if n not in entries), *groups]

    def __getitem__(self, name: str) -> Any:
        """The command, importing its module first if need be. Looking up a lasting command
        (which Click does just before running it) turns the garbage collector back on."""
        entry = self.entries.get(name)
        if name not in self.loaded:
            if entry is None:
                raise KeyError(name)  # no such command
            self.loaded.update(load_module(entry.module))
        if entry is not None and entry.lasting:
            long_running()
        return self.loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self.order:
            self.order.append(name)
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self.order.remove(name)
        self.loaded.pop(name, None)
        self.entries.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.order))

    def __len__(self) -> int:
        return len(self.order)

    def __contains__(self, name: object) -> bool:
        return name in self.order

    def listing(self, name: str) -> Any:
        """The command as the help lists it: the command itself once its module is imported,
        otherwise a stand-in carrying its name and summary."""
        if name in self.loaded or name not in self.entries:
            return self.get(name)
        return TyperCommand(name=name, help=self.entries[name].summary)
