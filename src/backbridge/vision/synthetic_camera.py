"""The synthetic clips' camera: a world pose (x forward, y up, z to the person's left, in torso
lengths) seen from ``yaw`` degrees around the vertical and ``pitch`` degrees from above,
through an orthographic lens or, given a ``distance``, a pinhole one (near parts larger), with
Gaussian landmark noise; and an editor's cross-dissolve between two such views.

Its own code: nothing here comes from the analysers' geometry, so a view they read wrongly
shows up as a miss.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass

from backbridge.vision.landmarks import Landmark, Point

Vec3 = tuple[float, float, float]


@dataclass(frozen=True)
class Camera:
    yaw: float = 0.0
    """0 sees an upright person from their right side facing image-right, 90 from the front."""
    pitch: float = 0.0
    """Degrees the camera looks down at the person from above (0: level with them)."""
    distance: float | None = None
    """Torso lengths from the body's centre to a pinhole camera; None: orthographic."""
    aspect: float = 16 / 9
    noise: float = 0.002
    """Standard deviation of each landmark's image position, in image heights."""


def project(
    pose: Mapping[Point, Vec3],
    camera: Camera,
    rng: random.Random,
    *,
    scale: float,
    offset: float,
) -> tuple[Landmark, ...]:
    """The 33 landmarks as a pose model would report them: image x and y (0-1), a relative
    depth and a visibility that is lower for points on the far side of the body."""
    yaw, pitch = math.radians(camera.yaw), math.radians(camera.pitch)
    seen: dict[Point, tuple[float, float, float, float]] = {}
    for point in Point:
        x3, y3, z3 = pose[point]
        across = x3 * math.cos(yaw) + z3 * math.sin(yaw)
        away = -x3 * math.sin(yaw) + z3 * math.cos(yaw)  # from the camera, level
        up = y3 * math.cos(pitch) + away * math.sin(pitch)  # farther parts higher from above
        depth = away * math.cos(pitch) - y3 * math.sin(pitch)
        seen[point] = (across, up, depth, away)
    xs, ys = [v[0] for v in seen.values()], [v[1] for v in seen.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    centre_depth = sum(v[2] for v in seen.values()) / len(seen)
    points = []
    for point in Point:
        across, up, depth, away = seen[point]
        magnify = 1.0
        if camera.distance is not None:
            magnify = camera.distance / max(camera.distance + depth - centre_depth, 0.1)
        image_x = 0.5 + offset + (across - cx) * magnify * scale / camera.aspect
        image_x += rng.gauss(0, camera.noise)
        image_y = 0.55 - (up - cy) * magnify * scale + rng.gauss(0, camera.noise)
        far = away > 0.05
        visibility = (0.55 if far else 0.97) + rng.uniform(-0.04, 0.03)
        points.append(Landmark(image_x, image_y, away * scale, visibility))
    return tuple(points)


def blend(
    first: tuple[Landmark, ...], second: tuple[Landmark, ...], weight: float
) -> tuple[Landmark, ...]:
    """A frame of a cross-dissolve as a pose model sees it: each landmark ``weight`` of the way
    from the first view's to the second's (the picture fades; the fitted skeleton morphs)."""
    return tuple(
        Landmark(
            a.x + (b.x - a.x) * weight,
            a.y + (b.y - a.y) * weight,
            a.z + (b.z - a.z) * weight,
            a.visibility + (b.visibility - a.visibility) * weight,
        )
        for a, b in zip(first, second, strict=True)
    )
