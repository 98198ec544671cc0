"""Read ``nutrition.yaml``, ``foods.yaml`` and ``supplements.yaml`` and check them together.

The files live beside the catalogue, in ``catalog/data/nutrition/``, and cite keys from the
catalogue's ``sources.yaml``. Problems are reported as ``<file>: <field>: <what is expected>``,
all at once, exactly as the catalogue's loader does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from backbridge.catalog.load import DATA_DIR, parse_data_file
from backbridge.catalog.models import SourceFile
from backbridge.errors import DataFileError
from backbridge.nutrition.foods import FoodFile, FoodTable, normalise
from backbridge.nutrition.guidance import Guidance
from backbridge.nutrition.supplements import SupplementFile, SupplementGuide

NUTRITION_DIR = DATA_DIR / "nutrition"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Nutrition:
    """The guidance numbers, the food table and the supplement guide, validated together."""

    guidance: Guidance
    foods: FoodTable
    guide: SupplementGuide


def load_nutrition(data_dir: Path = NUTRITION_DIR) -> Nutrition:
    """Load the three files under ``data_dir``; sources come from ``data_dir/../sources.yaml``.

    Raises :class:`DataFileError` listing every problem found.
    """
    problems: list[str] = []

    def read(name: str, model: type[M]) -> M | None:
        try:
            return parse_data_file(data_dir / name, model, data_dir)
        except DataFileError as error:
            problems.extend(error.problems)
            return None

    guidance = read("nutrition.yaml", Guidance)
    foods = read("foods.yaml", FoodFile)
    guide = read("supplements.yaml", SupplementFile)
    try:
        sources = parse_data_file(data_dir.parent / "sources.yaml", SourceFile, data_dir)
    except DataFileError as error:
        problems.extend(error.problems)
        sources = None
    if problems or guidance is None or foods is None or guide is None or sources is None:
        raise DataFileError(problems)

    known = {source.key for source in sources.sources}
    where = {name: _where(data_dir, name) for name in ("nutrition", "foods", "supplements")}
    for field, keys in guidance.source_fields().items():
        problems += _unknown_sources(where["nutrition"], field, keys, known)
    problems += _unknown_sources(where["foods"], "sources", foods.sources, known)
    problems += _check_foods(where["foods"], foods)
    problems += _check_guide(where["supplements"], guide, known, {f.slug for f in foods.foods})
    if problems:
        raise DataFileError(problems)
    return Nutrition(
        guidance=guidance,
        foods=FoodTable(foods.foods, foods.database, foods.sources),
        guide=SupplementGuide(
            note=guide.note,
            out_of_scope=guide.out_of_scope,
            grades=guide.grades,
            supplements=list(guide.supplements),
        ),
    )


def _where(data_dir: Path, name: str) -> str:
    return f"{data_dir.name}/{name}.yaml"


def _unknown_sources(where: str, field: str, keys: Iterable[str], known: set[str]) -> list[str]:
    return [
        f"{where}: {field}: '{key}' is unknown; expected a key from sources.yaml"
        for key in keys
        if key not in known
    ]


def _check_foods(where: str, foods: FoodFile) -> list[str]:
    problems = []
    owner: dict[str, str] = {}
    for food in foods.foods:
        for key in dict.fromkeys(food.lookup_keys):
            if key in owner and owner[key] != food.slug:
                problems.append(
                    f"{where}: {food.slug}: '{key}' already names '{owner[key]}'; slugs, names "
                    "and aliases must each name one food"
                )
            owner.setdefault(key, food.slug)
    return problems


def _check_guide(
    where: str, guide: SupplementFile, known: set[str], food_slugs: set[str]
) -> list[str]:
    problems = []
    owner: dict[str, str] = {}
    for item in guide.supplements:
        for name in dict.fromkeys(normalise(n) for n in (item.slug, item.name, *item.aliases)):
            if name in owner and owner[name] != item.slug:
                problems.append(
                    f"{where}: {item.slug}: '{name}' already names '{owner[name]}'; slugs, names "
                    "and aliases must each name one supplement"
                )
            owner.setdefault(name, item.slug)
        problems += _unknown_sources(where, f"{item.slug}.sources", item.cited_sources, known)
        if item.log_as_food is not None and item.log_as_food not in food_slugs:
            problems.append(
                f"{where}: {item.slug}.log_as_food: '{item.log_as_food}' is unknown; expected a "
                "slug from foods.yaml"
            )
    return problems
