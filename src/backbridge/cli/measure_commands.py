"""``backbridge measure``: the activities scale (Patient-Specific Functional Scale) and the
pain trend, read against the change that counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from backbridge.cli import context
from backbridge.errors import InvalidInput

if TYPE_CHECKING:
    from backbridge.services.measures import Outcomes


def parse_rating(text: str) -> tuple[str, int]:
    """``putting on socks=4`` as (activity, score)."""
    name, sep, score = text.rpartition("=")
    if not sep or not name.strip():
        raise InvalidInput(
            f"'{text}' is not an activity with its score; write it as 'putting on socks=4'"
        )
    try:
        return name.strip(), int(score.strip())
    except ValueError:
        raise InvalidInput(
            f"'{score.strip()}' is not a score for '{name.strip()}': give a whole number from "
            "0 (unable) to 10 (as well as before)"
        ) from None


def measure(
    rate: Annotated[
        list[str] | None,
        typer.Option(
            "--rate",
            help="An activity your back makes hard and how well you can do it now, 0 (unable) "
            "to 10 (as before): 'putting on socks=4'. Give 3 to 5.",
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Rate activities your back makes hard, and see your pain and activity trends."""
    ratings = [parse_rating(text) for text in rate or []]
    with context.services() as services:
        if ratings:
            services.measures.record(ratings)
        outcomes = services.measures.outcomes()
    if json_output:
        context.print_json(_document(outcomes))
        return
    out = context.console()
    if ratings:
        out.print("[green]Saved.[/]")
    if outcomes.scores:
        latest = outcomes.scores[-1]
        table = Table(title=f"Activities, {context.local(latest.recorded_at):%d %b %Y}",
                      title_justify="left")  # fmt: skip
        table.add_column("activity")
        table.add_column("now", justify="right")
        table.add_column("first time", justify="right")
        first = {a.activity.casefold(): a.score for a in outcomes.scores[0].activities}
        for item in latest.activities:
            before = first.get(item.activity.casefold())
            table.add_row(escape(item.activity), str(item.score),
                          "-" if before is None else str(before))  # fmt: skip
        out.print(table)
        out.print(f"Average: {latest.average:.1f} out of 10.")
    for reading in (outcomes.function, outcomes.pain):
        if reading is not None:
            out.print(reading.words)
    if outcomes.pain is None:
        out.print("The pain trend needs two weeks of pain check-ins before sessions.")
    if outcomes.due:
        again = ", ".join(f"--rate '{name}=N'" for name in outcomes.activities)
        out.print(f"[yellow]Time to rate your activities: {outcomes.due}.[/]")
        example = again or "--rate 'activity=N' (3 to 5 of them)"
        out.print(f"  backbridge measure {example}")


def _document(outcomes: Outcomes) -> dict[str, Any]:
    from backbridge.services.documents import outcomes_document

    return outcomes_document(outcomes)


def register(app: typer.Typer) -> None:
    app.command("measure")(measure)
