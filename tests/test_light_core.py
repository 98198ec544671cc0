"""The core installs and starts light: OpenCV and MediaPipe load only for the camera coach."""

from __future__ import annotations

import subprocess
import sys

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
