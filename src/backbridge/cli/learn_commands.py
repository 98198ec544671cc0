"""``backbridge learn``: the lessons a physiotherapist gives with the exercises, with sources."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel

from backbridge.cli import context


def learn(
    lesson: Annotated[
        str | None, typer.Argument(help="A lesson's id; leave out to list them all.")
    ] = None,
) -> None:
    """Short lessons about back pain and the exercises: why, pain, flare-ups, safety."""
    catalog = context.catalog()
    out = context.console()
    if lesson is None:
        for item in catalog.lessons:
            out.print(
                f"[bold cyan]{item.id}[/]  [bold]{escape(item.title)}[/]\n  {escape(item.summary)}"
            )
        out.print("\nRead one with `backbridge learn <id>`.")
        return
    chosen = catalog.lesson(lesson)
    text = "\n\n".join(escape(paragraph) for paragraph in chosen.body)
    if chosen.caveat:
        text += f"\n\n[italic]{escape(chosen.caveat)}[/]"
    out.print(Panel(text, title=escape(chosen.title), title_align="left"))
    out.print("Sources:")
    for key in chosen.sources:
        out.print(f"  {key}: {escape(catalog.source(key).citation)}")


def register(app: typer.Typer) -> None:
    app.command("learn")(learn)
