"""Server-rendered pages, one module per page; htmx and a little script for the player."""

from __future__ import annotations

from fastapi import APIRouter

from backbridge.web.pages import camera, library, player, progress, safety, today


def routers() -> list[APIRouter]:
    return [
        today.router,
        player.router,
        camera.router,
        progress.router,
        library.router,
        safety.router,
    ]
