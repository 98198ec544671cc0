"""Progress charts drawn on the server as inline SVG, for the web pages and for the printed
report alike: no script, readable with no data and with a year of it. Each function takes a
pure series from :mod:`backbridge.reports.progress` and returns markup; sizes are in the SVG's
own units and the page scales it to the screen width."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from markupsafe import Markup

from backbridge.reports.progress import CalendarDay, MuscleWeeks, Slot, WeekPoint

WIDTH = 720
PAIN_SERIES = (
    ("pain_before", "before", "#2b6cd4", ""),
    ("pain_during", "during (highest)", "#c0392b", "6 3"),
    ("pain_next_morning", "next morning", "#7d3c98", "2 3"),
)


def _svg(height: int, label: str, body: list[str], natural: float | None = None) -> Markup:
    """The chart in its scrolling box. A chart of ``natural`` width keeps that size (one unit
    to a pixel, class ``calendar``) instead of stretching to the page's width."""
    width = WIDTH if natural is None else round(natural)
    size = "" if natural is None else f' width="{width}" height="{height}"'
    kind = "chart" if natural is None else "chart calendar"
    return Markup(
        f'<div class="chart-scroll" tabindex="0" role="region" aria-label="{escape(label)}">'
        f'<svg class="{kind}"{size} viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg></div>"
    )


def _empty(label: str, message: str) -> Markup:
    """Words instead of an empty chart: a paragraph wraps on any screen."""
    return Markup(f'<p class="chart-empty" title="{escape(label)}">{escape(message)}</p>')


def _week_label(start: date) -> str:
    return start.strftime("%d %b").lstrip("0")


def _every(count: int, room: int) -> int:
    """Label every n-th column so labels never overlap."""
    return max(1, -(-count // room))


def pain_and_volume(
    weeks: Sequence[WeekPoint], important_change: tuple[float, int] | None = None
) -> Markup:
    """Bars: reps of main-block work per week. Lines: average pain before, during (highest) and
    the next morning, on a 0-10 scale. ``important_change`` (a baseline and the points of the
    minimal important change) shades the band around the baseline that a change must leave to
    count, as the clinician's report marks it."""
    label = "Pain before, during and the next morning against weekly training volume"
    if not any(week.sessions for week in weeks):
        return _empty(label, "No training in these weeks yet: log a session to see this chart.")
    left, right, top, bottom = 56, 56, 34, 206
    height = bottom + 60
    plot = WIDTH - left - right
    step = plot / len(weeks)
    most = max(week.reps for week in weeks) or 1
    body = [
        f'<text x="{left}" y="16" class="axis-title">reps per week</text>',
        f'<text x="{WIDTH - right}" y="16" class="axis-title" text-anchor="end">pain 0-10</text>',
    ]
    for pain in (0, 5, 10):
        y = bottom - (bottom - top) * pain / 10
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        body.append(f'<text x="{WIDTH - right + 6}" y="{y + 5:.1f}" class="tick">{pain}</text>')
    if important_change is not None:
        baseline, important = important_change
        high, low = min(baseline + important, 10), max(baseline - important, 0)
        y_high, y_low = (bottom - (bottom - top) * pain / 10 for pain in (high, low))
        body.append(
            f'<rect x="{left}" y="{y_high:.1f}" width="{plot}" height="{y_low - y_high:.1f}" '
            f'fill="#2b6cd4" fill-opacity="0.10"><title>within {important} points of the first '
            f"week's pain before sessions ({baseline:.1f}/10): not a clinically important change"
            f"</title></rect>"
            + "".join(
                f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" class="mcid"/>'
                for y in (y_high, y_low)
            )
            + f'<text x="{WIDTH / 2}" y="16" class="mcid-label" text-anchor="middle">shaded: '
            f"within {important} points of week 1 (pain before)</text>"
        )
    body.append(f'<text x="{left - 6}" y="{top + 5}" class="tick" text-anchor="end">{most}</text>')
    body.append(f'<text x="{left - 6}" y="{bottom + 5}" class="tick" text-anchor="end">0</text>')
    every = _every(len(weeks), 8)
    for n, week in enumerate(weeks):
        x = left + n * step
        bar = (bottom - top) * week.reps / most
        if week.reps:
            body.append(
                f'<rect x="{x + step * 0.15:.1f}" y="{bottom - bar:.1f}" width="{step * 0.7:.1f}" '
                f'height="{bar:.1f}" class="bar"><title>week of {_week_label(week.start)}: '
                f"{week.reps} reps in {week.sets} sets, {week.sessions} session(s)</title></rect>"
            )
        if n % every == 0:
            body.append(
                f'<text x="{x + step / 2:.1f}" y="{bottom + 20}" class="tick" '
                f'text-anchor="middle">{_week_label(week.start)}</text>'
            )
    for field, _, colour, dash in PAIN_SERIES:
        points = [
            (left + n * step + step / 2, bottom - (bottom - top) * value / 10)
            for n, week in enumerate(weeks)
            if (value := getattr(week, field)) is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3" '
                f'stroke-dasharray="{dash}"/>'
            )
        for x, y in points:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
    legend_x = left
    for _, name, colour, dash in PAIN_SERIES:
        body.append(
            f'<line x1="{legend_x}" x2="{legend_x + 26}" y1="{height - 8}" y2="{height - 8}" '
            f'stroke="{colour}" stroke-width="3" stroke-dasharray="{dash}"/>'
            f'<text x="{legend_x + 32}" y="{height - 3}" class="legend">pain {escape(name)}</text>'
        )
        legend_x += 190
    return _svg(height, label, body)


def band_levels(slot: Slot, first: date, last: date) -> Markup:
    """The band of each session for one program slot; the variant is written where it changes."""
    label = f"Band level and variant over time: {slot.name}"
    if not slot.points:
        return _empty(label, f"{slot.name}: not trained in these weeks.")
    left, right, top, bottom = 70, 20, 16, 150
    span = max((last - first).days, 1)
    orders = [p.band_order or 0 for p in slot.points]
    low, high = max(min(orders) - 1, 0), max(orders) + 1
    body = []
    for order in range(low, high + 1):
        y = bottom - (bottom - top) * (order - low) / max(high - low, 1)
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
    coords = []
    for point in slot.points:
        x = left + (WIDTH - left - right) * (point.day - first).days / span
        y = bottom - (bottom - top) * ((point.band_order or 0) - low) / max(high - low, 1)
        coords.append((x, y, point))
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coords)
    body.append(f'<polyline points="{path}" fill="none" class="band-line"/>')
    previous = None
    for x, y, point in coords:
        colour = (point.band or "none").lower()
        band = point.band or "no band"
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{escape(colour)}" class="band-dot">'
            f"<title>{point.day:%d %b %Y}: {escape(point.variant_name)}, {escape(band)}, "
            f"{point.reps or '-'} reps</title></circle>"
        )
        if point.variant != previous:
            body.append(
                f'<text x="{x:.1f}" y="{bottom + 22}" class="tick variant">'
                f"{escape(point.variant_name)}</text>"
            )
            previous = point.variant
    bands_seen = sorted({(p.band_order or 0, p.band or "no band") for p in slot.points})
    for order, name in bands_seen:
        y = bottom - (bottom - top) * (order - low) / max(high - low, 1)
        body.append(
            f'<text x="{left - 8}" y="{y + 5:.1f}" class="tick" text-anchor="end">'
            f"{escape(name)}</text>"
        )
    return _svg(bottom + 34, label, body)


def adherence_calendar(days: Sequence[CalendarDay], *, natural: bool = False) -> Markup:
    """One square per day, a column per week: filled where a session was trained. A
    ``natural`` calendar keeps its own size (a page scrolls it) instead of the page's width
    (as paper has it)."""
    label = "Adherence calendar: days with a training session"
    if not days:
        return _empty(label, "No days to show.")
    columns = -(-(len(days) + days[0].day.weekday()) // 7)
    cell = min(26.0, (WIDTH - 50) / max(columns, 1))
    body = []
    for n, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        if name:
            body.append(
                f'<text x="0" y="{20 + n * cell + cell * 0.7:.1f}" class="tick">{name}</text>'
            )
    offset = days[0].day.weekday()
    for n, day in enumerate(days):
        column, row = divmod(n + offset, 7)
        state = "done" if day.completed else ("partial" if day.sessions else "rest")
        body.append(
            f'<rect x="{44 + column * cell:.1f}" y="{20 + row * cell:.1f}" width="{cell - 3:.1f}" '
            f'height="{cell - 3:.1f}" rx="3" class="day {state}"><title>{day.day:%a %d %b %Y}: '
            f"{day.sessions or 'no'} session(s)</title></rect>"
        )
    trained = sum(1 for day in days if day.sessions)
    body.append(
        f'<text x="44" y="14" class="axis-title">{trained} training day(s) of {len(days)}</text>'
    )
    return _svg(int(24 + 7 * cell), label, body, 44 + columns * cell + 4 if natural else None)


def muscle_sets(muscles: Sequence[MuscleWeeks], weeks: Sequence[WeekPoint]) -> Markup:
    """Sets per week for each muscle that was a primary target: darker is more."""
    label = "Sets per muscle per week"
    if not muscles:
        return _empty(label, "No main-block sets in these weeks yet.")
    name_width, top = 190, 24
    cell_w = (WIDTH - 2 * name_width) / len(weeks)
    cell_h = 28
    most = max(max(m.sets) for m in muscles) or 1
    body = []
    every = _every(len(weeks), 6)
    for n, week in enumerate(weeks):
        if n % every == 0:
            body.append(
                f'<text x="{name_width + n * cell_w:.1f}" y="16" class="tick">'
                f"{_week_label(week.start)}</text>"
            )
    for row, muscle in enumerate(muscles):
        y = top + row * cell_h
        body.append(  # named at both ends: a phone opens the chart on its right end
            f'<text x="0" y="{y + 19}" class="tick">{escape(muscle.name)}</text>'
            f'<text x="{WIDTH}" y="{y + 19}" class="tick" text-anchor="end">'
            f"{escape(muscle.name)}</text>"
        )
        for n, count in enumerate(muscle.sets):
            shade = 0.08 + 0.92 * count / most if count else 0
            body.append(
                f'<rect x="{name_width + n * cell_w:.1f}" y="{y}" width="{max(cell_w - 2, 1):.1f}" '
                f'height="{cell_h - 3}" class="heat" fill-opacity="{shade:.2f}">'
                f"<title>{escape(muscle.name)}, week of {_week_label(weeks[n].start)}: "
                f"{count} set(s)</title></rect>"
            )
            if count and cell_w >= 22:
                body.append(
                    f'<text x="{name_width + n * cell_w + cell_w / 2 - 1:.1f}" y="{y + 18}" '
                    f'class="cell-count" text-anchor="middle">{count}</text>'
                )
    return _svg(top + len(muscles) * cell_h + 6, label, body)


def camera_faults(
    faults: Sequence[int], camera: Sequence[int], weeks: Sequence[WeekPoint]
) -> Markup:
    """Form faults the camera coach reported per week, next to the sets it counted."""
    label = "Camera coach form faults per week"
    if not any(camera):
        return _empty(label, "No sets counted by the camera coach in these weeks.")
    left, top, bottom = 56, 20, 150
    step = (WIDTH - left - 20) / len(weeks)
    most = max(max(faults), max(camera), 1)
    body = [f'<text x="{left - 6}" y="{top + 5}" class="tick" text-anchor="end">{most}</text>']
    every = _every(len(weeks), 8)
    for n, week in enumerate(weeks):
        x = left + n * step
        for offset, value, kind in ((0.1, camera[n], "bar"), (0.5, faults[n], "bar fault")):
            h = (bottom - top) * value / most
            if value:
                body.append(
                    f'<rect x="{x + step * offset:.1f}" y="{bottom - h:.1f}" '
                    f'width="{step * 0.38:.1f}" '
                    f'height="{h:.1f}" class="{kind}"><title>week of {_week_label(week.start)}: '
                    f"{camera[n]} camera set(s), {faults[n]} fault(s)</title></rect>"
                )
        if n % every == 0:
            body.append(
                f'<text x="{x + step / 2:.1f}" y="{bottom + 20}" class="tick" '
                f'text-anchor="middle">{_week_label(week.start)}</text>'
            )
    body.append(
        f'<rect x="{left}" y="{bottom + 32}" width="14" height="14" class="bar"/>'
        f'<text x="{left + 20}" y="{bottom + 44}" class="legend">sets counted</text>'
        f'<rect x="{left + 170}" y="{bottom + 32}" width="14" height="14" class="bar fault"/>'
        f'<text x="{left + 190}" y="{bottom + 44}" class="legend">form faults</text>'
    )
    return _svg(bottom + 52, label, body)
