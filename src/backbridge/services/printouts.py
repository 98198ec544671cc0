"""Documents to print or hand over: the exercise handout and the clinician's progress report.

The content and its HTML come from the pure :mod:`backbridge.reports`; here they meet the
history, the plan and the clock, and HTML becomes PDF through WeasyPrint (imported only when a
PDF is asked for: it needs Pango from the system, see the Makefile).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.errors import InvalidInput
from backbridge.reports.handout import handout, handout_html

if TYPE_CHECKING:
    from backbridge.services import Services


def pdf(html: str) -> bytes:
    """``html`` printed to PDF (A4, as its stylesheet says)."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:  # OSError: Pango missing from the system
        raise InvalidInput(
            f"printing to PDF needs WeasyPrint and Pango, which are not usable here ({error}); "
            "ask for an .html file instead and print it from a browser"
        ) from None
    from backbridge.reports.paper import for_print

    document: bytes = HTML(string=for_print(html)).write_pdf()
    return document


@dataclass(frozen=True)
class Printouts:
    services: Services

    def handout(self, program: str = DEFAULT_PROGRAM, *, css_href: str | None = None) -> str:
        """The handout of the program at the next session's variants, bands and doses, as
        HTML. Refused while a red flag stops training (the referral says why)."""
        services = self.services
        slug = services.catalog.program(program).slug
        services.safety.require_training()
        plan = services.training.next_plan(slug)
        return handout_html(handout(services.catalog, plan, services.today()), css_href)

    def today(self) -> date:
        return self.services.today()
