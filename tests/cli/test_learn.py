"""``backbridge learn`` and the lessons the terminal points to where they matter."""

from __future__ import annotations

import pytest

from backbridge.catalog import Catalog


def test_learn_lists_and_shows_the_lessons(cli, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    listed = cli("learn")
    assert listed.exit_code == 0, listed.output
    for lesson in catalog.lessons:
        assert lesson.id in listed.stdout
    shown = cli("learn", "band-safety")
    text = " ".join(shown.stdout.split())
    assert "Looking after the band" in text and "latex-free band" in text
    assert "S216:" in text and "[not verified]" in text, "citations are printed as written"
    unknown = cli("learn", "flare-ups")
    assert unknown.exit_code == 2 and "did you mean 'flare-up'" in unknown.stderr


@pytest.mark.usefixtures("screened")
def test_a_pain_stop_points_to_the_lesson_about_pain(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("log", "set", "-e", "bridge", "--reps", "10", "--rpe", "7", "--pain", "6")
    assert result.exit_code == 0, result.output
    assert (
        "Worth reading: Pain during exercise is not damage (`backbridge learn pain-and-harm`)"
        in (" ".join(result.stdout.split()))
    )
