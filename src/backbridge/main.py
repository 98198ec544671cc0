"""The program: the terminal's commands, and ``backbridge serve``, which starts the web app.

The one module that sees both interfaces. The terminal (:mod:`backbridge.cli`) and the web
(:mod:`backbridge.web`) are siblings above the application layer and never import each other;
this composition root puts them under one command.
"""

from __future__ import annotations

import errno
import gc
import os
import socket
from typing import TYPE_CHECKING, Annotated

import typer

from backbridge.cli import app, context
from backbridge.cli.registry import long_running
from backbridge.errors import InvalidInput

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["app", "main", "serve"]


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; the default keeps the app on this computer.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            help="Server processes, for more requests at once; more than 1 needs PostgreSQL.",
            min=1,
            max=64,
        ),
    ] = 1,
) -> None:
    """Start the web app and print its address; Ctrl+C stops it.

    Your data stays in the database of BACKBRIDGE_HOME (or BACKBRIDGE_DATABASE_URL)."""
    long_running()
    import uvicorn  # imported here so the other commands start without the web stack

    from backbridge.settings import Settings

    settings = Settings()
    if workers > 1 and settings.resolved_database_url.startswith("sqlite"):
        raise InvalidInput(
            "--workers needs PostgreSQL (BACKBRIDGE_DATABASE_URL=postgresql+psycopg://...): a "
            "SQLite file takes one writer at a time, so one process serves it best"
        )
    _require_free(host, port)
    shown = f"[{host}]" if ":" in host else host
    if workers == 1:
        from backbridge.web.app import create_app

        web_app = create_app(settings, hosts=[host])
    else:
        from backbridge.services import build_services

        build_services(settings).close()  # migrate once, before the workers open it
        os.environ[WORKER_HOST] = host
    context.console().print(
        f"backbridge is running at [bold]http://{shown}:{port}/[/] (API docs at /api/docs). "
        "Press Ctrl+C to stop."
    )
    if workers == 1:
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
    else:
        uvicorn.run("backbridge.main:worker_app", factory=True, workers=workers, host=host,
                    port=port, log_level="warning")  # fmt: skip


WORKER_HOST = "_BACKBRIDGE_WORKER_HOST"
"""How ``serve --workers`` tells its worker processes the address it listens on."""


def worker_app() -> FastAPI:
    """The app of one ``serve --workers`` process: uvicorn imports and calls this in each."""
    from backbridge.settings import Settings
    from backbridge.web.app import create_app

    return create_app(Settings(), hosts=[os.environ.get(WORKER_HOST, "127.0.0.1")])


def _require_free(host: str, port: int) -> None:
    """Say in one line when the address cannot be listened on (another program has the port,
    or the host is not an address of this computer), before the server starts."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise InvalidInput(f"'{host}' is not an address of this computer; try 127.0.0.1") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise InvalidInput(
                    f"port {port} is already in use by another program; choose another with "
                    "--port, e.g. --port 8001"
                ) from None
            raise InvalidInput(f"cannot listen on {host}:{port}: {error.strerror}") from None


app.command("serve")(serve)


def main() -> None:
    """Console-script entry point.

    A command lives a few hundred milliseconds and creates some hundred thousand objects while
    importing, almost all of which live until it ends: the cyclic garbage collector, which
    would walk them over and over as they accumulate, is off for the command (a third of
    ``backbridge plan``'s time), and frozen at the end, so that the interpreter's last
    collections at exit skip them too. Commands that run for minutes (``serve``, ``session``,
    the camera) turn it back on with :func:`backbridge.cli.registry.long_running`.
    """
    gc.disable()
    try:
        app()
    finally:
        gc.freeze()
