"""Synthetic poses for straight-leg lifts out to the side (hip abduction), standing and lying
on the side, built from the body parts of :mod:`backbridge.vision.synthetic_bodies` and filmed
by :mod:`backbridge.vision.synthetic`.

Injected faults: ``lean`` tips the trunk away from the lifting leg over a level pelvis;
``hitch`` tilts the pelvis up on the lifting side and the body above it with it, as one piece
pivoting on the standing hip; ``pelvis-roll`` rolls the top hip backwards when lying.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from backbridge.vision.landmarks import Point
from backbridge.vision.synthetic import Scenario, quadruped_hip_extension, standing
from backbridge.vision.synthetic_bodies import (
    HEAD,
    HIP_HALF,
    SHANK,
    SHOULDER_HALF,
    THIGH,
    TORSO,
    Pose,
    face,
    feet,
)


def standing_hip_abduction(q: float, p: float, side: str, s: Scenario) -> Pose:
    """Standing, one straight leg lifted out to the side."""
    pose = standing(0.0, p, side, s)
    name = side.upper()
    outward = 1.0 if side == "left" else -1.0
    lift = math.radians(35 * q)
    hip = pose[Point[f"{name}_HIP"]]
    knee = (hip[0], hip[1] - THIGH * math.cos(lift), hip[2] + outward * THIGH * math.sin(lift))
    ankle = (
        hip[0],
        hip[1] - (THIGH + SHANK) * math.cos(lift),
        hip[2] + outward * (THIGH + SHANK) * math.sin(lift),
    )
    pose[Point[f"{name}_KNEE"]], pose[Point[f"{name}_ANKLE"]] = knee, ankle
    tip = math.radians(25 * q if s.fault == "lean" else 2 * q)
    hips = (0.0, SHANK + THIGH, 0.0)
    for part, z in (("LEFT", SHOULDER_HALF), ("RIGHT", -SHOULDER_HALF)):
        pose[Point[f"{part}_SHOULDER"]] = (
            0.0,
            hips[1] + TORSO * math.cos(tip),
            z - outward * TORSO * math.sin(tip),
        )
    face(
        pose,
        (0.0, hips[1] + TORSO + HEAD, -outward * (TORSO + HEAD) * math.sin(tip)),
        facing=(1.0, 0.0, 0.0),
    )
    feet(pose, (1.0, 0.0, 0.0))
    if s.fault == "hitch":
        _hitch(pose, side, math.radians(20 * q))
    return pose


def _hitch(pose: Pose, side: str, angle: float) -> None:
    """Turn everything but the standing leg about the standing hip, lifting side up."""
    stance = "RIGHT" if side == "left" else "LEFT"
    outward = 1.0 if side == "left" else -1.0
    _, py, pz = pose[Point[f"{stance}_HIP"]]
    fixed = {Point[f"{stance}_{part}"] for part in ("KNEE", "ANKLE", "HEEL", "FOOT_INDEX")}
    for point, (x, y, z) in list(pose.items()):
        if point in fixed:
            continue
        across, up = outward * (z - pz), y - py
        across, up = (
            across * math.cos(angle) - up * math.sin(angle),
            across * math.sin(angle) + up * math.cos(angle),
        )
        pose[point] = (x, py + up, pz + outward * across)


def side_lying_hip_abduction(q: float, p: float, side: str, s: Scenario) -> Pose:
    """Lying on one side facing the camera (−z), head towards −x, legs straight and stacked;
    the top leg lifts straight up towards the ceiling and comes back down."""
    pose: Pose = {}
    top, bottom = ("LEFT", "RIGHT") if side == "left" else ("RIGHT", "LEFT")
    roll = math.radians(40 * q if s.fault == "pelvis-roll" else 0.0)
    stack = 2 * HIP_HALF
    pose[Point[f"{bottom}_HIP"]] = (0.0, 0.2, 0.0)
    pose[Point[f"{top}_HIP"]] = (0.0, 0.2 + stack * math.cos(roll), stack * math.sin(roll))
    pose[Point[f"{bottom}_SHOULDER"]] = (-TORSO, 0.25, 0.0)
    pose[Point[f"{top}_SHOULDER"]] = (-TORSO, 0.25 + 2 * SHOULDER_HALF, 0.0)
    pose[Point[f"{bottom}_KNEE"]] = (THIGH, 0.2, 0.0)
    pose[Point[f"{bottom}_ANKLE"]] = (THIGH + SHANK, 0.2, 0.0)
    lift = math.radians(35 * q)
    hx, hy, hz = pose[Point[f"{top}_HIP"]]
    for part, length in (("KNEE", THIGH), ("ANKLE", THIGH + SHANK)):
        pose[Point[f"{top}_{part}"]] = (
            hx + length * math.cos(lift),
            hy + length * math.sin(lift),
            hz,
        )
    for name in (bottom, top):
        sx, sy, sz = pose[Point[f"{name}_SHOULDER"]]
        pose[Point[f"{name}_ELBOW"]] = (sx + 0.3, sy - 0.1, sz - 0.4)
        pose[Point[f"{name}_WRIST"]] = (sx + 0.6, sy - 0.1, sz - 0.5)
    face(pose, (-TORSO - HEAD, 0.4, -0.05), facing=(0.0, 0.0, -1.0))
    feet(pose, (0.0, 0.0, -1.0))
    return pose


def fire_hydrant(q: float, p: float, side: str, s: Scenario) -> Pose:
    """On hands and knees facing +x; the working thigh swings out to the side (about the
    body's long axis) up to 75 degrees (the dev clip's knee reaches about hip height), the
    knee staying bent with the shin pointing back."""
    pose = quadruped_hip_extension(0.0, p, side, s)
    name = side.upper()
    outward = 1.0 if side == "left" else -1.0
    lift = math.radians(75 * q)
    hx, hy, hz = pose[Point[f"{name}_HIP"]]
    knee = (hx, hy - THIGH * math.cos(lift), hz + outward * THIGH * math.sin(lift))
    pose[Point[f"{name}_KNEE"]] = knee
    pose[Point[f"{name}_ANKLE"]] = (knee[0] - SHANK, knee[1], knee[2])
    return pose


POSES: dict[str, Callable[[float, float, str, Scenario], Pose]] = {
    "fire-hydrant": fire_hydrant,
    "standing-hip-abduction": standing_hip_abduction,
    "side-lying-hip-abduction": side_lying_hip_abduction,
}
