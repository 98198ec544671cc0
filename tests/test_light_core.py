"""The core installs and starts light: OpenCV and MediaPipe load only for the camera coach."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("cv2", "mediapipe", "numpy")


def loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_importing_backbridge_and_its_cli_loads_no_vision_library() -> None:
    assert loaded_after("import backbridge, backbridge.cli, backbridge.services") == set()


def test_the_vision_analysis_itself_needs_no_vision_library() -> None:
    code = "import backbridge.vision.analysis, backbridge.vision.exercises, backbridge.vision.synthetic"
    assert loaded_after(code) == set()


NOT_FOR_PLAN = (
    "sqlalchemy",  # the store runs on the drivers; SQLAlchemy only migrates the schema
    "psycopg",  # PostgreSQL's driver, on SQLite
    "backbridge.program.simulation",  # `simulate` only
    "backbridge.reports.progress",  # the progress page and Today
    "backbridge.reports.exercise_log",
    "backbridge.coach.summary",
    "backbridge.nutrition",
    "alembic",  # only when the schema needs migrating
)


def test_plan_imports_only_what_it_needs(tmp_path: Path) -> None:
    """``backbridge plan`` on an existing home: every module it loads, every command pays."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKBRIDGE_")}
    env |= {"BACKBRIDGE_HOME": str(tmp_path), "BACKBRIDGE_CACHE_DIR": str(tmp_path / "cache")}
    probe = (
        "import atexit, sys\n"
        f"atexit.register(lambda: print('LOADED', *(m for m in {NOT_FOR_PLAN!r} "
        "if m in sys.modules)))\n"
        "sys.argv = ['backbridge', 'plan']\n"
        "from backbridge.main import main\n"
        "main()\n"
    )
    run = [sys.executable, "-c", probe]
    subprocess.run(run, env=env, capture_output=True, text=True, check=True)  # makes the home
    result = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    loaded = result.stdout.rsplit("LOADED", 1)[1].split()
    assert loaded == []
