"""Real clips seen from a worse place: the same landmarks turned about the body's vertical axis
(with the pose model's own depth estimate), as if the camera had been put somewhere else. Where
the movement is then too small on screen to count, the coach says so and where to put the
camera, and reports no count rather than zero."""

from __future__ import annotations

import math
from dataclasses import replace

from backbridge.catalog import Catalog
from backbridge.vision.events import Notice
from backbridge.vision.exercises import analysis_for
from backbridge.vision.landmarks import Frame, Landmark, Point
from backbridge.vision.report import report
from tests.vision.test_faults_on_real_clips import frames_of


def turned(frame: Frame, degrees: float) -> Frame:
    """The camera moved ``degrees`` round the person (about the vertical through the mid-hip):
    each point's image x mixes its x and its depth ``z`` (same scale as x)."""
    if not frame.people:
        return frame
    person, a = frame.people[0], frame.aspect
    centre = (person[Point.LEFT_HIP].x + person[Point.RIGHT_HIP].x) / 2 * a
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    moved = tuple(
        Landmark((centre + (p.x * a - centre) * cos + p.z * a * sin) / a, p.y, p.z, p.visibility)
        for p in person
    )
    return replace(frame, people=(moved,))


def test_a_donkey_kick_filmed_from_behind_is_refused_in_words(catalog: Catalog) -> None:
    """The side-view dev clip (7 reps) seen from behind: the leg moving back goes towards the
    camera, its range on screen stays under the floor, and the count is refused, live."""
    frames = frames_of("donkey_kick_darebee.json.gz")
    analysis = analysis_for(catalog, "quadruped-hip-extension")
    said: list[Notice] = []
    for frame in frames:
        said += [e for e in analysis.feed(turned(frame, 90)) if isinstance(e, Notice)]
    analysis.finish()
    assert analysis.refused
    assert said and said[0].t < frames[-1].t  # said while watching, not only at the end
    assert "cannot see this movement well from here: put it at your side" in said[0].text
    document = report(analysis)
    assert document["reps"] == 0 and document["reps_detail"] == []
    assert any("cannot see" in w for w in document["warnings"])


def test_the_same_clip_from_its_own_side_is_counted(catalog: Catalog) -> None:
    analysis = analysis_for(catalog, "quadruped-hip-extension")
    for frame in frames_of("donkey_kick_darebee.json.gz"):
        analysis.feed(turned(frame, 0))
    analysis.finish()
    assert not analysis.refused and len(analysis.reps) == 7
    assert not any("cannot see" in n.text for n in analysis.notices)


def test_a_fire_hydrant_filmed_end_on_is_refused_not_zero(catalog: Catalog) -> None:
    """Both views of the dev clip turned a further 90 degrees: nothing counts, and it says so."""
    analysis = analysis_for(catalog, "fire-hydrant")
    for frame in frames_of("fire_hydrant_circle_fitbod.json.gz"):
        analysis.feed(turned(frame, 90))
    analysis.finish()
    assert analysis.refused
    assert any("put it behind you or at your side" in n.text for n in analysis.notices)
