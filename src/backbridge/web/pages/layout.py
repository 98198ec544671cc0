"""Rendering a page in the shared layout, and the page shown for an error."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

NAVIGATION = (
    ("/", "Today"),
    ("/session", "Session"),
    ("/camera", "Camera"),
    ("/progress", "Progress"),
    ("/history", "History"),
    ("/library", "Library"),
    ("/learn", "Learn"),
    ("/nutrition", "Nutrition"),
    ("/safety", "Safety"),
)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    templates = cast(Jinja2Templates, request.app.state.templates)
    return templates.TemplateResponse(
        request,
        template,
        {"navigation": NAVIGATION, "path": request.url.path, **context},
        status_code=status_code,
    )


def error_page(
    request: Request,
    status: int,
    message: str,
    action: dict[str, Any] | None = None,
    suggestions: Sequence[tuple[str, str]] = (),
) -> HTMLResponse:
    """The error in the page layout; ``suggestions`` are (words, address) links to offer."""
    return render(
        request,
        "error.html",
        status_code=status,
        status=status,
        message=message,
        action=action,
        suggestions=suggestions,
    )
