"""The program: the terminal's commands, and ``backbridge serve``, which starts the web app.

The one module that sees both interfaces. The terminal (:mod:`backbridge.cli`) and the web
(:mod:`backbridge.web`) are siblings above the application layer and never import each other;
this composition root puts them under one command.
"""

from __future__ import annotations

from typing import Annotated

import typer

from backbridge.cli import app, context

__all__ = ["app", "main", "serve"]


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; the default keeps the app on this computer.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Start the web app and print its address; Ctrl+C stops it. Your data stays in the
    database of BACKBRIDGE_HOME (or BACKBRIDGE_DATABASE_URL)."""
    import uvicorn  # imported here so the other commands start without the web stack

    from backbridge.settings import Settings
    from backbridge.web.app import create_app

    web_app = create_app(Settings(), hosts=[host])
    shown = f"[{host}]" if ":" in host else host
    context.console().print(
        f"backbridge is running at [bold]http://{shown}:{port}/[/] (API docs at /api/docs). "
        "Press Ctrl+C to stop."
    )
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


app.command("serve")(serve)


def main() -> None:
    """Console-script entry point."""
    app()
