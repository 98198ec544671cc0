"""Demonstration figures: a stick figure per family of exercises, as inline SVG, for the page
and for paper alike.

The family comes from the exercise's camera analyser where it has one, otherwise from the
starting position its first step describes (on your back, on one side, on hands and knees,
kneeling on one knee, standing). Each family has two keyframes, the start and the end
position: on a page the figure moves between them at the exercise's tempo (:func:`figure`);
a printed handout shows each keyframe still (:func:`still`), drawn by the same code.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from backbridge.catalog.models import BandPlacement, Exercise

Point = tuple[float, float]
Pose = dict[str, Point]

STAND: Pose = {
    "head": (100, 20), "neck": (100, 34), "elbow1": (104, 53), "hand1": (106, 71),
    "elbow2": (96, 53), "hand2": (98, 71), "hip": (100, 74), "knee1": (102, 99),
    "ankle1": (100, 124), "knee2": (98, 99), "ankle2": (100, 124),
}  # fmt: skip
SQUAT: Pose = {
    **STAND, "head": (108, 44), "neck": (104, 57), "elbow1": (118, 68), "hand1": (128, 66),
    "elbow2": (114, 70), "hand2": (124, 68), "hip": (80, 92), "knee1": (110, 96),
    "knee2": (108, 97),
}  # fmt: skip
LEG_BACK: Pose = {**STAND, "knee2": (88, 97), "ankle2": (72, 117), "neck": (103, 35),
                  "head": (104, 21)}  # fmt: skip
SUPINE: Pose = {
    "head": (28, 114), "neck": (42, 117), "elbow1": (58, 121), "hand1": (74, 122),
    "elbow2": (58, 122), "hand2": (74, 123), "hip": (100, 118), "knee1": (128, 92),
    "ankle1": (148, 123), "knee2": (130, 93), "ankle2": (150, 123),
}  # fmt: skip
BRIDGE: Pose = {**SUPINE, "hip": (100, 94), "knee1": (132, 84), "knee2": (134, 85)}
KNEE_HUG: Pose = {**SUPINE, "knee2": (92, 88), "ankle2": (112, 100), "elbow2": (68, 100),
                  "hand2": (90, 92)}  # fmt: skip
SIDE: Pose = {
    "head": (28, 104), "neck": (42, 110), "elbow1": (34, 122), "hand1": (24, 108),
    "elbow2": (60, 106), "hand2": (76, 110), "hip": (100, 114), "knee1": (126, 104),
    "ankle1": (152, 118), "knee2": (126, 101), "ankle2": (152, 115),
}  # fmt: skip
CLAM_OPEN: Pose = {**SIDE, "knee2": (116, 80)}
FOURS: Pose = {
    "head": (160, 58), "neck": (146, 64), "elbow1": (147, 94), "hand1": (148, 124),
    "elbow2": (144, 94), "hand2": (145, 124), "hip": (80, 66), "knee1": (80, 122),
    "ankle1": (46, 124), "knee2": (82, 122), "ankle2": (48, 124),
}  # fmt: skip
FOURS_LEG: Pose = {**FOURS, "knee2": (56, 58), "ankle2": (30, 40)}
KNEEL: Pose = {
    "head": (100, 30), "neck": (100, 44), "elbow1": (104, 62), "hand1": (112, 76),
    "elbow2": (96, 62), "hand2": (104, 78), "hip": (98, 82), "knee1": (84, 122),
    "ankle1": (54, 124), "knee2": (132, 84), "ankle2": (132, 124),
}  # fmt: skip
KNEEL_FORWARD: Pose = {**KNEEL, "hip": (108, 86), "neck": (106, 47), "head": (107, 33),
                       "knee2": (140, 88)}  # fmt: skip

FAMILIES: dict[str, tuple[Pose, Pose]] = {
    "standing": (STAND, LEG_BACK),
    "squat": (STAND, SQUAT),
    "squat-leg-back": (SQUAT, LEG_BACK),
    "bridge": (SUPINE, BRIDGE),
    "supine": (SUPINE, KNEE_HUG),
    "side-lying": (SIDE, CLAM_OPEN),
    "hands-and-knees": (FOURS, FOURS_LEG),
    "kneeling": (KNEEL, KNEEL_FORWARD),
}
ANALYSER_FAMILY = {
    "bridge": "bridge",
    "squat": "squat",
    "lunge": "squat",
    "squat-hip-extension": "squat-leg-back",
    "clamshell": "side-lying",
    "hip-extension": "hands-and-knees",
    "standing-hip-extension": "standing",
    "leg-lift": "standing",
}
POSITION_WORDS = (
    ("on your back", "supine"),
    ("on one side", "side-lying"),
    ("on your side", "side-lying"),
    ("hands and knees", "hands-and-knees"),
    ("kneel on one knee", "kneeling"),
)
LIMBS = (
    ("neck", "hip"),
    ("hip", "knee1", "ankle1"),
    ("hip", "knee2", "ankle2"),
    ("neck", "elbow1", "hand1"),
    ("neck", "elbow2", "hand2"),
)


def family(exercise: Exercise) -> str:
    if exercise.camera is not None and exercise.camera.analyser in ANALYSER_FAMILY:
        return ANALYSER_FAMILY[exercise.camera.analyser]
    opening = exercise.steps[0].lower()
    for words, name in POSITION_WORDS:
        if words in opening:
            return name
    return "standing"


def _points(pose: Pose, joints: tuple[str, ...]) -> str:
    return " ".join(f"{pose[j][0]:g},{pose[j][1]:g}" for j in joints)


def figure(exercise: Exercise, band_colour: str | None = None) -> Markup:
    """The exercise's figure, moving at its tempo (3 s a rep without one)."""
    start, end = FAMILIES[family(exercise)]
    seconds = exercise.tempo.rep_seconds if exercise.tempo else 3.0
    animate = f'dur="{seconds:g}s" repeatCount="indefinite" calcMode="spline" keyTimes="0;0.5;1" '
    animate += 'keySplines="0.4 0 0.6 1;0.4 0 0.6 1"'
    label = f"Stick figure showing {exercise.name}"
    return _drawing(exercise, start, end, animate, band_colour, label)


def still(exercise: Exercise, position: str, band_colour: str | None = None) -> Markup:
    """One keyframe of the exercise's figure, not moving: ``position`` is ``"start"`` or
    ``"end"``. For paper, where nothing moves."""
    start, end = FAMILIES[family(exercise)]
    pose = start if position == "start" else end
    label = f"{exercise.name}: {position} position"
    return _drawing(exercise, pose, pose, None, band_colour, label)


def _drawing(
    exercise: Exercise,
    start: Pose,
    end: Pose,
    animate: str | None,
    band_colour: str | None,
    label: str,
) -> Markup:
    """The figure in ``start``; with ``animate``, moving to ``end`` and back."""

    def moving(attribute: str, a: str, b: str) -> str:
        if animate is None:
            return ""
        return f'<animate attributeName="{attribute}" values="{a};{b};{a}" {animate}/>'

    parts = ['<line x1="4" x2="196" y1="126" y2="126" class="floor"/>']
    for joints in LIMBS:
        a, b = _points(start, joints), _points(end, joints)
        parts.append(f'<polyline points="{a}" class="limb">{moving("points", a, b)}</polyline>')
    (hx, hy), (ex, ey) = start["head"], end["head"]
    parts.append(
        f'<circle cx="{hx:g}" cy="{hy:g}" r="10" class="head">'
        f"{moving('cx', f'{hx:g}', f'{ex:g}')}{moving('cy', f'{hy:g}', f'{ey:g}')}</circle>"
    )
    if exercise.band_placement is not None:
        colour = (band_colour or "red").lower()
        ends = ("knee1", "knee2") if exercise.band_placement is BandPlacement.ABOVE_KNEES else (
            "ankle1", "hand1")  # fmt: skip
        a, b = _points(start, ends), _points(end, ends)
        parts.append(
            f'<polyline points="{a}" class="band" stroke="{colour}">'
            f"{moving('points', a, b)}</polyline>"
        )
    text = escape(label)
    return Markup(
        f'<svg class="figure" viewBox="0 0 200 132" role="img" aria-label="{text}">'
        f"<title>{text}</title>{''.join(parts)}</svg>"
    )
