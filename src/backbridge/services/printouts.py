"""Documents to print or hand over: the exercise handout and the clinician's progress report.

The content and its HTML come from the pure :mod:`backbridge.reports`; here they meet the
history, the plan and the clock, and HTML becomes PDF through WeasyPrint (imported only when a
PDF is asked for: it needs Pango from the system, see the Makefile).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from backbridge.catalog import DEFAULT_PROGRAM
from backbridge.clock import check_calendar, day_bounds
from backbridge.errors import InvalidInput
from backbridge.program.measures import pain_trend
from backbridge.reports.clinician import clinician_report, report_html
from backbridge.reports.handout import handout, handout_html
from backbridge.reports.progress import progress, week_start

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

    def report_days(self, start: date | None, end: date | None) -> tuple[date, date]:
        """The first and last day of a report: ``end`` defaults to today, ``start`` to the
        first trained day, at most :data:`REPORT_DEFAULT` before ``end``. Refused in one line
        outside the calendar, after today, or in the wrong order."""
        today = self.services.today()
        last = today if end is None else check_calendar(end)
        if last > today:
            raise InvalidInput(f"the last day {last.isoformat()} is after today; choose a past day")
        if start is None:
            sessions = self.services.room.stores.journal.sessions()
            trained = [s.started_at.astimezone().date() for s in sessions if s.sets]
            start = max(min(trained, default=last), last - REPORT_DEFAULT + timedelta(days=1))
            start = min(start, last)
        first = check_calendar(start)
        if first > last:
            raise InvalidInput(
                f"the first day {first.isoformat()} is after the last day {last.isoformat()}; "
                "swap them"
            )
        return first, last

    def report(
        self,
        start: date | None = None,
        end: date | None = None,
        program: str = DEFAULT_PROGRAM,
        *,
        css_href: str | None = None,
    ) -> str:
        """The clinician's progress report of the days ``start`` to ``end`` (see
        :meth:`report_days`), as HTML. Made while a red flag stands too: the clinician is the
        person to read it."""
        services, room = self.services, self.services.room
        catalog, stores = room.catalog, room.stores
        slug = catalog.program(program).slug
        first, last = self.report_days(start, end)
        span = day_bounds(first)[0], day_bounds(last)[1]
        zone = span[0].tzinfo
        assert zone is not None
        history = [s for s in stores.journal.sessions() if s.started_at < span[1]]
        weeks = (week_start(last) - week_start(first)).days // 7 + 1
        series = progress(
            [s for s in history if s.started_at >= span[0]], catalog, slug,
            today=last, tz=zone, weeks=weeks,
        )  # fmt: skip
        screenings, clearances, _ = stores.safety.evidence(timedelta(0))
        view = services.overview.plan(slug)
        status = view.status
        if status.blocked:
            now = status.referral or "training is paused by a red flag."
        elif view.review is not None:
            now = view.review.message
        elif status.screening_due:
            now = f"No red flag stands; the questions are due again ({status.due_reason})."
        else:
            now = "No red flag stands; training goes on as planned."
        content = clinician_report(
            catalog, slug, series=series, history=history, screenings=screenings,
            clearances=clearances, acknowledgements=stores.reviews.acknowledgements(),
            function_scores=stores.measures.function_scores(),
            trend=pain_trend(
                catalog.rules.outcomes, stores.journal.checkins(since=span[0], before=span[1])
            ),
            plan=view.items, status_now=now, days=(first, last), span=span, made=room.today(),
        )  # fmt: skip
        return report_html(content, css_href)

    def today(self) -> date:
        return self.services.today()


REPORT_DEFAULT = timedelta(weeks=12)
"""How far back a report reaches when no first day is given."""
