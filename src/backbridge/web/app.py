"""The web app factory: ``create_app(settings)`` builds everything; importing builds nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from backbridge.clock import utc_now
from backbridge.settings import Settings
from backbridge.web import api, live, pages, problems

HERE = Path(__file__).parent
API_DESCRIPTION = """The REST API of backbridge, a local-first coach for stronger glutes and a
calmer lower back. **Not a medical device.** Errors come back as `{"error": "<one line>"}` with a
4xx status: 404 for something that does not exist, 422 for a value out of range, 409 when the
safety questions must be answered first or the request contradicts what is stored (a step
already logged, an exercise stopped for today by pain), 423 while a red-flag stop blocks
training. Where the person can do something about it, `action` names it: `{"error": "...",
"action": {"id": "screen", "label": "...", "href": "/safety"}}`."""


def create_app(settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> FastAPI:
    """Open the services for ``settings`` (migrating the database) and assemble the app."""
    from backbridge.services import build_services

    services = build_services(settings, clock=clock)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = FastAPI(
        title="backbridge",
        version=_version(),
        description=API_DESCRIPTION,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    problems.install(app)
    for router in api.routers():
        app.include_router(router, prefix="/api/v1")
    for router in pages.routers():
        app.include_router(router)
    app.include_router(live.router)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("backbridge")
    except PackageNotFoundError:
        return "0"
