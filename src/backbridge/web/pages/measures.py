"""``/measures``: the activities scale (Patient-Specific Functional Scale) and the pain trend."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from backbridge.program.measures import FunctionScore
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)
WIDTH, HEIGHT, PAD = 360, 180, 30
DATE_LABELS = 4
"""At most this many dates under the line (the first, the last and evenly between), so they
never overlap; the table gives every date."""


def score_chart(scores: list[FunctionScore], change: float) -> Markup:
    """The average of each scale over time, 0-10, as an inline SVG line with its points, over a
    band ``change`` points either side of the first rating: within it a change may be chance."""
    if not scores:
        return Markup("")
    first, last = scores[0].recorded_at, scores[-1].recorded_at
    span = max((last - first).total_seconds(), 1.0)

    def y_of(value: float) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / 10, 1)

    def point(score: FunctionScore) -> tuple[float, float]:
        x = PAD + (WIDTH - 2 * PAD) * (score.recorded_at - first).total_seconds() / span
        return round(x, 1), y_of(score.average)

    base = scores[0].average
    top, bottom = y_of(min(10.0, base + change)), y_of(max(0.0, base - change))
    band = (
        f'<rect class="mcid-band" x="{PAD}" y="{top}" width="{WIDTH - 2 * PAD}" '
        f'height="{round(bottom - top, 1)}"><title>Within {change:g} points of the first '
        f"rating ({base:.1f}): a change this small may be chance</title></rect>"
    )

    points = [point(s) for s in scores]
    line = " ".join(f"{x},{y}" for x, y in points)
    dots = "".join(
        f'<circle cx="{x}" cy="{y}" r="4"><title>{s.recorded_at:%d %b %Y}: '
        f"{s.average:.1f}/10</title></circle>"
        for (x, y), s in zip(points, scores, strict=True)
    )
    axis = "".join(
        f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc"/>'
        f'<text x="4" y="{y + 4:.1f}" font-size="13">{v}</text>'
        for v in (0, 5, 10)
        for y in [HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / 10]
    )
    shown = min(len(scores), DATE_LABELS)
    labelled = sorted({round(i * (len(scores) - 1) / max(shown - 1, 1)) for i in range(shown)})
    axis += "".join(
        f'<text x="{points[i][0]}" y="{HEIGHT - 8}" font-size="13" text-anchor="middle">'
        f"{scores[i].recorded_at:%d %b}</text>"
        for i in labelled
    )
    return Markup(
        f'<svg class="chart fit" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-label="Average activities score over time, 0 to 10">'
        f"{band}{axis}"
        f'<polyline fill="none" stroke="currentColor" stroke-width="2" points="{line}"/>'
        f"{dots}</svg>"
    )


def _page(request: Request, state: State, saved: bool = False) -> HTMLResponse:
    outcomes = state.measures.outcomes()
    rules = state.catalog.rules.outcomes
    names = outcomes.activities + [""] * (rules.max_activities - len(outcomes.activities))
    return render(
        request,
        "measures.html",
        outcomes=outcomes,
        rules=rules,
        rows=names,
        chart=score_chart(outcomes.scores, rules.function_change),
        saved=saved,
    )


@router.get("/measures", response_class=HTMLResponse)
def measures_page(request: Request, state: State) -> HTMLResponse:
    return _page(request, state)


@router.post("/measures", response_class=HTMLResponse)
async def rate(request: Request, state: State) -> HTMLResponse:
    """The scale's form: up to ``max_activities`` rows of an activity and its 0-10 score;
    empty rows are left out."""
    form = await request.form()
    ratings = []
    for n in range(state.catalog.rules.outcomes.max_activities):
        name, score = str(form.get(f"activity-{n}") or "").strip(), form.get(f"score-{n}")
        if name:
            ratings.append((name, int(str(score)) if str(score or "").isdigit() else -1))
    state.measures.record(ratings)
    return _page(request, state, saved=True)
