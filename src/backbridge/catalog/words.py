"""The catalogue's coded values said in words, once, for the terminal, the page and paper."""

from __future__ import annotations

from backbridge.catalog.models import BandPlacement, Exercise, Laterality

PLACEMENT = {
    BandPlacement.UNDER_BOTH_FEET: "long band under both feet, one end in each hand",
    BandPlacement.ABOVE_KNEES: "loop band around both thighs, just above the knees",
}
LATERALITY = {
    Laterality.BILATERAL: "both sides together",
    Laterality.ALTERNATING: "alternating sides, rep by rep",
    Laterality.ONE_SIDE: "one side at a time, then switch",
}


def equipment_line(exercise: Exercise) -> str:
    """What to have ready, with the band's placement; empty when nothing is needed."""
    items = [str(item).replace("-", " ") for item in exercise.equipment if "band" not in item]
    if exercise.band_placement is not None:
        items.append(PLACEMENT[exercise.band_placement])
    return ", ".join(items)
