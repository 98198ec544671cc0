"""The catalogue paraphrases the seed article: no run of its words is copied."""

from __future__ import annotations

import re

import pytest

from backbridge.catalog import DATA_DIR
from tests.conftest import SHARED

RUN = 7  # words in a row that would count as copying a sentence


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("’", "'"))


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def test_no_sentence_of_the_article_is_copied() -> None:
    seed = sorted((SHARED / "seed").glob("*.txt"))
    if not seed:
        pytest.skip(f"the seed article is not at {SHARED / 'seed'}")
    article = runs(" ".join(path.read_text(encoding="utf-8") for path in seed))
    for path in sorted(DATA_DIR.rglob("*.yaml")):
        copied = runs(path.read_text(encoding="utf-8")) & article
        assert not copied, f"{path.name} copies the article: {' '.join(sorted(copied)[0])}"
