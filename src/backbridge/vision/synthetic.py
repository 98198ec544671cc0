"""Synthetic landmark sequences from a kinematic model of each exercise, for tests and
benchmarks: any view, tempo, noise, dropped frames, partial reps, a second person, and injected
form faults that real recordings rarely cover.

Bodies are built in a world frame (x forward for an upright person, y up, z to the person's
left; lying bodies are placed on the floor) in torso lengths, then seen by a camera turned
``yaw`` degrees around the vertical: 0 sees an upright person from their right side facing
image-right, 90 from the front, 180 from their left side facing image-left. The camera
(:mod:`~backbridge.vision.synthetic_camera`) is orthographic and level unless a scenario
raises it (``pitch``) or brings it close (``camera_distance``, a pinhole lens), and can
cross-dissolve to a second angle halfway through (``dissolve_turn``). None of this uses the
analysers' geometry.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from backbridge.vision.landmarks import Frame, Landmark, Point
from backbridge.vision.synthetic_bodies import (
    FOREARM,
    HEAD,
    HIP_HALF,
    SHANK,
    SHOULDER_HALF,
    THIGH,
    TORSO,
    UPPER_ARM,
    Pose,
    face,
    feet,
    upright_head_and_arms,
)
from backbridge.vision.synthetic_camera import Camera, blend, project

PEAK = {"squat-hip-extension": 0.8}
"""Where in a rep the movement is at its far end, for clips that start mid-rep."""
DISSOLVE_S = 0.33
"""A cross-dissolve's length (about 20 frames, as in the dev clip that has one)."""
BLIND_YAWS: dict[str, tuple[float, ...]] = {
    # lying along x: a camera at 90 or 270 looks along the body, from the feet or the head
    "bridge": (90.0, 270.0),
    "banded-bridge-abduction": (90.0, 270.0),
    "single-leg-bridge": (90.0, 270.0),
    # standing facing +x, the leg moves back along x: from the front or from behind it moves
    # along the line of sight
    "standing-hip-extension": (90.0, 270.0),
}
"""Camera yaws from which, by the filming rules (docs/camera.md), the movement cannot be
measured and the coach asks for another camera place instead of counting: a bridge seen
end-on, a standing hip extension seen from the front or from behind. A set seen from there
expects no count (the analysis refuses it); in a clip that dissolves into or out of such a
view, only the reps seen from the other view are expected."""
BLIND_WITHIN = 20.0
"""Degrees either side of a blind yaw that are blind too (the scenarios step by 45)."""


@dataclass(frozen=True)
class Scenario:
    """One synthetic clip. ``fault`` names a form fault to inject into every rep."""

    exercise: str
    reps: int = 5
    rep_seconds: float = 3.0
    rest_seconds: float = 1.0
    fps: float = 30.0
    yaw: float = 0.0
    noise: float = 0.002
    drop_rate: float = 0.0
    partial_start: bool = False
    partial_end: bool = False
    ends_at_top: bool = False
    """The clip stops while the last rep is at its far end: that rep still counts."""
    second_person: bool = False
    fault: str | None = None
    side: str = "left"
    """``left``, ``right`` or ``alternate``: the working side of one-sided exercises."""
    seed: int = 1
    aspect: float = 16 / 9
    pitch: float = 0.0
    """Degrees the camera looks down from above (a phone on a shelf); 0 is level."""
    camera_distance: float | None = None
    """Torso lengths from the body to a pinhole camera (near parts look larger); None is an
    orthographic camera."""
    dissolve_turn: float | None = None
    """Halfway through the set, a cross-dissolve (as an editor joins two camera angles) to a
    second camera turned this many degrees further round the person."""
    hold_seconds: float | None = None
    """A hold this long at the far end of each rep, the rest of ``rep_seconds`` split between
    the way there and the way back (otherwise a fifth of the rep is held)."""
    extra: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Clip:
    frames: list[Frame]
    expected_reps: int
    """The reps the partial-rep rule counts, among those seen from a view the movement can
    be measured from (:data:`BLIND_YAWS`)."""
    expected_sides: list[str | None]
    blind_reps: int = 0
    """Reps performed where the camera could not measure them: not expected to be counted;
    with no rep expected, the analysis is expected to refuse the set."""


def blind(exercise: str, yaw: float) -> bool:
    """The movement cannot be measured from a camera at ``yaw`` (:data:`BLIND_YAWS`)."""
    return any(
        abs((yaw - blind_yaw + 180.0) % 360.0 - 180.0) <= BLIND_WITHIN
        for blind_yaw in BLIND_YAWS.get(exercise, ())
    )


def generate(scenario: Scenario) -> Clip:
    rng = random.Random(scenario.seed)
    pose_of = POSES.get(scenario.exercise) or _leg_poses()[scenario.exercise]
    cycle = scenario.rest_seconds + scenario.rep_seconds
    total = scenario.reps * cycle + scenario.rest_seconds
    peak = PEAK.get(scenario.exercise, 0.55)
    start = scenario.rest_seconds + peak * scenario.rep_seconds if scenario.partial_start else 0.0
    end = total
    if scenario.partial_end:
        end = total - scenario.rest_seconds - 0.85 * scenario.rep_seconds
    elif scenario.ends_at_top:
        end = total - scenario.rest_seconds - 0.5 * scenario.rep_seconds
    sides = [_side(scenario, n) for n in range(scenario.reps)]
    dissolve = None
    if scenario.dissolve_turn is not None:  # in the rest before the middle rep
        middle = (scenario.reps // 2) * cycle + scenario.rest_seconds / 2
        dissolve = (middle - DISSOLVE_S / 2, middle + DISSOLVE_S / 2, scenario.dissolve_turn)
    frames = []
    step = 1 / scenario.fps
    t = start
    while t <= end:
        n = min(int(t // cycle), scenario.reps - 1)
        into = t - n * cycle - scenario.rest_seconds
        p = into / scenario.rep_seconds if 0 <= into <= scenario.rep_seconds else 0.0
        q = (
            _profile(p, scenario.fault == "jerk")
            if scenario.hold_seconds is None
            else _held(p, scenario.hold_seconds / scenario.rep_seconds)
        )
        pose = pose_of(q, p, sides[n], scenario)
        person = _project(pose, scenario, rng, scale=0.16, offset=0.0)
        if dissolve is not None and t > dissolve[0]:
            turned = _project(pose, scenario, rng, scale=0.16, offset=0.0, turn=dissolve[2])
            weight = min(1.0, (t - dissolve[0]) / (dissolve[1] - dissolve[0]))
            person = blend(person, turned, weight)
        people = [person]
        if scenario.second_person:
            bystander = POSES["standing"](0.5 + 0.5 * math.sin(t), 0.0, "left", scenario)
            people.append(_project(bystander, scenario, rng, scale=0.08, offset=0.55))
            if rng.random() < 0.5:
                people.reverse()
        dropped = rng.random() < scenario.drop_rate
        frames.append(
            Frame(
                t=round(t - start, 4),
                people=() if dropped else tuple(people),
                aspect=scenario.aspect,
            )
        )
        t += step
    # The partial-rep rule (docs/camera.md): a clip that starts at the far end of a rep did not
    # see it leave the start position, so that rep does not count; nor does one cut before its
    # far end.
    first = 1 if scenario.partial_start else 0
    last = scenario.reps - (1 if scenario.partial_end else 0)
    # Reps seen only from a view that cannot measure the movement are not expected either: the
    # coach counts what it could see and says where to put the camera.
    turn = dissolve[2] if dissolve is not None else 0.0
    yaws = [scenario.yaw + (turn if n >= scenario.reps // 2 else 0.0) for n in range(scenario.reps)]
    seen = [n for n in range(first, last) if not blind(scenario.exercise, yaws[n])]
    return Clip(frames, len(seen), [sides[n] for n in seen], blind_reps=last - first - len(seen))


def _leg_poses() -> dict[str, Callable[[float, float, str, Scenario], Pose]]:
    """The leg-lift poses live in their own module, which builds on this one's body parts."""
    from backbridge.vision.synthetic_legs import POSES as LEG_POSES

    return LEG_POSES


def _side(scenario: Scenario, n: int) -> str:
    if scenario.side == "alternate":
        return "left" if n % 2 == 0 else "right"
    return scenario.side


def _profile(p: float, jerk: bool) -> float:
    """Progress of the movement (0 start position, 1 the far end) at fraction ``p`` of a rep:
    a smooth rise, a hold at the top and a smooth return; a jerk opens in a flash."""
    if p <= 0 or p >= 1:
        return 0.0
    rise = 0.08 if jerk else 0.4
    if p < rise:
        return 0.5 - 0.5 * math.cos(math.pi * p / rise)
    if p < 0.6:
        return 1.0
    return 0.5 + 0.5 * math.cos(math.pi * (p - 0.6) / 0.4)


def _held(p: float, hold: float) -> float:
    """Like :func:`_profile`, with a hold of share ``hold`` of the rep at the far end."""
    if p <= 0 or p >= 1:
        return 0.0
    move = (1 - hold) / 2
    if p < move:
        return 0.5 - 0.5 * math.cos(math.pi * p / move)
    if p < move + hold:
        return 1.0
    return 0.5 + 0.5 * math.cos(math.pi * (p - move - hold) / move)


# -- poses ----------------------------------------------------------------------------------


def standing(q: float, p: float, side: str, s: Scenario) -> Pose:
    """A person standing still (a bystander); ``q`` sways the arms a little."""
    pose: Pose = {}
    for name, z in (("LEFT", HIP_HALF), ("RIGHT", -HIP_HALF)):
        pose[Point[f"{name}_ANKLE"]] = (0.0, 0.0, z)
        pose[Point[f"{name}_KNEE"]] = (0.0, SHANK, z)
        pose[Point[f"{name}_HIP"]] = (0.0, SHANK + THIGH, z)
    upright_head_and_arms(pose, (0.0, SHANK + THIGH, 0.0), 2 * q, arms_forward=False)
    feet(pose, (1.0, 0.0, 0.0))
    return pose


def squat(q: float, p: float, side: str, s: Scenario, extension: float = 0.0) -> Pose:
    flex = (150.0 if s.fault == "too-deep" else 95.0) * q
    alpha, beta = math.radians(flex * 0.45), math.radians(flex * 0.55)
    lean = 10 + 35 * q + (35 * q if s.fault == "trunk-lean" else 0)
    pose: Pose = {}
    hips_y = 0.0
    for name, z in (("LEFT", 0.27), ("RIGHT", -0.27)):
        knee_z = z * (1 - 0.75 * q) if s.fault == "knees-in" else z * 1.05
        ankle = (0.0, 0.0, z)
        knee = (SHANK * math.sin(alpha), SHANK * math.cos(alpha), knee_z)
        hip = (
            knee[0] - THIGH * math.sin(beta),
            knee[1] + THIGH * math.cos(beta),
            math.copysign(HIP_HALF, z),
        )
        pose[Point[f"{name}_ANKLE"]], pose[Point[f"{name}_KNEE"]], pose[Point[f"{name}_HIP"]] = (
            ankle,
            knee,
            hip,
        )
        hips_y = hip[1]
    upright_head_and_arms(pose, (pose[Point.LEFT_HIP][0], hips_y, 0.0), lean, arms_forward=True)
    feet(pose, (1.0, 0.0, 0.0))
    return pose


def squat_hip_extension(q: float, p: float, side: str, s: Scenario) -> Pose:
    """A squat in the first half of the rep, then one leg reaching back in the second."""
    if p < 0.45:
        return squat(_profile(p / 0.45, False), p, side, s)
    reach = _profile((p - 0.45) / 0.55, False)
    pose = squat(0.0, p, side, s)  # standing up, the feet where the squat had them
    name = side.upper()
    extend = math.radians(40 * reach)
    hip = pose[Point[f"{name}_HIP"]]
    if s.fault == "hips-tilt":
        hip = (hip[0], hip[1] + 0.2 * reach, hip[2])
        pose[Point[f"{name}_HIP"]] = hip
    foot_z = pose[Point[f"{name}_ANKLE"]][2]
    knee = (hip[0] - THIGH * math.sin(extend), hip[1] - THIGH * math.cos(extend), foot_z)
    ankle = (knee[0] - SHANK * math.sin(extend), knee[1] - SHANK * math.cos(extend), foot_z)
    pose[Point[f"{name}_KNEE"]], pose[Point[f"{name}_ANKLE"]] = knee, ankle
    lean = -18 * reach if s.fault == "arch" else 4 * reach
    mid_hip = ((pose[Point.LEFT_HIP][0] + pose[Point.RIGHT_HIP][0]) / 2, SHANK + THIGH, 0.0)
    upright_head_and_arms(pose, mid_hip, lean, arms_forward=True)
    feet(pose, (1.0, 0.0, 0.0))
    return pose


def standing_hip_extension(q: float, p: float, side: str, s: Scenario) -> Pose:
    pose = standing(0.0, p, side, s)
    name = side.upper()
    extend = math.radians(32 * q)
    hip = pose[Point[f"{name}_HIP"]]
    knee = (hip[0] - THIGH * math.sin(extend), hip[1] - THIGH * math.cos(extend), hip[2])
    ankle = (knee[0] - SHANK * math.sin(extend), knee[1] - SHANK * math.cos(extend), hip[2])
    pose[Point[f"{name}_KNEE"]], pose[Point[f"{name}_ANKLE"]] = knee, ankle
    lean = 22 * q if s.fault == "arch" else 3 * q
    upright_head_and_arms(pose, (0.0, SHANK + THIGH, 0.0), lean, arms_forward=False)
    feet(pose, (1.0, 0.0, 0.0))
    return pose


def quadruped_hip_extension(q: float, p: float, side: str, s: Scenario) -> Pose:
    """On hands and knees facing +x; the working thigh swings back to horizontal, knee bent."""
    pose: Pose = {}
    tilt = math.radians(18 * q if s.fault == "arch" else 0.0)
    hip_y = THIGH
    for name, z in (("LEFT", HIP_HALF), ("RIGHT", -HIP_HALF)):
        pose[Point[f"{name}_HIP"]] = (0.0, hip_y, z)
        pose[Point[f"{name}_KNEE"]] = (0.0, 0.05, z)
        pose[Point[f"{name}_ANKLE"]] = (-SHANK, 0.05, z)
        shoulder = (
            TORSO * math.cos(tilt),
            hip_y - TORSO * math.sin(tilt),
            math.copysign(SHOULDER_HALF, z),
        )
        pose[Point[f"{name}_SHOULDER"]] = shoulder
        pose[Point[f"{name}_ELBOW"]] = (shoulder[0], shoulder[1] - UPPER_ARM, shoulder[2])
        pose[Point[f"{name}_WRIST"]] = (
            shoulder[0],
            shoulder[1] - UPPER_ARM - FOREARM + 0.2,
            shoulder[2],
        )
    name = side.upper()
    hip = pose[Point[f"{name}_HIP"]]
    swing = math.radians(90 * q)
    knee = (hip[0] - THIGH * math.sin(swing), hip[1] - THIGH * math.cos(swing), hip[2])
    ankle = (knee[0] - SHANK * math.cos(swing), knee[1] + SHANK * math.sin(swing), hip[2])
    pose[Point[f"{name}_KNEE"]], pose[Point[f"{name}_ANKLE"]] = knee, ankle
    head = (TORSO * math.cos(tilt) + HEAD, hip_y - TORSO * math.sin(tilt) + 0.05, 0.0)
    face(pose, head, facing=(0.5, -0.8, 0.0))
    feet(pose, (-1.0, 0.0, 0.0))
    return pose


def reverse_lunge(q: float, p: float, side: str, s: Scenario) -> Pose:
    """One leg steps back and both knees bend until the back knee nears the floor."""
    pose = standing(0.0, p, side, s)
    front = "RIGHT" if side == "left" else "LEFT"
    hip_y = SHANK + THIGH - 0.75 * q
    hip_x = -0.25 * q
    for name in ("LEFT", "RIGHT"):
        z = pose[Point[f"{name}_HIP"]][2]
        pose[Point[f"{name}_HIP"]] = (hip_x, hip_y, z)
        ankle = (0.0, 0.0, z) if name == front else (-1.3 * q, 0.0, z)
        pick = "forward" if name == front else "lower"
        knee = _circle_meet((hip_x, hip_y), THIGH, (ankle[0], ankle[1]), SHANK, pick=pick)
        pose[Point[f"{name}_KNEE"]] = (knee[0], knee[1], z)
        pose[Point[f"{name}_ANKLE"]] = ankle
    lean = 55 * q if s.fault == "trunk-lean" else 8 * q
    upright_head_and_arms(pose, (hip_x, hip_y, 0.0), lean, arms_forward=False)
    feet(pose, (1.0, 0.0, 0.0))
    return pose


def bridge(q: float, p: float, side: str, s: Scenario, single_leg: bool = False) -> Pose:
    """Lying on the back, head towards -x, feet flat; the hips rise until shoulders, hips and
    knees are in line (``sag`` stops short, ``arch`` pushes the hips above the line)."""
    top = math.radians(20.0)
    reach = 6.0 if s.fault == "sag" else 20.0
    elevation = math.radians(-4.0 + (reach + 4.0) * q)
    knee_top = (1.9 * math.cos(top), 0.05 + 1.9 * math.sin(top))
    ankle_x = knee_top[0] + math.sqrt(SHANK**2 - (knee_top[1] - 0.05) ** 2)
    pose: Pose = {}
    hip = (
        TORSO * math.cos(elevation),
        0.05 + TORSO * math.sin(elevation) + (0.25 * q if s.fault == "arch" else 0.0),
    )
    knee = _circle_meet(hip, THIGH, (ankle_x, 0.05), SHANK)
    for name, z in (("LEFT", 1.0), ("RIGHT", -1.0)):
        knee_z = z * (0.3 - 0.22 * q if s.fault == "knees-in" else 0.3)
        pose[Point[f"{name}_SHOULDER"]] = (0.0, 0.05, z * SHOULDER_HALF)
        pose[Point[f"{name}_ELBOW"]] = (UPPER_ARM, 0.03, z * (SHOULDER_HALF + 0.05))
        pose[Point[f"{name}_WRIST"]] = (UPPER_ARM + FOREARM, 0.03, z * (SHOULDER_HALF + 0.05))
        pose[Point[f"{name}_HIP"]] = (hip[0], hip[1], z * HIP_HALF)
        pose[Point[f"{name}_KNEE"]] = (knee[0], knee[1], knee_z)
        pose[Point[f"{name}_ANKLE"]] = (ankle_x, 0.05, z * 0.22)
    if single_leg:
        lifted = "RIGHT" if side == "left" else "LEFT"
        direction = (knee[0] - hip[0], knee[1] - hip[1])
        length = math.hypot(*direction)
        ankle = (knee[0] + SHANK * direction[0] / length, knee[1] + SHANK * direction[1] / length)
        z = pose[Point[f"{lifted}_ANKLE"]][2]
        pose[Point[f"{lifted}_ANKLE"]] = (ankle[0], ankle[1] + 0.3, z)
    face(pose, (-HEAD, 0.1, 0.0), facing=(-0.3, 1.0, 0.0))
    feet(pose, (0.0, 1.0, 0.0))
    return pose


def clamshell(q: float, p: float, side: str, s: Scenario, plank: bool = False) -> Pose:
    """Lying on one side facing the camera (−z), head towards −x, hips and knees bent; the top
    knee opens upwards while the feet stay together."""
    lift = 0.25 if plank else 0.0
    if plank and s.fault == "hips-drop":
        lift -= 0.3 * q
    pose: Pose = {}
    top, bottom = ("LEFT", "RIGHT") if side == "left" else ("RIGHT", "LEFT")
    roll = math.radians(40 * q if s.fault == "pelvis-roll" else 0.0)
    stack = 2 * HIP_HALF
    pose[Point[f"{bottom}_HIP"]] = (0.0, 0.2 + lift, 0.0)
    pose[Point[f"{top}_HIP"]] = (0.0, 0.2 + lift + stack * math.cos(roll), stack * math.sin(roll))
    shoulder_base = 0.45 if plank else 0.25
    pose[Point[f"{bottom}_SHOULDER"]] = (-TORSO, shoulder_base, 0.0)
    pose[Point[f"{top}_SHOULDER"]] = (-TORSO, shoulder_base + 2 * SHOULDER_HALF, 0.0)
    bend = math.radians(45)
    for name in (bottom, top):
        hx, _, hz = pose[Point[f"{name}_HIP"]]
        knee = (
            hx + THIGH * math.cos(bend),
            0.2 if name == bottom else 0.2 + stack,
            hz - THIGH * math.sin(bend),
        )
        ankle = (
            knee[0] + SHANK * 0.95,
            knee[1] - (0.0 if name == bottom else stack - 0.06),
            knee[2] + THIGH * math.sin(bend),
        )
        pose[Point[f"{name}_KNEE"]], pose[Point[f"{name}_ANKLE"]] = knee, ankle
    opening = math.radians(35 * q)
    kx, ky, kz = pose[Point[f"{top}_KNEE"]]
    pose[Point[f"{top}_KNEE"]] = (
        kx,
        ky + THIGH * math.sin(opening),
        kz + THIGH * (1 - math.cos(opening)),
    )
    if s.fault == "feet-apart":
        ax, ay, az = pose[Point[f"{top}_ANKLE"]]
        pose[Point[f"{top}_ANKLE"]] = (ax, ay + 0.45 * q, az)
    for name in (bottom, top):
        sx, sy, sz = pose[Point[f"{name}_SHOULDER"]]
        pose[Point[f"{name}_ELBOW"]] = (sx + 0.3, sy - 0.1, sz - 0.4)
        pose[Point[f"{name}_WRIST"]] = (sx + 0.6, sy - 0.1, sz - 0.5)
    face(pose, (-TORSO - HEAD, 0.4 + lift, -0.05), facing=(0.0, 0.0, -1.0))
    feet(pose, (0.0, 0.0, -1.0))
    return pose


def _circle_meet(
    a: tuple[float, float],
    ra: float,
    b: tuple[float, float],
    rb: float,
    pick: str = "upper",
) -> tuple[float, float]:
    """Where two circles meet (the knee between hip and ankle): the ``upper``, ``lower`` or
    ``forward`` (larger x) of the two points."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = math.hypot(dx, dy)
    d = min(max(d, abs(ra - rb) + 1e-6), ra + rb - 1e-6)
    along = (ra**2 - rb**2 + d**2) / (2 * d)
    h = math.sqrt(max(ra**2 - along**2, 0.0))
    mx, my = a[0] + along * dx / d, a[1] + along * dy / d
    points = ((mx + h * dy / d, my - h * dx / d), (mx - h * dy / d, my + h * dx / d))
    if pick == "forward":
        return max(points, key=lambda v: v[0])
    return max(points, key=lambda v: v[1] if pick == "upper" else -v[1])


POSES: dict[str, Callable[[float, float, str, Scenario], Pose]] = {
    "standing": standing,
    "squat": squat,
    "squat-hip-extension": squat_hip_extension,
    "standing-hip-extension": standing_hip_extension,
    "quadruped-hip-extension": quadruped_hip_extension,
    "reverse-lunge": reverse_lunge,
    "bridge": bridge,
    "banded-bridge-abduction": bridge,
    "single-leg-bridge": lambda q, p, side, s: bridge(q, p, side, s, single_leg=True),
    "clamshell": clamshell,
    "banded-clamshell": clamshell,
    "side-plank-clamshell": lambda q, p, side, s: clamshell(q, p, side, s, plank=True),
}


def _project(
    pose: Pose, s: Scenario, rng: random.Random, *, scale: float, offset: float, turn: float = 0.0
) -> tuple[Landmark, ...]:
    """The scenario's camera (turned a further ``turn`` degrees) on the pose."""
    camera = Camera(s.yaw + turn, s.pitch, s.camera_distance, s.aspect, s.noise)
    return project(pose, camera, rng, scale=scale, offset=offset)
