"""Exercise models, registered by the analyser name an exercise's data file gives under
``camera.analyser`` (the way a plugin would register)."""

from __future__ import annotations

from collections.abc import Callable

from backbridge.catalog import Catalog, Exercise
from backbridge.errors import InvalidInput
from backbridge.vision.analysis import Analysis, Model
from backbridge.vision.exercises.abduction import SideLyingAbductionModel, StandingAbductionModel
from backbridge.vision.exercises.bridge import BridgeModel
from backbridge.vision.exercises.clamshell import ClamshellModel
from backbridge.vision.exercises.fire_hydrant import FireHydrantModel
from backbridge.vision.exercises.hip_extension import HipExtensionModel, StandingHipExtensionModel
from backbridge.vision.exercises.squat import LungeModel, SquatHipExtensionModel, SquatModel

ANALYSERS: dict[str, Callable[[], Model]] = {
    "bridge": BridgeModel,
    "squat": SquatModel,
    "squat-hip-extension": SquatHipExtensionModel,
    "clamshell": ClamshellModel,
    "hip-extension": HipExtensionModel,
    "standing-hip-extension": StandingHipExtensionModel,
    "leg-lift": StandingAbductionModel,
    "side-lying-leg-lift": SideLyingAbductionModel,
    "lunge": LungeModel,
    "fire-hydrant": FireHydrantModel,
}


def camera_exercises(catalog: Catalog) -> list[Exercise]:
    return [exercise for exercise in catalog.exercises if exercise.camera is not None]


def analysis_for(catalog: Catalog, slug: str) -> Analysis:
    """A fresh analysis for the exercise; refuses exercises the camera coach cannot watch."""
    exercise = catalog.exercise(slug)
    if exercise.camera is None:
        known = ", ".join(e.slug for e in camera_exercises(catalog))
        raise InvalidInput(f"the camera coach cannot watch {slug} yet; it watches: {known}")
    return Analysis(exercise, ANALYSERS[exercise.camera.analyser]())
