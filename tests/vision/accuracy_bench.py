"""``bench/vision_accuracy.py`` as a module, for the tests that score real clips the way it does
(its label-to-catalogue mapping, its reading of a label's side)."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "vision_accuracy.py"


@cache
def accuracy_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vision_accuracy_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module
