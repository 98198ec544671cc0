"""``/measures``: the activities scale (Patient-Specific Functional Scale) and the pain trend."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from backbridge.program.measures import FunctionScore
from backbridge.web.pages.layout import render
from backbridge.web.state import State

router = APIRouter(include_in_schema=False)
WIDTH, HEIGHT, PAD = 480, 160, 28


def score_chart(scores: list[FunctionScore]) -> Markup:
    """The average of each scale over time, 0-10, as an inline SVG line with its points."""
    if not scores:
        return Markup("")
    first, last = scores[0].recorded_at, scores[-1].recorded_at
    span = max((last - first).total_seconds(), 1.0)

    def point(score: FunctionScore) -> tuple[float, float]:
        x = PAD + (WIDTH - 2 * PAD) * (score.recorded_at - first).total_seconds() / span
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * score.average / 10
        return round(x, 1), round(y, 1)

    points = [point(s) for s in scores]
    line = " ".join(f"{x},{y}" for x, y in points)
    dots = "".join(
        f'<circle cx="{x}" cy="{y}" r="4"><title>{s.recorded_at:%d %b %Y}: '
        f"{s.average:.1f}/10</title></circle>"
        for (x, y), s in zip(points, scores, strict=True)
    )
    axis = "".join(
        f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc"/>'
        f'<text x="4" y="{y + 4:.1f}" font-size="11">{v}</text>'
        for v in (0, 5, 10)
        for y in [HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / 10]
    )
    axis += "".join(
        f'<text x="{x}" y="{HEIGHT - 8}" font-size="11" text-anchor="middle">'
        f"{s.recorded_at:%d %b}</text>"
        for (x, _), s in zip(points, scores, strict=True)
    )
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-label="Average activities score over time, 0 to 10">'
        f'{axis}<polyline fill="none" stroke="currentColor" stroke-width="2" points="{line}"/>'
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
        chart=score_chart(outcomes.scores),
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
