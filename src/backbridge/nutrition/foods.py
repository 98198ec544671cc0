"""The food table: nutrients per 100 g, household portions, and finding a food by name.

Search is token matching with :mod:`difflib` for typos, so "greek yoghurt", "yogurt greek" and
"bannana" all find what was meant. Logging needs one food: :meth:`FoodTable.resolve` accepts a
slug, a name or an alias, or a text that matches exactly one food, and otherwise says which
foods come close.
"""

from __future__ import annotations

import difflib
import math
import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Annotated, Self

from pydantic import AwareDatetime, Field, StringConstraints, model_validator

from backbridge.catalog.models import Record, Slug, SourceKey, Text
from backbridge.errors import Action, InvalidInput, NotFound
from backbridge.values import MAX_FOOD_NAME, check_text

PortionName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9 %'-]*$", max_length=40)]
Alias = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9 %'-]*$", max_length=60)]
MAX_PORTION_COUNT = 20


class Per100g(Record):
    """Nutrients in 100 g of the food as named (raw, cooked ...)."""

    energy_kcal: float = Field(ge=0, le=900)
    protein_g: float = Field(ge=0, le=100)
    carbohydrate_g: float = Field(ge=0, le=100)
    fat_g: float = Field(ge=0, le=100)
    fibre_g: float = Field(ge=0, le=100)
    caffeine_mg: float = Field(default=0, ge=0, le=5000)

    @model_validator(mode="after")
    def _fits_in_100g(self) -> Self:
        macros = self.protein_g + self.carbohydrate_g + self.fat_g
        if macros > 100:
            raise ValueError(
                f"protein, carbohydrate and fat add up to {macros:g} g, more than 100 g in 100 g"
            )
        return self

    def amount(self, grams: float) -> Nutrients:
        """What ``grams`` of the food hold."""
        share = grams / 100
        return Nutrients(**{name: value * share for name, value in self.model_dump().items()})


class Nutrients(Record):
    """An amount eaten: one entry, a meal or a day."""

    energy_kcal: float = Field(default=0, ge=0)
    protein_g: float = Field(default=0, ge=0)
    carbohydrate_g: float = Field(default=0, ge=0)
    fat_g: float = Field(default=0, ge=0)
    fibre_g: float = Field(default=0, ge=0)
    caffeine_mg: float = Field(default=0, ge=0)

    def __add__(self, other: Nutrients) -> Nutrients:
        mine, theirs = self.model_dump(), other.model_dump()
        return Nutrients(**{name: mine[name] + theirs[name] for name in mine})

    @classmethod
    def total(cls, amounts: Iterable[Nutrients]) -> Nutrients:
        result = cls()
        for amount in amounts:
            result = result + amount
        return result


class Food(Record):
    slug: Slug
    name: Text
    group: Slug
    aliases: list[Alias] = Field(default_factory=list)
    per_100g: Per100g
    portions: dict[PortionName, Annotated[float, Field(gt=0, le=2000)]] = Field(
        default_factory=dict
    )

    @property
    def lookup_keys(self) -> list[str]:
        """Every text that names this food exactly, normalised."""
        return [normalise(text) for text in (self.slug, self.name, *self.aliases)]

    def describe_portions(self) -> str:
        return ", ".join(f"{name} ({grams:g} g)" for name, grams in self.portions.items())


class FoodFile(Record):
    database: Text
    sources: list[SourceKey] = Field(min_length=1)
    foods: list[Food] = Field(min_length=1)


def normalise(text: str) -> str:
    return " ".join(words(text))


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%]+", text.lower().replace("-", " "))


def _word_match(wanted: str, known: set[str]) -> float:
    """1 for the same word, 0.9 for a plural or a prefix of 3+ letters, less for a typo."""
    if wanted in known:
        return 1.0
    for word in known:
        if len(wanted) >= 3 and word.startswith(wanted):
            return 0.9
        if len(word) >= 3 and wanted.startswith(word) and len(wanted) - len(word) <= 2:
            return 0.9
    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.75)
    if close:
        return 0.8 * difflib.SequenceMatcher(None, wanted, close[0]).ratio()
    return 0.0


class FoodTable:
    """The bundled foods and the user's own, looked up by slug, name, alias or search."""

    def __init__(self, foods: Sequence[Food], database: str, sources: Sequence[str]) -> None:
        self.foods = list(foods)
        self.database = database
        self.sources = list(sources)
        self._by_slug = {food.slug: food for food in self.foods}
        self._by_key = {key: food for food in self.foods for key in food.lookup_keys}
        self._words = {food.slug: set(words(" ".join(food.lookup_keys))) for food in self.foods}

    def with_foods(self, extra: Iterable[Food]) -> FoodTable:
        return FoodTable([*self.foods, *extra], self.database, self.sources)

    def food(self, slug: str) -> Food:
        try:
            return self._by_slug[slug]
        except KeyError:
            raise NotFound(f"unknown food '{slug}': {self._hint(slug)}") from None

    def names_taken(self, food: Food) -> list[str]:
        """Which of the food's slug, name and aliases already name another food."""
        return [key for key in food.lookup_keys if key in self._by_key]

    def search(self, query: str, limit: int = 10) -> list[Food]:
        """Foods matching the words of ``query``, best first; typos are tolerated."""
        wanted = words(query)
        if not wanted:
            return []
        exact = self._by_key.get(normalise(query))
        scored = []
        for food in self.foods:
            known = self._words[food.slug]
            score = sum(_word_match(word, known) for word in wanted) / len(wanted)
            score += 1 if food is exact else 0
            if score >= 0.6:
                closeness = difflib.SequenceMatcher(None, normalise(query), normalise(food.name))
                scored.append((-score, -closeness.ratio(), food.name, food))
        return [food for *_, food in sorted(scored, key=lambda item: item[:3])][:limit]

    def resolve(self, text: str) -> Food:
        """The one food ``text`` names; :class:`InvalidInput` lists the candidates otherwise."""
        key = normalise(text)
        if key in self._by_key:
            return self._by_key[key]
        wanted = words(text)
        whole = [
            food
            for food in self.foods
            if wanted and all(_word_match(word, self._words[food.slug]) >= 0.9 for word in wanted)
        ]
        if len(whole) == 1:
            return whole[0]
        if whole:
            shown = ", ".join(food.slug for food in whole[:6]) + (", ..." if len(whole) > 6 else "")
            raise InvalidInput(
                f"'{text}' matches {len(whole)} foods: {shown}; give one of these slugs"
            )
        raise NotFound(f"unknown food '{text}': {self._hint(text)}", action=Action.FIND_FOOD)

    def _hint(self, text: str) -> str:
        close = [food.slug for food in self.search(text, limit=3)]
        if not close:
            names = {key: food.slug for food in self.foods for key in food.lookup_keys}
            matches = difflib.get_close_matches(normalise(text), list(names), n=3, cutoff=0.6)
            close = list(dict.fromkeys(names[match] for match in matches))
        if close:
            return "did you mean " + " or ".join(f"'{slug}'" for slug in close) + "?"
        return "it is not in the food table"


def portion_grams(food: Food, text: str) -> tuple[float, str]:
    """Grams for a portion as typed: ``cup``, ``2 slices``, ``1.5 cup``, ``1/2 cup``."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?(?:/\d+)?)?\s*(?:x\s+)?(.*?)\s*", text.lower())
    count_text, name = (match[1], match[2]) if match else (None, text.lower())
    count = _count(count_text) if count_text else 1.0
    if not 0 < count <= MAX_PORTION_COUNT:
        raise InvalidInput(
            f"the number of portions must be more than 0 and at most {MAX_PORTION_COUNT}; "
            f"got {count:g}"
        )
    if not food.portions:
        raise InvalidInput(f"{food.name} has no portions listed; give the amount in grams instead")
    name = normalise(name)
    for candidate in (name, name.removesuffix("s"), name.removesuffix("es")):
        for portion, grams in food.portions.items():
            if normalise(portion) == candidate:
                return count * grams, f"{count:g} {portion}"
    raise InvalidInput(
        f"'{text}' is not a portion of {food.name}; known: {food.describe_portions()} "
        "(or give the amount in grams)"
    )


def _count(text: str) -> float:
    if "/" in text:
        top, bottom = text.split("/")
        return float(top) / float(bottom) if float(bottom) else 0.0
    return float(text)


USER_GROUP = "your-foods"
NUTRIENT_LABELS = {
    "energy_kcal": ("energy", "kcal"),
    "protein_g": ("protein", "g"),
    "carbohydrate_g": ("carbohydrate", "g"),
    "fat_g": ("fat", "g"),
    "fibre_g": ("fibre", "g"),
    "caffeine_mg": ("caffeine", "mg"),
}


class CustomFood(Record):
    """A food the user added; stored in the database, not in the data files."""

    id: uuid.UUID
    food: Food
    created_at: AwareDatetime


def new_food(
    table: FoodTable,
    name: str,
    amounts: dict[str, float],
    *,
    per_grams: float = 100,
    portions: Sequence[str] = (),
) -> Food:
    """A user's food from label values for ``per_grams`` of it (``energy_kcal``, ``protein_g``
    ... as keys), checked with one-line errors and scaled to 100 g."""
    name = " ".join(check_text(name, "the food's name", MAX_FOOD_NAME).split())
    slug = "-".join(words(name))[:60].strip("-")
    if not slug:
        raise InvalidInput(
            f"give the food a name of 1 to {MAX_FOOD_NAME} characters with letters or digits"
        )
    if not math.isfinite(per_grams) or not 0 < per_grams <= 1000:
        raise InvalidInput(
            "the amount the values are for must be more than 0 and at most 1000 g; "
            f"got {per_grams:g}"
        )
    for field, value in amounts.items():
        label, unit = NUTRIENT_LABELS[field]
        if not math.isfinite(value):
            raise InvalidInput(f"{label} must be a number; got {value:g}")
        if value < 0:
            raise InvalidInput(f"{label} must be 0 or more; got {value:g} {unit}")
    scaled = {field: value * 100 / per_grams for field, value in amounts.items()}
    if scaled["energy_kcal"] > 900:
        raise InvalidInput(
            f"energy works out at {scaled['energy_kcal']:.0f} kcal per 100 g, more than pure fat "
            "(900); check the numbers and the amount they are for"
        )
    macros = scaled["protein_g"] + scaled["carbohydrate_g"] + scaled["fat_g"]
    if macros > 100:
        raise InvalidInput(
            f"protein, carbohydrate and fat come to {macros:.0f} g per 100 g, more than 100 g; "
            "check the numbers and the amount they are for"
        )
    food = Food(
        slug=slug,
        name=name,
        group=USER_GROUP,
        per_100g=Per100g(**scaled),
        portions=dict(portion_spec(text) for text in portions),
    )
    taken = table.names_taken(food)
    if taken:
        raise InvalidInput(
            f"'{taken[0]}' already names a food ({table.resolve(taken[0]).slug}); log that one "
            "or give yours another name"
        )
    return food


def portion_spec(text: str) -> tuple[str, float]:
    """``slice=30`` → ``("slice", 30.0)``."""
    name, _, grams = text.partition("=")
    name = normalise(name)
    try:
        value = float(grams)
    except ValueError:
        value = 0.0
    if not name or not 0 < value <= 2000 or not re.fullmatch(r"[a-z0-9][a-z0-9 %'-]*", name):
        raise InvalidInput(f"'{text}' is not a portion; write it as NAME=GRAMS, e.g. slice=30")
    return name[:40], value
