"""``backbridge nutrition targets``, ``backbridge supplement log`` and ``backbridge supplements``;
registers ``backbridge food`` from :mod:`backbridge.cli.food_commands` too."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from backbridge.cli import context, food_commands
from backbridge.cli.food_commands import AtOption, JsonFlag
from backbridge.errors import InvalidInput
from backbridge.nutrition import load_nutrition
from backbridge.nutrition.guidance import ActivityLevel, Sex
from backbridge.nutrition.supplements import DoseUnit, SupplementGuide
from backbridge.nutrition.targets import PLANNING_ONLY, ProfileChanges, Targets

GRADE_STYLE = {"strong": "green", "moderate": "cyan", "weak": "yellow", "none": "dim"}


def targets(
    weight: Annotated[float | None, typer.Option(help="Body weight, kg.")] = None,
    height: Annotated[float | None, typer.Option(help="Height, cm.")] = None,
    age: Annotated[int | None, typer.Option(help="Age, years (18-100).")] = None,
    sex: Annotated[Sex | None, typer.Option(help="female or male (the equation needs it).")] = None,
    activity: Annotated[
        ActivityLevel | None,
        typer.Option(help="sedentary, light, moderate, active or very-active."),
    ] = None,
    kidney_disease: Annotated[
        bool | None,
        typer.Option(
            "--kidney-disease/--no-kidney-disease",
            help="You have kidney disease: no high-protein target.",
        ),
    ] = None,
    pregnant: Annotated[
        bool | None,
        typer.Option("--pregnant/--not-pregnant", help="You are pregnant: caffeine up to 200 mg."),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Your daily energy and protein targets and caffeine limit, with how they were worked out.

    The values you give are stored; later calls need no options, and any option updates it.
    """
    from backbridge.services.documents import targets_document

    changes = ProfileChanges(weight, height, age, sex, activity, kidney_disease, pregnant)
    with context.services(show_notice=not json_output) as services:
        result = services.nutrition.save_profile(changes)
        document = targets_document(services.catalog, result)
    if json_output:
        context.print_json(document)
        return
    render_targets(result, document["source_citations"])


def render_targets(result: Targets, citations: dict[str, str]) -> None:
    p = result.profile
    title = (
        f"Targets for {p.sex}, {p.weight_kg:g} kg, {p.height_cm:g} cm, {p.age_years} years, "
        f"{p.activity}" + (", kidney disease" if p.kidney_disease else "")
        + (", pregnant" if p.pregnant else "")
    )  # fmt: skip
    table = Table(title=title, title_justify="left", title_style="bold", show_lines=True)
    table.add_column("")
    table.add_column("target")
    table.add_column("how it was worked out", style="dim")
    energy, protein = result.energy, result.protein
    table.add_row(
        "energy",
        f"{energy.daily_kcal:.0f} kcal a day\n({energy.low_kcal:.0f}–{energy.high_kcal:.0f})",
        energy.working,
    )
    if protein.daily_g is not None:
        table.add_row(
            "protein",
            f"{protein.daily_g:.0f} g a day\n({protein.low_g:.0f}–{protein.high_g:.0f})\n"
            f"{protein.per_meal_low_g:.0f}–{protein.per_meal_high_g:.0f} g per meal",
            protein.working,
        )
    else:
        table.add_row(
            "protein",
            f"no high-protein target\nguidance about {protein.guidance_g:.0f} g a day",
            protein.working,
        )
    table.add_row(
        "caffeine",
        f"at most {result.caffeine.limit_mg} mg a day\n"
        f"about {result.caffeine.single_dose_mg} mg before training",
        result.caffeine.working,
    )
    out = context.console()
    out.print(table)
    for note in result.notes:
        out.print(f"[yellow]{note}[/]")
    out.print(
        f"{PLANNING_ONLY} Sources: " + ", ".join(citations) + " "
        "(`backbridge nutrition targets --json` prints the citations)."
    )


def log_supplement_command(
    supplement: Annotated[str, typer.Argument(help="A supplement slug or name, e.g. creatine.")],
    grams: Annotated[float | None, typer.Option(help="Amount in grams.")] = None,
    mg: Annotated[float | None, typer.Option("--mg", help="Amount in milligrams.")] = None,
    iu: Annotated[float | None, typer.Option("--iu", help="Amount in IU (vitamin D).")] = None,
    at: AtOption = None,
) -> None:
    """Log a supplement you took; caffeine counts toward the day's caffeine."""
    amounts = ((grams, DoseUnit.G), (mg, DoseUnit.MG), (iu, DoseUnit.IU))
    given = [(amount, unit) for amount, unit in amounts if amount is not None]
    if len(given) != 1:
        raise InvalidInput("give the amount once: --grams, --mg or --iu (e.g. --grams 5)")
    (amount, unit) = given[0]
    moment = context.parse_moment(at)
    with context.services() as services:
        logged = services.nutrition.record_supplement(supplement, amount, unit, at=moment)
        day = services.nutrition.day(logged.entry.taken_at)
    entry, item, cautions = logged.entry, logged.supplement, logged.cautions
    when = context.local(entry.taken_at).strftime("%a %d %b %H:%M")
    out = context.console()
    out.print(f"Saved: {item.name} {entry.amount:g} {entry.unit}, {when}.")
    if item.log_as_food:
        out.print(
            f"To count its protein, log it as a food: backbridge food log {item.log_as_food} "
            "--portion scoop"
        )
    for line in [*cautions, *day.warnings]:
        out.print(f"[yellow]Note:[/] {line}")


def list_supplements(ctx: typer.Context, json_output: JsonFlag = False) -> None:
    """The supplement guide: evidence for strength and for back pain, graded separately."""
    if ctx.invoked_subcommand is None:
        print_guide(json_output)


def list_command(json_output: JsonFlag = False) -> None:
    """The supplement guide as a table (the same as `backbridge supplements`)."""
    print_guide(json_output)


def print_guide(json_output: bool) -> None:
    guide = load_nutrition().guide
    if not json_output:
        render_guide(guide)
        return
    from backbridge.services.documents import guide_document

    context.print_json(guide_document(context.catalog(), guide))


def render_guide(guide: SupplementGuide) -> None:
    table = Table(title="Supplement guide", title_justify="left", title_style="bold")
    table.add_column("slug", style="cyan", no_wrap=True)
    table.add_column("name")
    table.add_column("strength & muscle")
    table.add_column("back pain")
    table.add_column("usual dose")
    for item in guide.supplements:
        table.add_row(
            item.slug,
            item.name,
            _grade(item.strength.grade),
            _grade(item.back_pain.grade),
            item.dose.describe_usual(),
        )
    out = context.console()
    out.print(table)
    for grade, style in GRADE_STYLE.items():
        out.print(f"[{style}]{grade}[/]: {getattr(guide.grades, grade)}")
    out.print(f"\n{guide.note}\n{guide.out_of_scope}")
    out.print("Details: backbridge supplements show SLUG")


def _grade(grade: str) -> str:
    return f"[{GRADE_STYLE[grade]}]{grade}[/]"


def show_supplement(
    slug: Annotated[str, typer.Argument(help="The supplement's slug or name, e.g. creatine.")],
    json_output: JsonFlag = False,
) -> None:
    """One supplement: what it is, the evidence with its sources, dose, safety, who should not."""
    guide = load_nutrition().guide
    item = guide.supplement(slug)
    catalog = context.catalog()
    if json_output:
        from backbridge.services.documents import supplement_document

        context.print_json(supplement_document(catalog, item))
        return
    lines = [item.what, ""]
    for label, evidence in (("Strength & muscle", item.strength), ("Back pain", item.back_pain)):
        lines.append(f"[bold]{label}:[/] {_grade(evidence.grade)} — {evidence.summary} "
                     f"[dim]({', '.join(evidence.sources)})[/]")  # fmt: skip
    lines += ["", f"[bold]Dose:[/] {item.dose.text} [dim]({', '.join(item.dose.sources)})[/]"]
    lines += ["", "[bold]Safety:[/]", *(f"• {text}" for text in item.safety)]
    if item.not_for:
        lines += ["", "[bold]Not for, without a clinician's advice:[/]"]
        lines += [f"• {text}" for text in item.not_for]
    if item.interactions:
        lines += ["", "[bold]Ask a clinician or pharmacist first with:[/]"]
        lines += [f"• {i.name}: {i.advice} [dim]({', '.join(i.sources)})[/]"
                  for i in item.interactions]  # fmt: skip
    lines += ["", "[bold]Sources:[/]"]
    lines += [f"{key} {catalog.source(key).citation}" for key in item.cited_sources]
    out = context.console()
    out.print(Panel("\n".join(lines), title=item.name, title_align="left", expand=False))
    out.print(guide.note)


def register(app: typer.Typer) -> None:
    nutrition = typer.Typer(help="Energy and protein targets.", no_args_is_help=True)
    nutrition.command("targets")(targets)
    app.add_typer(nutrition, name="nutrition")
    food_commands.register(app)
    supplement = typer.Typer(help="Log supplements.", no_args_is_help=True)
    supplement.command("log")(log_supplement_command)
    app.add_typer(supplement, name="supplement")
    supplements = typer.Typer(
        help="The supplement guide.", invoke_without_command=True, no_args_is_help=False
    )
    supplements.callback()(list_supplements)
    supplements.command("list")(list_command)
    supplements.command("show")(show_supplement)
    app.add_typer(supplements, name="supplements")
