"""Errors as the API shows them: ``{"error": "<one line>"}`` with a 4xx status.

Errors a person can cause (:mod:`backbridge.errors`) keep their one-line message; request
bodies that do not parse are summed up in one line naming the first field that is wrong.
Pages get the same message in the page layout instead of JSON. :func:`refusals` states in the
OpenAPI document which of these statuses a route can answer, with the body's schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.routing import Match

from backbridge.errors import (
    Action,
    BackbridgeError,
    Conflict,
    InvalidInput,
    NotFound,
    ScreeningDue,
    StorageUnavailable,
    TrainingStopped,
)
from backbridge.web.actions import action_link

API_PREFIX = "/api/"
MEANINGS = {
    400: "The request body is not JSON.",
    403: "The request came from another site's page, not from backbridge's own pages.",
    404: "Nothing has this id or name.",
    409: "The safety questions must be answered first, or the request contradicts what is stored.",
    421: "The request was addressed to a host name backbridge does not answer.",
    422: "A value is missing, of the wrong type or out of range; `error` names the field.",
    423: "A red-flag stop blocks training until a clinician's clearance is recorded.",
    503: "The database cannot be reached, read or written just now; nothing was stored.",
}


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


class ActionLink(BaseModel):
    id: str
    label: str
    href: str


class Problem(BaseModel):
    """The body of every 4xx answer."""

    error: str
    action: ActionLink | None = None


def refusals(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` of a route that can refuse with ``statuses``."""
    return {status: {"model": Problem, "description": MEANINGS[status]} for status in statuses}


def status_of(error: BackbridgeError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, InvalidInput):
        return 422
    if isinstance(error, TrainingStopped):
        return 423
    if isinstance(error, ScreeningDue):
        return 409
    if isinstance(error, StorageUnavailable):
        return 503
    return 400


def one_line(error: RequestValidationError) -> str:
    """``pain: must be less than or equal to 10`` for the first problem of the request."""
    problems = error.errors()
    if not problems:
        return "the request could not be read"
    first = problems[0]
    if first.get("type") == "json_invalid":
        return "the request body is not valid JSON"
    where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("body", "query"))
    message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"{where or 'request'}: {message}{more}"


def error_response(
    request: Request,
    status: int,
    message: str,
    action: Action | None = None,
    headers: Mapping[str, str] | None = None,
    error: BackbridgeError | None = None,
) -> Response:
    """The error as ``{"error": ..., "action": ...}`` under /api/, as a page elsewhere. A page
    for an unknown exercise says so in words and links the close ones by name."""
    if request.url.path.startswith(API_PREFIX):
        body: dict[str, object] = {"error": message}
        if action is not None:
            body["action"] = action_link(action)
        return JSONResponse(body, status_code=status, headers=headers)
    from backbridge.web.pages.layout import error_page

    suggestions: list[tuple[str, str]] = []
    if isinstance(error, NotFound) and error.wanted is not None:
        message = f"No exercise is called “{error.wanted}”."
        suggestions = exercise_links(request, error.wanted, error.close)
        if suggestions:
            message += " Did you mean one of these?"
    page = error_page(request, status, message, action_link(action), suggestions)
    page.headers.update(headers or {})
    return page


def exercise_links(request: Request, wanted: str, close: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each close exercise by name, linked at the address asked for with its slug in place of
    the unknown one (an exercise's history for a history address), else its library page."""
    catalog = request.app.state.services.catalog
    head, _, last = request.url.path.rstrip("/").rpartition("/")
    return [
        (catalog.exercise(slug).name, f"{head}/{slug}" if last == wanted else f"/library/{slug}")
        for slug in close
    ]


def http_message(error: HTTPException, method: str, allowed: str) -> str:
    """Starlette's own refusals, said for a person."""
    if error.status_code == 400:
        return "the request body is not valid JSON"
    if error.status_code == 404:
        return "no such page or resource"
    if error.status_code == 405:
        return f"this address does not take {method} requests; it takes {allowed}"
    return str(error.detail)


def allowed_methods(request: Request) -> str:
    """Every method some route takes at this path (a route of FastAPI takes one method, and
    Starlette's ``Allow`` names only the first such route's)."""
    taken = {
        method
        for method in METHODS
        for route in request.app.routes
        if route.matches({**request.scope, "method": method})[0] is Match.FULL
    }
    return ", ".join(method for method in METHODS if method in taken)


def document_refusals(app: FastAPI) -> None:
    """The OpenAPI document as the answers are: every operation that reads a JSON body states
    the 400 an unreadable body gets, and every 422 has the ``{"error"}`` body (not FastAPI's
    list of validation errors, which :func:`install` turns into one line)."""
    build = app.openapi
    problem = {"content": {"application/json": {"schema": PROBLEM_REF}}}

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    responses = operation["responses"]
                    if "requestBody" in operation:
                        responses.setdefault("400", {"description": MEANINGS[400], **problem})
                    if "422" in responses:
                        responses["422"] = {"description": MEANINGS[422], **problem}
            for unused in ("HTTPValidationError", "ValidationError"):
                schema.get("components", {}).get("schemas", {}).pop(unused, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    async def on_backbridge_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, BackbridgeError)
        text = str(error).splitlines()[0] if str(error) else type(error).__name__
        if isinstance(error, TrainingStopped):
            text = " ".join(str(error).split())
        return error_response(request, status_of(error), text, error.action, error=error)

    async def on_invalid_request(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        return error_response(request, 422, one_line(error))

    async def on_http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        message = http_message(error, request.method, headers.get("Allow", ""))
        return error_response(request, error.status_code, message, headers=headers)

    app.add_exception_handler(BackbridgeError, on_backbridge_error)
    app.add_exception_handler(RequestValidationError, on_invalid_request)
    app.add_exception_handler(HTTPException, on_http_error)
    document_refusals(app)
