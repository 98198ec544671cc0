"""``/api/docs``: Swagger UI for the REST API, from the vendored swagger-ui-dist files (never a
CDN), started by ``static/swagger-init.js`` because the Content-Security-Policy allows no
inline script."""

from __future__ import annotations

from typing import cast

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

router = APIRouter(include_in_schema=False)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    templates = cast(Jinja2Templates, request.app.state.templates)
    return templates.TemplateResponse(
        request,
        "api_docs.html",
        {"title": f"{request.app.title} API", "openapi_url": request.app.openapi_url},
    )
