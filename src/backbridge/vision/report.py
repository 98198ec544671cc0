"""The analysis of a whole clip as one JSON-ready document (``backbridge analyze --json``)."""

from __future__ import annotations

from typing import Any

from backbridge.vision.analysis import Analysis


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
            }
            for fault in analysis.faults
        ],
        "frames": analysis.frames,
        "frames_with_person": analysis.frames_with_person,
        "warnings": list(dict.fromkeys(warnings)),
    }
