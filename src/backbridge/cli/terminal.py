"""Terminal input and timers for the guided session.

Answers are read line by line, so a session can be scripted through a pipe. Timers (hold
countdowns, rest, the count-along at the exercise's tempo) run only on an interactive terminal
with timers on; there a single key pauses, finishes or skips without pressing Enter.
"""

from __future__ import annotations

import os
import select
import sys
import termios
import time
import tty
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TypeVar

from rich.console import Console
from rich.live import Live
from rich.text import Text

from backbridge.coach.steps import PacedBeat
from backbridge.errors import BackbridgeError, InvalidInput

T = TypeVar("T")

KEYS_HELP = "[space] pause  [enter] done  [s] skip"


class InputEnded(BackbridgeError):
    """Standard input closed before the session was over."""


class TimerOutcome(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"


class Terminal:
    def __init__(self, console: Console, *, interactive: bool, timers: bool) -> None:
        self.console = console
        self.interactive = interactive
        self.timers = timers and interactive

    # -- questions --------------------------------------------------------------------------

    def ask(self, question: str, default: str | None = None) -> str:
        shown = f"{question} [{default}]: " if default not in (None, "") else f"{question}: "
        self.console.print(shown, end="", markup=False)
        line = sys.stdin.readline()
        if not line:
            raise InputEnded("input ended before every question was answered")
        if not self.interactive:
            self.console.print(line.rstrip("\n"), markup=False, highlight=False)
        answer = line.strip()
        return answer if answer or default is None else default

    def ask_valid(self, question: str, parse: Callable[[str], T], default: str | None = None) -> T:
        """Ask until the answer parses; each refusal says what was wrong in one line."""
        while True:
            answer = self.ask(question, default)
            try:
                return parse(answer)
            except InvalidInput as error:
                self.console.print(f"[red]{error}[/]")

    # -- timers -----------------------------------------------------------------------------

    def countdown(self, seconds: int, label: str, *, allow_skip: bool = True) -> TimerOutcome:
        if not self.timers:
            self.console.print(f"[dim]{label}: {seconds} s[/]")
            return TimerOutcome.DONE
        outcome = self._run([(label, float(seconds))], allow_skip)
        self.console.bell()
        return outcome

    def count_along(self, beats: Sequence[PacedBeat], title: str) -> TimerOutcome:
        """Call out each rep's phases at tempo; returns when the reps are done or skipped."""
        if not self.timers or not beats:
            return TimerOutcome.DONE
        phases = []
        for beat in beats:
            side = f" · {beat.side}" if beat.side else ""
            phases.append((f"{title} · rep {beat.rep}{side} · {beat.beat}", beat.seconds))
        outcome = self._run(phases, allow_skip=True)
        self.console.bell()
        return outcome

    def _run(self, phases: Sequence[tuple[str, float]], allow_skip: bool) -> TimerOutcome:
        with (
            _cbreak() as read_key,
            Live(console=self.console, auto_refresh=False, transient=True) as live,
        ):
            for label, length in phases:
                remaining = length
                paused = False
                last = time.monotonic()
                while remaining > 0:
                    live.update(_timer_text(label, remaining, length, paused), refresh=True)
                    key = read_key(0.1)
                    now = time.monotonic()
                    if not paused:
                        remaining -= now - last
                    last = now
                    if key == " ":
                        paused = not paused
                    elif key in ("\n", "\r"):
                        return TimerOutcome.DONE
                    elif key == "s" and allow_skip:
                        return TimerOutcome.SKIPPED
        return TimerOutcome.DONE


def _timer_text(label: str, remaining: float, length: float, paused: bool) -> Text:
    width = 24
    filled = round(width * (1 - remaining / length)) if length else width
    text = Text(f"{label}  ", style="bold")
    text.append("█" * filled + "░" * (width - filled), style="green")
    text.append(f" {max(remaining, 0):4.0f} s  ")
    text.append("PAUSED  " if paused else "", style="yellow bold")
    text.append(KEYS_HELP, style="dim")
    return text


@contextmanager
def _cbreak() -> Iterator[Callable[[float], str | None]]:
    """Single-key input without echo; the terminal is restored whatever happens."""
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)

    def read_key(timeout: float) -> str | None:
        ready, _, _ = select.select([fd], [], [], timeout)
        return os.read(fd, 1).decode(errors="ignore") if ready else None

    try:
        tty.setcbreak(fd)
        yield read_key
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
