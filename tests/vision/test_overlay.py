"""The overlay: skeleton, counter and cue, with the text placed where it does not cover the person."""

from __future__ import annotations

import numpy as np
import pytest

from backbridge.capture import overlay
from backbridge.vision.events import Fault, Snapshot
from backbridge.vision.landmarks import Frame, Landmark

WIDTH, HEIGHT = 640, 360
GREY = 200
FAULT = Fault(
    cue="knees-apart", text="Keep your knees apart — gently.", t=1.0, value=0.7, threshold=0.8
)
SNAPSHOT = Snapshot(
    reps=3, reps_by_side={"left": 2, "right": 1}, phase="work", last_fault=FAULT, person_found=True
)


def body(x0: float, y0: float, x1: float, y1: float) -> tuple[Landmark, ...]:
    """33 visible points spread over a box (normalised), standing in for a person's landmarks."""
    return tuple(
        Landmark(x0 + (i % 11) / 10 * (x1 - x0), y0 + (i // 11) / 2 * (y1 - y0), 0.0, 0.9)
        for i in range(33)
    )


LYING_LOW = body(0.08, 0.72, 0.92, 0.92)  # on a mat, filmed from the side: the bottom band
LYING_HIGH = body(0.08, 0.08, 0.92, 0.28)  # the camera upside down, or a bed at the top
STANDING_LEFT = body(0.15, 0.08, 0.38, 0.95)


def drawn(
    person: tuple[Landmark, ...] | None,
    *,
    t: float = 2.0,
    placement: overlay.TextPlacement | None = None,
    snapshot: Snapshot = SNAPSHOT,
) -> np.ndarray:
    """Where the text panels darkened a plain grey picture (the skeleton is never that dark)."""
    image = np.full((HEIGHT, WIDTH, 3), GREY, np.uint8)
    frame = Frame(t=t, people=(person,) if person else (), aspect=WIDTH / HEIGHT)
    overlay.draw(
        image, frame, snapshot, title="Hip bridge", placement=placement or overlay.TextPlacement()
    )
    return (image <= 80).all(axis=2)


def rows_and_columns(mask: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(mask)
    return int(ys.min()), int(ys.max()), int(xs.min()), int(xs.max())


def test_the_overlay_draws_skeleton_counter_and_cue() -> None:
    image = np.zeros((240, 320, 3), np.uint8)
    frame = Frame(t=2.0, people=(LYING_LOW,), aspect=320 / 240)
    overlay.draw(image, frame, SNAPSHOT, title="Hip bridge", placement=overlay.TextPlacement())
    assert image[200:, :].any(), "the skeleton is drawn over the person"
    with_cue = drawn(LYING_LOW).sum()
    without = drawn(LYING_LOW, t=9.0).sum()
    assert 0 < without < with_cue, "an old cue is no longer shown"


def test_a_person_lying_at_the_bottom_gets_the_text_at_the_top() -> None:
    top, bottom, _, _ = rows_and_columns(drawn(LYING_LOW))
    assert top == 0
    assert bottom < 0.72 * HEIGHT - 0.05 * HEIGHT, "no text over the person's box"


def test_a_person_lying_at_the_top_gets_the_text_at_the_bottom() -> None:
    top, bottom, _, _ = rows_and_columns(drawn(LYING_HIGH))
    assert bottom == HEIGHT - 1
    assert top > 0.28 * HEIGHT + 0.05 * HEIGHT


def test_a_person_standing_on_the_left_gets_the_text_on_the_right() -> None:
    _, _, left, right = rows_and_columns(drawn(STANDING_LEFT))
    assert right == WIDTH - 1
    assert left > 0.38 * WIDTH + 0.05 * HEIGHT


def test_the_text_stays_put_through_a_brief_pass_then_moves() -> None:
    placement = overlay.TextPlacement()
    assert rows_and_columns(drawn(LYING_LOW, t=0.0, placement=placement))[0] == 0
    # The person's box jumps to the top for less than the hold time: the text does not jump.
    fps = 30
    brief = [1 + n / fps for n in range(round(overlay.HOLD_SECONDS * fps) - 2)]
    for t in brief:
        assert rows_and_columns(drawn(LYING_HIGH, t=t, placement=placement))[0] == 0
    assert rows_and_columns(drawn(LYING_LOW, t=brief[-1] + 0.1, placement=placement))[0] == 0
    # Nobody in view: it stays where it was.
    assert rows_and_columns(drawn(None, t=2.0, placement=placement))[0] == 0
    # Lying at the top for longer: the text goes to the bottom, and stays there.
    corners = [
        rows_and_columns(drawn(LYING_HIGH, t=3 + n / fps, placement=placement))[1]
        for n in range(2 * round(overlay.HOLD_SECONDS * fps))
    ]
    assert corners[0] < HEIGHT - 1 and corners[-1] == HEIGHT - 1
    moved = corners.index(HEIGHT - 1)
    assert all(bottom == HEIGHT - 1 for bottom in corners[moved:]), "it moved once"


def test_the_text_stays_when_no_corner_is_clearly_better() -> None:
    placement = overlay.TextPlacement()
    drawn(LYING_LOW, t=0.0, placement=placement)
    assert placement.corner.startswith("top")
    # The person sits up and fills most of the picture: every corner covers them.
    sitting = body(0.3, 0.2, 0.92, 0.92)
    for n in range(60):
        drawn(sitting, t=1 + n / 30, placement=placement)
    assert placement.corner.startswith("top")


@pytest.mark.parametrize("t", [5.0, 0.5])
def test_a_new_stream_starts_afresh(t: float) -> None:
    """A shared placement forgets the last stream when the time goes back or the size changes."""
    placement = overlay.TextPlacement()
    drawn(LYING_LOW, t=4.0, placement=placement)
    assert placement.corner.startswith("top")
    if t > 4:  # later in time, but a smaller picture
        image = np.full((HEIGHT // 2, WIDTH // 2, 3), GREY, np.uint8)
        frame = Frame(t=t, people=(LYING_HIGH,), aspect=WIDTH / HEIGHT)
        overlay.draw(image, frame, SNAPSHOT, title="x", placement=placement)
    else:
        drawn(LYING_HIGH, t=t, placement=placement)
    assert placement.corner.startswith("bottom")
