"""The analysis of a whole clip as one JSON-ready document (``backbridge analyze --json``)."""

from __future__ import annotations

from typing import Any

from backbridge.vision.analysis import BOUT_GAP_S, Analysis


def report(analysis: Analysis) -> dict[str, Any]:
    snapshot = analysis.snapshot
    warnings = [notice.text for notice in analysis.notices]
    if analysis.frames and not analysis.frames_with_person:
        warnings.append("nobody was found in any frame, so nothing was counted")
    return {
        "exercise": analysis.exercise.slug,
        "reps": snapshot.reps,
        "reps_by_side": dict(snapshot.reps_by_side) if snapshot.reps_by_side is not None else None,
        "reps_detail": [
            {
                "t_start": round(rep.t_start, 3),
                "t_end": round(rep.t_end, 3),
                "side": rep.side,
                "faults": list(rep.faults),
                "confidence": rep.confidence,
            }
            for rep in analysis.reps
        ],
        "faults": [
            {
                "cue": fault.cue,
                "text": fault.text,
                "t": round(fault.t, 3),
                "value": fault.value,
                "threshold": fault.threshold,
                "confidence": fault.confidence,
            }
            for fault in analysis.faults
        ],
        "frames": analysis.frames,
        "frames_with_person": analysis.frames_with_person,
        "warnings": list(dict.fromkeys(warnings)),
        "phases": phases(analysis),
        "uncertain_movements": len(analysis.uncertain),
    }


def phases(analysis: Analysis) -> list[dict[str, Any]]:
    """The set as phases, in time order: ``setup`` before the first rep, ``working`` bouts
    (reps less than :data:`BOUT_GAP_S` apart, with their side when all reps share one),
    ``switching`` between bouts on different sides, ``pause`` between bouts on the same side,
    ``finishing`` after the last rep, and ``out-of-view`` and ``cut`` where the camera lost the
    person or changed its framing. Reps are counted only inside working bouts, by definition."""
    if analysis.t_first is None or analysis.t_last is None:
        return []
    bouts: list[dict[str, Any]] = []
    for rep in analysis.reps:
        last = bouts[-1] if bouts else None
        if (
            last is not None
            and rep.t_start - last["t_end"] < BOUT_GAP_S
            and (last["side"] == rep.side or last["side"] is None or rep.side is None)
        ):
            last["t_end"], last["reps"] = rep.t_end, last["reps"] + 1
        else:
            bouts.append({"phase": "working", "t_start": rep.t_start, "t_end": rep.t_end,
                          "side": rep.side, "reps": 1})  # fmt: skip
    result: list[dict[str, Any]] = []
    cursor = analysis.t_first
    for bout in bouts:
        if bout["t_start"] > cursor:
            between = "setup" if not result else "pause"
            if result and result[-1]["side"] != bout["side"]:
                between = "switching"
            result.append({"phase": between, "t_start": cursor, "t_end": bout["t_start"],
                           "side": None})  # fmt: skip
        result.append(bout)
        cursor = bout["t_end"]
    if cursor < analysis.t_last:
        last_phase = "finishing" if bouts else "setup"
        result.append({"phase": last_phase, "t_start": cursor, "t_end": analysis.t_last,
                       "side": None})  # fmt: skip
    result += [{"phase": "out-of-view", "t_start": a, "t_end": b, "side": None}
               for a, b in analysis.out_of_view]  # fmt: skip
    result += [{"phase": "cut", "t_start": t, "t_end": t, "side": None} for t in analysis.cuts]
    result.sort(key=lambda p: (p["t_start"], p["t_end"]))
    for phase in result:
        phase["t_start"], phase["t_end"] = round(phase["t_start"], 3), round(phase["t_end"], 3)
    return result
