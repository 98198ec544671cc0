"""What to do: exercises, warm-ups, stretches, muscles, band levels and programs, as data."""

from backbridge.catalog.collection import DEFAULT_PROGRAM, Catalog
from backbridge.catalog.load import DATA_DIR, load_catalog
from backbridge.catalog.models import Band, Dose, Exercise, Kind, Laterality, Program

__all__ = [
    "DATA_DIR",
    "DEFAULT_PROGRAM",
    "Band",
    "Catalog",
    "Dose",
    "Exercise",
    "Kind",
    "Laterality",
    "Program",
    "load_catalog",
]
