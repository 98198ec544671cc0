"""Read the catalogue's YAML files, validate each against its schema, then check the references
between them.

Every problem is reported as ``<file>: <field>: <what is expected>`` and all problems are
collected before failing, so a clinician editing several files sees them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from backbridge.catalog.collection import Catalog
from backbridge.catalog.lessons import LessonFile
from backbridge.catalog.models import (
    BandFile,
    BlockKind,
    Exercise,
    Kind,
    MuscleFile,
    Program,
    SourceFile,
)
from backbridge.catalog.rules import Rules, Screening
from backbridge.errors import DataFileError

if TYPE_CHECKING:
    import yaml

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)

KIND_OF_BLOCK = {
    BlockKind.WARM_UP: Kind.WARM_UP,
    BlockKind.STRETCH: Kind.STRETCH,
    BlockKind.MAIN: Kind.EXERCISE,
    BlockKind.COOL_DOWN: Kind.STRETCH,
}


def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """Load and cross-check every data file under ``data_dir``.

    Raises :class:`DataFileError` listing every problem found.
    """
    problems: list[str] = []

    def read(path: Path, model: type[M]) -> M | None:
        try:
            return parse_data_file(path, model, data_dir)
        except DataFileError as error:
            problems.extend(error.problems)
            return None

    sources = read(data_dir / "sources.yaml", SourceFile)
    muscles = read(data_dir / "muscles.yaml", MuscleFile)
    bands = read(data_dir / "bands.yaml", BandFile)
    rules = read(data_dir / "rules.yaml", Rules)
    screening = read(data_dir / "screening.yaml", Screening)
    lessons = read(data_dir / "lessons.yaml", LessonFile)
    exercise_files = sorted((data_dir / "exercises").glob("*.yaml"))
    exercises = [(path, read(path, Exercise)) for path in exercise_files]
    programs = [
        (path, read(path, Program)) for path in sorted((data_dir / "programs").glob("*.yaml"))
    ]
    if not exercise_files:
        problems.append(f"{data_dir / 'exercises'}: no exercise files found (expected *.yaml)")
    if (
        problems
        or sources is None
        or muscles is None
        or bands is None
        or rules is None
        or screening is None
        or lessons is None
    ):
        raise DataFileError(problems)

    loaded = [(path, exercise) for path, exercise in exercises if exercise is not None]
    loaded_programs = [(path, program) for path, program in programs if program is not None]
    source_keys = {source.key for source in sources.sources}
    muscle_slugs = {muscle.slug for muscle in muscles.muscles}
    band_slugs = {band.slug for band in bands.bands}

    problems += _check_unique(
        _rel(data_dir / "sources.yaml", data_dir), "key", [s.key for s in sources.sources]
    )
    problems += _check_unique(
        _rel(data_dir / "muscles.yaml", data_dir), "slug", [m.slug for m in muscles.muscles]
    )
    problems += _check_bands(bands, data_dir)
    for muscle in muscles.muscles:
        problems += _unknown(
            data_dir / "muscles.yaml",
            data_dir,
            f"{muscle.slug}.sources",
            muscle.sources,
            source_keys,
            "a key from sources.yaml",
        )
    rules_file = data_dir / "rules.yaml"
    for field, keys in rules.source_fields().items():
        problems += _unknown(
            rules_file, data_dir, field, keys, source_keys, "a key from sources.yaml"
        )
    for slug in rules.progression.band_range:
        if slug not in band_slugs:
            problems.append(
                f"{_rel(rules_file, data_dir)}: progression.band_range: '{slug}' is unknown; "
                "expected a slug from bands.yaml"
            )
    problems += _check_unique(
        _rel(data_dir / "screening.yaml", data_dir),
        "questions.id",
        [q.id for q in screening.questions],
    )
    for question in screening.questions:
        problems += _unknown(
            data_dir / "screening.yaml",
            data_dir,
            f"{question.id}.sources",
            question.sources,
            source_keys,
            "a key from sources.yaml",
        )
    for band in bands.bands:
        problems += _unknown(
            data_dir / "bands.yaml",
            data_dir,
            f"{band.slug}.sources",
            band.sources,
            source_keys,
            "a key from sources.yaml",
        )

    by_slug: dict[str, Exercise] = {}
    ids: dict[str, Path] = {}
    for path, exercise in loaded:
        where = _rel(path, data_dir)
        if path.stem != exercise.slug:
            problems.append(
                f"{where}: slug: expected the file name '{path.stem}', got '{exercise.slug}'"
            )
        if exercise.slug in by_slug:
            problems.append(
                f"{where}: slug: '{exercise.slug}' is already used by another file; "
                "slugs must be unique"
            )
        if str(exercise.id) in ids:
            problems.append(
                f"{where}: id: {exercise.id} is already used by "
                f"{_rel(ids[str(exercise.id)], data_dir)}; ids must be unique"
            )
        by_slug[exercise.slug] = exercise
        ids[str(exercise.id)] = path
    for path, exercise in loaded:
        problems += _check_exercise_references(
            path, data_dir, exercise, by_slug, muscle_slugs, source_keys
        )

    problems += _check_lessons(lessons, data_dir, by_slug, source_keys)

    for path, program in loaded_programs:
        problems += _check_program(path, data_dir, program, by_slug, band_slugs, source_keys)
        if str(program.id) in ids:
            problems.append(
                f"{_rel(path, data_dir)}: id: {program.id} is already used; ids must be unique"
            )
        ids[str(program.id)] = path

    if problems:
        raise DataFileError(problems)
    return Catalog(
        exercises=[exercise for _, exercise in loaded],
        muscles=list(muscles.muscles),
        bands=sorted(bands.bands, key=lambda band: band.order),
        band_note=bands.note,
        lessons=list(lessons.lessons),
        programs=[program for _, program in loaded_programs],
        rules=rules,
        screening=screening,
        sources=list(sources.sources),
    )


def parse_data_file(path: Path, model: type[M], data_dir: Path) -> M:
    """Read one YAML file into ``model``; every problem as ``<file>: <field>: expected ...``.

    Also used by :mod:`backbridge.nutrition.load`, so all data files fail the same way.
    """
    import yaml  # here: a command that takes the catalogue from the cache never parses YAML

    where = _rel(path, data_dir)
    try:
        raw: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except FileNotFoundError:
        raise DataFileError(
            [f"{where}: file not found (expected a {model.__name__} YAML file)"]
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise DataFileError(
            [f"{where}:{line}: not valid YAML ({getattr(error, 'problem', error)})"]
        ) from None
    if not isinstance(raw, dict):
        raise DataFileError([f"{where}: expected a mapping of fields at the top level"])
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise DataFileError(
            [f"{where}: {_describe(problem)}" for problem in error.errors()]
        ) from None


def _describe(problem: Any) -> str:
    """Turn one pydantic error into ``field: expected ...`` wording."""
    field = ".".join(str(part) for part in problem["loc"]) or "(top level)"
    kind = problem["type"]
    if kind == "missing":
        return f"{field}: required field is missing"
    if kind == "extra_forbidden":
        return f"{field}: unknown field (check the spelling against the schema)"
    if kind == "value_error":
        return f"{field}: {problem['msg'].removeprefix('Value error, ')}"
    message = problem["msg"].removeprefix("Input should be ")
    given = problem.get("input")
    shown = "" if isinstance(given, dict | list) else f" (got {given!r})"
    return f"{field}: expected {message[0].lower()}{message[1:]}{shown}"


def _loader() -> type[yaml.SafeLoader]:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _a(word: str) -> str:
    """``a warm-up``, ``an exercise``."""
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _rel(path: Path, data_dir: Path) -> str:
    try:
        return str(path.relative_to(data_dir.parent))
    except ValueError:
        return str(path)


def _check_unique(where: str, field: str, values: list[str]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for value in values:
        if value in seen:
            problems.append(f"{where}: {field}: '{value}' appears twice; it must be unique")
        seen.add(value)
    return problems


def _check_bands(bands: BandFile, data_dir: Path) -> list[str]:
    where = _rel(data_dir / "bands.yaml", data_dir)
    problems = _check_unique(where, "slug", [band.slug for band in bands.bands])
    problems += _check_unique(where, "order", [str(band.order) for band in bands.bands])
    ordered = sorted(bands.bands, key=lambda band: band.order)
    for lighter, heavier in pairwise(ordered):
        if heavier.force_lb_100 <= lighter.force_lb_100:
            problems.append(
                f"{where}: {heavier.slug}.force_lb_100: expected more pull than {lighter.slug} "
                f"({lighter.force_lb_100} lb), since bands are ordered light to heavy"
            )
    return problems


def _unknown(
    path: Path, data_dir: Path, field: str, values: Iterable[str], known: set[str], expected: str
) -> list[str]:
    where = _rel(path, data_dir)
    return [
        f"{where}: {field}: '{value}' is unknown; expected {expected}"
        for value in values
        if value not in known
    ]


def _check_exercise_references(
    path: Path,
    data_dir: Path,
    exercise: Exercise,
    by_slug: dict[str, Exercise],
    muscle_slugs: set[str],
    source_keys: set[str],
) -> list[str]:
    where = _rel(path, data_dir)
    problems = []
    muscles = [*exercise.muscles.primary, *exercise.muscles.secondary]
    problems += _unknown(
        path, data_dir, "muscles", muscles, muscle_slugs, "a slug from muscles.yaml"
    )
    problems += _unknown(
        path, data_dir, "sources", exercise.cited_sources, source_keys, "a key from sources.yaml"
    )
    for field, reverse in (("progressions", "regressions"), ("regressions", "progressions")):
        for slug in getattr(exercise, field):
            other = by_slug.get(slug)
            if other is None:
                problems.append(
                    f"{where}: {field}: '{slug}' is unknown; expected the slug of an exercise file"
                )
            elif other.kind is not exercise.kind:
                problems.append(
                    f"{where}: {field}: '{slug}' is {_a(other.kind)}; "
                    "a ladder stays within one kind"
                )
            elif exercise.slug not in getattr(other, reverse):
                problems.append(
                    f"{where}: {field}: '{slug}' does not list '{exercise.slug}' in its {reverse}; "
                    "ladders must be linked both ways"
                )
    return problems


def _check_program(
    path: Path,
    data_dir: Path,
    program: Program,
    by_slug: dict[str, Exercise],
    band_slugs: set[str],
    source_keys: set[str],
) -> list[str]:
    where = _rel(path, data_dir)
    problems = []
    if path.stem != program.slug:
        problems.append(
            f"{where}: slug: expected the file name '{path.stem}', got '{program.slug}'"
        )
    problems += _unknown(
        path, data_dir, "sources", program.sources, source_keys, "a key from sources.yaml"
    )
    mains = sum(1 for block in program.blocks if block.kind is BlockKind.MAIN)
    if mains != 1:
        problems.append(f"{where}: blocks: expected exactly one main block, found {mains}")
    for b, block in enumerate(program.blocks):
        for i, item in enumerate(block.items):
            at = f"{where}: blocks.{b}.items.{i}"
            exercise = by_slug.get(item.exercise)
            if exercise is None:
                problems.append(
                    f"{at}.exercise: '{item.exercise}' is unknown; "
                    "expected the slug of an exercise file"
                )
                continue
            wanted = KIND_OF_BLOCK[block.kind]
            if exercise.kind is not wanted:
                problems.append(
                    f"{at}.exercise: '{item.exercise}' is {_a(exercise.kind)}; "
                    f"{_a(block.kind)} block takes {_a(wanted)}"
                )
            if item.band is not None and item.band not in band_slugs:
                problems.append(
                    f"{at}.band: '{item.band}' is unknown; expected a slug from bands.yaml"
                )
            if item.band is not None and not exercise.uses_band:
                problems.append(f"{at}.band: '{item.exercise}' is done without a band")
            dose = item.dose or exercise.dose
            if dose.per_side != exercise.dose.per_side:
                problems.append(
                    f"{at}.dose.per_side: expected {str(exercise.dose.per_side).lower()}, "
                    "the same as the exercise's own dose"
                )
    return problems


def _check_lessons(
    lessons: LessonFile, data_dir: Path, by_slug: dict[str, Exercise], source_keys: set[str]
) -> list[str]:
    """Every lesson has a unique id, cites known sources and names known exercises."""
    path = data_dir / "lessons.yaml"
    problems = _check_unique(_rel(path, data_dir), "lessons.id", [x.id for x in lessons.lessons])
    for lesson in lessons.lessons:
        problems += _unknown(path, data_dir, f"{lesson.id}.sources", lesson.sources,
                             source_keys, "a key from sources.yaml")  # fmt: skip
        problems += _unknown(path, data_dir, f"{lesson.id}.exercises", lesson.exercises,
                             set(by_slug), "an exercise slug")  # fmt: skip
    return problems
