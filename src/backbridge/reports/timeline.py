"""Charts over dated sessions, drawn on the server as inline SVG: the pain of each session, and
what each exercise was trained with (best set, band, variant).

Unlike the weekly charts of :mod:`backbridge.reports.charts`, these are drawn at their natural
size (one SVG unit is one CSS pixel) so their labels read the same on a phone and a desktop:
a span wider than the screen scrolls, and the page opens it on the latest sessions. Axis
labels sit on both sides, and values are written beside the points where they change, so the
part in view is readable without the rest. Each chart has a table of the same numbers on the
page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from markupsafe import Markup

from backbridge.reports.progress import BandPoint, SessionPain

MIN_WIDTH = 960
"""Wide enough to fill a desktop card; a phone scrolls it."""
DAY = 9.0
"""Least width of a day, so sessions two days apart stay apart."""
SIDE = 44
PAIN_SERIES = (
    ("before", "before the session", "#2b6cd4", "", "circle"),
    ("during", "highest during sets", "#c0392b", "6 3", "square"),
    ("next_morning", "the next morning", "#7d3c98", "2 3", "triangle"),
)
CHAR = 8.2
"""Rough width of one character of a 14px label, to keep labels apart."""


def _frame(width: float, height: int, label: str, body: list[str]) -> Markup:
    return Markup(
        f'<div class="chart-scroll" tabindex="0" role="region" aria-label="{escape(label)}">'
        f'<svg class="chart timeline" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg></div>"
    )


def _empty(message: str) -> Markup:
    return Markup(f'<p class="chart-empty">{escape(message)}</p>')


class _Days:
    """The horizontal scale: a day to an x, from ``first`` to ``last``."""

    def __init__(self, first: date, last: date, left: float, right: float) -> None:
        days = max((last - first).days, 1)
        self.first, self.last, self.left = first, last, left
        self.per_day = max((MIN_WIDTH - left - right) / days, DAY)
        self.width = left + right + self.per_day * days

    def x(self, day: date) -> float:
        return self.left + (day - self.first).days * self.per_day

    def ticks(self, y: float) -> list[str]:
        """A date under each Monday, as many as fit without touching."""
        monday = self.first + timedelta(days=-self.first.weekday() % 7)
        every = max(1, -(-70 // int(self.per_day * 7)))
        parts = []
        n = 0
        while monday <= self.last:
            x = self.x(monday)
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 14}" y2="{y - 10}" class="grid"/>'
            )
            if n % every == 0:
                parts.append(
                    f'<text x="{x:.1f}" y="{y + 4}" class="tick" text-anchor="middle">'
                    f"{monday.day} {monday:%b}</text>"
                )
            monday += timedelta(weeks=1)
            n += 1
        return parts


def _marker(shape: str, x: float, y: float, colour: str, title: str) -> str:
    tip = f"<title>{escape(title)}</title>"
    if shape == "square":
        return (
            f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" fill="{colour}">'
            f"{tip}</rect>"
        )
    if shape == "triangle":
        points = f"{x:.1f},{y - 6:.1f} {x + 5.5:.1f},{y + 4:.1f} {x - 5.5:.1f},{y + 4:.1f}"
        return f'<polygon points="{points}" fill="{colour}">{tip}</polygon>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}">{tip}</circle>'


def session_pain(
    sessions: Sequence[SessionPain], last: date, baseline: float | None, important: int
) -> Markup:
    """Pain before, highest during and the next morning of each session, 0-10. ``baseline``
    (the first week's pain before sessions) is drawn with a shaded band ``important`` points
    either side: a session outside it differs from the start by at least the minimal
    clinically important change."""
    label = "Pain of each session: before, highest during sets and the next morning"
    if not sessions:
        return _empty("No training in these weeks yet: log a session to see your pain here.")
    top, bottom = 40, 240
    days = _Days(sessions[0].day, last, SIDE, SIDE)
    width, height = days.width, bottom + 34

    def y(pain: float) -> float:
        return bottom - (bottom - top) * pain / 10

    body = []
    if baseline is not None:
        high, low = y(min(baseline + important, 10)), y(max(baseline - important, 0))
        body.append(
            f'<rect x="{SIDE}" y="{high:.1f}" width="{width - 2 * SIDE:.1f}" '
            f'height="{low - high:.1f}" class="mcid-band"><title>Within {important} points of '
            f"the first week's pain before sessions ({baseline:.1f}/10)</title></rect>"
            f'<line x1="{SIDE}" x2="{width - SIDE:.1f}" y1="{y(baseline):.1f}" '
            f'y2="{y(baseline):.1f}" class="baseline"/>'
            f'<text x="{width - SIDE - 6:.1f}" y="{high - 6:.1f}" class="axis-title" '
            f'text-anchor="end">shaded: first week {baseline:.1f}, ± {important} points</text>'
        )
    for pain in (0, 5, 10):
        body.append(
            f'<line x1="{SIDE}" x2="{width - SIDE:.1f}" y1="{y(pain):.1f}" y2="{y(pain):.1f}" '
            f'class="grid"/><text x="{SIDE - 8}" y="{y(pain) + 5:.1f}" class="tick" '
            f'text-anchor="end">{pain}</text><text x="{width - SIDE + 8:.1f}" '
            f'y="{y(pain) + 5:.1f}" class="tick">{pain}</text>'
        )
    body.append(
        f'<text x="{SIDE}" y="18" class="axis-title">pain 0-10</text><text x="{width - SIDE:.1f}" '
        f'y="18" class="axis-title" text-anchor="end">pain 0-10</text>'
    )
    body.extend(days.ticks(bottom + 24))
    for field, name, colour, dash, shape in PAIN_SERIES:
        points = [
            (days.x(s.day), y(value), s.day, value)
            for s in sessions
            if (value := getattr(s, field)) is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{py:.1f}" for x, py, _, _ in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" '
                f'stroke-dasharray="{dash}" stroke-opacity="0.8"/>'
            )
        body.extend(
            _marker(shape, x, py, colour, f"{day.day} {day:%b %Y}: pain {name} {value}/10")
            for x, py, day, value in points
        )
    return _frame(width, height, label, body)


def exercise_loads(name: str, points: Sequence[BandPoint], first: date, last: date) -> Markup:
    """One exercise (or one place of the program, with its easier and harder variants) over
    time: the best set of each session as a line, its number written where it changes; the
    band as a coloured ribbon under it with its name where it changes; the variant above, with
    a line where it changes."""
    label = f"{name}: best set, band and variant of each session"
    if not points:
        return _empty(f"{name}: not trained in these weeks.")
    top, bottom = 64, 184
    days = _Days(min(first, points[0].day), last, SIDE, SIDE)
    width, height = days.width, bottom + 82
    values = [p.reps if p.reps is not None else p.seconds for p in points]
    most = max((v for v in values if v is not None), default=1) or 1

    def y(value: float) -> float:
        return bottom - (bottom - top) * value / (most * 1.1)

    body = [f'<line x1="{SIDE}" x2="{width - SIDE:.1f}" y1="{bottom}" y2="{bottom}" class="grid"/>']
    coords = [
        (days.x(p.day), None if v is None else y(v), p) for p, v in zip(points, values, strict=True)
    ]
    line = [(x, py) for x, py, _ in coords if py is not None]
    if len(line) > 1:
        path = " ".join(f"{x:.1f},{py:.1f}" for x, py in line)
        body.append(f'<polyline points="{path}" fill="none" class="band-line"/>')
    previous_amount = None
    for n, (x, py, point) in enumerate(coords):
        band = point.band or "no band"
        fill = (point.band or "white").lower()
        if py is not None:
            body.append(
                f'<circle cx="{x:.1f}" cy="{py:.1f}" r="6" fill="{escape(fill)}" '
                f'class="band-dot"><title>{point.day.day} {point.day:%b %Y}: '
                f"{escape(point.variant_name)}, {escape(band)}, best set {point.amount}, "
                f"{point.sets} set(s)</title></circle>"
            )
            short = point.amount.removesuffix(" reps")
            if short != previous_amount or n == len(coords) - 1:
                body.append(
                    f'<text x="{x:.1f}" y="{py - 12:.1f}" class="value" text-anchor="middle">'
                    f"{short}</text>"
                )
            previous_amount = short
    body.extend(_ribbon(days, coords, bottom + 14))
    body.extend(_variants(days, points, top - 10, bottom))
    body.extend(days.ticks(bottom + 70))
    return _frame(width, height, label, body)


def _segments(points: Sequence[BandPoint], key: str) -> list[tuple[int, int]]:
    """Runs of consecutive points with the same ``key``: (first index, last index)."""
    runs: list[tuple[int, int]] = []
    for n, point in enumerate(points):
        if runs and getattr(points[runs[-1][0]], key) == getattr(point, key):
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _ribbon(
    days: _Days, coords: Sequence[tuple[float, float | None, BandPoint]], y: float
) -> list[str]:
    """The band of each session as a strip of its colour, named where it changes; the latest
    band's name sits at the right end, in view where the page opens a long span."""
    points = [point for _, _, point in coords]
    xs = [x for x, _, _ in coords]
    runs = _segments(points, "band")
    parts = []
    right_edge = -1e9
    for n, (start, end) in enumerate(runs):
        x1 = xs[start] - days.per_day if start == 0 else (xs[start - 1] + xs[start]) / 2
        x2 = xs[end] + days.per_day if end == len(xs) - 1 else (xs[end] + xs[end + 1]) / 2
        band = points[start].band
        text = band or "no band"
        parts.append(
            f'<rect x="{x1:.1f}" y="{y:.1f}" width="{x2 - x1:.1f}" height="12" '
            f'fill="{escape((band or "white").lower())}" class="ribbon"><title>'
            f"{escape(text)} from {points[start].day.day} {points[start].day:%b}</title></rect>"
        )
        text_width = CHAR * len(text)
        last = n == len(runs) - 1
        at, anchor = (x2, "end") if last else (x1, "start")
        left = at - text_width if last else at
        if left > right_edge:
            parts.append(
                f'<text x="{at:.1f}" y="{y + 32:.1f}" class="tick" text-anchor="{anchor}">'
                f"{escape(text)}</text>"
            )
            right_edge = left + text_width + 6
    return parts


def _variants(days: _Days, points: Sequence[BandPoint], y: float, bottom: float) -> list[str]:
    """The variant's name where it changes (the latest at the right end), on one of two rows so
    names do not overlap, and a dashed line down the chart at each change; nothing for a single
    variant."""
    parts = []
    ends = [-1e9, -1e9]
    runs = _segments(points, "variant")
    if len(runs) == 1:  # one variant throughout: the heading names it
        return []
    for n, (start, _) in enumerate(runs):
        x = days.x(points[start].day)
        name = points[start].variant_name
        if n:
            parts.append(
                f'<line x1="{x - days.per_day:.1f}" x2="{x - days.per_day:.1f}" y1="{y - 36}" '
                f'y2="{bottom + 26}" class="variant-change"/>'
            )
        text_width = CHAR * len(name)
        anchor, left = "start", x - 2
        if n == len(runs) - 1 or left + text_width > days.width - 4:
            anchor, left = "end", days.width - 4 - text_width
        row = 0 if left > ends[0] else 1
        ends[row] = left + text_width + 10
        at = left + (text_width if anchor == "end" else 0)
        parts.append(
            f'<text x="{at:.1f}" y="{y - 24 + row * 18}" class="variant" '
            f'text-anchor="{anchor}">{escape(name)}</text>'
        )
    return parts
