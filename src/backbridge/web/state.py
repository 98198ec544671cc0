"""What every request handler shares: the services of this app, built once by the factory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

from fastapi import Depends, Request

if TYPE_CHECKING:
    from backbridge.services import Services


async def app_services(request: Request) -> Services:
    # async: FastAPI runs a plain ``def`` dependency in its thread pool, a hop per request for
    # what is one attribute lookup.
    return cast("Services", request.app.state.services)


State = Annotated["Services", Depends(app_services)]
"""A handler's access to the use cases: ``def route(state: State)``."""
