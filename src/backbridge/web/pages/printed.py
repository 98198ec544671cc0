"""The printed documents on the web: the handout (``/library/handout``), the clinician's
progress report (``/progress/report?from=&to=``), their stylesheet, and each as a PDF download.
The same HTML the terminal writes to a file; the page links its
stylesheet, as the security policy allows no inline style."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import HTMLResponse

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.reports.paper import stylesheet
from backbridge.services.printouts import Printouts, pdf
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)
STYLESHEET = "/print.css"


@router.get(STYLESHEET)
def print_stylesheet() -> Response:
    return Response(stylesheet(), media_type="text/css")


@router.get("/library/handout", response_class=HTMLResponse)
def handout_page(state: State) -> HTMLResponse:
    return HTMLResponse(Printouts(state).handout(DEFAULT_PROGRAM, css_href=STYLESHEET))


@router.get("/library/handout.pdf")
def handout_pdf(state: State) -> Response:
    document = pdf(Printouts(state).handout(DEFAULT_PROGRAM))
    return _download(document, "backbridge-handout.pdf")


First = Annotated[date | None, Query(alias="from")]
Last = Annotated[date | None, Query(alias="to")]


@router.get("/progress/report", response_class=HTMLResponse)
def report_page(
    state: State,
    start: First = None,
    end: Last = None,
) -> HTMLResponse:
    return HTMLResponse(Printouts(state).report(start, end, css_href=STYLESHEET))


@router.get("/progress/report.pdf")
def report_pdf(
    state: State,
    start: First = None,
    end: Last = None,
) -> Response:
    return _download(pdf(Printouts(state).report(start, end)), "backbridge-progress-report.pdf")


def _download(document: bytes, name: str) -> Response:
    return Response(
        document,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
