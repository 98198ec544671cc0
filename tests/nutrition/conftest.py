from __future__ import annotations

import pytest

from backbridge.nutrition import Nutrition, load_nutrition


@pytest.fixture(scope="session")
def nutrition() -> Nutrition:
    return load_nutrition()
