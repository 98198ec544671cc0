"""The printable handout: the program as the person does it now, one page per exercise.

Each main exercise is shown at the variant, band and dose of the next session's plan: name,
target muscles, steps, cues, the band's placement, the dose, what comes next on its ladder,
and stick figures of the start and end positions drawn from the same keyframes as the web's
moving figures (:mod:`backbridge.reports.figures`). Then the warm-up, stretches and cool-down
in order, and the notice's safety lines. Pure: the plan in, HTML out; printing it to PDF is
the application layer's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from backbridge.catalog.collection import Catalog
from backbridge.catalog.models import BlockKind, Exercise
from backbridge.catalog.words import LATERALITY, equipment_line
from backbridge.notice import NOTICE_TITLE, notice
from backbridge.program.plan import Prescription, SessionPlan
from backbridge.reports.figures import still
from backbridge.reports.paper import environment, page_stylesheet


@dataclass(frozen=True)
class ExercisePage:
    exercise: Exercise
    dose: str
    band: str | None
    muscles: tuple[str, ...]
    also: tuple[str, ...]
    equipment: str
    next_steps: tuple[str, ...]
    """What comes next on the ladder, in words: more reps, a heavier band, a harder variant."""
    reasons: tuple[str, ...]
    start: Markup
    end: Markup


@dataclass(frozen=True)
class SequenceItem:
    exercise: Exercise
    dose: str
    cue: str
    figure: Markup


@dataclass(frozen=True)
class SequenceBlock:
    title: str
    intro: str
    items: tuple[SequenceItem, ...]


@dataclass(frozen=True)
class Handout:
    title: str
    summary: str
    sessions_per_week: int
    day: date
    pages: tuple[ExercisePage, ...]
    before: tuple[SequenceBlock, ...]
    after: tuple[SequenceBlock, ...]
    notice_title: str
    safety: tuple[str, ...]


def _next_steps(item: Prescription, exercise: Exercise, catalog: Catalog) -> tuple[str, ...]:
    rules = catalog.rules.progression
    steps = []
    more = [reps for reps in rules.rep_steps if item.reps is not None and reps > item.reps]
    if more:
        steps.append(f"more reps: {' → '.join(str(r) for r in more)} a set")
    if item.band is not None and item.band in rules.band_range:
        heavier = rules.band_range[rules.band_range.index(item.band) + 1 :]
        if heavier:
            steps.append(f"then a heavier band: {heavier[0]}")
    ladder = catalog.ladder(exercise.slug)
    position = next(n for n, step in enumerate(ladder) if step.slug == exercise.slug)
    if position + 1 < len(ladder):
        steps.append(f"then the next exercise on its ladder: {ladder[position + 1].name}")
    else:
        steps.append("this is the top of its ladder")
    return tuple(steps)


def handout(catalog: Catalog, plan: SessionPlan, day: date) -> Handout:
    """The handout of ``plan`` (the next session's), dated ``day``."""
    program = catalog.program(plan.program)
    pages = []
    before: list[SequenceBlock] = []
    after: list[SequenceBlock] = []
    for block in plan.blocks:
        if block.kind is BlockKind.MAIN:
            for item in block.items:
                exercise = catalog.exercise(item.exercise)
                band = item.band.lower() if item.band else None
                pages.append(
                    ExercisePage(
                        exercise=exercise,
                        dose=f"{item.dose.describe()} ({LATERALITY[exercise.laterality]})",
                        band=band,
                        muscles=tuple(catalog.muscle(m).name for m in exercise.muscles.primary),
                        also=tuple(catalog.muscle(m).name for m in exercise.muscles.secondary),
                        equipment=equipment_line(exercise) or "nothing but a little space",
                        next_steps=_next_steps(item, exercise, catalog),
                        reasons=item.reasons,
                        start=still(exercise, "start", band),
                        end=still(exercise, "end", band),
                    )
                )
            continue
        items = tuple(
            SequenceItem(
                exercise=(exercise := catalog.exercise(item.exercise)),
                dose=item.dose.describe(),
                cue=exercise.cues[0].text,
                figure=still(exercise, "end"),
            )
            for item in block.items
        )
        (after if pages else before).append(SequenceBlock(block.title, block.intro, items))
    return Handout(
        title=program.name,
        summary=program.summary,
        sessions_per_week=program.sessions_per_week,
        day=day,
        pages=tuple(pages),
        before=tuple(before),
        after=tuple(after),
        notice_title=NOTICE_TITLE,
        safety=tuple(notice(catalog.rules.pain).split("\n\n")[1:]),
    )


def handout_html(content: Handout, css_href: str | None = None) -> str:
    """The handout as one HTML document, ready to print: its stylesheet inline, or linked at
    ``css_href`` (for a page whose security policy allows no inline style)."""
    template = environment().get_template("handout.html")
    return template.render(handout=content, css=Markup(page_stylesheet()), css_href=css_href)
