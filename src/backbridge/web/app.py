"""The web app factory: ``create_app(settings)`` builds everything; importing builds nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp

from backbridge.clock import utc_now
from backbridge.settings import Settings
from backbridge.web import api, live, pages, problems
from backbridge.web.security import AllowedHosts, Guard

HERE = Path(__file__).parent
API_DESCRIPTION = """The REST API of backbridge, a local-first coach for stronger glutes and a
calmer lower back. **Not a medical device.** Errors come back as `{"error": "<one line>"}` with a
4xx status: 404 for something that does not exist, 422 for a value out of range, 409 when the
safety questions must be answered first or the request contradicts what is stored (a step
already logged, an exercise stopped for today by pain), 423 while a red-flag stop blocks
training. Where the person can do something about it, `action` names it: `{"error": "...",
"action": {"id": "screen", "label": "...", "href": "/safety"}}`."""


class GuardedApp(FastAPI):
    """FastAPI with :class:`~backbridge.web.security.Guard` outermost, around even the
    middleware that answers 500, so that every response has been checked and has its headers."""

    def __init__(self, *, hosts: AllowedHosts, **options: Any) -> None:
        self.allowed_hosts = hosts
        super().__init__(**options)

    def build_middleware_stack(self) -> ASGIApp:
        return Guard(super().build_middleware_stack(), self.allowed_hosts)


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    hosts: Iterable[str] = (),
) -> FastAPI:
    """Open the services for ``settings`` (migrating the database) and assemble the app.

    It answers requests addressed to 127.0.0.1, localhost or [::1], and to ``hosts`` besides:
    the address ``backbridge serve --host`` listens on (see :mod:`backbridge.web.security`).
    """
    from backbridge.services import build_services

    services = build_services(settings, clock=clock)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = GuardedApp(
        hosts=AllowedHosts.of(hosts),
        title="backbridge",
        version=_version(),
        description=API_DESCRIPTION,
        docs_url=None,  # /api/docs is served from the vendored Swagger UI (pages.api_docs)
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    problems.install(app)
    for router in api.routers():
        app.include_router(router, prefix="/api/v1", responses=problems.refusals(421, 503))
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
