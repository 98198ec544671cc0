"""The guided session as a real process: scripted through stdin, killed with SIGKILL, resumed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from backbridge.catalog import Catalog
from backbridge.catalog.models import BlockKind
from backbridge.coach.steps import build_steps
from backbridge.program.plan import starting_plan

pytestmark = pytest.mark.slow


def answers(catalog: Catalog) -> tuple[list[str], list[int]]:
    """The lines a person types for the default program, and after which line each set is
    acknowledged (the index of the line that completes it) with how many rows it stores."""
    plan = starting_plan(catalog.program("glute-lower-back"), catalog)
    lines = ["n"] * len(catalog.screening.questions)  # first run: the safety questions
    lines.append("2")  # pain before
    acknowledged: list[int] = []
    for n, step in enumerate(s for s in build_steps(plan, catalog) if s.block is BlockKind.MAIN):
        lines += [str(step.target - n % 2) for _ in step.sides]  # reps per side
        lines.append("")  # band: keep the prescribed one
        lines.append("rir 2" if n % 3 == 0 else "7.5")
        lines.append(str(n % 4))  # pain during
        lines.append(f"set {n}" if n % 5 == 0 else "")
        acknowledged += [len(lines)] * len(step.sides)
    return lines, acknowledged


def backbridge(home: Path, *args: str, **kwargs) -> subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "BACKBRIDGE_HOME": str(home), "PYTHONUNBUFFERED": "1", "COLUMNS": "100"}
    return subprocess.Popen(
        [sys.executable, "-m", "backbridge", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        **kwargs,
    )


def history(home: Path) -> dict:
    process = backbridge(home, "history", "--json")
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0, out
    return json.loads(out)


def test_a_scripted_session_stores_every_set(catalog: Catalog, isolated_home: Path) -> None:
    lines, acknowledged = answers(catalog)
    process = backbridge(isolated_home, "session")
    out, _ = process.communicate("\n".join(lines) + "\n", timeout=120)
    assert process.returncode == 0, out
    assert "Session summary" in out
    assert out.count("Saved.") == len(set(acknowledged))

    (session,) = history(isolated_home)["sessions"]
    assert session["status"] == "completed"
    main = [s for s in session["sets"] if s["block"] == "main"]
    assert len(main) == len(acknowledged)
    assert all(s["status"] == "done" and s["pain"] is not None for s in main)
    warm = [s for s in session["sets"] if s["block"] != "main"]
    assert warm and all(s["status"] == "done" for s in warm)
    assert [c["kind"] for c in session["checkins"]] == ["before"]
    assert {s["band"] for s in main if s["exercise"] == "banded-clamshell"} == {"yellow"}


class Reader(threading.Thread):
    """Collects a process's output as it comes, so the test can wait for acknowledgements."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        super().__init__(daemon=True)
        self.process = process
        self.text = ""

    def run(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.text += line

    def wait_for(self, count: int, word: str = "Saved.", timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.text.count(word) < count:
            assert time.monotonic() < deadline, f"waited for {count} × {word!r}:\n{self.text}"
            time.sleep(0.05)


@pytest.mark.parametrize("after_questions", [8, 24, 49])
def test_sigkill_mid_session_loses_nothing_and_resume_finishes(
    catalog: Catalog, isolated_home: Path, after_questions: int
) -> None:
    """Killed ``after_questions`` answers past the safety questions (however many there are)."""
    answered = len(catalog.screening.questions) + after_questions
    lines, acknowledged = answers(catalog)
    process = backbridge(isolated_home, "session")
    reader = Reader(process)
    reader.start()
    assert process.stdin is not None
    process.stdin.write("\n".join(lines[:answered]) + "\n")
    process.stdin.flush()
    saved_rows = sum(1 for line in acknowledged if line <= answered)
    reader.wait_for(len({line for line in acknowledged if line <= answered}))
    time.sleep(0.2)  # let it sit in the middle of the next set's questions
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdin.close()
    reader.join(timeout=10)
    assert process.stdout is not None
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL

    (interrupted,) = history(isolated_home)["sessions"]
    assert interrupted["status"] == "in-progress"
    main = [s for s in interrupted["sets"] if s["block"] == "main"]
    assert len(main) == saved_rows

    # Resume: the before-check-in and every stored set are not asked again.
    last_complete = max(line for line in acknowledged if line <= answered)
    resume = backbridge(isolated_home, "session", "--resume")
    out, _ = resume.communicate("\n".join(lines[last_complete:]) + "\n", timeout=120)
    assert resume.returncode == 0, out
    assert "resuming" in out

    (finished,) = history(isolated_home)["sessions"]
    assert finished["status"] == "completed"
    main = [s for s in finished["sets"] if s["block"] == "main"]
    assert len(main) == len(acknowledged)
    keys = [(s["exercise"], s["set_number"], s["side"]) for s in finished["sets"]]
    assert len(keys) == len(set(keys)), "no step was stored twice"
    assert len(finished["checkins"]) == 1


def test_resume_without_an_unfinished_session_says_so(isolated_home: Path) -> None:
    process = backbridge(isolated_home, "session", "--resume")
    out, _ = process.communicate("", timeout=60)
    assert process.returncode == 2
    assert "no unfinished session to resume" in out


def test_input_ending_early_pauses_the_session(catalog: Catalog, isolated_home: Path) -> None:
    lines, _ = answers(catalog)
    process = backbridge(isolated_home, "session")
    out, _ = process.communicate("\n".join(lines[:20]) + "\n", timeout=120)
    assert process.returncode == 1
    assert "Session paused" in out and "backbridge session --resume" in out
