"""``backbridge food log|today|search|add``: the food log and the food table."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from backbridge.cli import context
from backbridge.nutrition.foods import Food, new_food
from backbridge.nutrition.guidance import Meal
from backbridge.nutrition.log import DaySummary

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
AtOption = Annotated[
    str | None,
    typer.Option(help="When, ISO time (default: now), e.g. 2026-11-24T08:30."),
]


def log(
    food: Annotated[str, typer.Argument(help='A food: slug, name or words, e.g. "greek yogurt".')],
    grams: Annotated[float | None, typer.Option(help="How much, in grams.")] = None,
    portion: Annotated[
        str | None, typer.Option(help='A portion instead of grams, e.g. cup, "2 slice".')
    ] = None,
    meal: Annotated[
        Meal | None, typer.Option(help="breakfast, lunch, dinner or snack (default: by the time).")
    ] = None,
    at: AtOption = None,
) -> None:
    """Log a food you ate, by grams or by a portion; it is saved at once."""
    moment = context.parse_moment(at)
    with context.services() as services:
        entry = services.nutrition.record_food(
            food, grams=grams, portion=portion, meal=meal, at=moment
        )
        day = services.nutrition.day(entry.eaten_at)
    amount = f"{entry.grams:g} g" + (f" ({entry.portion})" if entry.portion else "")
    when = context.local(entry.eaten_at).strftime("%a %d %b %H:%M")
    out = context.console()
    out.print(
        f"Saved: {amount} {entry.food_name}, {entry.meal} {when}: "
        f"{entry.nutrients.energy_kcal:.0f} kcal, {entry.nutrients.protein_g:.1f} g protein."
    )
    if day.targets is not None and day.targets.protein.daily_g is not None:
        out.print(
            f"That day so far: {day.totals.energy_kcal:.0f} of "
            f"{day.targets.energy.daily_kcal:.0f} kcal, {day.totals.protein_g:.0f} of "
            f"{day.targets.protein.daily_g:.0f} g protein."
        )
    for warning in day.warnings:
        out.print(f"[yellow]Note:[/] {warning}")


def today(json_output: JsonFlag = False) -> None:
    """Today's food and supplements: totals against your targets, and protein per meal."""
    with context.services(show_notice=not json_output) as services:
        day_of = services.today()
        day = services.nutrition.day()
    if json_output:
        context.print_json({"day": day_of.isoformat(), **day.model_dump(mode="json")})
        return
    render_day(day, day_of.strftime("%a %d %b %Y"))


def render_day(day: DaySummary, title: str) -> None:
    out = context.console()
    if not day.foods and not day.supplements:
        out.print(f"Nothing logged for {title} yet. Log a food with [bold]backbridge food log[/].")
    if day.foods:
        eaten = Table(title=f"Food, {title}", title_justify="left", title_style="bold")
        for column in ("time", "meal", "food", "amount"):
            eaten.add_column(column)
        for column in ("kcal", "protein g", "carbs g", "fat g", "fibre g"):
            eaten.add_column(column, justify="right")
        for entry in day.foods:
            n = entry.nutrients
            eaten.add_row(
                context.local(entry.eaten_at).strftime("%H:%M"),
                entry.meal,
                entry.food_name,
                f"{entry.grams:g} g" + (f" ({entry.portion})" if entry.portion else ""),
                f"{n.energy_kcal:.0f}",
                f"{n.protein_g:.1f}",
                f"{n.carbohydrate_g:.1f}",
                f"{n.fat_g:.1f}",
                f"{n.fibre_g:.1f}",
            )
        out.print(eaten)
    out.print(_totals_table(day))
    if day.protein_per_meal:
        meals = Table(title="Protein per meal", title_justify="left", title_style="bold")
        for column in ("meal", "protein", "aim per meal", "status"):
            meals.add_column(column)
        for item in day.protein_per_meal:
            aim = (
                f"{item.low_g:.0f}–{item.high_g:.0f} g"
                if item.low_g is not None and item.high_g is not None
                else "-"
            )
            meals.add_row(item.meal, f"{item.protein_g:.1f} g", aim, item.status or "-")
        out.print(meals)
    if day.supplement_totals:
        taken = ", ".join(f"{t.name} {t.amount:g} {t.unit}" for t in day.supplement_totals)
        out.print(f"Supplements: {taken}.")
    for warning in day.warnings:
        out.print(f"[yellow]Note:[/] {warning}")
    if day.targets is None:
        out.print(
            "No targets yet: set them once with [bold]backbridge nutrition targets[/] "
            "--weight KG --height CM --age YEARS --sex female|male --activity LEVEL."
        )
    elif day.targets.protein.advice:
        out.print(f"[yellow]{day.targets.protein.advice}[/]")


def _totals_table(day: DaySummary) -> Table:
    table = Table(title="Totals", title_justify="left", title_style="bold")
    for column in ("", "so far", "target", "status"):
        table.add_column(column)
    totals, targets = day.totals, day.targets
    energy = (
        f"{targets.energy.low_kcal:.0f}–{targets.energy.high_kcal:.0f} kcal" if targets else "-"
    )
    table.add_row("energy", f"{totals.energy_kcal:.0f} kcal", energy, day.energy_status or "-")
    protein = targets.protein if targets else None
    if protein is not None and protein.daily_g is not None:
        aim = f"{protein.daily_g:.0f} g ({protein.low_g:.0f}–{protein.high_g:.0f})"
    elif protein is not None and protein.guidance_g is not None:
        aim = f"about {protein.guidance_g:.0f} g: ask your clinician"
    else:
        aim = "-"
    table.add_row("protein", f"{totals.protein_g:.1f} g", aim, day.protein_status or "-")
    table.add_row("carbohydrate", f"{totals.carbohydrate_g:.1f} g", "-", "-")
    table.add_row("fat", f"{totals.fat_g:.1f} g", "-", "-")
    table.add_row("fibre", f"{totals.fibre_g:.1f} g", "-", "-")
    limit = f"at most {targets.caffeine.limit_mg} mg" if targets else "-"
    table.add_row("caffeine", f"{totals.caffeine_mg:.0f} mg", limit, day.caffeine_status or "-")
    return table


def search(
    text: Annotated[str, typer.Argument(help='Words to look for, e.g. "yogurt".')],
    json_output: JsonFlag = False,
) -> None:
    """Find foods in the food table and your own foods; figures are per 100 g."""
    with context.services(show_notice=not json_output) as services:
        table = services.nutrition.foods()
    found = table.search(text)
    if json_output:
        context.print_json([_food_document(food) for food in found])
        return
    out = context.console()
    if not found:
        out.print(f"No food matches '{text}'. Add your own with [bold]backbridge food add[/].")
        return
    shown = Table(title=f"Foods matching '{text}' (per 100 g)", title_justify="left")
    shown.add_column("slug", style="cyan", no_wrap=True)
    shown.add_column("name")
    for column in ("kcal", "protein", "carbs", "fat", "fibre"):
        shown.add_column(column, justify="right")
    shown.add_column("portions", style="dim")
    for food in found:
        n = food.per_100g
        shown.add_row(
            food.slug,
            food.name,
            f"{n.energy_kcal:g}",
            f"{n.protein_g:g}",
            f"{n.carbohydrate_g:g}",
            f"{n.fat_g:g}",
            f"{n.fibre_g:g}",
            food.describe_portions() or "-",
        )
    out.print(shown)
    out.print(f"Source: {table.database}; your own foods are in the group 'your-foods'.")


def _food_document(food: Food) -> dict[str, Any]:
    return food.model_dump(mode="json")


def add(
    name: Annotated[str, typer.Argument(help='The food\'s name, e.g. "oat bar".')],
    kcal: Annotated[float, typer.Option("--kcal", help="Energy in kcal.")],
    protein: Annotated[float, typer.Option(help="Protein, g.")],
    carbs: Annotated[float, typer.Option(help="Carbohydrate, g (total, as on the label).")],
    fat: Annotated[float, typer.Option(help="Fat, g.")],
    fibre: Annotated[float, typer.Option(help="Fibre, g.")] = 0,
    caffeine: Annotated[float, typer.Option(help="Caffeine, mg.")] = 0,
    per: Annotated[float, typer.Option(help="The values are for this many grams.")] = 100,
    portion: Annotated[
        list[str] | None,
        typer.Option(help="A portion as NAME=GRAMS, e.g. bar=40; repeat for more."),
    ] = None,
) -> None:
    """Add your own food from its label; log it like any other food."""
    amounts = {
        "energy_kcal": kcal,
        "protein_g": protein,
        "carbohydrate_g": carbs,
        "fat_g": fat,
        "fibre_g": fibre,
        "caffeine_mg": caffeine,
    }
    with context.services() as services:
        food = new_food(
            services.nutrition.foods(), name, amounts, per_grams=per, portions=portion or ()
        )
        services.nutrition.add_food(food)
    n = food.per_100g
    context.console().print(
        f"Added {food.name} ({food.slug}): per 100 g {n.energy_kcal:.0f} kcal, "
        f"{n.protein_g:.1f} g protein. Log it with: backbridge food log {food.slug} --grams 100"
    )


def register(app: typer.Typer) -> None:
    food = typer.Typer(help="The food log and the food table.", no_args_is_help=True)
    food.command("log")(log)
    food.command("today")(today)
    food.command("search")(search)
    food.command("add")(add)
    app.add_typer(food, name="food")
