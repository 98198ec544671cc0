"""The synthetic bodies' parts: limb lengths in torso lengths, and the head, arms, hands and
feet that every pose of :mod:`backbridge.vision.synthetic` and
:mod:`backbridge.vision.synthetic_legs` puts on its trunk and legs. A world frame with x forward
for an upright person, y up and z to the person's left; none of it the analysers' geometry."""

from __future__ import annotations

import math

from backbridge.vision.landmarks import Point

Vec3 = tuple[float, float, float]
Pose = dict[Point, Vec3]

TORSO = 1.0
THIGH = 0.95
SHANK = 0.95
HIP_HALF = 0.2
SHOULDER_HALF = 0.25
UPPER_ARM = 0.6
FOREARM = 0.55
HEAD = 0.4


def upright_head_and_arms(pose: Pose, hips: Vec3, lean: float, arms_forward: bool) -> None:
    """Shoulders, head and arms on a trunk leaning ``lean`` degrees forward from vertical."""
    lx, ly = math.sin(math.radians(lean)), math.cos(math.radians(lean))
    shoulder = (hips[0] + TORSO * lx, hips[1] + TORSO * ly, 0.0)
    for side, z in (("LEFT", SHOULDER_HALF), ("RIGHT", -SHOULDER_HALF)):
        pose[Point[f"{side}_SHOULDER"]] = (shoulder[0], shoulder[1], z)
        if arms_forward:
            elbow = (shoulder[0] + UPPER_ARM, shoulder[1], z)
            wrist = (elbow[0] + FOREARM, elbow[1], z)
        else:
            elbow = (shoulder[0], shoulder[1] - UPPER_ARM, z)
            wrist = (elbow[0], elbow[1] - FOREARM, z)
        pose[Point[f"{side}_ELBOW"]] = elbow
        pose[Point[f"{side}_WRIST"]] = wrist
    head = (shoulder[0] + HEAD * lx, shoulder[1] + HEAD * ly, 0.0)
    face(pose, head, facing=(1.0, 0.0, 0.0))


def face(pose: Pose, head: Vec3, facing: Vec3) -> None:
    fx, fy, fz = facing
    pose[Point.NOSE] = (head[0] + 0.12 * fx, head[1] + 0.12 * fy, head[2] + 0.12 * fz)
    for side, z in (("LEFT", 1.0), ("RIGHT", -1.0)):
        for part, across in (
            ("EYE_INNER", 0.03),
            ("EYE", 0.05),
            ("EYE_OUTER", 0.07),
            ("EAR", 0.09),
        ):
            pose[Point[f"{side}_{part}"]] = (
                head[0] + 0.08 * fx,
                head[1] + 0.04,
                head[2] + z * across,
            )
        pose[Point[f"MOUTH_{side}"]] = (head[0] + 0.1 * fx, head[1] - 0.06, head[2] + z * 0.03)


def feet(pose: Pose, forward: Vec3) -> None:
    """Heels, toes and hand points from ankles and wrists."""
    for side in ("LEFT", "RIGHT"):
        ax, ay, az = pose[Point[f"{side}_ANKLE"]]
        pose[Point[f"{side}_HEEL"]] = (ax - 0.06 * forward[0], ay - 0.05, az - 0.06 * forward[2])
        pose[Point[f"{side}_FOOT_INDEX"]] = (
            ax + 0.22 * forward[0],
            ay - 0.06 + 0.22 * forward[1],
            az + 0.22 * forward[2],
        )
        wx, wy, wz = pose[Point[f"{side}_WRIST"]]
        for part, dz in (("PINKY", -0.03), ("INDEX", 0.0), ("THUMB", 0.03)):
            pose[Point[f"{side}_{part}"]] = (wx + 0.08, wy - 0.02, wz + dz)
